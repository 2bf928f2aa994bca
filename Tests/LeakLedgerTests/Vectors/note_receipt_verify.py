#!/usr/bin/env python3
"""Verifies a LeakLedger receipt (c2sp.org/tlog-proof@v1 with the entry on the extra line)
independently: Python's cryptography for Ed25519, hashlib and RFC 9162 2.1.3.2 for the proof.

usage: note_receipt_verify.py VERIFIER_KEY < receipt
Prints the entry bytes (UTF-8) and exits 0 when the receipt verifies; prints why and exits 1
otherwise; exits 77 when the `cryptography` package is missing.
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


def node(left, right):
    return hashlib.sha256(b"\x01" + left + right).digest()


def root_from_path(leaf, index, size, path):
    # RFC 9162 2.1.3.2
    if index >= size:
        return None
    fn, sn, r = index, size - 1, leaf
    for p in path:
        if sn == 0:
            return None
        if fn & 1 or fn == sn:
            r = node(p, r)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node(r, p)
        fn >>= 1
        sn >>= 1
    return r if sn == 0 else None


def main():
    name, kid_hex, key_b64 = sys.argv[1].split("+", 2)
    key = base64.b64decode(key_b64, validate=True)
    kid = hashlib.sha256(name.encode() + b"\n" + key).digest()[:4]
    if key[0] != 1 or kid.hex() != kid_hex:
        sys.exit("bad verifier key")
    public = Ed25519PublicKey.from_public_bytes(key[1:])

    lines = sys.stdin.buffer.read().split(b"\n")
    if lines.pop(0) != b"c2sp.org/tlog-proof@v1":
        sys.exit("not a tlog-proof")
    extra = None
    if lines[0].startswith(b"extra "):
        extra = base64.b64decode(lines.pop(0)[6:], validate=True)
    index_line = lines.pop(0)
    if not index_line.startswith(b"index "):
        sys.exit("no index line")
    index = int(index_line[6:])
    path = []
    while lines[0] != b"":
        path.append(base64.b64decode(lines.pop(0), validate=True))
    lines.pop(0)
    note = b"\n".join(lines)
    split = note.rindex(b"\n\n")
    text, sigs = note[:split + 1], note[split + 2:]
    verified = False
    for line in sigs.decode().splitlines():
        line_name, b64 = line[2:].split(" ")
        blob = base64.b64decode(b64)
        if line_name == name and blob[:4] == kid:
            try:
                public.verify(blob[4:], text)
                verified = True
            except InvalidSignature:
                sys.exit("invalid checkpoint signature")
    if not verified:
        sys.exit("checkpoint not signed by the key")
    origin, size, root_b64 = text.decode().split("\n")[:3]
    root = base64.b64decode(root_b64, validate=True)
    leaf = hashlib.sha256(b"\x00" + extra).digest()
    if root_from_path(leaf, index, int(size), path) != root:
        sys.exit("inclusion proof does not lead to the root")
    sys.stdout.write(extra.decode())


if __name__ == "__main__":
    main()
