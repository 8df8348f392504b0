#!/bin/sh
# render_sheet.sh: renders the statements sheet of an xlsx export as LibreOffice draws it (PDF, then PNG) for a person to look at.
# Usage: tools/render_sheet.sh NEWSREC OUTDIR INPUT...
set -eu
newsrec=$1 out=$2
shift 2
mkdir -p "$out"
"$newsrec" -q --format xlsx --out "$out/sheets.xlsx" "$@"
# One page per sheet, so the statements sheet (the fourth) is page 4 whatever its size.
soffice -env:UserInstallation="file://$(cd "$out" && pwd)/lo-profile" --headless \
    --convert-to 'pdf:calc_pdf_Export:{"SinglePageSheets":{"type":"boolean","value":"true"}}' \
    --outdir "$out" "$out/sheets.xlsx" 2>&1 >/dev/null | grep -v javaldx >&2 || true
test -s "$out/sheets.pdf"
pdftoppm -f 4 -l 4 -singlefile -png -r 96 "$out/sheets.pdf" "$out/statements"
echo "render: $out/statements.png (the statements sheet of $out/sheets.xlsx)"
