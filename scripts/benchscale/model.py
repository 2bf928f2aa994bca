"""A word-pair (bigram) model of English and Spanish, and the archives it writes.

Each language's model is the list of words that followed each word in the training text
(with repeats, so drawing from it draws by the observed pair frequency); a sentence end is
followed by a word that began a sentence. One word in JUMP is drawn from the whole text
instead (its word frequencies), which keeps the chains from copying long runs of the training
text. Word frequencies are then those of the language: Zipf-like, from the text itself.

An archive is written in chunks of CHUNK documents; each chunk has its own seeded generator,
so that the same seed gives the same documents whatever the number of worker processes, and
the first documents of a large archive are those of a small one.
"""
import json
import math
import os
import pickle
import random

from . import training

MODEL_VERSION = 1
CHUNK = 1000
JUMP = 0.04
SPANISH_SHARE = 0.3
LETTERHEAD_SHARE = 0.4
PARAGRAPH_BREAK = 0.22  # chance of a paragraph break after a sentence end

# Boilerplate shared by documents (fictional organisations, written for this benchmark).
DISCLAIMER = (
    "CONFIDENTIALITY NOTICE: This message and any attachments are intended only for the named "
    "recipient and may contain privileged or confidential material. If you are not the intended "
    "recipient, please tell the sender at once and delete this message without copying, "
    "forwarding or disclosing any part of it.")
LETTERHEADS = {
    "en": [
        "Veldmoor Shipping Consortium · Registered office: 9 Lantern Quay, Port Averly · Internal correspondence",
        "Office of the Harbour Trust of Calloway Sound · Records and Archives Division",
    ],
    "es": [
        "Consorcio Naviero Veldmoor · Domicilio social: Muelle de la Linterna 9, Puerto Averly · Correspondencia interna",
        "Fundación Marítima de Isla Bermeja · Secretaría General · Archivo",
    ],
}
FOLDERS = ["Correspondence", "Legal/Contracts", "Finance/Board papers", "Operations/Reports",
           "Correspondencia", "Asesoría jurídica/Contratos", "Dirección/Actas", "HR/Personnel files"]
KINDS = {"en": ["memo", "letter", "minutes", "report", "email"],
         "es": ["nota", "carta", "acta", "informe", "correo"]}
LABELS = {"en": ("Ref.", "Date:", "Subject:"), "es": ("Ref.", "Fecha:", "Asunto:")}


class Language:
    """The word-pair model of one language."""

    def __init__(self, sentences_):
        words, index = [], {}
        def word_id(w):
            i = index.get(w)
            if i is None:
                i = index[w] = len(words)
                words.append(w)
            return i
        stream = [word_id(w) for s in sentences_ for w in s]
        starts = [word_id(s[0]) for s in sentences_]
        following = [[] for _ in words]
        for a, b in zip(stream, stream[1:]):
            following[a].append(b)
        self.ends = [w in training.SENTENCE_END for w in words]
        for i, is_end in enumerate(self.ends):
            if is_end or not following[i]:
                following[i] = starts
        self.words = words
        # What is written for each word: punctuation sticks to the word before it.
        self.spelled = [w if (w in ".,;:!?") else " " + w for w in words]
        self.following = following
        self.stream = stream
        self.frequency = [0] * len(words)
        for i in stream:
            self.frequency[i] += 1

    def text(self, rnd, words):
        """About `words` words of running text, paragraphs separated by a blank line."""
        following, stream, spelled, ends = self.following, self.stream, self.spelled, self.ends
        r = rnd.random
        out = []
        w = stream[int(r() * len(stream))]
        while not ends[w]:  # start after a sentence end
            w = stream[int(r() * len(stream))]
        n = 0
        while True:
            if r() < JUMP and not ends[w]:
                w = stream[int(r() * len(stream))]
            else:
                f = following[w]
                w = f[int(r() * len(f))]
            out.append(spelled[w])
            n += 1
            if ends[w]:
                if n >= words:
                    break
                if r() < PARAGRAPH_BREAK:
                    out.append("\n\n")
        return "".join(out).lstrip().replace("\n\n ", "\n\n")

    def sentence(self, rnd, low, high):
        """A run of low..high words drawn from the model, as one line (for absent quotes)."""
        r = rnd.random
        w = self.stream[int(r() * len(self.stream))]
        out = []
        while len(out) < high:
            f = self.following[w]
            w = f[int(r() * len(f))]
            if self.spelled[w].startswith(" "):
                out.append(self.words[w])
            elif len(out) >= low:
                break
        return " ".join(out)


class Model:
    """The English and Spanish models and where their text came from."""

    def __init__(self):
        self.languages, self.sources, self.digests = {}, {}, {}
        for lang in ("en", "es"):
            sentences_, sources = training.corpus(lang)
            self.languages[lang] = Language(sentences_)
            self.sources[lang] = sources
            self.digests[lang] = training.digest(sentences_)

    def describe(self):
        out = {}
        for lang, model in self.languages.items():
            out[lang] = {
                "training_words": len(model.stream), "vocabulary": len(model.words),
                "files": len(self.sources[lang]), "sha256": self.digests[lang],
                "largest_sources": [p for p, _ in sorted(self.sources[lang], key=lambda s: -s[1])[:8]],
            }
        return out


def load(cache_dir, rebuild=False):
    path = os.path.join(cache_dir, f"model-v{MODEL_VERSION}.pickle")
    if not rebuild and os.path.exists(path):
        with open(path, "rb") as f:
            return pickle.load(f)
    model = Model()
    os.makedirs(cache_dir, exist_ok=True)
    with open(path + ".tmp", "wb") as f:
        pickle.dump(model, f, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(path + ".tmp", path)
    return model


def document_words(rnd):
    """A few hundred words: log-normal around 250, from 60 to 1,500."""
    return max(60, min(1500, int(math.exp(rnd.gauss(math.log(250), 0.5)))))


def folder_of(index):
    """The folder of document `index`: a quarter of a chunk per folder, spread over departments,
    years and months like a leaked file share."""
    unit = index // (CHUNK // 4)
    top = FOLDERS[unit % len(FOLDERS)]
    month = 1 + (unit // len(FOLDERS)) % 12
    year = 2008 + (unit // (len(FOLDERS) * 12)) % 15
    return f"{top}/{year}/{year}-{month:02d}"


def chunk_documents(model, seed, chunk, count):
    """(relative path, text) of the documents of one chunk."""
    rnd = random.Random(f"leakledger-bench:{seed}:{chunk}")
    for index in range(chunk * CHUNK, chunk * CHUNK + count):
        lang = "es" if rnd.random() < SPANISH_SHARE else "en"
        language = model.languages[lang]
        ref, date, subject = LABELS[lang]
        year = 2008 + rnd.randrange(15)
        head = [f"{ref} ARC-{year}-{index:07d}",
                f"{date} {year}-{1 + rnd.randrange(12):02d}-{1 + rnd.randrange(28):02d}",
                f"{subject} {language.sentence(rnd, 4, 9)}"]
        if rnd.random() < LETTERHEAD_SHARE:
            head.insert(0, LETTERHEADS[lang][rnd.randrange(2)])
        body = language.text(rnd, document_words(rnd))
        kind = KINDS[lang][rnd.randrange(len(KINDS[lang]))]
        path = f"{folder_of(index)}/{kind}-{index:07d}.txt"
        yield path, "\n".join(head) + "\n\n" + body + "\n\n" + DISCLAIMER + "\n"


_MODEL = None  # set in the parent before the workers fork


def _write_chunk(job):
    root, seed, chunk, count = job
    made, paths = set(), []
    total = 0
    for path, text in chunk_documents(_MODEL, seed, chunk, count):
        paths.append(path)
        folder = os.path.dirname(path)
        if folder not in made:
            os.makedirs(os.path.join(root, folder), exist_ok=True)
            made.add(folder)
        data = text.encode()
        with open(os.path.join(root, path), "wb") as f:
            f.write(data)
        total += len(data)
    return chunk, count, total, paths


def write_archive(model, root, documents, seed, jobs, progress=None):
    """Writes `documents` files under root (streaming, chunk by chunk); returns the bytes written
    and the paths, in document order."""
    global _MODEL
    _MODEL = model
    chunks = [(root, seed, c, min(CHUNK, documents - c * CHUNK)) for c in range((documents + CHUNK - 1) // CHUNK)]
    total, done, paths = 0, 0, {}
    if jobs <= 1 or len(chunks) == 1:
        results = map(_write_chunk, chunks)
    else:
        import multiprocessing
        pool = multiprocessing.get_context("fork").Pool(jobs)
        results = pool.imap_unordered(_write_chunk, chunks)
    for chunk, count, size, chunk_paths in results:
        paths[chunk] = chunk_paths
        total += size
        done += count
        if progress:
            progress(done, documents, total)
    if jobs > 1 and len(chunks) > 1:
        pool.close(); pool.join()
    return total, [p for c in sorted(paths) for p in paths[c]]


def zipf_exponent(texts):
    """The slope of log frequency over log rank (ranks 10 to 2,000) of the words of `texts`:
    about -1 for a natural language."""
    counts = {}
    for text in texts:
        for word in text.lower().split():
            word = word.strip(".,;:!?")
            counts[word] = counts.get(word, 0) + 1
    frequencies = sorted(counts.values(), reverse=True)
    ranks = range(10, min(2000, len(frequencies)) + 1)
    if len(ranks) < 10:
        return None
    xs = [math.log(r) for r in ranks]
    ys = [math.log(frequencies[r - 1]) for r in ranks]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
