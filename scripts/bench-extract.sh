#!/usr/bin/env bash
# Benchmark (not a test): text extraction as a user runs it, whole processes, beside the tool
# they would use instead, in the same run.
#   PDF: `leakledger extract FILE` vs `pdftotext FILE -` on the same PDF: pages per second.
#   OCR: `leakledger extract PAGE.png` vs `tesseract PAGE.png -` (with its default threads and
#        with OMP_THREAD_LIMIT=1, as the worker runs it) on the same page images, and a scanned
#        PDF of those pages (`leakledger extract`, which renders each page with poppler first).
#
# The corpus is English prose (this repository's README and SECURITY.md, repeated) set in a
# PDF by LibreOffice, ten copies joined by pdfunite (1,200 pages), and 300 dpi page images of
# it made by pdftoppm; or pass your own PDF.
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
for tool in pdftotext pdftoppm pdfinfo pdfunite tesseract bc /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "error: $tool is missing: apt-get install poppler-utils tesseract-ocr bc time" >&2; exit 69; }
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
  # Ten copies in one file: a long PDF, so that per-page cost outweighs starting the processes.
  mv "$work/corpus.pdf" "$work/part.pdf"
  pdfunite $(for _ in $(seq 1 10); do echo "$work/part.pdf"; done) "$work/corpus.pdf"
fi
pages="$(pdfinfo "$work/corpus.pdf" | awk '/^Pages:/ {print $2}')"
pdftoppm -r 300 -gray -png -f 1 -l "$ocr_pages" "$work/corpus.pdf" "$work/page"
images=("$work"/page-*.png)
scan=""
if command -v img2pdf >/dev/null; then
  img2pdf "${images[@]}" -o "$work/scan.pdf"
  scan="$work/scan.pdf"
fi

# seconds COMMAND...: "wall cpu" seconds of one run (cpu: user + system, children included),
# output discarded. CPU time is the steadier figure on a machine shared with other work.
seconds() {
  /usr/bin/time -o "$work/time.txt" -f "%e %U %S" "$@" > /dev/null 2>&1
  awk '{printf "%.3f %.3f\n", $1, $2 + $3}' "$work/time.txt"
}

# best NAME UNITS COMMAND...: the fastest of $rounds runs (wall and CPU each);
# prints "NAME units wall cpu wall-rate cpu-rate".
best() {
  local name="$1" units="$2"; shift 2
  local wall="" cpu=""
  for _ in $(seq 1 "$rounds"); do
    read -r w c < <(seconds "$@")
    if [[ -z "$wall" ]] || (( $(echo "$w < $wall" | bc -l) )); then wall="$w"; fi
    if [[ -z "$cpu" ]] || (( $(echo "$c < $cpu" | bc -l) )); then cpu="$c"; fi
  done
  printf "%-44s %6d %8.2f s %8.2f s %9.3f/s %9.3f/s\n" "$name" "$units" "$wall" "$cpu" \
    "$(echo "$units / $wall" | bc -l)" "$(echo "$units / $cpu" | bc -l)"
}

# Each page image in turn, one process per page as a user would run it.
ours_each='for f in "${@:2}"; do "$1" extract "$f"; done'
tesseract_each='for f in "$@"; do tesseract "$f" -; done'

echo "PDF text ($pages pages, $(du -k "$work/corpus.pdf" | cut -f1) KiB); OCR ($ocr_pages pages at 300 dpi); best of $rounds; $(nproc) cores"
printf "%-44s %6s %10s %10s %11s %11s\n" "" "units" "wall" "cpu" "rate(wall)" "rate(cpu)"
pdf_ours=$(best "leakledger extract corpus.pdf (pages)" "$pages" "$bin" extract "$work/corpus.pdf"); echo "$pdf_ours"
pdf_ref=$(best "pdftotext corpus.pdf - (pages)" "$pages" pdftotext "$work/corpus.pdf" -); echo "$pdf_ref"
ocr_ours=$(best "leakledger extract page.png, each (pages)" "$ocr_pages" bash -c "$ours_each" _ "$bin" "${images[@]}"); echo "$ocr_ours"
ocr_ref=$(best "tesseract page.png -, each (pages)" "$ocr_pages" bash -c "$tesseract_each" _ "${images[@]}"); echo "$ocr_ref"
ocr_ref1=$(best "OMP_THREAD_LIMIT=1 tesseract, each (pages)" "$ocr_pages" env OMP_THREAD_LIMIT=1 bash -c "$tesseract_each" _ "${images[@]}"); echo "$ocr_ref1"
if [[ -n "$scan" ]]; then
  best "leakledger extract scan.pdf (pages)" "$ocr_pages" "$bin" extract "$scan"
fi

# ratio OURS REFERENCE COLUMN: our rate over the reference's (column 5: wall, 6: CPU).
ratio() { echo "$(awk -v c="$3" '{print $(NF - 6 + c)}' <<<"$1" | tr -d '/s') / $(awk -v c="$3" '{print $(NF - 6 + c)}' <<<"$2" | tr -d '/s')" | bc -l; }
echo
printf "PDF: leakledger / pdftotext pages per second: %.2f wall, %.2f CPU\n" "$(ratio "$pdf_ours" "$pdf_ref" 5)" "$(ratio "$pdf_ours" "$pdf_ref" 6)"
printf "OCR: leakledger / tesseract pages per second: %.2f wall, %.2f CPU; against tesseract on one thread: %.2f wall, %.2f CPU\n" \
  "$(ratio "$ocr_ours" "$ocr_ref" 5)" "$(ratio "$ocr_ours" "$ocr_ref" 6)" "$(ratio "$ocr_ours" "$ocr_ref1" 5)" "$(ratio "$ocr_ours" "$ocr_ref1" 6)"
