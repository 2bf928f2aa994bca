#!/usr/bin/env bash
# Makes the format fixtures of Tests/ExtractionTests/Fixtures with the tools that make such
# files in the field, once; the files are committed so that CI needs none of these tools.
# Every text is fictional (a made-up harbour authority in a made-up town).
#
# Needs: LibreOffice (soffice, headless), poppler-utils (pdftoppm), img2pdf, qpdf, python3.
#   apt-get install libreoffice-writer-nogui poppler-utils img2pdf qpdf
#
# How each file is made:
#   report.pdf          LibreOffice: report.fodt (two A6 pages, DejaVu Serif) to PDF: a text layer
#   report-scan.pdf     pdftoppm -r 200 -gray of report.pdf, each page back into a PDF by img2pdf:
#                       pages with no text layer, as a scanner makes them
#   report-page1.png    pdftoppm -r 200 -gray -png of page 1; .jpg and .tif the same page as JPEG, TIFF
#   report-locked.pdf   qpdf --encrypt (AES-256, user password "harbour") of report.pdf
#   memo.odt, memo.docx LibreOffice: memo.fodt (tracked changes: two deletions, one insertion;
#                       a footnote; a header and a footer) to ODT and to Word 2007+ DOCX
#   page.html           written by hand in the fixtures folder (not made here): inline markup
#                       inside sentences, entities, script, style, a hidden block, a list, a break
#   qp-message.eml, base64-message.eml, mailbox.mbox
#                       Python's email package (email.message.EmailMessage, mailbox.mbox):
#                       quoted-printable and base64 bodies, an RFC 2047 subject, text/plain beside
#                       text/html, report.pdf as an attachment
set -euo pipefail
cd "$(dirname "$0")/.."
src=scripts/format-fixtures
out=Tests/ExtractionTests/Fixtures
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"

for name in report memo; do
  cat "$src/fodt-head.xml" "$src/$name.fodt.body" > "$work/$name.fodt"
done
soffice --headless --convert-to pdf --outdir "$work" "$work/report.fodt" >/dev/null
soffice --headless --convert-to odt --outdir "$work" "$work/memo.fodt" >/dev/null
soffice --headless --convert-to 'docx:MS Word 2007 XML' --outdir "$work" "$work/memo.fodt" >/dev/null
cp "$work/report.pdf" "$work/memo.odt" "$work/memo.docx" "$out/"

pdftoppm -r 200 -gray -png "$out/report.pdf" "$work/scan"
img2pdf "$work"/scan-*.png -o "$out/report-scan.pdf"
pdftoppm -r 200 -gray -png -f 1 -l 1 -singlefile "$out/report.pdf" "$out/report-page1"
pdftoppm -r 200 -gray -jpeg -f 1 -l 1 -singlefile "$out/report.pdf" "$out/report-page1"
pdftoppm -r 200 -gray -tiff -tiffcompression lzw -f 1 -l 1 -singlefile "$out/report.pdf" "$out/report-page1"
mv "$out/report-page1.tif" "$out/report-page1.tiff" 2>/dev/null || true
qpdf --encrypt harbour harbour-owner 256 -- "$out/report.pdf" "$out/report-locked.pdf"

python3 "$src/make-mail.py" "$out"
ls -l "$out"
