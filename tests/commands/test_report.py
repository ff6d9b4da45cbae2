"""``plantrack report``: the committee paper's sections, from plans in a real git history."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from commands.test_trend import build_quarterly, git
from conftest import MINIMAL_PLAN

pytestmark = pytest.mark.skipif(
    subprocess.run(["git", "--version"], capture_output=True).returncode != 0,
    reason="git is not installed",
)


@pytest.fixture
def repo(tmp_path) -> Path:
    """The quarterly repo with the plans in the working tree as they stood at the close
    of Q4 2025/26 (T1.1.a off track, overdue from 1 April 2026), as when that quarter's
    paper was written."""
    folder, shas = build_quarterly(tmp_path)
    git(folder, "checkout", "-q", shas["q4"], "--", "plans")
    return folder


def paper(cli, plans: Path, *args: str, output: str = "markdown") -> str:
    result = cli("report", "--plans", plans, "--format", output, *args)
    assert result.exit_code == 0, result.output
    return result.stdout


def section(text: str, heading: str) -> str:
    """The Markdown of one ``## heading`` up to the next ``## ``."""
    start = text.index(f"## {heading}")
    following = text.find("\n## ", start + 3)
    return text[start : following if following >= 0 else len(text)]


def section_html(text: str) -> dict[str, str]:
    """The HTML paper's sections by the first words of their heading."""
    parts = text.split("<h2>")[1:]
    return {part.split("<")[0].split(":")[0].split(" (")[0]: part for part in parts}


def test_opens_with_the_numbers_in_percentages(cli, repo):
    text = paper(cli, repo / "plans", "--quarter", "Q4-25/26")
    summary = section(text, "Summary")
    assert (
        "Of 3 actions and milestones, 1 (33%) done, 1 (33%) on track "
        "and 1 (33%) off track." in summary
    )
    assert (
        "**1 is overdue** as at 1 April 2026. Since the close of Q3 2025/26: 1 status change."
        in summary
    )
    # A RAG bar per plan: each colour with its letter and count, then the numbers.
    assert "| Demo plan | R 1 · G 1 · D 1 | 1 | 1 | 1 | 3 | 1 |" in summary
    assert text.index("## Summary") < text.index("## Changes this quarter")


def test_changes_this_quarter_between_the_two_quarter_closes(cli, repo):
    text = paper(cli, repo / "plans", "--quarter", "Q4-25/26")
    changes = section(text, "Changes this quarter")
    assert "From the close of Q3 2025/26 to the close of Q4 2025/26" in changes
    # Each change names its lead: who the committee asks about it.
    assert (
        "| T1.1.a | Refresh the reference group | Head of Service | A behind | R off track |"
        in changes
    )
    html = section_html(paper(cli, repo / "plans", "--quarter", "Q4-25/26", output="html"))
    assert "<th>Action</th><th>Lead</th><th>Was</th>" in html["Changes this quarter"]
    assert '<td>Head of Service</td><td><span class="status">' in html["Changes this quarter"]
    assert "Revised dates" not in changes and "Added" not in changes  # empty: left out


def test_changes_of_the_current_quarter_run_to_the_working_tree(cli, repo):
    plan = repo / "plans" / "demo.yaml"
    text = plan.read_text().replace("due: October 2026", "due: January 2027")
    text += (
        "          - id: T1.1.c\n"
        "            title: Publish the findings\n"
        "            due: March 2027\n"
    )
    plan.write_text(text)
    out = paper(cli, repo / "plans")  # today: 23 Nov 2026, in Q3 2026/27
    changes = section(out, "Changes this quarter")
    assert "From the close of Q2 2026/27 to now" in changes
    assert "Since the close of Q2 2026/27: 1 status change, 1 revised date and 1 item added." in out
    assert (
        "| T1.1.b-2 | Invitations sent | Head of Service | October 2026 | January 2027 | +92 days"
        in changes
    )
    assert "### Added (1)" in changes and "| T1.1.c | action | Publish the findings |" in changes
    # The same code as `plantrack diff`: it sees the same changes.
    diff = cli("diff", "--plans", repo / "plans", "--format", "json").stdout
    assert '"T1.1.b-2"' in diff and '"T1.1.c"' in diff
    # Filters apply to the changes too.
    only_a = paper(cli, repo / "plans", "--status", "completed")
    assert "T1.1.c" not in only_a and "T1.1.b-2" not in section(only_a, "Summary")


def test_trend_over_the_last_quarter_closes(cli, repo):
    text = paper(cli, repo / "plans", "--quarter", "Q4-25/26")
    trend = section(text, "Trend")
    rows = [line for line in trend.splitlines() if re.match(r"\| Q\d ", line)]
    assert [row.split(" | ")[0] for row in rows] == [  # none closed: each marked \*
        "| Q1 2025/26 \\*",
        "| Q2 2025/26 \\*",
        "| Q3 2025/26 \\*",
        "| Q4 2025/26 \\*",
    ]
    assert "\\* Not closed with `plantrack close`: read at the last commit" in trend
    assert rows[-1].endswith("| 3 | 1 |")  # total 3, one overdue at the close
    html = paper(cli, repo / "plans", "--quarter", "Q4-25/26", output="html")
    chart = html[html.index("<h2>Trend</h2>") :]
    assert chart.index("<svg") < chart.index("<table")  # the numbers beside the chart
    assert chart.count('<rect class="red"') == 1  # one off-track item, at Q4's close only
    # At most the last eight quarter closes.
    for when in ("2026-05-10", "2026-08-10", "2026-11-10"):
        git(repo, "commit", "-q", "--allow-empty", "-m", "x", when=f"{when}T10:00:00+01:00")
    later = section(paper(cli, repo / "plans"), "Trend")
    assert len([line for line in later.splitlines() if re.match(r"\| Q\d ", line)]) == 7
    assert "Q1 2025/26" in later


def test_no_history_no_changes_or_trend_sections(cli, plans_dir, write_plan):
    write_plan(MINIMAL_PLAN.replace("status: on track", "status: red"))
    out = paper(cli, plans_dir, "--quarter", "Q4-25/26")
    assert "## Summary" in out and "## Exceptions" in out
    assert "Changes this quarter" not in out and "## Trend" not in out
    one_commit = plans_dir.parent
    git(one_commit, "init", "-q", "-b", "main")
    git(one_commit, "add", ".")
    git(one_commit, "commit", "-q", "-m", "plans", when="2026-01-10T10:00:00+00:00")
    out = paper(cli, plans_dir, "--quarter", "Q4-25/26")  # one quarter close: no trend yet
    assert "## Trend" not in out and "Changes this quarter" not in out


def test_exceptions_first_then_overdue_then_detail(cli, plans_dir, write_plan):
    text = MINIMAL_PLAN.replace("status: on track", "status: red\n            rationale: Late.")
    text = text.replace(
        "due: October 2026\n",
        "due: December 2026\n                original_due: October 2026\n"
        "                status: behind\n",
    )
    write_plan(text)
    out = paper(cli, plans_dir, "--quarter", "Q3-26/27")
    headings = re.findall(r"^## (.*)$", out, re.M)
    assert headings == [
        "Summary",
        "Exceptions: off track and behind (2)",
        "Overdue (2) as at 1 January 2027",
        "Demo plan",
    ]
    exceptions = section(out, "Exceptions")
    red, amber = exceptions.index("T1.1.a"), exceptions.index("T1.1.b-2 |")
    assert red < amber  # off track before behind
    assert "| Refresh the reference group | Head of Service | R off track | Q4 25/26 | Late. |" in (
        exceptions
    )
    html = section_html(paper(cli, plans_dir, "--quarter", "Q3-26/27", output="html"))
    assert "<th>Action</th><th>Lead</th><th>Status</th>" in html["Exceptions"]
    assert "| A behind | December 2026 (was October 2026, +61 days) | *none given* |" in exceptions
    assert "(0)" not in out and "Nothing" not in out  # no empty sections


def test_as_of_is_the_newest_in_the_plans(cli, plans_dir, write_plan):
    text = MINIMAL_PLAN.replace(
        "status: on track", "status: on track\n            as_of: 2026-11-02"
    ).replace("title: Demo plan", "title: Demo plan\nas_of: 2026-10-01")
    write_plan(text)
    out = paper(cli, plans_dir, "--quarter", "Q3-26/27")
    assert "Statuses as of 2 November 2026." in out.splitlines()[2]


def test_html_and_markdown_carry_the_same_numbers(cli, repo):
    markdown = paper(cli, repo / "plans", "--quarter", "Q4-25/26")
    html = paper(cli, repo / "plans", "--quarter", "Q4-25/26", output="html")
    for words in (
        "Of 3 actions and milestones, 1 (33%) done",
        "Changes this quarter",
        "Exceptions: off track and behind (1)",
        "Overdue (1) as at 1 April 2026",
    ):
        assert words in markdown and words in html
    assert '<span class="chip red">R</span>' in html  # a letter beside the colour
    # "Done" counts cancelled items too: said once, under the summary table, in both.
    note = "Done includes cancelled items as well as completed ones."
    assert section(markdown, "Summary").count(note) == 1 and markdown.count(note) == 1
    assert html.count(f'<p class="meta">{note}</p>') == 1
    assert html.count("<table") == html.count("<thead>")


def test_the_paper_shows_a_legend_word_beside_its_meaning(cli, plans_dir, write_plan):
    legend = "statuses:\n  Not on track to deliver: off-track\n  Red: behind\n"
    text = MINIMAL_PLAN.replace("themes:\n", legend + "themes:\n", 1)
    write_plan(text.replace("status: on track", "status: Not on track to deliver"))
    out = paper(cli, plans_dir, "--quarter", "Q4-25/26")
    exceptions = section(out, "Exceptions")
    assert "| R Not on track to deliver (off-track) |" in exceptions
    html = cli("report", "--plans", plans_dir, "--quarter", "Q4-25/26").stdout
    assert "Not on track to deliver (off-track)" in html
