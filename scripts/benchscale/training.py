"""Training text for the word-pair model: real English and Spanish prose that ships with Debian.

Nothing is downloaded and nothing is committed: the sources are files every Debian machine with
the usual packages holds, read in a fixed (sorted) order so that the same machine always gives
the same model. The digest of the token stream is recorded with every result, so two runs can
be compared only when they were made from the same text.

English: the licence texts in /usr/share/common-licenses (GPL, LGPL, Apache, MPL, GFDL, ...) and
the English manual pages (sections 7, 5, 1 and 8, in that order, up to a word budget).
Spanish: the message catalogues in /usr/share/locale/es/LC_MESSAGES/*.mo (translated strings
only; the lists of country, language and keyboard names are left out) and the Spanish manual
pages under /usr/share/man/es. Paragraphs that read as the other language are dropped (Debian's
Spanish pages are partly untranslated).
At most 25,000 words come from one English file; the Google Cloud SDK's pages are skipped.
Manual-page sections that name people (AUTHOR, COPYRIGHT, REPORTING BUGS, ...) are skipped.
"""
import glob
import gettext
import gzip
import hashlib
import os
import re

ENGLISH_WORD_BUDGET = 1_500_000
SPANISH_WORD_BUDGET = 1_500_000

LETTERS = "A-Za-zÀ-ÖØ-öø-ÿ"
TOKEN = re.compile(rf"[{LETTERS}]+(?:['’\-][{LETTERS}]+)*|[0-9]{{1,4}}(?![0-9])|[.,;:!?¿¡]")
CLEAN_PIECE = re.compile(rf"^[(\"'“‘¿¡]*[{LETTERS}]+(?:['’\-][{LETTERS}]+)*[)\"'”’.,;:!?]*$")
SENTENCE_END = {".", "!", "?"}

ENGLISH_MARKERS = set("the of and to a in is that for it with be this are not by or you".split())
SPANISH_MARKERS = set("el la de que y en los las se del un una por con para no es al lo".split())
SKIPPED_SECTIONS = re.compile(
    r"AUTHOR|AUTOR|COPYRIGHT|REPORTING BUGS|INFORMAR DE|BUGS|SEE ALSO|VÉASE|VEASE|V\\\('EASE"
    r"|SYNOPSIS|SINOPSIS|TRANSLATION|TRADUC|HISTORY|HISTORIA|COLOPHON|EXAMPLE|EJEMPLO|FILES|FICHEROS|ARCHIVOS",
    re.IGNORECASE)
# The Google Cloud SDK's 16,000 generated pages are not Debian's and would drown the rest.
SKIPPED_PAGES = ("gcloud", "bq", "gsutil")
# So that no single manual page (bash, curl) sets the style; a catalogue is many short voices.
PER_FILE_WORDS = {"en": 25_000, "es": 10 ** 9}
SKIPPED_CATALOGUES = ("iso_", "xkeyboard-config", "gsettings-desktop-schemas", "shared-mime-info")

ROFF_CHARS = {
    "aq": "'", "dq": '"', "lq": "“", "rq": "”", "oq": "‘", "cq": "’", "em": "—", "en": "–",
    "hy": "-", "co": "©", "bu": "•", "'e": "é", "'a": "á", "'i": "í", "'o": "ó", "'u": "ú",
    "'E": "É", "'A": "Á", "'I": "Í", "'O": "Ó", "'U": "Ú", "~n": "ñ", "~N": "Ñ", ":u": "ü",
    ":U": "Ü", "!?": "¡", "?!": "¿", "r!": "¡", "r?": "¿", "Fo": "«", "Fc": "»", "ha": "^",
    "ti": "~", "rs": "\\", "mi": "-", "pl": "+", "eq": "=", "ga": "`", "tm": "™", "de": "°",
}
ROFF_ESCAPE = re.compile(
    r"\\(?:\((..)|\[([^\]]*)\]|\*\((..)|\*\[[^\]]*\]|\*.|f\(..|f\[[^\]]*\]|f.|s[+-]?\d+|[&|^%c]|-|e|\s|.)")


def _roff_escape(match):
    name = match.group(1) or match.group(2) or match.group(3)
    text = match.group(0)
    if name is not None:
        return ROFF_CHARS.get(name, "'" if name == "Aq" else "")
    if text == "\\-":
        return "-"
    if text == "\\e":
        return "\\"
    if len(text) == 2 and text[1].isspace():
        return " "
    return ""


def roff_paragraphs(source):
    """The prose paragraphs of a manual page's roff source, without markup."""
    paragraphs, current, skipping = [], [], False
    for line in source.splitlines():
        if line.startswith((".", "'")):
            parts = line[1:].split(None, 1)
            request = parts[0] if parts else ""
            argument = parts[1] if len(parts) > 1 else ""
            if request in ("SH", "SS"):
                skipping = bool(SKIPPED_SECTIONS.search(argument))
                paragraphs.append(" ".join(current)); current = []
            elif request in ("B", "I", "BR", "RB", "IR", "RI", "BI", "IB", "SM", "SB"):
                if not skipping:
                    current.append(ROFF_ESCAPE.sub(_roff_escape, argument.replace('"', "")))
            else:
                # .PP, .TP, .IP, .nf and friends end a paragraph; other requests carry no prose.
                paragraphs.append(" ".join(current)); current = []
            continue
        if not skipping:
            current.append(ROFF_ESCAPE.sub(_roff_escape, line))
    paragraphs.append(" ".join(current))
    return [p for p in paragraphs if p.strip()]


def language_of(text):
    words = [w.lower() for w in re.findall(rf"[{LETTERS}]+", text)]
    english = sum(w in ENGLISH_MARKERS for w in words)
    spanish = sum(w in SPANISH_MARKERS for w in words)
    if english == spanish:
        return None
    return "en" if english > spanish else "es"


FORMAT = re.compile(r"%(?:\d+\$)?[-#0 +']*[0-9*]*(?:\.[0-9*]+)?(?:hh|h|ll|l|L|q|j|z|t)?[a-zA-Z%]|\{[^}]*\}|<[^>]*>")


def sentences(paragraph):
    """Sentences of clean tokens; pieces that look like code (options, paths, format strings) drop
    a sentence that has many of them, and are removed from one that has few."""
    pieces = FORMAT.sub(" ", paragraph).split()
    if len(pieces) < 3 or sum(bool(CLEAN_PIECE.match(p)) for p in pieces) < 0.8 * len(pieces):
        return []
    tokens = [t for p in pieces if CLEAN_PIECE.match(p) for t in TOKEN.findall(p)]
    out, current = [], []
    for token in tokens:
        current.append(token)
        if token in SENTENCE_END:
            out.append(current); current = []
    if current:
        if current[-1] in (",", ";", ":"):
            current[-1] = "."
        else:
            current.append(".")
        out.append(current)
    kept = []
    for s in out:
        if len(s) >= 4 and s[0][:1].isalpha():
            if not s[0][:1].isupper():
                s[0] = s[0][:1].upper() + s[0][1:]
            kept.append(s)
    return kept


def _manual_pages(pattern):
    for path in sorted(glob.glob(pattern)):
        if os.path.islink(path):
            continue
        try:
            opener = gzip.open if path.endswith(".gz") else open
            with opener(path, "rt", encoding="utf-8", errors="replace") as f:
                yield path, f.read()
        except OSError:
            continue


def english_sources():
    for path in sorted(glob.glob("/usr/share/common-licenses/*")):
        if os.path.isfile(path) and not os.path.islink(path):
            with open(path, encoding="utf-8", errors="replace") as f:
                yield path, [" ".join(block.split()) for block in re.split(r"\n\s*\n", f.read())]
    for section in ("7", "5", "1", "8"):
        for path, source in _manual_pages(f"/usr/share/man/man{section}/*"):
            if not os.path.basename(path).startswith(SKIPPED_PAGES):
                yield path, roff_paragraphs(source)


def spanish_sources():
    for path in sorted(glob.glob("/usr/share/locale/es/LC_MESSAGES/*.mo")):
        if os.path.basename(path).startswith(SKIPPED_CATALOGUES):
            continue
        try:
            with open(path, "rb") as f:
                catalogue = gettext.GNUTranslations(f)._catalog
        except Exception:
            continue
        texts = []
        for key in sorted(catalogue, key=repr):
            value = catalogue[key]
            original = key[0] if isinstance(key, tuple) else key
            if isinstance(value, str) and value and value != original:
                texts.extend(" ".join(block.split()) for block in value.split("\n\n"))
        yield path, texts
    for path, source in _manual_pages("/usr/share/man/es/man*/*"):
        yield path, roff_paragraphs(source)


def corpus(language):
    """(sentences, sources): token lists of every kept sentence, and the files read with the
    number of words each gave."""
    sources, kept, words = [], [], 0
    budget = ENGLISH_WORD_BUDGET if language == "en" else SPANISH_WORD_BUDGET
    reader = english_sources if language == "en" else spanish_sources
    for path, paragraphs in reader():
        taken = 0
        for paragraph in paragraphs:
            if language_of(paragraph) not in (language, None):
                continue
            for sentence in sentences(paragraph):
                if taken >= PER_FILE_WORDS[language]:
                    break
                kept.append(sentence)
                taken += len(sentence)
        if taken:
            sources.append((path, taken))
            words += taken
        if words >= budget:
            break
    return kept, sources


def digest(sentences_):
    h = hashlib.sha256()
    for s in sentences_:
        h.update(" ".join(s).encode()); h.update(b"\n")
    return h.hexdigest()
