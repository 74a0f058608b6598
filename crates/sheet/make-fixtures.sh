#!/usr/bin/env bash
# Makes tests' fixtures (committed in fixtures/): needs python3 with xlsxwriter
# (pip install xlsxwriter) and LibreOffice (apt-get install -y libreoffice-calc-nogui).
set -euo pipefail
cd "$(dirname "$0")"
python3 scripts/make_fixtures.py
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# LibreOffice converts the seed and formats workbooks to .ods and .xls (the cached values and
# formats kept).
soffice --headless -env:UserInstallation=file://"$tmp"/profile \
  --convert-to ods --outdir "$tmp" fixtures/seed.xlsx >/dev/null
soffice --headless -env:UserInstallation=file://"$tmp"/profile \
  --convert-to xls --outdir "$tmp" fixtures/seed.xlsx >/dev/null
soffice --headless -env:UserInstallation=file://"$tmp"/profile \
  --convert-to ods --outdir "$tmp" fixtures/formats.xlsx >/dev/null
soffice --headless -env:UserInstallation=file://"$tmp"/profile \
  --convert-to xls --outdir "$tmp" fixtures/formats.xlsx >/dev/null
cp "$tmp"/seed.ods "$tmp"/seed.xls fixtures/
cp "$tmp"/formats.ods "$tmp"/formats.xls fixtures/
ls -l fixtures
