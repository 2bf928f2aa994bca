#!/usr/bin/env python3
"""An independent implementation of LeakLedger's quote proofs, written from the text of
spec/quote-proof.md (and excerpt-verification.md for the L2 layer, the C2SP tlog-proof,
tlog-checkpoint and signed-note formats, and RFC 9162), with nothing but Python's standard
library and the `cryptography` package (Ed25519). It shares no code with the Swift one.

usage:
  quote_proof.py words                         < L1 text     -> JSON list of the L2 words
  quote_proof.py commit SECRET_HEX             < L1 text     -> {"quote_words": N, "quote_root": b64}
  quote_proof.py prove SECRET_HEX RECEIPT_FILE A:B [A:B...] < L1 text -> proof file JSON
  quote_proof.py make-log SECRET_HEX ID TITLE A:B [A:B...]  < L1 text
        -> {"vkey": ..., "proof": {...}}: a log of its own (ledger.created, document.registered),
           a checkpoint signed with a fresh Ed25519 key, the receipt, and the proof
  quote_proof.py verify VERIFIER_KEY           < proof file  -> JSON of what it shows, exit 0;
        "check: why" on standard output and exit 1 when a check fails
Exits 77 when the `cryptography` package is missing.

Several ranges A:B in one proof are the project's extension (docs/quote-proof.md): format
"leakledger-quote-proof/v1-ranges", member "ranges" of {"first", "words"}, and RANGE treats
a subtree as revealed when one range covers it and as outside when no range meets it.
"""
import base64
import hashlib
import hmac
import json
import sys
import unicodedata

try:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
    from cryptography.exceptions import InvalidSignature
except ImportError:
    print("cryptography is not installed")
    sys.exit(77)

FORMAT = "leakledger-quote-proof/v1"
RANGES_FORMAT = "leakledger-quote-proof/v1-ranges"
SCHEME = "l2-words-v1"
SALT_LABEL = b"leakledger/quote-salt/v1"

# --- L2 (excerpt-verification.md, "Text layers") -------------------------------------------

LISTED_QUOTES = set('"\'„‚‛‟′″‴❛❜❝❞〝〞〟＂＇')
# The White_Space property of the Unicode Character Database (PropList.txt): "any Unicode
# space, tab, line end, NBSP".
WHITE_SPACE = set(map(chr, [*range(0x09, 0x0E), 0x20, 0x85, 0xA0, 0x1680, *range(0x2000, 0x200B),
                            0x2028, 0x2029, 0x202F, 0x205F, 0x3000]))


def quote_kind(ch):
    """'"' or "'" for a quotation mark, by its kind; None for anything else. The spec says
    "by its kind (double or single)"; read here as: double when the mark's name says DOUBLE
    (or TRIPLE: three strokes are not a single mark) or when it is a compatibility form of '"'."""
    if ch not in LISTED_QUOTES and unicodedata.category(ch) not in ("Pi", "Pf"):
        return None
    name = unicodedata.name(ch, "")
    if "DOUBLE" in name or "TRIPLE" in name or unicodedata.normalize("NFKC", ch) == '"':
        return '"'
    return "'"


def l2(text):
    out = []
    for ch in text:
        kind = quote_kind(ch)
        if kind:
            out.append(kind)
        elif unicodedata.category(ch) == "Pd" or ch == "\u2212":
            out.append("-")
        elif unicodedata.category(ch) == "Cf":
            continue
        else:
            out.append(ch)
    text = unicodedata.normalize("NFKC", "".join(out))
    result, in_space = [], False
    for ch in text:
        if ch in WHITE_SPACE:
            if not in_space:
                result.append(" ")
            in_space = True
        else:
            result.append(ch)
            in_space = False
    return "".join(result)


def words_of(text):
    """Section 1: the L2 text split on U+0020, empty pieces dropped, as UTF-8."""
    return [w.encode("utf-8") for w in l2(text).split(" ") if w]


# --- Commitment (section 1) ------------------------------------------------------------------

def salt(secret, i):
    return hmac.new(secret, SALT_LABEL + i.to_bytes(8, "big"), hashlib.sha256).digest()


def leaf(salt_i, word):
    return hashlib.sha256(b"\x00" + salt_i + word).digest()


def node(left, right):
    return hashlib.sha256(b"\x01" + left + right).digest()


def split_point(n):
    k = 1
    while k * 2 < n:
        k *= 2
    return k


def mth(leaves):
    if len(leaves) == 1:
        return leaves[0]
    k = split_point(len(leaves))
    return node(mth(leaves[:k]), mth(leaves[k:]))


# --- Range proof (section 2), one or several ranges -----------------------------------------

def relation(lo, hi, ranges):
    if all(b <= lo or hi <= a for a, b in ranges):
        return "outside"
    if any(a <= lo and hi <= b for a, b in ranges):
        return "revealed"
    return "split"


def range_hashes(leaves, ranges):
    out = []

    def walk(lo, hi):
        r = relation(lo, hi, ranges)
        if r == "outside":
            out.append(mth(leaves[lo:hi]))
        elif r == "split":
            k = split_point(hi - lo)
            walk(lo, lo + k)
            walk(lo + k, hi)

    walk(0, len(leaves))
    return out


class Failed(Exception):
    def __init__(self, check, message):
        super().__init__(message)
        self.check = check


def walk_root(n, ranges, revealed_leaf, hashes):
    """The verifier's mirror of RANGE: consumes `hashes` in order; revealed_leaf(i) gives the
    leaf hash of a revealed word."""
    position = [0]

    def walk(lo, hi):
        r = relation(lo, hi, ranges)
        if r == "outside":
            if position[0] >= len(hashes):
                raise Failed("hashes", "a hash is missing")
            position[0] += 1
            return hashes[position[0] - 1]
        if r == "revealed":
            return mth([revealed_leaf(i) for i in range(lo, hi)])
        k = split_point(hi - lo)
        return node(walk(lo, lo + k), walk(lo + k, hi))

    root = walk(0, n)
    if position[0] != len(hashes):
        raise Failed("hashes", "hashes left over")
    return root


def b64(data):
    return base64.b64encode(data).decode()


def unb64(text, size=None):
    if not isinstance(text, str):
        raise Failed("format", "not a base64 string")
    try:
        data = base64.b64decode(text, validate=True)
    except Exception:
        raise Failed("format", "not base64")
    if base64.b64encode(data).decode() != text:
        raise Failed("format", "not canonical base64")
    if size is not None and len(data) != size:
        raise Failed("format", "not %d bytes" % size)
    return data


def parse_ranges(args):
    ranges = []
    for arg in args:
        a, b = arg.split(":")
        ranges.append((int(a), int(b)))
    return ranges


def prove(text, secret, receipt, ranges):
    words = words_of(text)
    salts = [salt(secret, i) for i in range(len(words))]
    leaves = [leaf(s, w) for s, w in zip(salts, words)]
    hashes = range_hashes(leaves, ranges)

    def revealed(a, b):
        return [{"salt": b64(salts[i]), "text": words[i].decode("utf-8")} for i in range(a, b)]

    proof = {"receipt": receipt, "hashes": [b64(h) for h in hashes]}
    if len(ranges) == 1:
        proof.update({"format": FORMAT, "first": ranges[0][0], "words": revealed(*ranges[0])})
    else:
        proof.update({"format": RANGES_FORMAT, "ranges": [{"first": a, "words": revealed(a, b)} for a, b in ranges]})
    return proof


# --- A log of its own: canonical entries, RFC 9162 tree, C2SP checkpoint and receipt ---------

def canonical(value):
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def inclusion_path(index, leaves):
    # RFC 9162 2.1.3.1: PATH(m, D[n])
    if len(leaves) == 1:
        return []
    k = split_point(len(leaves))
    if index < k:
        return inclusion_path(index, leaves[:k]) + [mth(leaves[k:])]
    return inclusion_path(index - k, leaves[k:]) + [mth(leaves[:k])]


def make_log(text, secret, doc_id, title, ranges):
    origin = "interop.example/python-quote-log"
    private = Ed25519PrivateKey.generate()
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
    public = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    key_id = hashlib.sha256(origin.encode() + b"\n\x01" + public).digest()[:4]
    vkey = "%s+%s+%s" % (origin, key_id.hex(), b64(b"\x01" + public))

    words = words_of(text)
    leaves = [leaf(salt(secret, i), w) for i, w in enumerate(words)]
    raw = text.encode("utf-8")
    entries = [
        {"v": 1, "seq": 0, "time": "2026-01-02T03:04:05Z", "type": "ledger.created", "actor": "python",
         "body": {"origin": origin, "format": "leakledger/v1", "verifier_keys": [vkey]}},
        {"v": 1, "seq": 1, "time": "2026-01-02T03:04:06Z", "type": "document.registered", "actor": "python",
         "body": {"id": doc_id, "kind": "document", "title": title, "content": "text", "stored": False,
                  "sha256": hashlib.sha256(raw).hexdigest(), "bytes": len(raw),
                  "text_sha256": hashlib.sha256(l2(text).encode("utf-8")).hexdigest(),
                  "quote_scheme": SCHEME, "quote_words": len(words), "quote_root": b64(mth(leaves))}},
    ]
    lines = [canonical(e) for e in entries]
    log_leaves = [hashlib.sha256(b"\x00" + line).digest() for line in lines]
    checkpoint = "%s\n%d\n%s\n" % (origin, len(lines), b64(mth(log_leaves)))
    signature = private.sign(checkpoint.encode())
    note = checkpoint + "\n\u2014 %s %s\n" % (origin, b64(key_id + signature))
    receipt = "c2sp.org/tlog-proof@v1\nextra %s\nindex 1\n" % b64(lines[1])
    receipt += "".join(b64(h) + "\n" for h in inclusion_path(1, log_leaves)) + "\n" + note
    return {"vkey": vkey, "proof": prove(text, secret, receipt, ranges)}


# --- Verifying (section 4) --------------------------------------------------------------------

def root_from_path(leaf_hash, index, size, path):
    # RFC 9162 2.1.3.2
    if index >= size:
        return None
    fn, sn, r = index, size - 1, leaf_hash
    for p in path:
        if sn == 0:
            return None
        if fn & 1 or fn == sn:
            r = node(p, r)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            r = node(r, p)
        fn >>= 1
        sn >>= 1
    return r if sn == 0 else None


def verify_receipt(receipt, vkey):
    """Step 1: the checkpoint's signature by the ledger's key, and the inclusion of the entry."""
    name, kid_hex, key_b64 = vkey.split("+", 2)
    key = base64.b64decode(key_b64)
    if key[:1] != b"\x01" or hashlib.sha256(name.encode() + b"\n" + key).digest()[:4].hex() != kid_hex:
        raise Failed("receipt", "bad verifier key")
    public = Ed25519PublicKey.from_public_bytes(key[1:])
    lines = receipt.split("\n")
    if lines.pop(0) != "c2sp.org/tlog-proof@v1" or not lines or not lines[0].startswith("extra "):
        raise Failed("receipt", "not a tlog-proof receipt with an entry")
    try:
        extra = base64.b64decode(lines.pop(0)[6:], validate=True)
        index_line = lines.pop(0)
        if not index_line.startswith("index ") or not index_line[6:].isdigit():
            raise Failed("receipt", "no index line")
        index = int(index_line[6:])
        path = []
        while lines[0] != "":
            path.append(base64.b64decode(lines.pop(0), validate=True))
        lines.pop(0)
    except (IndexError, ValueError):
        raise Failed("receipt", "malformed receipt")
    note = "\n".join(lines)
    split = note.rfind("\n\n")
    if split < 0:
        raise Failed("receipt", "no signed note")
    text, signatures = note[:split + 1], note[split + 2:]
    signed = False
    for line in signatures.splitlines():
        if not line.startswith("\u2014 "):
            raise Failed("receipt", "bad signature line")
        line_name, blob_b64 = line[2:].split(" ", 1)
        blob = base64.b64decode(blob_b64)
        if line_name == name and blob[:4].hex() == kid_hex:
            try:
                public.verify(blob[4:], text.encode())
                signed = True
            except InvalidSignature:
                raise Failed("receipt", "invalid checkpoint signature")
    if not signed:
        raise Failed("receipt", "the checkpoint is not signed by the key")
    head = text.split("\n")
    size, root = int(head[1]), base64.b64decode(head[2])
    if root_from_path(hashlib.sha256(b"\x00" + extra).digest(), index, size, path) != root:
        raise Failed("receipt", "the inclusion proof does not lead to the checkpoint's root")
    return json.loads(extra.decode("utf-8"))


def verify(proof, vkey):
    if not isinstance(proof, dict):
        raise Failed("format", "not a JSON object")
    fmt = proof.get("format")
    if fmt == FORMAT:
        members = {"format", "receipt", "first", "words", "hashes"}
        raw_ranges = [{"first": proof.get("first"), "words": proof.get("words")}]
    elif fmt == RANGES_FORMAT:
        members = {"format", "receipt", "ranges", "hashes"}
        raw_ranges = proof.get("ranges")
        if not isinstance(raw_ranges, list) or not raw_ranges:
            raise Failed("format", "ranges")
    else:
        raise Failed("format", "unknown format")
    if set(proof) != members or not isinstance(proof["receipt"], str) or not isinstance(proof["hashes"], list):
        raise Failed("format", "members")

    entry = verify_receipt(proof["receipt"], vkey)                                   # step 1
    body = entry.get("body", {})                                                     # step 2
    if entry.get("type") != "document.registered" or body.get("quote_scheme") != SCHEME:
        raise Failed("entry", "not a document.registered entry with quote_scheme " + SCHEME)
    n, root = body.get("quote_words"), unb64(body.get("quote_root"), 32)
    if not isinstance(n, int) or isinstance(n, bool) or n < 1:
        raise Failed("entry", "quote_words")

    ranges, revealed = [], {}                                                        # step 3
    for item in raw_ranges:
        if not isinstance(item, dict) or set(item) != {"first", "words"}:
            raise Failed("format", "range members")
        first, words = item["first"], item["words"]
        if not isinstance(first, int) or isinstance(first, bool) or not isinstance(words, list):
            raise Failed("format", "first and words")
        if first < 0 or len(words) < 1 or first + len(words) > n:
            raise Failed("bounds", "positions outside 0..N")
        if ranges and first <= ranges[-1][1]:
            raise Failed("bounds", "ranges out of order or touching")
        for j, w in enumerate(words):
            if not isinstance(w, dict) or set(w) != {"salt", "text"} or not isinstance(w["text"], str) or not w["text"]:
                raise Failed("format", "word")
            revealed[first + j] = (unb64(w["salt"], 32), w["text"])
        ranges.append((first, first + len(words)))
    hashes = [unb64(h, 32) for h in proof["hashes"]]

    def revealed_leaf(i):
        s, t = revealed[i]
        return leaf(s, t.encode("utf-8"))

    if walk_root(n, ranges, revealed_leaf, hashes) != root:                         # step 4
        raise Failed("root", "the range walk does not lead to quote_root")
    return {"document": body.get("id"), "title": body.get("title"), "seq": entry.get("seq"), "quote_words": n,
            "ranges": [{"first": a, "words": [revealed[i][1] for i in range(a, b)]} for a, b in ranges]}


def main():
    command, args = sys.argv[1], sys.argv[2:]
    if command == "verify":
        try:
            proof = json.loads(sys.stdin.buffer.read().decode("utf-8"))
        except ValueError:
            print("format: not JSON")
            sys.exit(1)
        try:
            print(json.dumps(verify(proof, args[0]), ensure_ascii=False))
        except Failed as failure:
            print("%s: %s" % (failure.check, failure))
            sys.exit(1)
        return
    text = sys.stdin.buffer.read().decode("utf-8")
    if command == "words":
        print(json.dumps([w.decode("utf-8") for w in words_of(text)], ensure_ascii=False))
    elif command == "commit":
        secret = bytes.fromhex(args[0])
        words = words_of(text)
        leaves = [leaf(salt(secret, i), w) for i, w in enumerate(words)]
        print(json.dumps({"quote_words": len(words), "quote_root": b64(mth(leaves)) if leaves else None}))
    elif command == "prove":
        receipt = open(args[1], encoding="utf-8").read()
        print(json.dumps(prove(text, bytes.fromhex(args[0]), receipt, parse_ranges(args[2:])), ensure_ascii=False))
    elif command == "make-log":
        print(json.dumps(make_log(text, bytes.fromhex(args[0]), args[1], args[2], parse_ranges(args[3:])), ensure_ascii=False))
    else:
        sys.exit("unknown command " + command)


if __name__ == "__main__":
    main()
