#!/usr/bin/env bash
# Installs the programs the tests use to read the editions back (Debian packages), once.
# Each edition is checked by its real readers: pdftotext/pdffonts (poppler-utils), qpdf,
# LibreOffice, pandoc, epubcheck, GNU parallel (docs/scaling.md), hyperfine (make bench), and
# DejaVu for the DOCX test that hides PT Serif from LibreOffice.
set -euo pipefail
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
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
