#!/usr/bin/env bash
# Rebuilds the sample ledger Ledger/ from the reference case (shared/cases/elpais-2022.md):
# facts only, and the excerpts exactly as reporting printed them (flaws included).
#
# It drives the leakledger command itself. The signing key is made in a temporary folder and
# thrown away at the end, so nobody can append to the published sample; set SAMPLE_KEY=FILE to
# keep the key there instead (outside the repository).
#
# Usage: scripts/make-sample-ledger.sh [LEDGER_DIR]   (default: Ledger/ at the repository root)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
ledger="${1:-$root/Ledger}"

if [[ -n "${LEAKLEDGER_BIN:-}" ]]; then
  bin="$LEAKLEDGER_BIN"
else
  (cd "$root" && swift build --product leakledger >&2)
  bin="$(cd "$root" && swift build --show-bin-path)/leakledger"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
key="${SAMPLE_KEY:-$work/sample.key}"
case "$(cd "$(dirname "$key")" && pwd)/" in
  "$root"/*) echo "error: keep SAMPLE_KEY outside the repository" >&2; exit 64 ;;
esac

export LEAKLEDGER_ACTOR="make-sample-ledger"
unset LEAKLEDGER_DIR LEAKLEDGER_KEY
ll() { "$bin" "$@" --ledger "$ledger" --key "$key"; }

rm -rf "$ledger"
"$bin" init "$ledger" --origin leakledger.example/elpais-2022 --key "$key"

# Statements and reports the documents are cross-referenced with.
ll register --excerpts-only --kind statement --id wire-story \
  --title "Wire-service story (Brussels dateline, 2022) that reported the leak and quoted both documents"
ll register --excerpts-only --kind statement --id stoltenberg-briefing \
  --title "Public statements to the media by NATO Secretary General Jens Stoltenberg the week before, outlining NATO's position"
ll register --excerpts-only --kind statement --id bucharest-2008 \
  --title "NATO Bucharest summit declaration, 2008" \
  --excerpt 'We agreed today that these countries will become members of NATO.'

# The two leaked documents, known only from the excerpts the wire story printed.
ll register --excerpts-only --id us-response \
  --title "Written response of the United States to Russia's security proposals" \
  --publisher "El País" --published 2022-02-02 --marking "confidential; non-paper" \
  --source "published by El País" \
  --excerpt 'a transparency mechanism to confirm the absence of Tomahawk cruise missiles. at the Aegis Ashore sites in Romania and Poland”. .”' \
  --excerpt 'offer reciprocal transparency measures on two ground-launched missile bases of our choice in Russia' \
  --excerpt 'progress can only be made on these issues in an environment of de-escalation with respect to Russia’s threatening actions toward Ukraine' \
  --cited-by wire-story
ll register --excerpts-only --id nato-response \
  --title "Written response of NATO (30 allies) to Russia's proposals" \
  --publisher "El País" --published 2022-02-02 \
  --source "published by El País" \
  --excerpt 'reaffirm our commitment to NATO’s open door policy' \
  --cited-by wire-story

rm -f "$ledger/lock" "$ledger"/index.sqlite*
"$bin" check --ledger "$ledger"

# ---------------------------------------------------------------------------------------------
# Provenance (issue 4): what each party said about the documents, and the cross-references,
# as the case reports them. Statements are verbatim words only (paraphrases stay out), and no
# --at is given because the case dates none of the statements. El País is the publisher of both
# documents (recorded above), not a registered document, so the wire story's citing of El País
# is said in the notes of its `quotes` links rather than as a link of its own.
ll status "US State Department" us-response declined_to_comment --reported-by wire-story
ll status NATO nato-response no_comment_policy --statement "alleged leaks" --reported-by wire-story
ll status Kremlin us-response declined_to_comment --statement "we haven't released anything" --reported-by wire-story
ll status Kremlin nato-response declined_to_comment --statement "we haven't released anything" --reported-by wire-story
ll status "Russian Foreign Ministry" us-response neither_confirm_nor_deny --reported-by "RIA Novosti"
ll status "Russian Foreign Ministry" nato-response neither_confirm_nor_deny --reported-by "RIA Novosti"
ll link nato-response mirrors stoltenberg-briefing --note "closely mirrors (corroborating similarity, not proof)"
ll link wire-story quotes us-response --note "excerpts 1-3; the story cites El País as the publisher"
ll link wire-story quotes nato-response --note "excerpt 4; the story cites El País as the publisher"
ll link nato-response context bucharest-2008 --note "reaffirms the open-door policy of the 2008 declaration"

rm -f "$ledger/lock" "$ledger"/index.sqlite*
"$bin" check --ledger "$ledger"
