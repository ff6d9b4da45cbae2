"""A made-up quarterly git history of the shipped plans, for the sample committee paper.

The plans in ``plans/`` were transcribed in one go, so their own history holds no
quarter closes; a committee paper's "Changes this quarter" and trend need some. This
builds a repository whose last commit (dated in Q4 2025/26) is the shipped plans
exactly, and whose earlier commits rewind the Year Ahead tracker's statuses and
revised dates step by step, one commit a quarter. Dates, names and contents are fixed,
so the paper (``make report``) and the browser test see the same history everywhere.

    python tests/sample_history.py DIR    # DIR/plans, committed quarterly
"""

from __future__ import annotations

import re
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

from gitkit import git

ROOT = Path(__file__).resolve().parents[1]
TRACKER = "year-ahead-plan-2021-22.yaml"
COMPLETED = re.compile(r"status: Completed[^\n]*\n")


def _nth(pattern: re.Pattern[str], text: str, new: str, count: int) -> str:
    """``text`` with the last ``count`` matches of ``pattern`` replaced by ``new``."""
    matches = list(pattern.finditer(text))[-count:] if count else []
    for match in reversed(matches):
        text = text[: match.start()] + new + text[match.end() :]
    return text


def _undo_revisions(text: str, count: int) -> str:
    """The first ``count`` re-dated items put back to their original target date."""
    lines: list[str | None] = list(text.split("\n"))
    done = 0
    for index, line in enumerate(list(lines)):
        if done == count:
            break
        if line is None or not line.lstrip().startswith("original_due:"):
            continue
        indent = line[: len(line) - len(line.lstrip())]
        original = line.split(":", 1)[1].strip()
        item_start = index
        while item_start > 0 and not (lines[item_start] or "").startswith(indent[:-2] + "- "):
            item_start -= 1
        for other in range(item_start, index):
            if (lines[other] or "").startswith(indent + "due:"):
                lines[other] = f"{indent}due: {original}"
                lines[index] = None
                done += 1
                break
    return "\n".join(line for line in lines if line is not None)


def _q3(text: str) -> str:
    text = text.replace("status: Off track", "status: Behind schedule")
    return _undo_revisions(_nth(COMPLETED, text, "status: On track\n", 10), 3)


def _q2(text: str) -> str:
    text = _q3(text).replace("status: Behind schedule", "status: On track")
    return _nth(COMPLETED, text, "status: On track\n", 20)


def _q1(text: str) -> str:
    return COMPLETED.sub("status: On track\n", _q2(text))


def _q0(text: str) -> str:
    return _q1(text).replace("status: On track", "status: Not started")


# (commit date, message, the tracker's text then, from the shipped text), oldest first.
AUTHOR = "Performance Team"  # who commits the quarterly updates of the sample
STEPS: list[tuple[str, str, Callable[[str], str]]] = [
    ("2024-12-13T16:00:00+00:00", "Add the plans", _q0),
    ("2025-03-14T16:00:00+00:00", "Q4 2024/25: statuses reviewed, no change", _q0),
    ("2025-06-20T16:00:00+01:00", "Q1 2025/26 update: work under way", _q1),
    ("2025-09-19T16:00:00+01:00", "Q2 2025/26 update", _q2),
    ("2025-12-12T16:00:00+00:00", "Q3 2025/26 update", _q3),
    ("2026-03-20T16:00:00+00:00", "Q4 2025/26 update", lambda text: text),
]


def build(target: Path) -> Path:
    """``target``/plans as a git repository with one commit a quarter; the plans folder."""
    plans = target / "plans"
    shutil.copytree(ROOT / "plans", plans)
    shipped = (plans / TRACKER).read_text(encoding="utf-8")
    git(target, "init", "-q", "-b", "main", author=AUTHOR)
    for when, message, state in STEPS:
        (plans / TRACKER).write_text(state(shipped), encoding="utf-8")
        git(target, "add", "-A", author=AUTHOR)
        git(target, "commit", "-q", "--allow-empty", "-m", message, when=when, author=AUTHOR)
    return plans


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python tests/sample_history.py DIR")
    build(Path(sys.argv[1]))
