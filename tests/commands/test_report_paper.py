"""``plantrack report``: the committee paper in HTML and Markdown, self-contained, plan
text escaped, changes since a revision, the committed sample current."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from conftest import MINIMAL_PLAN, ROOT


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def parse_html(text: str) -> _Collector:
    collector = _Collector()
    collector.feed(text)
    return collector


@pytest.fixture
def hostile_plan(plans_dir):
    text = MINIMAL_PLAN.replace(
        "title: Refresh the reference group", 'title: "<script>alert(1)</script> & more"'
    )
    (plans_dir / "demo.yaml").write_text(text)
    return plans_dir


def test_html_report_is_self_contained_and_escapes_plan_text(cli, hostile_plan, tmp_path):
    target = tmp_path / "report.html"
    result = cli("report", "--plans", hostile_plan, "--quarter", "Q4-25/26", "-o", target)
    assert result.exit_code == 0
    text = target.read_text()
    assert "<script>" not in text and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in text
    assert "http://" not in text.replace("http://www.w3.org/2000/svg", "") and "<link" not in text
    page = parse_html(text)
    assert "script" not in page.tags and "thead" in page.tags
    words = " ".join(page.text)
    assert "Summary by theme" in words and "Overdue (1) as at 1 April 2026" in words
    assert "Revised target dates (1)" not in words  # the revised action has milestones
    assert "@page {\n    size: A4;" in text and "counter(pages)" in text


def test_markdown_report_sections_and_escaping(cli, hostile_plan):
    out = cli(
        "report", "--plans", hostile_plan, "--quarter", "Q4-25/26", "--format", "markdown"
    ).stdout
    assert out.startswith("# Performance report: Q4 2025/26")
    assert "## Demo plan" in out and "## Overdue (1) as at 1 April 2026" in out
    assert "\\<script\\>" in out
    overdue = out.split("## Overdue (1)")[1].split("##")[0]
    assert "| T1.1.a |" in overdue and "| 1 | G on track |" in overdue


def test_report_since_a_revision_lists_changes(cli, tmp_path):
    import subprocess

    repo = tmp_path / "repo"
    (repo / "plans").mkdir(parents=True)
    plan = repo / "plans" / "demo.yaml"
    plan.write_text(MINIMAL_PLAN)
    git = ["git", "-c", "user.name=a", "-c", "user.email=a@example.org"]
    subprocess.run([*git, "init", "-q"], cwd=repo, check=True)
    subprocess.run([*git, "add", "."], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-qm", "start"], cwd=repo, check=True)
    plan.write_text(MINIMAL_PLAN.replace("status: on track", "status: done"))
    out = cli("report", "--plans", repo / "plans", "--since", "HEAD", "--format", "markdown").stdout
    assert "## Changes since HEAD" in out and "### Status changes (1)" in out
    assert (
        "| T1.1.a | Refresh the reference group | Head of Service | G on track | D completed |"
        in (out)
    )


def test_committed_sample_report_is_current(cli, monkeypatch, tmp_path):
    from sample_history import build

    build(tmp_path)  # the shipped plans over a made-up quarterly history, as `make report`
    monkeypatch.chdir(tmp_path)
    sample = ROOT / "docs" / "report-sample.html"
    out = cli("report", "--quarter", "Q4-25/26", "--all").stdout
    assert sample.read_text() == out, "docs/report-sample.html is stale: run `make report`"


def test_report_of_plans_in_different_calendars_gives_each_its_own_day(cli, plans_dir):
    """A UK and a July-start plan: 'as at the close of Q3-23/24' is 1 Jan 2024 for one
    and 1 Apr 2024 for the other, so the header names no single day."""
    from unit.test_query import AUSTRALIAN_PLAN

    (plans_dir / "uk.yaml").write_text(MINIMAL_PLAN)
    (plans_dir / "aus.yaml").write_text(AUSTRALIAN_PLAN)
    args = ("report", "--plans", plans_dir, "--quarter", "Q3-23/24", "--format", "markdown")
    text = cli(*args).stdout
    assert "as at the close of Q3-23/24 in each plan's own financial year" in text
    assert "as at 1 April 2024" in text and "as at 1 January 2024" in text
    assert "### Due in" not in text  # nothing falls due next quarter: the section is left out
    single = cli(*args, "--plan", "aus").stdout
    assert "Overdue as at 1 April 2024" in single
