#!/usr/bin/env python3
"""dkimpy's verdict on every DKIM-Signature of the message on standard input, top first.

Usage: dkimpy_verify.py RECORDS.json < message.eml
RECORDS.json maps key record names (selector._domainkey.domain) to their text; it stands in for
DNS. Prints one line: 1 (pass) or 0 (anything else) per signature, separated by spaces.
"""
import json
import sys

import dkim


def verdicts(message, records):
    """dkimpy's pass (True) or not (False) for each signature; `records` maps names ending in "."
    to record texts."""
    def dnsfunc(name, timeout=5):
        return records.get(name.decode().lower(), "").encode()

    count = sum(1 for name, _ in dkim.DKIM(message).headers if name.lower() == b"dkim-signature")
    out = []
    for index in range(count):
        try:
            out.append(bool(dkim.DKIM(message).verify(idx=index, dnsfunc=dnsfunc)))
        except dkim.DKIMException:
            out.append(False)
    return out


if __name__ == "__main__":
    records = {name.rstrip(".").lower() + ".": text for name, text in json.load(open(sys.argv[1])).items()}
    print(" ".join("1" if verdict else "0" for verdict in verdicts(sys.stdin.buffer.read(), records)))
