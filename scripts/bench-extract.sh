#!/usr/bin/env bash
# Benchmark (not a test): text extraction as a user runs it, whole processes, beside the tool
# they would use instead, in the same run.
#   PDF: `leakledger extract FILE` vs `pdftotext FILE -` on the same PDF: pages per second.
#   OCR: `leakledger extract PAGE.png` vs `tesseract PAGE.png -` (with its default threads and
#        with OMP_THREAD_LIMIT=1, as the worker runs it) on the same page images, and a scanned
#        PDF of those pages (`leakledger extract`, which renders each page with poppler first).
#
# The corpus is English prose (this repository's README and SECURITY.md, repeated) set in a
# PDF by LibreOffice, and 300 dpi page images of it made by pdftoppm; or pass your own PDF.
#
# Needs: poppler-utils, tesseract-ocr (+eng), and LibreOffice (soffice) unless a PDF is given;
# img2pdf for the scanned-PDF row.
#   apt-get install poppler-utils tesseract-ocr libreoffice-writer-nogui img2pdf
#
# Usage: scripts/bench-extract.sh [PDF]   (OCR_PAGES=4 and ROUNDS=2 by default)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
ocr_pages="${OCR_PAGES:-4}"
rounds="${ROUNDS:-2}"
for tool in pdftotext pdftoppm pdfinfo tesseract; do
  command -v "$tool" >/dev/null || { echo "error: $tool is missing: apt-get install poppler-utils tesseract-ocr" >&2; exit 69; }
done

if [[ -n "${LEAKLEDGER_BIN:-}" ]]; then
  bin="$LEAKLEDGER_BIN"
else
  (cd "$root" && swift build -c release --product leakledger >&2 && swift build -c release --product leakledger-extract >&2)
  bin="$(cd "$root" && swift build -c release --show-bin-path)/leakledger"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [[ $# -ge 1 ]]; then
  cp "$1" "$work/corpus.pdf"
else
  command -v soffice >/dev/null || { echo "error: soffice is missing: apt-get install libreoffice-writer-nogui, or pass a PDF" >&2; exit 69; }
  for _ in $(seq 1 12); do cat "$root/README.md" "$root/SECURITY.md"; done > "$work/corpus.txt"
  (cd "$work" && soffice --headless --convert-to pdf corpus.txt >/dev/null 2>&1)
fi
pages="$(pdfinfo "$work/corpus.pdf" | awk '/^Pages:/ {print $2}')"
pdftoppm -r 300 -gray -png -f 1 -l "$ocr_pages" "$work/corpus.pdf" "$work/page"
images=("$work"/page-*.png)
scan=""
if command -v img2pdf >/dev/null; then
  img2pdf "${images[@]}" -o "$work/scan.pdf"
  scan="$work/scan.pdf"
fi

# seconds COMMAND...: wall-clock seconds of one run, output discarded.
seconds() {
  local start end
  start=$(date +%s.%N)
  "$@" > /dev/null 2>&1
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}

# best NAME UNITS COMMAND...: the fastest of $rounds runs; prints "NAME units seconds units/s".
best() {
  local name="$1" units="$2"; shift 2
  local fastest=""
  for _ in $(seq 1 "$rounds"); do
    local s
    s=$(seconds "$@")
    if [[ -z "$fastest" ]] || (( $(echo "$s < $fastest" | bc -l) )); then fastest="$s"; fi
  done
  printf "%-44s %6d %8.2f s %9.1f/s\n" "$name" "$units" "$fastest" "$(echo "$units / $fastest" | bc -l)"
}

each_image() { for image in "${images[@]}"; do "$@" "$image"; done; }
leakledger_png() { "$bin" extract "$1"; }
tesseract_png() { tesseract "$1" -; }
tesseract_png_one_thread() { OMP_THREAD_LIMIT=1 tesseract "$1" -; }

command -v bc >/dev/null || { echo "error: bc is missing: apt-get install bc" >&2; exit 69; }
echo "PDF text ($pages pages, $(du -k "$work/corpus.pdf" | cut -f1) KiB); OCR ($ocr_pages pages at 300 dpi); best of $rounds; $(nproc) cores"
printf "%-44s %6s %10s %11s\n" "" "units" "time" "rate"
pdf_ours=$(best "leakledger extract corpus.pdf (pages)" "$pages" "$bin" extract "$work/corpus.pdf"); echo "$pdf_ours"
pdf_ref=$(best "pdftotext corpus.pdf - (pages)" "$pages" pdftotext "$work/corpus.pdf" -); echo "$pdf_ref"
ocr_ours=$(best "leakledger extract page.png, each (pages)" "$ocr_pages" each_image leakledger_png); echo "$ocr_ours"
ocr_ref=$(best "tesseract page.png -, each (pages)" "$ocr_pages" each_image tesseract_png); echo "$ocr_ref"
ocr_ref1=$(best "OMP_THREAD_LIMIT=1 tesseract, each (pages)" "$ocr_pages" each_image tesseract_png_one_thread); echo "$ocr_ref1"
if [[ -n "$scan" ]]; then
  best "leakledger extract scan.pdf (pages)" "$ocr_pages" "$bin" extract "$scan"
fi

rate() { awk '{print $(NF)}' <<<"$1" | tr -d '/s'; }
echo
printf "PDF: leakledger / pdftotext pages per second: %.2f\n" "$(echo "$(rate "$pdf_ours") / $(rate "$pdf_ref")" | bc -l)"
printf "OCR: leakledger / tesseract pages per second: %.2f (%.2f against tesseract on one thread)\n" \
  "$(echo "$(rate "$ocr_ours") / $(rate "$ocr_ref")" | bc -l)" "$(echo "$(rate "$ocr_ours") / $(rate "$ocr_ref1")" | bc -l)"
