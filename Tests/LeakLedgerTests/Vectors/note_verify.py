#!/usr/bin/env python3
"""Verifies a C2SP signed note with Python's `cryptography`, independently of LeakLedger.

usage: note_verify.py VERIFIER_KEY < signed-note
Prints "ok" and exits 0 when a signature line by that key verifies; else prints why, exits 1.
Exits 77 when the `cryptography` package is missing (the test then skips visibly).
"""
import base64
import hashlib
import sys

try:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    from cryptography.exceptions import InvalidSignature
except ImportError:
    print("cryptography is not installed")
    sys.exit(77)


def main():
    name, kid_hex, key_b64 = sys.argv[1].split("+", 2)
    key = base64.b64decode(key_b64, validate=True)
    if len(key) != 33 or key[0] != 0x01:
        sys.exit("not an Ed25519 verifier key")
    kid = hashlib.sha256(name.encode() + b"\n" + key).digest()[:4]
    if kid.hex() != kid_hex:
        sys.exit("key id mismatch: %s computed, %s given" % (kid.hex(), kid_hex))
    public = Ed25519PublicKey.from_public_bytes(key[1:])
    note = sys.stdin.buffer.read()
    split = note.rindex(b"\n\n")
    text, sigs = note[:split + 1], note[split + 2:]
    for line in sigs.decode().splitlines():
        if not line.startswith("\u2014 "):
            sys.exit("bad signature line %r" % line)
        line_name, b64 = line[2:].split(" ")
        blob = base64.b64decode(b64, validate=True)
        if line_name != name or blob[:4] != kid:
            continue
        try:
            public.verify(blob[4:], text)
        except InvalidSignature:
            sys.exit("invalid signature")
        print("ok")
        return
    sys.exit("no signature by %s" % name)


if __name__ == "__main__":
    main()
