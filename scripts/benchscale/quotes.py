"""Quotes to verify, drawn from the generated documents with a fixed seed.

Kinds, and what `verify` should answer for each:
- exact: 6 to 14 consecutive words of a document's body (an exact substring)      -> exact
- edited: 14 to 22 words with 2 to 6 words in the middle elided as " ... "        -> edited
- absent: 8 to 12 words drawn from the model, found in no document (rg says so)   -> not_found
- common: 7 words of a document whose words are the most frequent of the language -> exact
- rare: 6 to 8 words of a document whose words are the rarest of the language    -> exact
- boilerplate: 8 to 14 words of the disclaimer that ends every document          -> exact
`pattern` is what a user would give `rg -F -l` for the same quote (for an edited quote: its
longer part).
"""
import math
import os
import random
import re

from . import model as models

EXPECTED = {"exact": "exact", "edited": "edited", "absent": "not_found", "common": "exact",
            "rare": "exact", "boilerplate": "exact"}
STRIP = ".,;:!?"


def _body_paragraphs(text):
    blocks = text.split("\n\n")
    return [b for b in blocks[1:-1] if "\n" not in b]


def _frequencies(model):
    counts = {}
    for language in model.languages.values():
        for word, count in zip(language.words, language.frequency):
            counts[word] = counts.get(word, 0) + count
    return counts


def draw(model, root, paths, seed, size, counts, absent_check):
    """{kind: [{"quote", "pattern", "source"}]}; counts gives how many of each kind."""
    rnd = random.Random(f"leakledger-bench:quotes:{seed}:{size}")
    frequency = _frequencies(model)
    out = {kind: [] for kind in EXPECTED}

    def paragraphs_of(path):
        with open(os.path.join(root, path), encoding="utf-8") as f:
            return [p.split(" ") for p in _body_paragraphs(f.read())]

    def random_words(minimum):
        while True:
            path = paths[rnd.randrange(len(paths))]
            candidates = [p for p in paragraphs_of(path) if len(p) >= minimum]
            if candidates:
                return path, candidates[rnd.randrange(len(candidates))]

    for _ in range(counts["exact"]):
        path, words = random_words(16)
        n = rnd.randint(6, 14)
        start = rnd.randrange(len(words) - n + 1)
        quote = " ".join(words[start:start + n])
        out["exact"].append({"quote": quote, "pattern": quote, "source": path})
    for _ in range(counts["edited"]):
        path, words = random_words(24)
        n = rnd.randint(14, 22)
        start = rnd.randrange(len(words) - n + 1)
        first = rnd.randint(5, 7)
        gap = rnd.randint(2, 6)
        head = " ".join(words[start:start + first]).rstrip(STRIP)
        tail = " ".join(words[start + first + gap:start + n])
        longer = head if len(head) >= len(tail) else tail
        out["edited"].append({"quote": f"{head} ... {tail}", "pattern": longer, "source": path})

    # Common and rare: score many 6-8 word windows by the mean log frequency of their words.
    windows = []
    for _ in range(max(200, 30 * (counts["common"] + counts["rare"]))):
        path, words = random_words(12)
        n = rnd.randint(6, 8) if rnd.random() < 0.5 else 7
        start = rnd.randrange(len(words) - n + 1)
        window = words[start:start + n]
        keys = [w.rstrip(STRIP) for w in window]
        if not all(keys):
            continue
        score = sum(math.log(frequency.get(k, 1)) for k in keys) / len(keys)
        windows.append((score, " ".join(window), path))
    windows.sort()
    seen = set()
    def take(kind, ordered):
        for score, quote, path in ordered:
            if len(out[kind]) >= counts[kind]:
                break
            if quote not in seen:
                seen.add(quote)
                out[kind].append({"quote": quote, "pattern": quote, "source": path,
                                  "mean_log_frequency": round(score, 2)})
    take("common", reversed(windows))
    take("rare", windows)

    disclaimer = models.DISCLAIMER.split(" ")
    for _ in range(counts["boilerplate"]):
        n = rnd.randint(8, 14)
        start = rnd.randrange(len(disclaimer) - n + 1)
        quote = " ".join(disclaimer[start:start + n])
        out["boilerplate"].append({"quote": quote, "pattern": quote, "source": None})

    languages = list(model.languages.values())
    tries = 0
    while len(out["absent"]) < counts["absent"]:
        tries += 1
        language = languages[rnd.randrange(len(languages))]
        quote = language.sentence(rnd, 8, 12)
        if tries > 50 * counts["absent"]:
            break
        if len(quote.split()) >= 8 and absent_check(quote):
            out["absent"].append({"quote": quote, "pattern": quote, "source": None})
    return out


def stem(path):
    """The file name without its extension: what a document id made from the path contains."""
    return re.sub(r"\.[^.]*$", "", os.path.basename(path)) if path else None
