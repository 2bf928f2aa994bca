#!/usr/bin/env python3
"""Independent known answers for signed notes, checkpoints and cosignatures, with Python's
`cryptography` (Ed25519, RFC 8032, deterministic) and hashlib, written from the C2SP specs
signed-note, tlog-checkpoint and tlog-cosignature.

Run from this folder:  python3 note_vectors.py > note_vectors.json

The "go" block is published data, not generated: the example key and note in the tests and
documentation of golang.org/x/mod/sumdb/note (note_test.go: TestSign, TestOpen).
"""
import base64
import hashlib
import json

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives import serialization

RAW = serialization.Encoding.Raw


def key_id(name, type_byte, pub):
    return hashlib.sha256(name.encode() + b"\n" + bytes([type_byte]) + pub).digest()[:4]


def keys(name, seed, type_byte):
    priv = Ed25519PrivateKey.from_private_bytes(seed)
    pub = priv.public_key().public_bytes(RAW, serialization.PublicFormat.Raw)
    kid = key_id(name, type_byte, pub)
    vkey = "%s+%s+%s" % (name, kid.hex(), base64.b64encode(bytes([type_byte]) + pub).decode())
    skey = "PRIVATE+KEY+%s+%s+%s" % (name, kid.hex(), base64.b64encode(bytes([type_byte]) + seed).decode())
    return priv, kid, vkey, skey


def main():
    log_name = "leakledger.example/test-log"
    log_seed = hashlib.sha256(b"leakledger fictional test log key").digest()
    log_priv, log_kid, log_vkey, log_skey = keys(log_name, log_seed, 0x01)

    root = hashlib.sha256(b"\x00fictional entry").digest()
    checkpoint = "%s\n%d\n%s\n" % (log_name, 1, base64.b64encode(root).decode())
    sig = log_priv.sign(checkpoint.encode())
    log_line = "\u2014 %s %s" % (log_name, base64.b64encode(log_kid + sig).decode())
    signed = checkpoint + "\n" + log_line + "\n"

    witness_name = "witness.example/fictional"
    witness_seed = hashlib.sha256(b"leakledger fictional test witness key").digest()
    w_priv, w_kid, w_vkey, w_skey = keys(witness_name, witness_seed, 0x04)
    time = 1764374400  # 2025-11-29T00:00:00Z
    message = ("cosignature/v1\ntime %d\n" % time).encode() + checkpoint.encode()
    cosig = w_priv.sign(message)
    w_line = "\u2014 %s %s" % (witness_name, base64.b64encode(w_kid + time.to_bytes(8, "big") + cosig).decode())

    print(json.dumps({
        "source": "note_vectors.py: Python cryptography Ed25519 + hashlib, from C2SP signed-note, "
                  "tlog-checkpoint, tlog-cosignature",
        "log": {"name": log_name, "seed": log_seed.hex(), "key_id": log_kid.hex(),
                "verifier_key": log_vkey, "private_key": log_skey},
        "checkpoint": {"origin": log_name, "size": 1, "root": root.hex(), "text": checkpoint},
        "signed_checkpoint": signed,
        "witness": {"name": witness_name, "seed": witness_seed.hex(), "key_id": w_kid.hex(),
                    "verifier_key": w_vkey, "private_key": w_skey},
        "cosignature": {"time": time, "line": w_line},
        "cosigned_checkpoint": signed + w_line + "\n",
        "go": {
            "source": "golang.org/x/mod/sumdb/note note_test.go (published example)",
            "verifier_key": "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
            "private_key": "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz",
            "text": "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n",
            "signature_line": "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=",
            "enoch_verifier_key": "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop",
            "enoch_signature_line": "\u2014 EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=",
        },
    }, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
