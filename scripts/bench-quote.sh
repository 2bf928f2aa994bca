#!/usr/bin/env bash
# Benchmark (not a test): quote proofs on a 1 MB text that reads like a language (the licence
# texts Debian ships, repeated), timed as whole processes with hyperfine, each beside its
# baseline from the same run:
#   - the commitment: `quote-bench commit` (decode, L2 pass, text_sha256 and the commitment)
#     minus `quote-bench fingerprint` (decode, L2 pass, text_sha256: what register does today),
#     as a share of `leakledger register` of the same file;
#   - proving: `quote-bench prove` (open the ledger, read the secret, decode, layers, match,
#     words and tree, receipt, write the file: what prove-quote will do);
#   - verifying: `leakledger verify-quote FILE --key K --quote Q`.
# Goals (issue 12): prove and verify under 50 ms each; the commitment under 10% of register.
#
# Usage: scripts/bench-quote.sh [RUNS]   (default 10)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-10}"
command -v hyperfine >/dev/null || { echo "error: hyperfine is missing: apt-get install hyperfine" >&2; exit 69; }
[[ -d /usr/share/common-licenses ]] || { echo "error: /usr/share/common-licenses is missing (Debian's base-files): no text to use" >&2; exit 69; }

(cd "$root" && swift build -c release --product leakledger >&2 && swift build -c release --product quote-bench >&2)
bin="$(cd "$root" && swift build -c release --show-bin-path)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export XDG_CONFIG_HOME="$work/config" XDG_STATE_HOME="$work/state" LEAKLEDGER_ACTOR=bench
unset LEAKLEDGER_DIR LEAKLEDGER_KEY

for _ in 1 2 3 4 5 6 7 8; do cat /usr/share/common-licenses/*; done > "$work/all.txt"
head -c 1048576 "$work/all.txt" > "$work/text.txt"
quote="everyone is permitted to copy and distribute verbatim copies"
grep -qi "$quote" "$work/text.txt" || quote="$(head -c 100000 "$work/text.txt" | tail -n 3 | head -n 1 | cut -c1-60)"
"$bin/leakledger" init "$work/R" --origin bench.example/register >/dev/null
vkey="$("$bin/quote-bench" setup "$work/text.txt" "$work/Q" "$work/secrets")"
echo "Text: $(wc -c < "$work/text.txt") bytes, $(wc -w < "$work/text.txt") words (wc); load average: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

hyperfine -N -w 2 -r "$runs" --export-json "$work/a.json" \
  -n fingerprint "$bin/quote-bench fingerprint $work/text.txt" \
  -n commit "$bin/quote-bench commit $work/text.txt" \
  -n prove "$bin/quote-bench prove $work/Q $work/secrets $work/text.txt '$quote' $work/proof.json" \
  -n verify-quote "$bin/leakledger verify-quote $work/proof.json --key $vkey --quote '$quote'" >&2
hyperfine -S bash -w 1 -r "$runs" --export-json "$work/b.json" \
  -n register "$bin/leakledger register $work/text.txt --ledger $work/R --id d\$RANDOM\$RANDOM" >&2

python3 - "$work/a.json" "$work/b.json" <<'PY'
import json, sys
r = {}
for path in sys.argv[1:]:
    for b in json.load(open(path))["results"]:
        r[b["command"]] = b
def ms(name, key="median"): return r[name][key] * 1000
def user(name): return r[name]["user"] * 1000
added = ms("commit") - ms("fingerprint")
added_user = user("commit") - user("fingerprint")
print(f"register (1 MB text, whole command)   {ms('register'):7.1f} ms median, {user('register'):6.1f} ms CPU")
print(f"commitment added to the L2 pass       {added:7.1f} ms ({100 * added / ms('register'):.0f}% of register), {added_user:6.1f} ms CPU ({100 * added_user / user('register'):.0f}%)")
print(f"prove (what prove-quote will do)      {ms('prove'):7.1f} ms median, {user('prove'):6.1f} ms CPU   goal < 50 ms")
print(f"verify-quote --quote                  {ms('verify-quote'):7.1f} ms median, {user('verify-quote'):6.1f} ms CPU   goal < 50 ms")
PY
