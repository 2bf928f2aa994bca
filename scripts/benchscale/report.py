"""The table: each figure beside its baseline from the same run, the ratio, the issue's target
(issue 9, "Targets") and PASS/FAIL. Rows whose target does not apply at that size are
informative ("—")."""
import json

BASE = 1000  # the size the scaling targets compare with
LARGE = 100_000  # sizes from which the scaling, rg, p99 and RSS targets apply
MB = 1_000_000

EVERYDAY = [("show", "show DOC"), ("log", "log --limit 10"), ("prove", "prove SEQ"),
            ("register_one", "register one small file")]
VERIFY_SCALING = {"exact": 1.5, "edited": 1.5, "absent": 1.5, "boilerplate": 3.0}
ACCEPTED = {"exact": {"exact"}, "edited": {"edited"}, "absent": {"not_found", "approximate"},
            "common": {"exact"}, "rare": {"exact"}, "boilerplate": {"exact"}}


def seconds(value):
    if value is None:
        return "—"
    if value < 1:
        return f"{value * 1000:.1f} ms" if value < 0.1 else f"{value * 1000:.0f} ms"
    if value < 120:
        return f"{value:.2f} s"
    return f"{int(value // 60)} min {value % 60:02.0f} s"


def size_text(value):
    if value is None:
        return "—"
    return f"{value / MB:.1f} MB" if value < 10_000 * MB else f"{value / 1e9:.1f} GB"


def count_text(n):
    return f"{n // 1_000_000}M" if n >= 1_000_000 and n % 1_000_000 == 0 else (
        f"{n // 1000}k" if n >= 1000 and n % 1000 == 0 else str(n))


def row(size, figure, value, baseline=None, baseline_text="", ratio=None, target="", verdict="—", note="",
        fmt=seconds, baseline_fmt=None):
    return {"size": size, "figure": figure, "value": value, "value_text": fmt(value),
            "baseline": baseline, "baseline_text": (f"{(baseline_fmt or fmt)(baseline)} {baseline_text}".strip()
                                                    if baseline is not None else "—"),
            "ratio": ratio, "target": target, "result": verdict, "note": note}


def judge(ok):
    return "—" if ok is None else ("PASS" if ok else "FAIL")


def ratio_of(a, b):
    return a / b if a is not None and b not in (None, 0) else None


def figures(results):
    rows = []
    sizes = sorted(int(s) for s in results["sizes"])
    base = results["sizes"].get(str(BASE)) if BASE in sizes else None
    for size in sizes:
        r = results["sizes"][str(size)]
        large = size >= LARGE
        tag = count_text(size)
        # Bulk import beside git.
        imp, git = r["import"], r["git"]
        ratio = ratio_of(imp["seconds"], git["seconds"])
        rows.append(row(tag, "bulk import: init + register", imp["seconds"], git["seconds"], "(git init+add+commit)",
                        ratio, "≤ 1× git", judge(ratio is not None and ratio <= 1), imp["how"]))
        rows.append(row(tag, "bulk import peak RSS", imp["rss_kib_max"] * 1024, git["rss_kib_max"] * 1024, "(git)",
                        ratio_of(imp["rss_kib_max"], git["rss_kib_max"]), fmt=size_text))
        if r.get("first_verify") is not None:
            rows.append(row(tag, "first verify after import", r["first_verify"], note="index catch-up, if any"))
        # Everyday commands beside the same command at 1k.
        for key, name in EVERYDAY:
            m = r.get(key)
            if m is None:
                continue
            b = base.get(key) if base and size != BASE else None
            ratio = ratio_of(m["p50"], b["p50"]) if b else None
            applies = large and ratio is not None
            rows.append(row(tag, f"{name} (p50, n={m['n']})", m["p50"], b["p50"] if b else None, "(same at 1k)", ratio,
                            "≤ 1.5× 1k" if large else "", judge(ratio <= 1.5 if applies else None)))
        # verify, by kind: beside rg over the same files, and beside the same kind at 1k.
        for kind, v in r["verify"].items():
            rg = r["rg"][kind]
            ratio = ratio_of(v["p50"], rg["p50"])
            target, ok = "", None
            if kind == "exact" and size == LARGE:
                target, ok = "≤ 0.05× rg (20× faster)", ratio is not None and ratio <= 0.05
            rows.append(row(tag, f"verify {kind} (p50, n={v['n']})", v["p50"], rg["p50"], "(rg -F -l p50)", ratio,
                            target, judge(ok)))
            b = base["verify"].get(kind) if base and size != BASE else None
            if b:
                limit = VERIFY_SCALING.get(kind)
                ratio = ratio_of(v["p50"], b["p50"])
                applies = large and limit is not None
                rows.append(row(tag, f"verify {kind} p50 vs 1k", v["p50"], b["p50"], "(same at 1k)", ratio,
                                f"≤ {limit:g}× 1k" if applies else "", judge(ratio <= limit if applies else None)))
            if kind == "exact":
                ratio = ratio_of(v["p99"], v["p50"])
                rows.append(row(tag, f"verify exact p99 (n={v['n']})", v["p99"], v["p50"], "(its p50)", ratio,
                                "< 4× p50" if large else "", judge(ratio < 4 if large else None),
                                f"rg p99 {seconds(rg['p99'])}"))
        rss = max(v["rss_kib_max"] for v in r["verify"].values()) * 1024
        rg_rss = max(v["rss_kib_max"] for v in r["rg"].values()) * 1024
        rows.append(row(tag, "verify peak RSS (all quotes)", rss, rg_rss, "(rg)", ratio_of(rss, rg_rss), "< 150 MB",
                        judge(rss < 150 * MB), fmt=size_text))
        wrong = {k: a for k, a in r["answers"].items() if a["unexpected"]}
        total = sum(a["n"] for a in r["answers"].values())
        bad = sum(len(a["unexpected"]) for a in wrong.values())
        rows.append(row(tag, "verify answers at the expected grade", total - bad, total, "quotes", None,
                        "all", judge(bad == 0), "; ".join(f"{k}: {len(a['unexpected'])} off" for k, a in wrong.items()),
                        fmt=lambda n: str(n), baseline_fmt=lambda n: str(n)))
        # check beside Python reading the same log.
        c, p = r.get("check"), r.get("python_check")
        if c and p:
            ratio = ratio_of(c["p50"], p["p50"])
            applies = size >= 1_000_000
            rows.append(row(tag, f"check ({r['entries']} entries)", c["p50"], p["p50"], "(Python json.loads per line)",
                            ratio, "≤ 3× Python" if applies else "", judge(ratio <= 3 if applies else None)))
        ratio = ratio_of(r["index_bytes"], r["texts_bytes"])
        rows.append(row(tag, "index size (index.sqlite*)", r["index_bytes"], r["texts_bytes"], "(texts)", ratio,
                        "≤ 1× texts", judge(ratio is not None and ratio <= 1), fmt=size_text))
    g = results.get("startup", {})
    git = g.get("git_version")
    for key, name in (("help", "leakledger --help"), ("version", "leakledger --version")):
        m = g.get(key)
        if m is None:
            rows.append(row("—", name, None, git["p50"] if git else None, "(git --version)", None, "≤ 3× git",
                            "FAIL", "not in this build"))
            continue
        ratio = ratio_of(m["p50"], git["p50"])
        rows.append(row("—", f"{name} (p50, n={m['n']})", m["p50"], git["p50"], "(git --version)", ratio, "≤ 3× git",
                        judge(ratio <= 3)))
    e = results.get("contentless")
    if e:
        rate = e["per_second"]
        rows.append(row("—", f"content-less entries ({e['entries']})", rate, None, "", None, "≥ 50,000 /s",
                        judge(rate is not None and rate >= 50_000 and e["complete"]), e["how"],
                        fmt=lambda v: "—" if v is None else f"{v:,.0f} /s"))
    return rows


def _ratio_text(r):
    return "—" if r["ratio"] is None else f"{r['ratio']:.3g}×"


COLUMNS = ["size", "figure", "value", "baseline", "ratio", "target", "result"]


def _cells(r, before=None):
    cells = [r["size"], r["figure"], r["value_text"], r["baseline_text"], _ratio_text(r), r["target"] or "—",
             r["result"]]
    if before is not None:
        cells.insert(3, before)
    return cells


def _before(rows, previous):
    if not previous:
        return None
    old = {(r["size"], r["figure"].split(" (n=")[0].split(" (p50")[0]): r["value_text"] for r in previous}
    return [old.get((r["size"], r["figure"].split(" (n=")[0].split(" (p50")[0]), "—") for r in rows]


def text_table(rows, previous=None):
    before = _before(rows, previous)
    header = COLUMNS[:3] + (["before"] if before else []) + COLUMNS[3:]
    table = [header] + [_cells(r, before[i] if before else None) for i, r in enumerate(rows)]
    widths = [max(len(str(line[i])) for line in table) for i in range(len(header))]
    lines = ["  ".join(str(c).ljust(w) for c, w in zip(line, widths)).rstrip() for line in table]
    lines.insert(1, "  ".join("-" * w for w in widths))
    notes = [f"  {r['size']} {r['figure']}: {r['note']}" for r in rows if r["note"]]
    return "\n".join(lines + (["", "Notes:"] + notes if notes else []))


def markdown(results, rows, previous=None):
    before = _before(rows, previous)
    header = COLUMNS[:3] + (["before"] if before else []) + COLUMNS[3:]
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for i, r in enumerate(rows):
        cells = _cells(r, before[i] if before else None)
        out.append("| " + " | ".join(str(c).replace("|", "\\|") for c in cells) + " |")
    meta = results["meta"]
    notes = [f"- {r['size']} {r['figure']}: {r['note']}" for r in rows if r["note"]]
    head = [f"Benchmark `scripts/bench-scale.sh` run {meta['started']} on {meta['machine']}.",
            f"Tool: {meta['tool']}. 1-minute load average: {meta['load_text']}.",
            f"Documents: {meta['corpus_text']}", _archives(results), ""]
    return "\n".join(head + out + ([""] + notes if notes else [])) + "\n"


def _archives(results):
    parts = []
    for size, r in sorted(results["sizes"].items(), key=lambda kv: int(kv[0])):
        a = r.get("archive") or {}
        zipf = a.get("zipf_exponent")
        parts.append(f"{count_text(int(size))}: {size_text(r['texts_bytes'])} in {a.get('folders', '?')} folders"
                     + (f", Zipf exponent {zipf:.2f}" if zipf else ""))
    return "Archives: " + "; ".join(parts) + "."


def save(path_json, path_md, results, rows, previous=None):
    with open(path_json, "w") as f:
        json.dump(dict(results, rows=rows), f, indent=1, ensure_ascii=False)
    with open(path_md, "w") as f:
        f.write(markdown(results, rows, previous))
