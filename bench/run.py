"""Benchmarks as ratios against baselines measured in the same run (issue: speed).

    make bench            # or: python bench/run.py [--files 1000] [--runs 3] [--only WC]

A  plantrack validate, 100 files        vs check-jsonschema on the same files
B  plantrack overdue --no-cache, N files vs a bare yaml.load(CSafeLoader) of them
C  plantrack overdue, one small plan     vs importing the stack (typer, rich, yaml...)
   (warm, as a meeting runs it; the first, uncached run is printed beside it)
   plantrack --help, completion script   vs the same import floor
W  plantrack overdue, warm cache, N files vs the bare parse of B
M  peak memory (max RSS) of B
S  plantrack site, the shipped plans with their quarterly history vs the committee paper
   of the same plans; then the site over the N files (time and peak memory, no target
   but finishing under 1 GiB)
U  plantrack list --stale --format json, a plan repo of 500 commits to the five shipped
   plans (first run: the history read; then warm, from the answer kept for the commit)
                                         vs git log --raw over the same files

Medians of several runs; nothing here is a test and nothing in `make test` times anything.
"""

from __future__ import annotations

import argparse
import os
import re
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


def wall_time(command: list[str], env: dict | None = None) -> float:
    """Wall time of one run of ``command`` (output discarded)."""
    start = time.perf_counter()
    subprocess.run(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False
    )
    return time.perf_counter() - start


def side_by_side(
    ours: list[str], base: list[str], runs: int, env: dict | None = None
) -> tuple[float, float, float]:
    """Median times of ``ours`` and ``base`` and the median of their paired ratios.

    The two run alternately, so a shared machine's slow minute slows both sides of
    a pair instead of one side of the whole comparison.
    """
    pairs = [(wall_time(ours, env), wall_time(base, env)) for _ in range(runs)]
    return (
        statistics.median(p[0] for p in pairs),
        statistics.median(p[1] for p in pairs),
        statistics.median(p[0] / p[1] for p in pairs),
    )


def peak_rss_mib(command: list[str]) -> float:
    out = subprocess.run(
        [sys.executable, "-c", MAX_RSS, *command], capture_output=True, text=True, check=True
    ).stdout
    return int(out.strip()) / 1024


def line(
    label: str, timing: tuple[float, float, float], target: float | None, strict: bool = False
) -> str:
    """One result: times, ratio and, if it has one, the target and whether it is met."""
    ours, base, ratio = timing
    text = f"{label:<46} {ours:8.3f}s / {base:8.3f}s = {ratio:5.2f}x"
    if target is None:
        return text + "  (no target: for information)"
    ok = ratio < target if strict else ratio <= target
    sign = "<" if strict else "<="
    return text + f"  (target {sign} {target}x: {'meets' if ok else 'MISSES'})"


class Bench:
    """The corpora, environment and baselines of one run, measured on demand."""

    def __init__(self, work: Path, files: int, runs: int) -> None:
        sys.path.insert(0, str(HERE))
        from generate import generate

        self.work, self.files, self.runs = work, files, runs
        self.env = {
            **os.environ,
            "PLANTRACK_CACHE_DIR": str(work / "cache"),
            "PLANTRACK_TODAY": "2026-11-23",
            "NO_COLOR": "1",
        }
        self.small = generate(work / "small", 1)
        self.hundred = generate(work / "hundred", 100)
        self.many = generate(work / "many", files)
        self.plantrack = str(BIN / "plantrack")
        self.bare = [sys.executable, "-c", BARE_PARSE, *map(str, self.many)]
        self.floor = [sys.executable, "-c", FLOOR]

    def compare(self, ours: list[str], base: list[str]) -> tuple[float, float, float]:
        return side_by_side(ours, base, self.runs, self.env)

    def overdue_many(self, *extra: str) -> list[str]:
        plans = str(self.work / "many")
        return [self.plantrack, "overdue", "--plans", plans, "--quarter", "Q4-25/26", *extra]

    def measure_a(self) -> None:
        checker = shutil.which("check-jsonschema", path=str(BIN)) or shutil.which(
            "check-jsonschema"
        )
        if not checker:
            print("A skipped: check-jsonschema is not installed (make bench installs it)")
            return
        ours = [self.plantrack, "validate", str(self.work / "hundred")]
        schema = str(ROOT / "schemas/plan.schema.json")
        theirs = [checker, "--schemafile", schema, *map(str, self.hundred)]
        print(line("A validate 100 files / check-jsonschema", self.compare(ours, theirs), 0.2))

    def measure_b(self) -> None:
        cold = self.compare(self.overdue_many("--format", "json", "--no-cache"), self.bare)
        print(line(f"B overdue {self.files} files / bare CSafeLoader", cold, 1.5))

    def measure_w(self) -> None:
        command = self.overdue_many("--format", "json")
        subprocess.run(command, stdout=subprocess.DEVNULL, env=self.env, check=False)  # fill
        warm = self.compare(command, self.bare)
        print(line("W overdue, warm cache / bare CSafeLoader", warm, 0.2))

    def measure_c(self) -> None:
        small = [self.plantrack, "overdue", "--plans", str(self.small[0])]
        subprocess.run(small, stdout=subprocess.DEVNULL, env=self.env, check=False)  # fill
        print(line("C overdue one small plan / import floor", self.compare(small, self.floor), 1.0))
        cold = self.compare([*small, "--no-cache"], self.floor)
        print(line("  the same, first run (--no-cache)", cold, None))
        helped = self.compare([self.plantrack, "--help"], self.floor)
        print(line("C plantrack --help / import floor", helped, 1.0, strict=True))
        complete = self.compare([self.plantrack, "--show-completion", "bash"], self.floor)
        print(line("C shell completion script / import floor", complete, 1.0, strict=True))

    def measure_s(self) -> None:
        sys.path.insert(0, str(ROOT / "tests"))
        from sample_history import build

        history = self.work / "history"
        build(history)
        plans = str(history / "plans")
        quarter = ("--quarter", "Q4-25/26")
        site = [self.plantrack, "site", "--plans", plans, *quarter, "-o", str(self.work / "site")]
        paper = [self.plantrack, "report", "--plans", plans, *quarter, "--all"]
        paper += ["-o", str(self.work / "paper.html")]
        for command in (site, paper):  # fill the cache: both read the plans through it
            subprocess.run(command, capture_output=True, env=self.env, check=False)
        timing = self.compare(site, paper)
        print(line("S site, shipped plans + history / paper", timing, 2.0, strict=True))
        many = [self.plantrack, "site", "--plans", str(self.work / "many")]
        many += ["-o", str(self.work / "site-many")]
        start = time.perf_counter()
        rss = peak_rss_mib(many)
        took = time.perf_counter() - start
        verdict = "meets" if rss < 1024 else "MISSES"
        print(
            f"{'S site over ' + str(self.files) + ' files (first run)':<46} {took:8.1f}s, "
            f"peak {rss:.0f} MiB  (target < 1024 MiB: {verdict})"
        )

    def measure_u(self) -> None:
        repo = history_repo(self.work / "stale-history", COMMITS)
        git_log = ["git", "-C", str(repo), "log", "--raw", "--no-abbrev", "--", "plans"]
        stale = [self.plantrack, "list", "--plans", str(repo / "plans"), "--stale", "-f", "json"]
        label = f"U list --stale, {COMMITS} commits / git log --raw"
        print(line(f"{label} (first run)", self.compare([*stale, "--no-cache"], git_log), None))
        subprocess.run(stale, stdout=subprocess.DEVNULL, env=self.env, check=False)  # fill
        print(line(f"{label} (warm)", self.compare(stale, git_log), None))

    def measure_m(self) -> None:
        rss = peak_rss_mib(self.overdue_many("--format", "json", "--no-cache"))
        verdict = "meets" if rss < 1024 else "MISSES"
        print(f"{'M peak memory of B':<46} {rss:8.0f} MiB  (target < 1024 MiB: {verdict})")


COMMITS = 500
STATUSES = ("on track", "behind", "off track", "in progress")


def history_repo(repo: Path, commits: int) -> Path:
    """A git repository holding the five shipped plans, then ``commits`` commits that each
    change one status in one plan (file by file in turn), as a year of updates does."""
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "bench",
        "GIT_AUTHOR_EMAIL": "bench@example.org",
        "GIT_COMMITTER_NAME": "bench",
        "GIT_COMMITTER_EMAIL": "bench@example.org",
    }

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)

    shutil.copytree(ROOT / "plans", repo / "plans")
    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-q", "-m", "the shipped plans")
    files = sorted((repo / "plans").glob("*.yaml"))
    status = re.compile(r"^(\s+status: ).*$", re.M)
    for number in range(commits):
        path = files[number % len(files)]
        text = path.read_text(encoding="utf-8")
        places = list(status.finditer(text))
        if places:
            at = places[(number // len(files)) % len(places)]
            old = at.group(0)[len(at.group(1)) :].strip()
            turn = [STATUSES[(number + k) % len(STATUSES)] for k in range(len(STATUSES))]
            new = next(word for word in turn if word != old)  # always a change
            text = text[: at.start()] + at.group(1) + new + text[at.end() :]
        else:
            text += f"# update {number}\n"
        path.write_text(text, encoding="utf-8")
        git("commit", "-q", "-am", f"update {number}")
    return repo


def compile_bytecode() -> None:
    """Compile plantrack's modules as ``pip install`` does.

    An editable install leaves compiling to the first import, and an environment with
    PYTHONDONTWRITEBYTECODE set (some sandboxes and CI images) never writes it: every
    run would then compile ~50 ms of source that a user's installed copy never does.
    """
    import compileall

    compileall.compile_dir(str(ROOT / "src" / "plantrack"), quiet=1)


def main() -> None:
    parser = argparse.ArgumentParser(description="plantrack benchmarks")
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", default="ABWCMSU", help="which measurements, e.g. WC")
    options = parser.parse_args()
    unknown = set(options.only.upper()) - set("ABWCMSU")
    if unknown:
        parser.error(f"--only takes letters from ABWCMSU, not {''.join(sorted(unknown))}")
    compile_bytecode()
    work = Path(tempfile.mkdtemp(prefix="plantrack-bench-"))
    try:
        bench = Bench(work, options.files, options.runs)
        print(
            f"plantrack benchmarks on {os.cpu_count()} cpus, python {sys.version.split()[0]}; "
            f"corpus {options.files} files x 100 trackables; medians of {options.runs} runs\n"
        )
        for letter in options.only.upper():
            getattr(bench, f"measure_{letter.lower()}")()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
