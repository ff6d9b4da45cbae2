"""Benchmarks as ratios against baselines measured in the same run (issue: speed).

    make bench            # or: python bench/run.py [--files 1000] [--runs 3]

A  plantrack validate, 100 files        vs check-jsonschema on the same files
B  plantrack overdue --no-cache, N files vs a bare yaml.load(CSafeLoader) of them
C  plantrack overdue, one small plan     vs importing the stack (typer, rich, yaml...)
   plantrack --help                      vs the same import floor
W  plantrack overdue, warm cache, N files vs the bare parse of B
M  peak memory (max RSS) of B

Medians of several runs; nothing here is a test and nothing in `make test` times anything.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent
FLOOR = "import typer, rich.console, rich.table, yaml, dateutil; from pydantic import BaseModel"
BARE_PARSE = (
    "import sys, yaml\n"
    "for name in sys.argv[1:]:\n"
    "    with open(name, 'rb') as f: yaml.load(f.read(), Loader=yaml.CSafeLoader)\n"
)
MAX_RSS = (
    "import resource, subprocess, sys\n"
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def timed(command: list[str], runs: int, env: dict | None = None) -> float:
    """Median wall time of ``command`` (output discarded)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False
        )
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def peak_rss_mib(command: list[str]) -> float:
    out = subprocess.run(
        [sys.executable, "-c", MAX_RSS, *command], capture_output=True, text=True, check=True
    ).stdout
    return int(out.strip()) / 1024


def line(label: str, ours: float, base: float, target: str, ok: bool) -> str:
    verdict = "meets" if ok else "MISSES"
    return (
        f"{label:<44} {ours:8.3f}s / {base:8.3f}s = {ours / base:5.2f}x  "
        f"(target {target}: {verdict})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description="plantrack benchmarks")
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    sys.path.insert(0, str(HERE))
    from generate import generate

    work = Path(tempfile.mkdtemp(prefix="plantrack-bench-"))
    env = {
        **os.environ,
        "PLANTRACK_CACHE_DIR": str(work / "cache"),
        "PLANTRACK_TODAY": "2026-11-23",
        "NO_COLOR": "1",
    }
    small = generate(work / "small", 1)
    hundred = generate(work / "hundred", 100)
    many = generate(work / "many", options.files)
    plantrack = str(BIN / "plantrack")
    print(
        f"plantrack benchmarks on {os.cpu_count()} cpus, python {sys.version.split()[0]}; "
        f"corpus {options.files} files x 100 trackables\n"
    )

    checker = shutil.which("check-jsonschema", path=str(BIN)) or shutil.which("check-jsonschema")
    ours = timed([plantrack, "validate", str(work / "hundred")], options.runs, env)
    if checker:
        theirs = timed(
            [checker, "--schemafile", str(ROOT / "schemas/plan.schema.json"), *map(str, hundred)],
            options.runs,
            env,
        )
        print(
            line(
                "A validate 100 files vs check-jsonschema",
                ours,
                theirs,
                "<= 0.2x",
                ours <= 0.2 * theirs,
            )
        )
    else:
        print("A skipped: check-jsonschema is not installed (make bench installs it)")

    bare = timed([sys.executable, "-c", BARE_PARSE, *map(str, many)], options.runs, env)
    overdue_many = [
        plantrack,
        "overdue",
        "--plans",
        str(work / "many"),
        "--quarter",
        "Q4-25/26",
        "--format",
        "json",
    ]
    cold = timed([*overdue_many, "--no-cache"], options.runs, env)
    label = f"B overdue {options.files} files vs bare CSafeLoader"
    print(line(label, cold, bare, "<= 1.5x", cold <= 1.5 * bare))
    subprocess.run(overdue_many, stdout=subprocess.DEVNULL, env=env, check=False)  # fill cache
    warm = timed(overdue_many, options.runs, env)
    print(
        line(
            "W overdue, warm cache, vs bare CSafeLoader", warm, bare, "<= 0.3x", warm <= 0.3 * bare
        )
    )

    floor = timed([sys.executable, "-c", FLOOR], options.runs, env)
    one = timed([plantrack, "overdue", "--plans", str(small[0]), "--no-cache"], options.runs, env)
    print(
        line("C overdue one small plan vs import floor", one, floor, "<= 1.3x", one <= 1.3 * floor)
    )
    helped = timed([plantrack, "--help"], options.runs, env)
    print(line("C plantrack --help vs import floor", helped, floor, "< 1.0x", helped < floor))

    rss = peak_rss_mib([*overdue_many, "--no-cache"])
    print(
        f"{'M peak memory of B':<44} {rss:8.0f} MiB (target < 1024 MiB: "
        f"{'meets' if rss < 1024 else 'MISSES'})"
    )
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
