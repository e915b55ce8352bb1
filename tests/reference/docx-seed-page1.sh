#!/usr/bin/env bash
# Renders tests/reference/docx-seed-page1.png: the seed's DOCX, converted by LibreOffice with
# only DejaVu visible (so the embedded PT Serif is what it uses), page 1 at 70 dpi, reduced
# to 16 grey levels to stay under 50 KB (no image tools needed: Python's zlib writes it).
set -euo pipefail
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cargo run -q -- export samples/zinoviev-1932-12-03.toml --to docx --out-dir "$tmp"
cat > "$tmp/fonts.conf" <<CONF
<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><dir>/usr/share/fonts/truetype/dejavu</dir><cachedir>$tmp/fc</cachedir></fontconfig>
CONF
FONTCONFIG_FILE="$tmp/fonts.conf" soffice -env:UserInstallation="file://$tmp/profile" \
  --headless --convert-to pdf --outdir "$tmp" "$tmp/zinoviev-1932-12-03.docx" >/dev/null
pdftoppm -gray -r 70 -f 1 -l 1 "$tmp/zinoviev-1932-12-03.pdf" "$tmp/page"
python3 - "$tmp"/page-1.pgm tests/reference/docx-seed-page1.png <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], 'rb').read()
fields, i = [], 0
while len(fields) < 4:
    while data[i:i+1].isspace():
        i += 1
    j = i
    while not data[j:j+1].isspace():
        j += 1
    fields.append(data[i:j]); i = j
i += 1
w, h = int(fields[1]), int(fields[2])
px = data[i:i + w * h]
raw = bytearray()
for y in range(h):
    raw.append(0)
    row = px[y * w:(y + 1) * w]
    for x in range(0, w, 2):
        a = (row[x] * 15 + 127) // 255
        b = (row[x + 1] * 15 + 127) // 255 if x + 1 < w else 0
        raw.append(a << 4 | b)
def chunk(t, d):
    return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
open(sys.argv[2], 'wb').write(b'\x89PNG\r\n\x1a\n'
    + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 4, 0, 0, 0, 0))
    + chunk(b'IDAT', zlib.compress(bytes(raw), 9)) + chunk(b'IEND', b''))
PY
ls -l tests/reference/docx-seed-page1.png
