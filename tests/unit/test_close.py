"""The quarter-close convention: tag names, reading closes back, the plans at a commit."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from conftest import MINIMAL_PLAN
from gitkit import git, needs_git
from plantrack.config import find_plan_files
from plantrack.dates import Quarter
from plantrack.rows.period import QuarterName
from plantrack.usecases.close import (
    closed,
    closed_quarters,
    contents_at,
    plans_at,
    quarter_of_tag,
    tag_name,
)


@pytest.mark.parametrize(
    ("quarter", "name"),
    [
        (Quarter(2021, 3, 4), "plantrack/2021-22-Q3"),
        (Quarter(2099, 4, 4), "plantrack/2099-00-Q4"),
        (Quarter(2021, 3, 1), "plantrack/2021-Q3"),
        (Quarter(2021, 3, 7), "plantrack/2021-22-Q3-jul"),
        (Quarter(2021, 1, 10), "plantrack/2021-22-Q1-oct"),
    ],
)
def test_a_tag_names_its_quarter_and_reads_back_as_it(quarter, name):
    assert tag_name(quarter) == name
    assert quarter_of_tag(name) == quarter


@pytest.mark.parametrize(
    "name",
    [
        "plantrack/2021-23-Q3",  # years that do not follow
        "plantrack/2021-22-Q5",
        "plantrack/2021-22-Q3-apr",  # April is written without a month
        "plantrack/2021-Q3-jul",  # a July year spans two years
        "plantrack/2021-22-Q3-xyz",
        "plantrack/release-1",
        "2021-22-Q3",
    ],
)
def test_other_names_are_no_quarter(name):
    assert quarter_of_tag(name) is None


def _repo(tmp_path: Path) -> Path:
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "plans" / "sub").mkdir(parents=True)
    (tmp_path / "plans" / "demo.yaml").write_text(MINIMAL_PLAN)
    (tmp_path / "plans" / "sub" / "b.yaml").write_text(MINIMAL_PLAN.replace("id: demo", "id: b"))
    (tmp_path / "plans" / "z.yaml").write_text(MINIMAL_PLAN.replace("id: demo", "id: z"))
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "plans", when="2026-01-05T10:00:00+00:00")
    return tmp_path


@needs_git
def test_closed_quarters_are_read_in_quarter_order_with_who_and_when(tmp_path):
    repo = _repo(tmp_path)
    first = git(repo, "rev-parse", "HEAD").strip()
    git(repo, "tag", "-a", "-m", "Q3 closed", "plantrack/2025-26-Q3", when="2026-01-07T09:00:00Z")
    (repo / "plans" / "demo.yaml").write_text(MINIMAL_PLAN.replace("on track", "completed"))
    git(repo, "commit", "-q", "-am", "Q4 returns", when="2026-04-03T10:00:00+01:00")
    second = git(repo, "rev-parse", "HEAD").strip()
    git(repo, "tag", "plantrack/2025-26-Q4")  # lightweight, made by hand
    git(repo, "tag", "-a", "-m", "Q2", "plantrack/2025-26-Q2", first, when="2025-10-08T09:00:00Z")
    git(repo, "tag", "plantrack/not-a-quarter")
    found = closed_quarters(repo / "plans")
    assert [(c.label, c.tag, c.sha) for c in found] == [
        ("Q2 2025/26", "plantrack/2025-26-Q2", first),
        ("Q3 2025/26", "plantrack/2025-26-Q3", first),
        ("Q4 2025/26", "plantrack/2025-26-Q4", second),
    ]
    q3 = found[1]
    assert q3.date == "2026-01-05T10:00:00+00:00"  # the commit's date
    assert q3.closed_by == "Ada <ada@example.org>"
    assert q3.day == date(2026, 1, 7)
    assert q3.message.strip() == "Q3 closed"
    assert found[2].date == "2026-04-03T10:00:00+01:00"
    assert found[2].closed_by == ""
    assert closed(QuarterName.parse("Q3-25/26"), repo / "plans") == q3
    assert closed(QuarterName.parse("Q1-25/26"), repo / "plans") is None
    assert closed(None, repo / "plans") is None


def test_outside_a_repository_nothing_is_closed(tmp_path):
    assert closed_quarters(tmp_path) == []


@needs_git
def test_the_plans_at_a_commit_are_named_and_ordered_as_on_disk(tmp_path, monkeypatch):
    repo = _repo(tmp_path)
    sha = git(repo, "rev-parse", "HEAD").strip()
    (repo / "plans" / "demo.yaml").write_text(MINIMAL_PLAN.replace("on track", "completed"))
    (repo / "plans" / "new.yaml").write_text(MINIMAL_PLAN.replace("id: demo", "id: new"))
    monkeypatch.chdir(repo)
    files = contents_at(sha, ["plans"])
    assert list(files) == ["plans/demo.yaml", "plans/z.yaml", "plans/sub/b.yaml"]
    assert files["plans/demo.yaml"] == MINIMAL_PLAN.encode()  # as committed, not as on disk
    assert list(contents_at(sha, ["plans/z.yaml"])) == ["plans/z.yaml"]
    workspace = plans_at(sha, ["plans"], date(2026, 1, 5))
    assert [info.id for info in workspace.infos] == ["demo", "z", "b"]
    assert [info.file for info in workspace.infos][0] == "plans/demo.yaml"
    statuses = {row.id: row.status.value for row in workspace.rows if row.status}
    assert statuses["T1.1.a"] == "on-track"
    on_disk = [f for f in find_plan_files(["plans"]) if not f.endswith("new.yaml")]
    assert list(files) == on_disk
