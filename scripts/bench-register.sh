#!/usr/bin/env bash
# Benchmark (not a test): registers a large random file with the release build and prints its
# time beside `openssl dgst -sha256` on the same file in the same run, and each one's peak
# memory (maximum resident set size from /usr/bin/time -v).
#
# Goal (issue 2): register --hash-only no slower than openssl, peak under 64 MiB; the default
# path (copy to objects/ in the same read) also under 64 MiB.
#
# Usage: scripts/bench-register.sh [SIZE_MIB]   (default 1024, i.e. 1 GiB)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
size_mib="${1:-1024}"

if [[ ! -x /usr/bin/time ]]; then
  if [[ "$(id -u)" == 0 ]]; then
    apt-get install -y time >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y time >/dev/null; }
  else
    echo "error: /usr/bin/time is missing: install the 'time' package (apt-get install time)" >&2
    exit 69
  fi
fi

if [[ -n "${LEAKLEDGER_BIN:-}" ]]; then
  bin="$LEAKLEDGER_BIN"
else
  (cd "$root" && swift build -c release --product leakledger >&2)
  bin="$(cd "$root" && swift build -c release --show-bin-path)/leakledger"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export XDG_CONFIG_HOME="$work/config" LEAKLEDGER_ACTOR=bench
unset LEAKLEDGER_DIR LEAKLEDGER_KEY

echo "Making a ${size_mib} MiB random file..." >&2
head -c "$((size_mib << 20))" /dev/urandom > "$work/big.bin"
"$bin" init "$work/L" --origin bench.example/register >/dev/null
cat "$work/big.bin" > /dev/null  # same page-cache state for every run

# measure NAME COMMAND...: prints "NAME seconds peak_kib" from /usr/bin/time -v.
measure() {
  local name="$1"; shift
  /usr/bin/time -v -o "$work/time.txt" "$@" > /dev/null
  local elapsed kib
  elapsed="$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time.txt")"
  kib="$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")"
  # m:ss.ss or h:mm:ss to seconds
  local seconds
  seconds="$(awk -v t="$elapsed" 'BEGIN { n = split(t, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.2f", s }')"
  echo "$name $seconds $kib"
}

results="$work/results.txt"
: > "$results"
for round in 1 2; do
  measure "openssl-dgst-sha256" openssl dgst -sha256 "$work/big.bin" >> "$results"
  measure "register--hash-only" "$bin" register "$work/big.bin" --hash-only --id "hash-only-$round" --ledger "$work/L" >> "$results"
done
measure "register(copy-to-objects)" "$bin" register "$work/big.bin" --id "stored" --ledger "$work/L" >> "$results"
"$bin" check --ledger "$work/L" >/dev/null

echo
echo "file: ${size_mib} MiB of random bytes; best of 2 runs for the first two rows"
awk -v mib="$size_mib" '
  { if (!($1 in best) || $2 < best[$1]) { best[$1] = $2; rss[$1] = $3 } ; if (!($1 in order)) { order[$1] = ++n; names[n] = $1 } }
  END {
    printf "%-26s %9s %9s %14s\n", "command", "seconds", "MiB/s", "peak RSS MiB"
    for (i = 1; i <= n; i++) { k = names[i]; printf "%-26s %9.2f %9.0f %14.1f\n", k, best[k], (best[k] > 0 ? mib / best[k] : 0), rss[k] / 1024 }
    o = best["openssl-dgst-sha256"]; r = best["register--hash-only"]
    if (o > 0) printf "ratio register --hash-only / openssl: %.2f (goal <= 1.00)\n", r / o
  }' "$results"
