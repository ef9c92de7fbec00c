#!/usr/bin/env bash
# Set up everything dossier needs on a Debian machine; a second run skips what is done.
# System packages (LibreOffice headless, CJK fonts, poppler, qpdf, tesseract with Chinese for OCR, Chromium for the
# browser tests) via apt-get
# when missing,
# then a virtual environment at .venv/ with the package installed in editable mode.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
command -v qpdf >/dev/null 2>&1 || need+=(qpdf)
fc-list 2>/dev/null | grep -i "Noto Serif CJK" >/dev/null || need+=(fonts-noto-cjk)
# TrueType-outline CJK fonts that reportlab can embed (Noto CJK is CFF, which reportlab cannot)
[ -f /usr/share/fonts/truetype/arphic/uming.ttc ] || need+=(fonts-arphic-uming)
[ -f /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ] || need+=(fonts-wqy-zenhei)
[ -f /usr/share/fonts/truetype/arphic/ukai.ttc ] || need+=(fonts-arphic-ukai)   # 楷体 for converted drafts
command -v fc-list >/dev/null 2>&1 || need+=(fontconfig)
# the browser the web tests drive through Playwright (Playwright's own browser download is not used)
[ -x /usr/bin/chromium ] || need+=(chromium)
# OCR of scans (ocrmypdf drives tesseract; ghostscript is what ocrmypdf rasterizes PDFs with)
command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr)
tesseract --list-langs 2>/dev/null | grep -x chi_sim >/dev/null || need+=(tesseract-ocr-chi-sim)
command -v gs >/dev/null 2>&1 || need+=(ghostscript)
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing system packages: ${need[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

stamp=.venv/.installed
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "setup: installing Python dependencies into .venv/"
  .venv/bin/pip install -q --upgrade pip >/dev/null 2>&1 || true
  .venv/bin/pip install -q -e '.[test]'
  touch "$stamp"
fi
