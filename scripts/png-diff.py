#!/usr/bin/env python3
"""Compares two page renders (PNG, as pdftoppm writes them): prints the share of pixels
that differ, in percent, and exits 1 when the sizes differ or the share passes LIMIT.
Decodes PNG with zlib alone (8-bit or 1-bit greyscale, RGB), so it needs no imaging package.

usage: png-diff.py REFERENCE.png ACTUAL.png [LIMIT_PERCENT=0.5]
"""
import struct
import sys
import zlib


def decode(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit(f"{path}: not a PNG")
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        chunk = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    if interlace:
        sys.exit(f"{path}: interlaced PNG")
    channels = {0: 1, 2: 3, 4: 2, 6: 4}.get(colour)
    if channels is None:
        sys.exit(f"{path}: unsupported colour type {colour}")
    bpp = max(1, channels * depth // 8)
    stride = (width * channels * depth + 7) // 8
    raw = zlib.decompress(idat)
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    # One darkness bit per pixel: enough to compare renders of black text.
    dark = []
    for line in rows:
        if depth == 1:
            bits = "".join(f"{byte:08b}" for byte in line)[:width]
            dark.append([ch == "0" for ch in bits])
        else:
            dark.append([line[x * channels * depth // 8] < 128 for x in range(width)])
    return width, height, dark


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    limit = float(sys.argv[3]) if len(sys.argv) > 3 else 0.5
    w1, h1, a = decode(sys.argv[1])
    w2, h2, b = decode(sys.argv[2])
    if (w1, h1) != (w2, h2):
        print(f"sizes differ: {w1}x{h1} and {w2}x{h2}")
        sys.exit(1)
    differ = sum(x != y for ra, rb in zip(a, b) for x, y in zip(ra, rb))
    share = 100.0 * differ / (w1 * h1)
    print(f"{share:.3f} % of pixels differ ({differ} of {w1 * h1})")
    sys.exit(1 if share > limit else 0)


if __name__ == "__main__":
    main()
