"""Archive-scale benchmark of leakledger (issue 9): see scripts/bench-scale.sh --help."""
import argparse
import datetime
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import time

from . import model as models
from . import quotes as quoting
from . import report, runner, tool

KINDS = ["exact", "edited", "absent", "common", "rare", "boilerplate"]


def log(message):
    print(f"[{datetime.datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def loadavg():
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


def settle(args, r, figure):
    """Records the load before a figure; with --quiet-load, first waits (up to --quiet-wait
    seconds) for the machine's 1-minute load average to fall below it."""
    waited, start = 0.0, time.monotonic()
    if args.quiet_load:
        while loadavg() >= args.quiet_load and time.monotonic() - start < args.quiet_wait:
            time.sleep(5)
        waited = time.monotonic() - start
        if waited >= 5:
            log(f"  waited {waited:.0f} s for the load to fall below {args.quiet_load}")
    r.setdefault("load_by_figure", {})[figure] = {"load": loadavg(), "waited": round(waited)}


def arguments():
    p = argparse.ArgumentParser(prog="scripts/bench-scale.sh", description=(
        "Builds archives of generated documents, registers each in a ledger as a user would, and "
        "times every command as a whole process beside its baseline from the same run."))
    p.add_argument("--bin", required=True, help="the leakledger binary to measure")
    p.add_argument("--sizes", default="1000,10000,100000,1000000",
                   help="archive sizes in documents, comma-separated (default: %(default)s)")
    p.add_argument("--seed", type=int, default=42, help="seed of the documents and quotes (default: 42)")
    p.add_argument("--data", default="/work/bench-data", help="scratch folder for archives and ledgers")
    p.add_argument("--out", default=None, help="folder for results-*.json/.md (default: DATA/results)")
    p.add_argument("--quotes", type=int, default=50, help="exact quotes per size, for p50/p99 (default: 50)")
    p.add_argument("--other-quotes", type=int, default=10,
                   help="quotes of each other kind (edited, absent, common, rare, boilerplate) (default: 10)")
    p.add_argument("--budget", type=float, default=120,
                   help="seconds of verify time per kind and size, and of runs per command, after which "
                        "fewer quotes or runs are taken (at least 3) (default: 120)")
    p.add_argument("--runs", type=int, default=20, help="most runs of each everyday command (default: 20)")
    p.add_argument("--register-runs", type=int, default=10, help="single-file registrations per size (default: 10)")
    p.add_argument("--batch", type=int, default=1000,
                   help="files per register call when the build has no --recursive (default: 1000)")
    p.add_argument("--entries", type=int, default=50_000, help="content-less entries to append (default: 50000)")
    p.add_argument("--entries-budget", type=float, default=60,
                   help="seconds after which one-process-per-entry appending stops (default: 60)")
    p.add_argument("--gen-jobs", type=int, default=os.cpu_count() or 1, help="processes writing archives")
    p.add_argument("--quiet-load", type=float, default=None,
                   help="before each figure, wait until the 1-minute load average is below this (shared machines)")
    p.add_argument("--quiet-wait", type=float, default=900,
                   help="longest wait for --quiet-load, in seconds (default: 900)")
    p.add_argument("--keep", action="store_true", help="keep the ledgers and git repositories of this run")
    p.add_argument("--compare", help="an earlier results-*.json: its values are shown beside this run's")
    p.add_argument("--rebuild-model", action="store_true", help="retrain the word-pair model")
    return p.parse_args()


def archive(model, data, size, seed, jobs):
    """The archive of `size` documents (made once, reused by later runs): (root, paths, bytes)."""
    folder = os.path.join(data, "archives", f"n{size}-s{seed}-v{models.MODEL_VERSION}")
    meta_path = os.path.join(folder, "meta.json")
    root = os.path.join(folder, "docs")
    if not os.path.exists(meta_path):
        shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(root)
        log(f"writing {size} documents to {root}")
        start = time.monotonic()
        def progress(done, total, written):
            if done % 50_000 == 0 or done == total:
                log(f"  {done}/{total} documents, {written / 1e6:.0f} MB")
        total, paths = models.write_archive(model, root, size, seed, jobs, progress)
        with open(os.path.join(folder, "manifest.txt"), "w") as f:
            f.write("\n".join(paths) + "\n")
        with open(meta_path, "w") as f:
            json.dump({"documents": size, "bytes": total, "seed": seed, "seconds": time.monotonic() - start,
                       "model": model.describe()}, f, indent=1)
        log(f"  done in {time.monotonic() - start:.0f} s")
    with open(os.path.join(folder, "manifest.txt")) as f:
        paths = f.read().split("\n")[:-1]
    with open(meta_path) as f:
        meta = json.load(f)
    if "zipf_exponent" not in meta:
        sample = []
        for path in paths[:1000]:
            with open(os.path.join(root, path), encoding="utf-8") as f:
                sample.append(f.read())
        meta.update(folders=len({os.path.dirname(p) for p in paths}), zipf_exponent=models.zipf_exponent(sample))
        with open(meta_path, "w") as f:
            json.dump(meta, f, indent=1)
    return root, paths, meta


def measure_size(args, model, size, work, env, caps):
    root, paths, meta = archive(model, args.data, size, args.seed, args.gen_jobs)
    r = {"documents": size, "texts_bytes": meta["bytes"], "load": [loadavg()],
         "archive": {k: meta.get(k) for k in ("folders", "zipf_exponent", "seconds")}}
    ledger = os.path.join(work, f"ledger-{size}")
    git_dir = os.path.join(work, f"git-{size}")
    tool.remove(ledger); tool.remove(git_dir)
    runner.run(["rg", "-c", "--no-messages", "zzzzqqqq", root], env, capture=False)  # same warm cache for both
    settle(args, r, "import")
    log(f"{size}: git init && git add -A && git commit")
    r["git"] = tool.git_import(git_dir, root, env)
    log(f"{size}:   {report.seconds(r['git']['seconds'])}; leakledger init + register")
    r["import"] = tool.import_archive(args.bin, ledger, root, paths, env, caps, args.batch)
    log(f"{size}:   {report.seconds(r['import']['seconds'])} ({r['import']['how']})")
    if not args.keep:
        tool.remove(git_dir)
    entries, documents = tool.registered(ledger)
    seq, doc = documents[len(documents) // 2]

    def absent(quote):
        return runner.run(["rg", "-F", "-q", "--", quote, root], env, capture=False).status == 1
    counts = {k: args.other_quotes for k in KINDS}
    counts["exact"] = args.quotes
    drawn = quoting.draw(model, root, paths, args.seed, size, counts, absent)
    r["quotes"] = drawn

    settle(args, r, "first_verify")
    log(f"{size}: first verify after import")
    first = drawn["exact"][0]["quote"]
    r["first_verify"] = runner.run([args.bin, "verify", "--json", first, "--ledger", ledger], env, capture=False).seconds

    commands = {"show": ["show", doc], "log": ["log", "--limit", "10"], "prove": ["prove", str(seq)]}
    for key, argv in commands.items():
        settle(args, r, key)
        log(f"{size}: {' '.join(argv)}")
        r[key] = runner.hyperfine([args.bin, *argv, "--ledger", ledger], env, args.budget / 4, args.runs)

    r["verify"], r["rg"], r["answers"] = {}, {}, {}
    for kind in KINDS:
        settle(args, r, f"verify_{kind}")
        log(f"{size}: verify {kind} ({len(drawn[kind])} quotes) and rg -F -l")
        samples, rg_samples, verdicts, unexpected, spent = [], [], [], [], 0.0
        for q in drawn[kind]:
            if spent > args.budget and len(samples) >= 3:
                break
            v = runner.run([args.bin, "verify", "--json", q["quote"], "--ledger", ledger], env)
            g = runner.run(["rg", "-F", "-l", "--", q["pattern"], root], env)
            samples.append(v); rg_samples.append(g)
            spent += v.seconds
            try:
                answer = json.loads(v.output)
            except ValueError:
                answer = {}
            verdict = answer.get("verdict")
            stem = quoting.stem(q["source"])
            listed = stem is None or any(stem in m.get("document", "") for m in answer.get("matches", []))
            verdicts.append(verdict)
            if verdict not in report.ACCEPTED[kind]:
                unexpected.append({"quote": q["quote"], "verdict": verdict})
            q.update(verdict=verdict, source_listed=listed, verify_seconds=v.seconds, rg_seconds=g.seconds,
                     rg_files=len(g.output.splitlines()), matches_listed=len(answer.get("matches", [])))
        r["verify"][kind] = runner.summary(samples)
        r["rg"][kind] = runner.summary(rg_samples)
        r["answers"][kind] = {"n": len(samples), "unexpected": unexpected,
                              "source_listed": sum(1 for q in drawn[kind][:len(samples)] if q.get("source_listed"))}
        log(f"{size}:   verify p50 {report.seconds(r['verify'][kind]['p50'])}, "
            f"rg p50 {report.seconds(r['rg'][kind]['p50'])} (n={len(samples)})")

    settle(args, r, "register_one")
    log(f"{size}: register one small file, {args.register_runs} times")
    extra = os.path.join(work, f"extra-{size}")
    os.makedirs(extra, exist_ok=True)
    samples, spent = [], 0.0
    for i, (path, text) in enumerate(models.chunk_documents(model, args.seed + 1, 10_000 + size % 997, args.register_runs)):
        if spent > args.budget and len(samples) >= 3:
            break
        file = os.path.join(extra, f"extra-{size}-{i}.txt")
        with open(file, "w") as f:
            f.write(text)
        samples.append(runner.run([args.bin, "register", file, "--ledger", ledger], env, capture=False))
        spent += samples[-1].seconds
    r["register_one"] = runner.summary(samples)

    entries, _ = tool.registered(ledger)
    r["entries"] = entries
    settle(args, r, "check")
    log(f"{size}: check ({entries} entries) and Python json.loads of the same log")
    r["check"] = runner.hyperfine([args.bin, "check", "--ledger", ledger], env, args.budget / 4, args.runs)
    log_file = os.path.join(ledger, "log", "entries.jsonl")
    r["python_check"] = runner.hyperfine(
        [sys.executable, "-c", "import json, sys\nfor line in open(sys.argv[1], 'rb'):\n    json.loads(line)",
         log_file], env, args.budget / 4, args.runs)
    r["index_bytes"] = tool.index_bytes(ledger, env)
    r["load"].append(loadavg())
    if not args.keep:
        tool.remove(ledger)
    return r


def main():
    args = arguments()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    out = args.out or os.path.join(args.data, "results")
    os.makedirs(out, exist_ok=True)
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    work = os.path.join(args.data, "runs", stamp)
    os.makedirs(work)
    env = tool.environment(work)
    caps = tool.capabilities(args.bin, env)
    log(f"tool {args.bin}: {caps}")
    log("word-pair model" + (" (training)" if args.rebuild_model else ""))
    model = models.load(os.path.join(args.data, "model"), args.rebuild_model)
    loads = [loadavg()]
    results = {"sizes": {}, "capabilities": caps}

    log("startup: --help, --version, git --version")
    startup = {"git_version": runner.hyperfine(["git", "--version"], env, 10, 100),
               "help": runner.hyperfine([args.bin, "--help"], env, 10, 100)}
    if caps["version"] is not None:
        startup["version"] = runner.hyperfine([args.bin, "--version"], env, 10, 100)
    results["startup"] = startup

    def save():
        loads.append(loadavg())
        corpus = model.describe()
        results["meta"] = {
            "started": stamp, "machine": f"{platform.node()}, {os.cpu_count()} cores, {_cpu()}",
            "tool": f"{args.bin} ({caps['version'] or 'no --version'}; {_commit(args.bin)})",
            "load": loads, "load_text": _load_text(results, loads),
            "seed": args.seed, "arguments": vars(args), "model": corpus,
            "corpus_text": (f"word pairs trained on {corpus['en']['training_words']:,} words of English "
                            f"({corpus['en']['files']} files: /usr/share/common-licenses, manual pages) and "
                            f"{corpus['es']['training_words']:,} words of Spanish ({corpus['es']['files']} files: "
                            f"/usr/share/locale/es message catalogues, Spanish manual pages); 70% English, "
                            f"30% Spanish; a disclaimer in every document, a letterhead in 40%."),
            "versions": {name: _version(cmd) for name, cmd in (("hyperfine", ["hyperfine", "--version"]),
                         ("rg", ["rg", "--version"]), ("git", ["git", "--version"]), ("python", [sys.executable, "--version"]))},
        }
        rows = report.figures(results)
        previous = json.load(open(args.compare))["rows"] if args.compare else None
        paths = (os.path.join(out, f"results-{stamp}.json"), os.path.join(out, f"results-{stamp}.md"))
        report.save(*paths, results, rows, previous)
        shutil.copy(paths[0], os.path.join(out, "latest.json"))
        shutil.copy(paths[1], os.path.join(out, "latest.md"))
        return rows, previous, paths

    for size in sizes:
        results["sizes"][str(size)] = measure_size(args, model, size, work, env, caps)
        save()
    if args.entries:
        log(f"content-less entries: {args.entries} statuses and links")
        ledger = os.path.join(work, "ledger-entries")
        root, paths, _ = archive(model, args.data, min(sizes), args.seed, args.gen_jobs)
        subset = [os.path.join(root, p) for p in paths[:100]]
        runner.run([args.bin, "init", ledger, "--origin", "bench.example/entries"], env, capture=False)
        runner.run([args.bin, "register", *subset, "--ledger", ledger], env, capture=False)
        _, documents = tool.registered(ledger)
        results["contentless"] = tool.contentless(args.bin, ledger, [d for _, d in documents], env, caps,
                                                  args.entries, args.entries_budget, work)
        if not args.keep:
            tool.remove(ledger)
    rows, previous, paths = save()
    if not args.keep:
        tool.remove(work)
    print(report.text_table(rows, previous))
    print(f"\nWritten: {paths[0]}\n         {paths[1]}")


def _load_text(results, loads):
    parts = []
    for size, r in results["sizes"].items():
        values = [f["load"] for f in r.get("load_by_figure", {}).values()] + r["load"]
        parts.append(f"{report.count_text(int(size))} {min(values):.1f}–{max(values):.1f}")
    return (f"{min(loads):.1f}–{max(loads):.1f} over the run; before the figures of each size: "
            + (", ".join(parts) or "—") + " (the run itself adds about 1)")


def _version(argv):
    try:
        return subprocess.run(argv, capture_output=True, text=True).stdout.splitlines()[0]
    except (OSError, IndexError):
        return None


def _cpu():
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.machine()


def _commit(binary):
    here = os.path.dirname(os.path.abspath(__file__))
    try:
        commit = subprocess.run(["git", "-C", here, "describe", "--always", "--dirty"], capture_output=True,
                                text=True).stdout.strip()
        return f"source {commit}"
    except OSError:
        return "source unknown"


if __name__ == "__main__":
    try:
        main()
    except runner.CommandFailed as failure:
        print(f"error: {failure}; the sizes measured so far are in the results folder", file=sys.stderr)
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
