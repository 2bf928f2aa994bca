#!/usr/bin/env python3
"""Checks a tlog-tiles folder (c2sp.org/tlog-tiles) independently, with hashlib only: every
entry bundle against its level-0 tile, every upper tile hash against the tiles below, and the
RFC 9162 tree head against the checkpoint's root line (the signature is not checked here).

usage: tree_tiles_verify.py DIR     prints "ok SIZE" and exits 0, or prints why and exits 1.
"""
import base64
import hashlib
import os
import sys


def index_path(n):
    groups = []
    while True:
        groups.insert(0, "%03d" % (n % 1000))
        n //= 1000
        if n == 0:
            break
    return "/".join(["x" + g for g in groups[:-1]] + [groups[-1]])


def suffix(width):
    return "" if width == 256 else ".p/%d" % width


def mth(hashes):
    if len(hashes) == 0:
        return hashlib.sha256(b"").digest()
    if len(hashes) == 1:
        return hashes[0]
    k = 1
    while k * 2 < len(hashes):
        k *= 2
    return hashlib.sha256(b"\x01" + mth(hashes[:k]) + mth(hashes[k:])).digest()


def read(folder, path):
    with open(os.path.join(folder, path), "rb") as f:
        return f.read()


def main():
    folder = sys.argv[1]
    text = read(folder, "checkpoint").decode()
    _, size, root_b64 = text.split("\n")[:3]
    size, root = int(size), base64.b64decode(root_b64)
    levels = []
    count, level = size, 0
    while count > 0:
        hashes = []
        for n in range((count + 255) // 256):
            width = min(256, count - n * 256)
            tile = read(folder, "tile/%d/%s%s" % (level, index_path(n), suffix(width)))
            if len(tile) != 32 * width:
                sys.exit("tile %d/%d has the wrong length" % (level, n))
            tile_hashes = [tile[i:i + 32] for i in range(0, len(tile), 32)]
            if level == 0:
                bundle = read(folder, "tile/entries/%s%s" % (index_path(n), suffix(width)))
                entries, off = [], 0
                while off < len(bundle):
                    length = int.from_bytes(bundle[off:off + 2], "big")
                    entries.append(bundle[off + 2:off + 2 + length])
                    off += 2 + length
                if [hashlib.sha256(b"\x00" + e).digest() for e in entries] != tile_hashes:
                    sys.exit("entry bundle %d does not match its tile" % n)
            else:
                for i, h in enumerate(tile_hashes):
                    start = (n * 256 + i) * 256
                    if mth(levels[level - 1][start:start + 256]) != h:
                        sys.exit("tile %d/%d hash %d is wrong" % (level, n, i))
            hashes += tile_hashes
        levels.append(hashes)
        count //= 256
        level += 1
    if mth(levels[0] if levels else []) != root:
        sys.exit("tree head differs from the checkpoint")
    print("ok %d" % size)


if __name__ == "__main__":
    main()
