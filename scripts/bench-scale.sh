#!/usr/bin/env bash
# Archive-scale benchmark (issue 9). Not a test: it prints figures, each beside a baseline
# measured in the same run, and writes them as JSON and Markdown.
#
# For each archive size (1k, 10k, 100k, 1M documents by default), it writes an archive of
# generated documents that read like English and Spanish (a word-pair model trained on prose
# that ships with Debian: scripts/benchscale/training.py), registers it in a new ledger as a
# user would (init, then register --recursive, or register FILE... in batches where the build
# lacks it) beside git init && git add -A && git commit of the same files, and times every
# command as a whole process: show, log --limit 10, prove, register of one file, verify of
# exact, edited, absent, common-word, rare-word and boilerplate quotes beside rg -F -l over the
# same files, check beside Python reading the same log, --help/--version beside git --version,
# the index beside the texts, and content-less entries per second.
#
# Usage: scripts/bench-scale.sh [--sizes 1000,10000] [--data /work/bench-data] [...]
#        scripts/bench-scale.sh --help          every option
# LEAKLEDGER_BIN=path measures that binary instead of building `swift build -c release
# --static-swift-stdlib` (as the README installs it) into .build-static.
# Archives are kept in DATA/archives for the next run; ledgers are removed (--keep keeps them).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

need=()
command -v hyperfine >/dev/null || need+=(hyperfine)
command -v rg >/dev/null || need+=(ripgrep)
command -v git >/dev/null || need+=(git)
[[ -x /usr/bin/time ]] || need+=(time)
command -v python3 >/dev/null || need+=(python3)
if ((${#need[@]})); then
  if [[ "$(id -u)" == 0 ]]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "error: missing ${need[*]}: install them (apt-get install ${need[*]})" >&2
    exit 69
  fi
fi

for arg in "$@"; do
  if [[ "$arg" == "-h" || "$arg" == "--help" ]]; then
    cd "$root/scripts" && exec python3 -m benchscale --bin leakledger --help
  fi
done

if [[ -n "${LEAKLEDGER_BIN:-}" ]]; then
  bin="$LEAKLEDGER_BIN"
else
  (cd "$root" && swift build -c release --static-swift-stdlib --scratch-path .build-static --product leakledger >&2 \
     && swift build -c release --static-swift-stdlib --scratch-path .build-static --product leakledger-extract >&2)
  bin="$(cd "$root" && swift build -c release --static-swift-stdlib --scratch-path .build-static --show-bin-path)/leakledger"
fi

cd "$root/scripts"
exec python3 -m benchscale --bin "$bin" "$@"
