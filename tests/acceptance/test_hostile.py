"""Hostile inputs (tests/hostile/README.md is the table of cases): each gets one clear,
located message and the right exit code, quickly, in bounded memory, never a traceback."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import MINIMAL_PLAN, posix_only, run_plantrack

HOSTILE = Path(__file__).parents[1] / "hostile"
ROW = re.compile(
    r"^\| (?P<file>[\w.-]+\.yaml) \| (?P<exit>\d) \| (?P<code>[\w-]+) \| "
    r"(?P<at>[\d:-]+) \| (?P<message>.*) \|$"
)
CASES = [
    m.groupdict() for m in map(ROW.match, (HOSTILE / "README.md").read_text().splitlines()) if m
]


def test_every_committed_file_is_in_the_table():
    assert sorted(c["file"] for c in CASES) == sorted(p.name for p in HOSTILE.glob("*.yaml"))


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_hostile_file(cli, case):
    result = cli("validate", HOSTILE / case["file"])
    assert result.exit_code == int(case["exit"])
    if case["code"] == "-":
        assert result.stdout.startswith("no errors")
        return
    first = result.stdout.splitlines()[0]
    assert f"{case['file']}:{case['at']}: error {case['code']}: " in first
    assert case["message"].replace("\\|", "|") in first
    assert len(result.stdout.splitlines()) == 2  # one error, one summary line


def test_all_at_once_in_a_subprocess_without_traceback(tmp_path):
    result = run_plantrack("validate", HOSTILE, cwd=tmp_path)
    failing = sum(c["exit"] == "1" for c in CASES)
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
    assert result.stdout.splitlines()[-1] == f"{failing} errors in {failing} of {len(CASES)} files"
    assert not (tmp_path / "pwned").exists()


MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
elapsed = time.perf_counter() - start
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(done.returncode, round(elapsed, 3), round(rss), sep="|")
print(done.stdout + done.stderr)
"""


def measured(path: Path) -> tuple[int, float, float, str]:
    """Exit code, seconds, peak MiB and output of `plantrack validate path`."""
    env = {**os.environ, "NO_COLOR": "1", "PLANTRACK_TODAY": "2026-11-23", "COLUMNS": "200"}
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, sys.executable, "-m", "plantrack", "validate", str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    ).stdout
    head, _, output = out.partition("\n")
    code, seconds, mib = head.split("|")
    return int(code), float(seconds), float(mib), output


def big_cases(folder: Path) -> dict[str, tuple[bytes, int, str]]:
    """name -> (content, exit code, text expected in the output)."""
    ten_mb = "x" * 10_000_000
    plan = MINIMAL_PLAN.replace("status: on track", f"status: {ten_mb}")
    return {
        "flow-20k.yaml": (b"a: " + b"[" * 20_000 + b"]" * 20_000 + b"\n", 1, "PT007"),
        "flow-100k.yaml": (b"a: " + b"[" * 100_000 + b"]" * 100_000 + b"\n", 1, "PT007"),
        "block-20k.yaml": (b"a:\n" + b"- " * 20_000 + b"x\n", 1, "PT007"),
        "block-100k.yaml": (b"a:\n" + b"- " * 100_000 + b"x\n", 1, "PT007"),
        "status-10mb.yaml": (plan.encode(), 1, "characters)"),
        "title-10mb.yaml": (
            MINIMAL_PLAN.replace("title: Demo plan", f"title: {ten_mb}").encode(),
            0,
            "no errors",
        ),
    }


@pytest.mark.parametrize(
    "name",
    [
        "flow-20k.yaml",
        "flow-100k.yaml",
        "block-20k.yaml",
        "block-100k.yaml",
        "status-10mb.yaml",
        "title-10mb.yaml",
    ],
)
def test_big_inputs_are_quick_and_small(tmp_path, name):
    content, code, expected = big_cases(tmp_path)[name]
    path = tmp_path / name
    path.write_bytes(content)
    exit_code, _seconds, mib, output = measured(path)
    assert exit_code == code and expected in output and "Traceback" not in output
    # Time is not asserted (tests never depend on a clock); `make bench` measures speed.
    assert mib < 200, f"{mib} MiB"
    assert max(map(len, output.splitlines())) < 1000  # no 10 MB message


def test_directory_named_like_a_plan(cli, tmp_path):
    """Given as the path it is a folder with no plans (usage, exit 2); inside a folder of
    plans it is walked like any folder."""
    (tmp_path / "x.yaml").mkdir()
    result = cli("validate", tmp_path / "x.yaml")
    assert result.exit_code == 2 and "no plan files (*.yaml) found in" in result.stderr
    (tmp_path / "x.yaml" / "plan.yaml").write_text(MINIMAL_PLAN)
    assert cli("validate", tmp_path).stdout.strip() == "no errors in 1 file"


@posix_only
def test_symlink_loop(cli, tmp_path):
    (tmp_path / "loop.yaml").symlink_to(tmp_path / "loop.yaml")
    result = cli("validate", tmp_path)
    assert result.exit_code == 1 and "PT001" in result.stdout


@posix_only
@pytest.mark.skipif(getattr(os, "geteuid", lambda: 0)() == 0, reason="root can read any file")
def test_unreadable_file(cli, tmp_path):
    path = tmp_path / "secret.yaml"
    path.write_text(MINIMAL_PLAN)
    path.chmod(0)
    result = cli("validate", path)
    assert result.exit_code == 1 and "permission denied" in result.stdout


def test_file_that_vanishes_between_listing_and_reading(cli, plans_dir, monkeypatch):
    (plans_dir / "a.yaml").write_text(MINIMAL_PLAN)
    (plans_dir / "b.yaml").write_text(MINIMAL_PLAN.replace("id: demo", "id: other"))
    import plantrack.config as config

    real = config.find_plan_files

    def listing_then_delete(paths):
        found = real(paths)
        (plans_dir / "b.yaml").unlink()
        return found

    monkeypatch.setattr(config, "find_plan_files", listing_then_delete)
    result = cli("validate", plans_dir)
    assert result.exit_code == 1 and "b.yaml" in result.stdout and "file not found" in result.stdout
