#!/usr/bin/env bash
# Measurement (not a test): `leakledger dkim verify` on inputs built to be too much, with the
# release build, each one's time and peak memory (maximum resident set size, /usr/bin/time -v),
# and `openssl dgst -sha256` over the same large file as the yardstick.
#
#   1. a message of SIZE_MIB (default 1024, i.e. 1 GiB): signed by dkimpy twice (rsa-sha256 with
#      l=, relaxed/relaxed; ed25519-sha256 without l=, simple/simple), then text appended to the
#      body. The l= signature must pass and name the appended bytes; the other must fail.
#   2. RFC 8463's signed example under 100,000 Received fields: both signatures pass.
#   3. a header of 1,000,000 fields (about 90 MB, past the 32 MiB limit): a clear error, exit 65.
#
# Usage: scripts/dkim-limits.sh [SIZE_MIB]
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
size_mib="${1:-1024}"

if [[ ! -x /usr/bin/time ]]; then
  apt-get install -y time >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y time >/dev/null; }
fi
python3 -c 'import dkim, nacl' 2>/dev/null || python3 -m pip install -q dkimpy pynacl

if [[ -n "${LEAKLEDGER_BIN:-}" ]]; then
  bin="$LEAKLEDGER_BIN"
else
  (cd "$root" && swift build -c release --product leakledger >&2)
  bin="$(cd "$root" && swift build -c release --show-bin-path)/leakledger"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 - "$work" "$size_mib" <<'PY'
import base64, os, sys
import dkim
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, rsa

work, size_mib = sys.argv[1], int(sys.argv[2])
rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
rsa_pem = rsa_key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption())
rsa_pub = base64.b64encode(rsa_key.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)).decode()
ed_key = ed25519.Ed25519PrivateKey.generate()
ed_seed = base64.b64encode(ed_key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()))
ed_pub = base64.b64encode(ed_key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)).decode()
with open(os.path.join(work, "keys.txt"), "w") as f:
    f.write('big._domainkey.example.org "v=DKIM1; k=rsa; p=%s"\n' % rsa_pub)
    f.write('ed._domainkey.example.org "v=DKIM1; k=ed25519; p=%s"\n' % ed_pub)

message = (b"From: Ana Ortega <ana@example.org>\r\nTo: desk@news.example\r\nSubject: Harbour figures\r\n"
           b"Date: Tue, 04 Mar 2025 09:15:00 +0100\r\nMessage-ID: <big@example.org>\r\n\r\n"
           b"The figures are attached below.\r\n")
signed = dkim.sign(message, b"big", b"example.org", rsa_pem, canonicalize=(b"relaxed", b"relaxed"), length=True) + message
signed = dkim.sign(signed, b"ed", b"example.org", ed_seed, signature_algorithm=b"ed25519-sha256",
                   canonicalize=(b"simple", b"simple")) + signed
line = b"Row 000123; harbour dredging; invoice 1.2 million euros;  paid\t \r\n"
block = line * ((1 << 20) // len(line))
with open(os.path.join(work, "big.eml"), "wb") as f:
    f.write(signed)
    written = len(signed)
    while written < size_mib << 20:
        f.write(block)
        written += len(block)
PY

cp "$root/Tests/MailAuthTests/Vectors/published-keys.txt" "$work/published-keys.txt"
python3 - "$work" "$root/Tests/MailAuthTests/Vectors/rfc8463-appendix-a.eml" <<'PY'
import sys
work, example = sys.argv[1], open(sys.argv[2], "rb").read()
def received(count):
    return b"".join(b"Received: from relay%d.example.net by mx.example.net; Fri, 11 Jul 2003 21:00:37 -0700\r\n" % i for i in range(count))
open(work + "/lines-100k.eml", "wb").write(received(100_000) + example)
open(work + "/lines-1m.eml", "wb").write(received(1_000_000) + example)
PY

measure() {  # label, then the command
  local label="$1"; shift
  local out="$work/time.txt" status=0
  /usr/bin/time -v "$@" >"$work/stdout.txt" 2>"$out" || status=$?
  local seconds rss
  seconds="$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$out")"
  rss="$(awk -F': ' '/Maximum resident set size/ {printf "%.1f MiB", $2 / 1024}' "$out")"
  printf '%-52s exit %-3s %10s  peak %s\n' "$label" "$status" "$seconds" "$rss"
}

echo "input: $(du -h "$work/big.eml" | cut -f1) message; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
measure "openssl dgst -sha256 (${size_mib} MiB, the yardstick)" openssl dgst -sha256 "$work/big.eml"
measure "dkim verify (${size_mib} MiB body, 2 signatures)" "$bin" dkim verify "$work/big.eml" --keys "$work/keys.txt" --json
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); [print("   [%d] %s: %s; unsigned_body_bytes=%s" % (s["index"], s["result"], s["reason"][:70], s.get("unsigned_body_bytes"))) for s in r["signatures"]]' "$work/stdout.txt"
measure "dkim verify (100,000 Received fields)" "$bin" dkim verify "$work/lines-100k.eml" --keys "$work/published-keys.txt"
head -1 "$work/stdout.txt" | sed 's/^/   /'
measure "dkim verify (1,000,000 Received fields, ~90 MB)" "$bin" dkim verify "$work/lines-1m.eml" --keys "$work/published-keys.txt"
sed 's/^/   /' "$work/time.txt" | grep '^   error:' || true
