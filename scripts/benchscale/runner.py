"""Whole-process timing: every figure is a process started from nothing, as a user types it.

`run` starts one process under GNU time (posix_spawn, no shell) and takes the wall time around
it and the peak resident set size (%M) that time reports. time is the launcher because the peak
RSS of a process counts the memory of the process it was forked from: started from this Python
harness, every small command would report the harness's size; started from time, the floor is
about 4 MB. The launcher adds about 1 ms to every figure taken with `run`, the tool's and the
baselines' alike. `hyperfine`
times a command that does not change anything many times, through hyperfine (-N: no shell).
"""
import json
import math
import os
import shlex
import subprocess
import tempfile
import time
from dataclasses import dataclass


@dataclass
class Sample:
    seconds: float
    rss_kib: int
    status: int
    output: str
    cpu_seconds: float = 0.0  # user + system: less sensitive than wall time to a loaded machine


def run(argv, env, capture=True, stdin_path=None):
    """Runs argv once; its wall time, peak RSS, exit status and (when asked) standard output."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile(mode="r") as memory:
        argv = list(argv)
        launched = ["/usr/bin/time", "-f", "%M %U %S", "-o", memory.name] + argv
        actions = [(os.POSIX_SPAWN_DUP2, (out.fileno() if capture else os.open(os.devnull, os.O_WRONLY)), 1),
                   (os.POSIX_SPAWN_DUP2, err.fileno(), 2)]
        if stdin_path:
            actions.append((os.POSIX_SPAWN_OPEN, 0, stdin_path, os.O_RDONLY, 0))
        else:
            actions.append((os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0))
        start = time.perf_counter()
        pid = os.posix_spawn(launched[0], launched, env, file_actions=actions)
        _, status, _ = os.wait4(pid, 0)
        seconds = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        fields = (memory.read().strip().splitlines() or [""])[-1].split()
        try:
            rss_kib, cpu = int(fields[0]), float(fields[1]) + float(fields[2])
        except (IndexError, ValueError):
            rss_kib, cpu = 0, 0.0
        out.seek(0); err.seek(0)
        text = out.read().decode("utf-8", "replace") if capture else ""
        if code not in (0, 1):
            message = err.read().decode("utf-8", "replace").strip().splitlines()
            raise CommandFailed(argv, code, message[-1] if message else "")
        return Sample(seconds, rss_kib, code, text, cpu)


class CommandFailed(Exception):
    def __init__(self, argv, code, message):
        super().__init__(f"{shlex.join(argv[:4])}{' ...' if len(argv) > 4 else ''} exited {code}: {message}")
        self.code = code


def percentile(values, p):
    """Nearest-rank percentile (p in 0..100); with fewer than 100 values p99 is the largest."""
    ordered = sorted(values)
    if not ordered:
        return None
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def summary(samples):
    """p50, p99, spread and peak RSS of samples; cpu_seconds is the p50 of user + system time."""
    seconds = [s.seconds for s in samples]
    return {"n": len(seconds), "p50": percentile(seconds, 50), "p99": percentile(seconds, 99),
            "min": min(seconds), "max": max(seconds), "rss_kib_max": max(s.rss_kib for s in samples),
            "cpu_seconds": percentile([s.cpu_seconds for s in samples], 50), "times": seconds}


def hyperfine(argv, env, budget, max_runs, min_runs=3, warmup=1):
    """Median, spread and peak RSS of argv: one probe run (also checks that it succeeds and
    gives the peak RSS), then hyperfine with as many runs as fit in `budget` seconds;
    cpu_seconds is hyperfine's mean user + system time."""
    probe = run(argv, env, capture=False)
    runs = max(min_runs, min(max_runs, int(budget / max(probe.seconds, 1e-3))))
    warm = warmup if probe.seconds * (runs + warmup) < budget * 2 else 0
    with tempfile.NamedTemporaryFile(suffix=".json") as export:
        subprocess.run(["hyperfine", "-N", "--style", "none", "--runs", str(runs), "--warmup", str(warm),
                        "--export-json", export.name, shlex.join(argv)],
                       env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        result = json.load(open(export.name))["results"][0]
    times = result["times"]
    return {"n": len(times), "p50": result["median"], "p99": percentile(times, 99), "min": min(times),
            "max": max(times), "mean": result["mean"], "stddev": result.get("stddev"),
            "rss_kib_max": probe.rss_kib, "cpu_seconds": result.get("user", 0) + result.get("system", 0),
            "times": times}
