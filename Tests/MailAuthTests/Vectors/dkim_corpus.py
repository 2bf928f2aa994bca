#!/usr/bin/env python3
"""Signs fictional messages with dkimpy (the reference implementation), tampers with them, and
records dkimpy's own verdict on every one, for MailAuth to agree with.

Usage: dkim_corpus.py OUTDIR
Writes OUTDIR/keys.txt (the key records, zone-file style, in several spellings), OUTDIR/*.eml
and OUTDIR/manifest.json: a list of {"file", "dkimpy": [bool per DKIM-Signature, top first],
"weak": bool}. "weak" marks rsa-sha1 signatures, which dkimpy accepts and MailAuth must report
as weak (RFC 8301), never as a pass.

Keys are made fresh on each run (RSA 1024, 2048, 4096 and 512 bits, Ed25519); nothing here is a
real key or a real person.
"""
import base64
import json
import os
import subprocess
import sys

import dkim
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, rsa

from dkimpy_verify import verdicts  # the same dkimpy call the Swift tests make

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
DOMAIN = b"example.org"

# --- keys -------------------------------------------------------------------------------------

def rsa_key(bits):
    if bits < 1024:  # cryptography refuses to make such a key; openssl still does
        generated = subprocess.run(["openssl", "genrsa", str(bits)], capture_output=True, check=True).stdout
        key = serialization.load_pem_private_key(generated, password=None, unsafe_skip_rsa_key_validation=True)
    else:
        key = rsa.generate_private_key(public_exponent=65537, key_size=bits)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
                            serialization.NoEncryption())
    spki = key.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    pkcs1 = key.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.PKCS1)
    return pem, base64.b64encode(spki).decode(), base64.b64encode(pkcs1).decode()

def ed_key():
    key = ed25519.Ed25519PrivateKey.generate()
    seed = key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption())
    public = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(seed), base64.b64encode(public).decode()

keys = {}      # selector -> (private key, algorithm)
records = {}   # "selector._domainkey.example.org." -> joined record text (what DNS would return)
lines = ["; Key records for the dkimpy corpus, in the spellings a key archive may use.", ""]

for bits in (1024, 2048, 4096):
    pem, spki, pkcs1 = rsa_key(bits)
    selector = "rsa%d" % bits
    keys[selector] = (pem, b"rsa-sha256")
    text = "v=DKIM1; k=rsa; p=" + spki
    records["%s._domainkey.example.org." % selector] = text
    if bits == 1024:
        lines.append('%s._domainkey.example.org "%s"' % (selector, text))
        # The same key published as a bare PKCS#1 RSAPublicKey, which RFC 6376 literally names.
        keys["pkcs1"] = (pem, b"rsa-sha256")
        records["pkcs1._domainkey.example.org."] = "v=DKIM1; k=rsa; p=" + pkcs1
        lines.append('pkcs1._domainkey.example.org. 300 IN TXT "v=DKIM1; k=rsa; p=%s"' % pkcs1)
    elif bits == 2048:
        chunks = [text[i:i + 200] for i in range(0, len(text), 200)]
        lines.append("%s._domainkey.example.org. 3600 IN TXT %s" % (selector, " ".join('"%s"' % c for c in chunks)))
        keys["sha1"] = (pem, b"rsa-sha1")
        records["sha1._domainkey.example.org."] = text
        lines.append('sha1._domainkey.example.org IN TXT "%s"   ; the same key, for rsa-sha1' % text)
    else:
        chunks = [text[i:i + 255] for i in range(0, len(text), 255)]
        lines.append("%s._domainkey.example.org. IN TXT ( ; a long record over several lines" % selector)
        lines.extend('    "%s"' % c for c in chunks)
        lines.append("    )")

seed, public = ed_key()
keys["ed"] = (seed, b"ed25519-sha256")
records["ed._domainkey.example.org."] = "v=DKIM1; k=ed25519; p=" + public
lines.append('# Ed25519 (RFC 8463)')
lines.append('ed._domainkey.example.org "v=DKIM1; k=ed25519; " "p=%s"' % public)

# A 512-bit key: dkimpy refuses it (under 1024 bits), MailAuth reports it weak.
pem, spki, _ = rsa_key(512)
keys["rsa512"] = (pem, b"rsa-sha256")
records["rsa512._domainkey.example.org."] = "v=DKIM1; k=rsa; p=" + spki
lines.append('rsa512._domainkey.example.org "v=DKIM1; k=rsa; p=%s"' % spki)

with open(os.path.join(out, "keys.txt"), "w") as f:
    f.write("\n".join(lines) + "\n")

# --- messages (fictional) ---------------------------------------------------------------------

def crlf(text):
    return text.replace("\n", "\r\n").encode("utf-8")

MESSAGES = {
    # 8-bit UTF-8 body, folded To and Subject, an unsigned Received, trailing blank lines.
    "memo": crlf(
        "Received: from relay.example.net by mx.news.example; Tue, 04 Mar 2025 09:15:02 +0100\n"
        "From: Ana Ortega <ana@example.org>\n"
        "To: Harbour Desk <desk@news.example>,\n"
        "\tArchive <archive@news.example>\n"
        "Subject: Figures for the harbour dredging contract,\n"
        " second quarter (revised)\n"
        "Date: Tue, 04 Mar 2025 09:15:00 +0100\n"
        "Message-ID: <20250304091500.4411@example.org>\n"
        "MIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=utf-8\n"
        "Content-Transfer-Encoding: 8bit\n"
        "\n"
        "Hello,\n"
        "\n"
        "the revised figures for the dredging contract are below. The\n"
        "  contractor's  invoice   came in at 1.2 million euros, not 0.9.\n"
        "Señora Ibáñez asked that the naïve estimate be kept for the file.\n"
        "\n"
        "Ana\n"
        "\n"
        "\n"),
    # Latin-1 bytes in the body, a body without a final line end, odd header spacing.
    "latin": (
        b"From:   Piet Vermeer <piet@example.org>\r\n"
        b"To: desk@news.example\r\n"
        b"Subject:\tMinutes of the water board\r\n"
        b"Date: Mon, 3 Feb 2025 17:40:11 +0000\r\n"
        b"Message-ID: <minutes-0203@example.org>\r\n"
        b"Content-Type: text/plain; charset=iso-8859-1\r\n"
        b"\r\n"
        b"The board met at the caf\xe9 by the lock.\t \r\n"
        b"Attendance: 7 of 9.   Next meeting in M\xe4rz."),
    # No body at all.
    "empty": crlf(
        "From: Lena Fischer <lena@example.org>\n"
        "To: desk@news.example\n"
        "Subject: (no text)\n"
        "Date: Wed, 05 Mar 2025 08:00:00 +0100\n"
        "Message-ID: <empty-0305@example.org>\n"
        "\n"),
}

SIGNED = [b"from", b"to", b"subject", b"date", b"message-id", b"content-type", b"reply-to", b"from", b"subject"]

def sign(message, selector, canon, length=False, identity=None):
    private, algorithm = keys[selector]
    return dkim.sign(message, selector.encode(), DOMAIN, private, signature_algorithm=algorithm,
                     canonicalize=canon, include_headers=SIGNED, length=length, identity=identity)

def header_block(message):
    """The header fields (each ending in CRLF) and the body (after the blank line)."""
    at = message.find(b"\r\n\r\n")
    return (message, b"") if at < 0 else (message[:at + 2], message[at + 4:])

def replace_once(message, old, new):
    assert old in message, (old, message[:200])
    return message.replace(old, new, 1)

def tampered(signed, name):
    """The signed message changed in one way, named after what changed."""
    fields, body = header_block(signed)
    head = fields + b"\r\n"
    if name == "ok":
        return signed
    if name == "lf":
        return signed.replace(b"\r\n", b"\n")
    if name == "body":
        return head + (body.replace(b"e", b"a", 1) if b"e" in body else body + b"\r\nP.S. added\r\n")
    if name == "header":
        return replace_once(signed, b"Subject:", b"Subject: Re:")
    if name == "body_ws":
        return head + (body.replace(b"\r\n", b"  \t\r\n", 2) if body.count(b"\r\n") > 1 else body + b"  \r\n")
    if name == "header_ws":
        at = signed.find(b"\r\n", signed.find(b"\nTo:") + 1)
        return signed[:at] + b"  " + signed[at:]
    if name == "added":
        return b"X-Scanned-By: newsroom-filter 2.1\r\n" + signed
    if name == "oversigned":
        return b"Subject: Figures approved\r\n" + signed
    if name == "absent":
        return fields + b"Reply-To: someone@elsewhere.example\r\n\r\n" + body
    if name == "from2":
        return b"From: Someone Else <ceo@example.org>\r\n" + signed
    if name == "refold":
        return replace_once(signed, b"Date: ", b"Date:\r\n  ")
    if name == "blank_end":
        return signed + b"\r\n\r\n"
    if name == "ws_inner":
        return head + body.replace(b" ", b"  ", 3) if b" " in body else head + body + b"\r\n"
    if name == "name_case":
        return replace_once(signed, b"\r\nDate:", b"\r\nDATE:")
    raise ValueError(name)

VARIANTS = ["ok", "lf", "body", "header", "body_ws", "header_ws", "added", "oversigned", "absent", "from2",
            "refold", "blank_end", "ws_inner", "name_case"]
CANONS = [(b"simple", b"simple"), (b"simple", b"relaxed"), (b"relaxed", b"simple"), (b"relaxed", b"relaxed")]

manifest = []

def record(name, message, weak=False):
    path = name + ".eml"
    with open(os.path.join(out, path), "wb") as f:
        f.write(message)
    manifest.append({"file": path, "dkimpy": verdicts(message, records), "weak": weak})

for base, message in MESSAGES.items():
    for selector in ("rsa1024", "rsa2048", "rsa4096", "ed"):
        for canon in CANONS:
            identity = b"ana@example.org" if selector == "ed" and base == "memo" else None
            signed = sign(message, selector, canon, identity=identity) + message
            for variant in VARIANTS:
                record("%s-%s-%s-%s-%s" % (base, selector, canon[0].decode(), canon[1].decode(), variant),
                       tampered(signed, variant))

# l=: text added after the signed part keeps the signature; a change inside it breaks it.
for selector in ("rsa2048", "ed"):
    for canon in CANONS:
        signed = sign(MESSAGES["memo"], selector, canon, length=True) + MESSAGES["memo"]
        stem = "length-%s-%s-%s" % (selector, canon[0].decode(), canon[1].decode())
        record(stem + "-ok", signed)
        record(stem + "-appended", signed + b"-- \r\nUnsubscribe: reply STOP. Claim your prize now.\r\n")
        record(stem + "-changed", signed.replace(b"1.2 million", b"2.1 million"))

# rsa-sha1: dkimpy accepts it; MailAuth must say weak.
for canon in CANONS:
    signed = sign(MESSAGES["memo"], "sha1", canon) + MESSAGES["memo"]
    record("sha1-%s-%s-ok" % (canon[0].decode(), canon[1].decode()), signed, weak=True)
    record("sha1-%s-%s-body" % (canon[0].decode(), canon[1].decode()), tampered(signed, "body"), weak=True)

# Two signatures on one message (as RFC 8463 suggests: Ed25519 beside RSA), and a key published
# as PKCS#1, and a key too small to trust.
both = sign(MESSAGES["memo"], "rsa2048", (b"relaxed", b"relaxed")) + MESSAGES["memo"]
both = sign(both, "ed", (b"relaxed", b"simple")) + both
for variant in ("ok", "lf", "header", "body", "added", "oversigned"):
    record("two-signatures-" + variant, tampered(both, variant))
signed = sign(MESSAGES["latin"], "pkcs1", (b"relaxed", b"relaxed")) + MESSAGES["latin"]
record("pkcs1-ok", signed)
record("pkcs1-body", tampered(signed, "body"))
record("rsa512-ok", sign(MESSAGES["memo"], "rsa512", (b"relaxed", b"relaxed")) + MESSAGES["memo"])

with open(os.path.join(out, "manifest.json"), "w") as f:
    json.dump(manifest, f, indent=1)
print(len(manifest))
