#!/usr/bin/env bash
# Installs the programs the tests use to read the editions back, once: Debian packages via
# apt-get, then each file in scripts/deps/ (one per area: pip and npm packages, newer
# validators). Each edition is checked by its real readers: pdftotext/pdffonts (poppler-utils),
# qpdf, LibreOffice, pandoc, epubcheck, GNU parallel (docs/scaling.md), hyperfine (make bench),
# and DejaVu for the DOCX test that hides PT Serif from LibreOffice.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v pdftotext >/dev/null || need+=(poppler-utils)
command -v qpdf >/dev/null || need+=(qpdf)
command -v pandoc >/dev/null || need+=(pandoc)
command -v soffice >/dev/null || need+=(libreoffice-writer-nogui)
command -v java >/dev/null || need+=(default-jre-headless)
[ -e /usr/share/java/epubcheck.jar ] || need+=(epubcheck)
command -v hyperfine >/dev/null || need+=(hyperfine)
command -v parallel >/dev/null || need+=(parallel)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf ] || need+=(fonts-dejavu-core)
# Packages the area scripts declare (one name per line in scripts/deps/*.apt).
for list in scripts/deps/*.apt; do
  [ -e "$list" ] || continue
  while read -r cmd pkg; do
    case "$cmd" in ''|'#'*) continue ;; esac
    command -v "$cmd" >/dev/null || [ -e "$cmd" ] || need+=("$pkg")
  done < "$list"
done
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
# Area scripts: pip and npm packages (npm ones into .tools/<name>, which git ignores).
for script in scripts/deps/*.sh; do
  [ -e "$script" ] || continue
  bash "$script"
done
