"""``plantrack trend`` over real git repositories with commits dated in several quarters."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from conftest import MINIMAL_PLAN, run_plantrack, unwrapped
from gitkit import commit_plan, git, needs_git

pytestmark = needs_git


def commit(repo: Path, when: str, message: str, edits: dict[str, str] | None = None) -> str:
    """Apply ``{old: new}`` to the demo plan and commit it dated ``when``; the sha."""
    return commit_plan(repo, when, edits, message=message)


A_STATUS = "status: on track"  # T1.1.a, due Q4 25/26
B2 = "due: October 2026\n"  # T1.1.b-2, no status yet


@pytest.fixture
def quarterly(tmp_path) -> tuple[Path, dict[str, str]]:
    return build_quarterly(tmp_path)


def build_quarterly(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A plan repo with commits in Q1, Q2 (twice), Q4 of 2025/26 and Q1 2026/27."""
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "plans").mkdir()
    shas = {
        "q1": commit(tmp_path, "2025-05-10T10:00:00+01:00", "Add the plan"),
        "q2a": commit(
            tmp_path, "2025-08-15T10:00:00+01:00", "a behind", {A_STATUS: "status: behind"}
        ),
        # 23:30 on the quarter's last day, in the committer's own zone: still Q2.
        "q2b": commit(
            tmp_path,
            "2025-09-30T23:30:00+01:00",
            "b-2 on track",
            {B2: B2 + "                status: on track\n"},
        ),
        "q4": commit(
            tmp_path, "2026-02-01T10:00:00+00:00", "a off track", {"status: behind": "status: red"}
        ),
        "q1next": commit(
            tmp_path, "2026-04-10T10:00:00+01:00", "a done", {"status: red": "status: completed"}
        ),
    }
    return tmp_path, shas


def trend_json(cli, repo: Path, *args: str) -> list[dict]:
    result = cli("trend", "--plans", repo / "plans", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_each_quarter_counts_the_last_commit_on_or_before_its_close(cli, quarterly):
    repo, shas = quarterly
    points = trend_json(cli, repo)  # today is 23 Nov 2026 (Q3 2026/27)
    assert [p["quarter"] for p in points] == [
        "Q1 2025/26",
        "Q2 2025/26",
        "Q3 2025/26",
        "Q4 2025/26",
        "Q1 2026/27",
        "Q2 2026/27",
        "Q3 2026/27",
    ]
    assert [p["commit"] for p in points] == [
        shas["q1"],
        shas["q2b"],
        shas["q2b"],  # no commit in Q3: the plans stood as at Q2's close
        shas["q4"],
        shas["q1next"],
        shas["q1next"],
        shas["q1next"],
    ]
    counts = [p["counts"] for p in points]
    # T1.1.b-2 has no status of its own yet: it reports its action's "behind schedule".
    assert counts[0]["on_track"] == 1 and counts[0]["behind"] == 1
    assert counts[0]["done"] == 1 and counts[0]["no_status"] == 0
    assert counts[1]["behind"] == 1 and counts[1]["on_track"] == 1
    assert counts[1]["no_status"] == 0
    assert counts[3]["off_track"] == 1
    assert counts[4]["done"] == 2 and counts[4]["off_track"] == 0
    assert all(sum(c.values()) == 3 for c in counts)


def test_overdue_is_counted_as_at_each_close(cli, quarterly):
    repo, _ = quarterly
    points = {p["quarter"]: p for p in trend_json(cli, repo)}
    # T1.1.a (due Q4 25/26) was off track when Q4 closed: overdue from 1 April 2026.
    assert points["Q4 2025/26"]["overdue"] == 1
    assert points["Q4 2025/26"]["as_at"] == "2026-04-01"
    assert points["Q3 2025/26"]["overdue"] == 0
    # Completed in Q1 26/27; T1.1.b-2 (due October 2026) is late only in the running quarter,
    # counted as at today.
    assert points["Q1 2026/27"]["overdue"] == 0
    assert points["Q2 2026/27"]["overdue"] == 0
    assert points["Q3 2026/27"]["overdue"] == 1
    assert points["Q3 2026/27"]["as_at"] == "2026-11-23"


def test_from_to_and_filters(cli, quarterly):
    repo, shas = quarterly
    points = trend_json(cli, repo, "--from", "Q2-25/26", "--to", "Q4 2025/26")
    assert [p["quarter"] for p in points] == ["Q2 2025/26", "Q3 2025/26", "Q4 2025/26"]
    only = trend_json(cli, repo, "--status", "completed", "--to", "Q1-26/27")
    assert [p["counts"]["done"] for p in only] == [1, 1, 1, 1, 2]
    assert all(sum(p["counts"].values()) == p["counts"]["done"] for p in only)
    # A quarter before the first commit has nothing to count and is left out.
    early = trend_json(cli, repo, "--from", "Q3 2024/25", "--to", "Q1 2025/26")
    assert [p["quarter"] for p in early] == ["Q1 2025/26"]


def test_bad_quarters_are_usage_errors(cli, quarterly):
    repo, _ = quarterly
    bad = cli("trend", "--plans", repo / "plans", "--from", "Q5 25/26")
    assert bad.exit_code == 2 and "--from" in bad.output
    backwards = cli("trend", "--plans", repo / "plans", "--from", "Q4 25/26", "--to", "Q1 25/26")
    assert backwards.exit_code == 2 and "after" in backwards.output


def test_a_version_that_did_not_load_is_named_not_counted(cli, quarterly):
    repo, _ = quarterly
    (repo / "plans" / "broken.yaml").write_text("plantrack: 1\nid: [unclosed\n")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "broken", when="2026-08-01T10:00:00+01:00")
    (repo / "plans" / "broken.yaml").unlink()
    git(repo, "commit", "-q", "-am", "fix", when="2026-10-02T10:00:00+01:00")
    points = {p["quarter"]: p for p in trend_json(cli, repo)}
    assert points["Q2 2026/27"]["unreadable"] == ["plans/broken.yaml"]
    assert sum(points["Q2 2026/27"]["counts"].values()) == 3
    assert points["Q3 2026/27"]["unreadable"] == []


def test_table_csv_and_markdown_carry_the_same_numbers(cli, quarterly, monkeypatch):
    repo, shas = quarterly
    monkeypatch.setenv("COLUMNS", "120")  # one table row per line, whatever the shell's width
    table = cli("trend", "--plans", repo / "plans", "--to", "Q4 25/26")
    assert table.exit_code == 0
    lines = table.output.splitlines()
    q4 = next(line for line in lines if line.startswith("Q4 2025/26"))
    assert shas["q4"][:8] in q4 and "█" in q4  # one off-track item: a red (█) share of the bar
    assert "█ Off track" in table.output  # the legend says what each shade means
    rows = list(csv.DictReader(io.StringIO(cli("trend", "-p", repo / "plans", "-f", "csv").output)))
    assert rows[3]["quarter"] == "Q4 2025/26" and rows[3]["off_track"] == "1"
    assert rows[3]["overdue"] == "1" and rows[3]["commit"] == shas["q4"][:10]
    markdown = cli("trend", "-p", repo / "plans", "-f", "markdown").output
    assert f"| Q4 2025/26 | {shas['q4'][:10]} | last commit | 1 | 0 | 1 |" in markdown


def test_one_git_log_and_one_blob_batch(quarterly, monkeypatch):
    """Years of quarterly commits must not cost a git process per quarter or per file."""
    from datetime import date

    from plantrack.git import gitlog
    from plantrack.usecases.trend import trend

    repo, _ = quarterly
    calls: list[str] = []
    real = gitlog.run_git
    monkeypatch.setattr(
        gitlog, "run_git", lambda args, *a, **k: calls.append(args[0]) or real(args, *a, **k)
    )
    points = trend(str(repo / "plans"), year_start=4, today=date(2026, 11, 23))
    assert len(points) == 7
    assert sorted(calls) == ["cat-file", "for-each-ref", "log", "rev-parse"]


def test_outside_a_repository_is_a_clear_error(tmp_path):
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "demo.yaml").write_text(MINIMAL_PLAN)
    done = run_plantrack(
        "trend", "--plans", tmp_path / "plans", env={"GIT_CEILING_DIRECTORIES": str(tmp_path)}
    )
    assert done.returncode == 2
    assert "not inside a git repository" in done.stderr and "Traceback" not in done.stderr


def test_a_narrow_terminal_keeps_the_numbers_and_drops_the_bar(cli, quarterly, monkeypatch):
    repo, shas = quarterly
    monkeypatch.setenv("COLUMNS", "60")
    out = cli("trend", "--plans", repo / "plans", "--to", "Q4 25/26").stdout
    q4 = next(line for line in out.splitlines() if line.startswith("Q4 2025/26"))
    # * (not closed), the commit, then Off track, Behind, On track, Done, Overdue
    assert q4.split()[2:] == ["*", shas["q4"][:8], "1", "0", "1", "1", "1"]
    assert "█" not in out and "Mix left out to fit 60 columns" in out


def test_done_says_it_counts_cancelled_items_wherever_it_is_shown(cli, quarterly, monkeypatch):
    """Issue 27: "Done" counts cancelled items as done; trend says so under its numbers,
    as summary and the paper do, once."""
    repo, _ = quarterly
    monkeypatch.setenv("COLUMNS", "120")
    note = "Done includes cancelled items as well as completed ones."
    markdown = cli("trend", "-p", repo / "plans", "-f", "markdown").output
    assert markdown.count(note) == 1
    done = cli(
        "update",
        "T1.1.a",
        "--status",
        "cancelled",
        "--rationale",
        "Stopped.",
        "--plans",
        repo / "plans",
    )
    assert done.exit_code == 0, done.output
    git(repo, "commit", "-q", "-am", "cancel", when="2026-12-01T10:00:00+00:00")
    table = cli("trend", "-p", repo / "plans").output
    assert "Done" in table and unwrapped(table).count(note) == 1
