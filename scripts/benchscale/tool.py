"""Driving leakledger (and git) the way a user does, and finding out what this build can do.

Commands that this build lacks are detected from its own help and skipped with a note:
- `--version` (the root command answers with status 0);
- `register --recursive DIR` (named in `register --help`); without it the archive is
  registered with `register FILE...` in batches, and the figure says so;
- `append FILE` (named in the root help): one entry a line, {"type": "party.status" or
  "link.added", "body": {...}} with the members the status and link commands record; without
  it, content-less entries are appended one process each.
"""
import json
import os
import shutil
import subprocess
import time

from . import runner

PARTIES = ["Veldmoor Shipping Consortium", "Harbour Trust of Calloway Sound",
           "Fundación Marítima de Isla Bermeja", "Port Averly Customs Office"]
REPORTERS = ["Port Averly Gazette", "Calloway Evening Post"]
STATUSES = ["confirmed", "hedged_confirmation", "denied", "denied_involvement", "neither_confirm_nor_deny",
            "declined_to_comment", "no_comment_policy", "no_response", "authenticated_technical", "disputed"]
RELATIONS = ["quotes", "mirrors", "cites", "responds_to", "derived_from", "same_as", "contradicts",
             "supersedes", "context"]


def environment(work):
    """A clean environment: keys, state and caches of this run only, no colour, no ledger default."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEAKLEDGER_")}
    home = os.path.join(work, "home")
    for sub in ("config", "state", "cache"):
        os.makedirs(os.path.join(home, sub), exist_ok=True)
    env.update({"HOME": home, "XDG_CONFIG_HOME": os.path.join(home, "config"),
                "XDG_STATE_HOME": os.path.join(home, "state"), "XDG_CACHE_HOME": os.path.join(home, "cache"),
                "LEAKLEDGER_ACTOR": "bench", "NO_COLOR": "1", "LC_ALL": "C.UTF-8",
                "GIT_CONFIG_NOSYSTEM": "1"})
    return env


def _help(binary, env, *command):
    result = subprocess.run([binary, *command, "--help"], env=env, capture_output=True, text=True)
    return result.stdout + result.stderr


def capabilities(binary, env):
    version = subprocess.run([binary, "--version"], env=env, capture_output=True, text=True)
    return {
        "version": version.stdout.strip() if version.returncode == 0 else None,
        "recursive": "--recursive" in _help(binary, env, "register"),
        "jobs": "--jobs" in _help(binary, env, "register"),
        "max_matches": "--max-matches" in _help(binary, env, "verify"),
        "append": "\n  append " in _help(binary, env),
    }


def import_archive(binary, ledger, root, paths, env, caps, batch):
    """init + registration of every file under root: seconds, peak RSS, how, and the summary."""
    origin = f"bench.example/{os.path.basename(ledger)}"  # one key per origin in the config folder
    samples = [runner.run([binary, "init", ledger, "--origin", origin], env, capture=False)]
    if caps["recursive"]:
        sample = runner.run([binary, "register", "--recursive", root, "--ledger", ledger, "--json"], env)
        samples.append(sample)
        how = "register --recursive (one process)"
        try:
            report = json.loads(sample.output.strip().splitlines()[-1])
        except (ValueError, IndexError):
            report = {"output": sample.output[-500:]}
    else:
        for i in range(0, len(paths), batch):
            chunk = [os.path.join(root, p) for p in paths[i:i + batch]]
            samples.append(runner.run([binary, "register", *chunk, "--ledger", ledger, "--json"], env, capture=False))
        how = f"register FILE... in batches of {batch} ({len(samples) - 1} processes; no --recursive in this build)"
        report = None
    return {"seconds": sum(s.seconds for s in samples), "rss_kib_max": max(s.rss_kib for s in samples),
            "cpu_seconds": sum(s.cpu_seconds for s in samples), "how": how, "summary": report}


def git_import(git_dir, root, env):
    """git init && git add -A && git commit of the same files (automatic gc off, so that no
    background packing runs into the next figures)."""
    git_env = dict(env, GIT_DIR=git_dir, GIT_WORK_TREE=root)
    config = ["-c", "user.name=bench", "-c", "user.email=bench@example.invalid", "-c", "gc.auto=0",
              "-c", "maintenance.auto=false", "-c", "core.fsync=none"]
    samples = [runner.run(["git", "init", "-q", git_dir], git_env, capture=False),
               runner.run(["git", *config, "add", "-A"], git_env, capture=False),
               runner.run(["git", *config, "commit", "-q", "-m", "import"], git_env, capture=False)]
    return {"seconds": sum(s.seconds for s in samples), "rss_kib_max": max(s.rss_kib for s in samples),
            "cpu_seconds": sum(s.cpu_seconds for s in samples), "how": "git init && git add -A && git commit"}


def registered(ledger):
    """(entries, [(seq, id)] of registered documents), read from the log file directly."""
    entries, documents = 0, []
    with open(os.path.join(ledger, "log", "entries.jsonl"), "rb") as f:
        for line in f:
            entries += 1
            if b'"document.registered"' in line:
                entry = json.loads(line)
                documents.append((entry["seq"], entry["body"]["id"]))
    return entries, documents


def index_bytes(ledger, env):
    total = 0
    for folder in (ledger, os.path.join(env["XDG_CACHE_HOME"], "leakledger")):
        if not os.path.isdir(folder):
            continue
        for dirpath, _, files in os.walk(folder):
            total += sum(os.path.getsize(os.path.join(dirpath, f)) for f in files if f.startswith("index.sqlite"))
    return total


def contentless(binary, ledger, documents, env, caps, count, budget, work):
    """Appends `count` statuses and links (half each) to ledger; entries per second."""
    def status(i):
        return {"party": PARTIES[i % len(PARTIES)], "doc": documents[i % len(documents)],
                "status": STATUSES[i % len(STATUSES)], "statement": f"Statement number {i} on the record.",
                "reported_by": REPORTERS[i % len(REPORTERS)], "at": f"20{10 + i % 12}-0{1 + i % 9}-1{i % 9}"}
    def link(i):
        # Every (from, relation, to) once, never a document to itself: a link is recorded once.
        n = len(documents)
        return {"from": documents[i % n], "relation": RELATIONS[(i // (n * (n - 1))) % len(RELATIONS)],
                "to": documents[(i % n + 1 + (i // n) % (n - 1)) % n], "note": f"cross-reference {i}"}
    if caps["append"]:
        path = os.path.join(work, "entries.jsonl")
        with open(path, "w") as f:
            for i in range(count // 2):
                s = status(i)
                body = {"party": s["party"], "document": s["doc"], "status": s["status"], "statement": s["statement"],
                        "reported_by": s["reported_by"], "at": s["at"]}
                f.write(json.dumps({"type": "party.status", "body": body}, ensure_ascii=False) + "\n")
                l = link(i)
                body = {"from": l["from"], "relation": l["relation"], "to": l["to"], "note": l["note"]}
                f.write(json.dumps({"type": "link.added", "body": body}, ensure_ascii=False) + "\n")
        sample = runner.run([binary, "append", path, "--as-new", "--ledger", ledger], env, capture=False)
        return {"entries": count, "seconds": sample.seconds, "per_second": count / sample.seconds,
                "how": "append FILE (1 process)", "complete": True}
    done, seconds, start = 0, 0.0, time.monotonic()
    while done < count and time.monotonic() - start < budget:
        if done % 2 == 0:
            s = status(done // 2)
            argv = [binary, "status", s["party"], s["doc"], s["status"], "--statement", s["statement"],
                    "--reported-by", s["reported_by"], "--at", s["at"]]
        else:
            l = link(done // 2)
            argv = [binary, "link", l["from"], l["relation"], l["to"], "--note", l["note"]]
        seconds += runner.run(argv + ["--ledger", ledger], env, capture=False).seconds
        done += 1
    return {"entries": done, "seconds": seconds, "per_second": done / seconds if seconds else None,
            "how": f"one process per entry (no --batch in this build); stopped after {done} of {count} "
                   f"entries by the {budget:.0f} s budget" if done < count else "one process per entry",
            "complete": done >= count}


def remove(path):
    shutil.rmtree(path, ignore_errors=True)
