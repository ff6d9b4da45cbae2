"""Report commands through the CLI: every format parsed back, errors and exit codes."""

from __future__ import annotations

import csv
import io
import json

import pytest

from conftest import MINIMAL_PLAN, run_plantrack
from plantrack.records import REQUIRED_KEYS
from unit.test_query import EDGE_PLAN


@pytest.fixture
def folder(plans_dir):
    (plans_dir / "edge.yaml").write_text(EDGE_PLAN)
    (plans_dir / "demo.yaml").write_text(MINIMAL_PLAN)
    return plans_dir


@pytest.mark.parametrize("command", ["overdue", "upcoming", "list"])
def test_json_rows_have_the_keys_of_cli_md(cli, folder, command):
    args = [command, "--plans", folder, "--format", "json"]
    if command == "upcoming":
        args += ["--quarter", "Q3 25/26"]
    result = cli(*args)
    rows = json.loads(result.stdout)
    assert rows, result.stdout
    for row in rows:
        assert set(REQUIRED_KEYS) <= row.keys()
        assert isinstance(row["lead"], list) and isinstance(row["line"], int)
        assert ("days_overdue" in row) == (command == "overdue")


def test_overdue_json_values(cli, folder):
    rows = json.loads(
        cli(
            "overdue",
            "--plans",
            folder,
            "--quarter",
            "Q4-25/26",
            "--plan",
            "edge",
            "--format",
            "json",
        ).stdout
    )
    assert [(r["id"], r["days_overdue"], r["deadline"]) for r in rows] == [
        ("B2", 366, "2025-03-31"),
        ("A6", 91, "2025-12-31"),
        ("A7", 91, "2025-12-31"),
        ("A1", 1, "2026-03-31"),
    ]
    first = rows[1]
    assert first["status"] == "off-track" and first["lead"] == ["Bob"]
    assert first["theme"] == "T1" and first["objective"] == "O1" and first["kind"] == "action"
    assert first["file"].endswith("edge.yaml") and first["line"] == 19


def test_overdue_csv_and_markdown(cli, folder):
    text = cli(
        "overdue", "--plans", folder, "--as-of", "2026-04-01", "--plan", "edge", "--format", "csv"
    ).stdout
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["id"] for r in rows] == ["B2", "A6", "A7", "A1"]
    assert rows[3]["days_overdue"] == "1" and rows[0]["lead"] == "Carol"
    markdown = cli(
        "overdue",
        "--plans",
        folder,
        "--as-of",
        "2026-04-01",
        "--plan",
        "edge",
        "--format",
        "markdown",
    ).stdout.splitlines()
    table = [line for line in markdown if line.startswith("|")]
    assert table[0].startswith("| Fell due | Plan | Id | Title |")
    assert table[1].startswith("| :--- |")
    assert len(table) == 2 + 4 and "| A6 | Red and late | off-track | 91 |" in table[3]


def test_overdue_table_groups_by_quarter(cli, folder):
    result = cli("overdue", "--plans", folder, "--quarter", "Q4 2025/26", "--plan", "edge")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "Overdue as at the close of Q4 2025/26: 4"
    body = result.stdout.split("\n", 1)[1]
    assert body.index("Q4 2024/25") < body.index("Q3 2025/26") < body.index("Q4 2025/26")
    assert body.count("Q3 2025/26") == 1  # the quarter is written once per group


def test_overdue_exit_code_option(cli, folder):
    assert cli("overdue", "--plans", folder, "--as-of", "2026-04-01", "--exit-code").exit_code == 1
    assert cli("overdue", "--plans", folder, "--as-of", "2020-01-01", "--exit-code").exit_code == 0


@pytest.mark.parametrize(
    "args",
    [
        ["--quarter", "Q5-25/26"],
        ["--as-of", "31/03/2026"],
        ["--quarter", "Q4 2025"],
        ["--quarter", "Q4 25/26", "--as-of", "2026-01-01"],
        ["--status", "nearly"],
        ["--plan", "nope"],
        ["--format", "pdf"],
    ],
)
def test_bad_options_are_usage_errors(cli, folder, args):
    result = cli("overdue", "--plans", folder, *args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_bad_quarter_lists_the_accepted_forms(cli, folder):
    result = cli("overdue", "--plans", folder, "--quarter", "Q5-25/26")
    assert "Q4-25/26" in result.stderr and "Q4 2025/26" in result.stderr


def test_invalid_plan_stops_reports_with_its_location(cli, folder):
    (folder / "broken.yaml").write_text(
        MINIMAL_PLAN.replace("id: demo", "id: broken").replace(
            "status: on track", "stauts: on track"
        )
    )
    for command in ("overdue", "list", "summary", "upcoming"):
        result = cli(command, "--plans", folder)
        assert result.exit_code == 1
        assert "broken.yaml:17:13" in result.stderr and "stauts" in result.stderr


def test_no_plans_found_is_exit_2(cli, tmp_path):
    result = cli("list", "--plans", tmp_path)
    assert result.exit_code == 2 and "no plan files" in result.stderr


def test_list_and_its_filters(cli, folder):
    def listed(*filters: str) -> list[dict]:
        return json.loads(cli("list", "--plans", folder, "--format", "json", *filters).stdout)

    assert len(listed()) == 13
    only = listed("--status", "G", "--status", "behind schedule")
    # T1.1.b-2 has no status of its own: it reports its action's "behind schedule".
    assert sorted(r["id"] for r in only) == ["A7", "B1", "T1.1.a", "T1.1.b-2"]
    assert {r["plan"] for r in listed("--lead", "head of")} == {"demo"}
    by_theme = listed("--plan", "edge", "--theme", "T2", "--directorate", "")
    assert [r["id"] for r in by_theme] == ["B1", "B2"]


def test_list_all_levels_shows_the_tree(cli, folder):
    out = cli("list", "--plans", folder, "--all-levels", "--plan", "demo").stdout
    assert "Demo plan (demo)" in out and "T1.1 Talk to communities" in out
    assert "T1.1.b-1 Venue agreed — July 2026 completed" in out
    assert "Edge cases" not in out  # --plan drops the other plan


def test_list_all_levels_keeps_only_branches_that_pass_the_filters(cli, folder):
    out = cli("list", "--plans", folder, "--all-levels", "--lead", "carol").stdout
    assert "Edge cases (edge)" in out and "T2 Theme two" in out and "B1 Next year" in out
    assert "Demo plan" not in out and "T1 Theme one" not in out and "A1 " not in out
    nothing = cli("list", "--plans", folder, "--all-levels", "--status", "red", "--plan", "demo")
    assert nothing.exit_code == 0 and nothing.stdout.strip() == "no trackables match"


def test_list_all_levels_as_json_is_the_tree(cli, folder):
    args = ("list", "--plans", folder, "--all-levels", "--format", "json", "--status", "done")
    [demo, edge] = sorted(json.loads(cli(*args).stdout), key=lambda plan: plan["plan"])
    assert [theme["id"] for theme in edge["items"]] == ["T1"]
    [objective] = edge["items"][0]["items"]
    assert objective["kind"] == "objective"
    assert [(a["id"], a["status"]) for a in objective["items"]] == [("A2", "completed")]
    [milestone] = demo["items"][0]["items"][0]["items"][0]["items"]
    assert milestone == {
        "kind": "milestone",
        "id": "T1.1.b-1",
        "title": "Venue agreed",
        "due": "July 2026",
        "status": "completed",
        "items": [],
    }
    refused = cli("list", "--plans", folder, "--all-levels", "--format", "csv")
    assert refused.exit_code == 2 and "--format table or --format json" in refused.stderr


def test_show_explains_every_date_and_the_slip(cli, folder):
    out = cli("show", "demo:T1.1.b", "--plans", folder).stdout
    assert "objective: T1.1 Talk to communities" in out
    assert "Q3 26/27 → 2026-10-01 to 2026-12-31 → deadline 2026-12-31 (Q3 2026/27)" in out
    assert "Slipped" in out and "92 days" in out
    data = json.loads(cli("show", "T1.1.b", "--plans", folder, "--format", "json").stdout)
    assert data["slipped_days"] == 92 and data["lead"] == ["Head of Service"]
    assert [c["id"] for c in data["children"]] == ["T1.1.b-1", "T1.1.b-2"]


def test_show_unknown_id_suggests(cli, folder):
    result = cli("show", "T1.1.c", "--plans", folder)
    assert result.exit_code == 2 and "did you mean" in result.stderr  # a bad argument: usage


def test_show_links_both_ways(cli, folder):
    linked = MINIMAL_PLAN.replace("id: demo", "id: other").replace(
        "            status: on track\n",
        "            status: on track\n            links: ['demo:T1.1.b']\n",
    )
    (folder / "other.yaml").write_text(linked)
    data = json.loads(cli("show", "demo:T1.1.b", "--plans", folder, "--format", "json").stdout)
    assert data["linked_from"] == ["other:T1.1.a"]


def test_summary_formats(cli, folder):
    data = json.loads(
        cli("summary", "--plans", folder, "--format", "json", "--quarter", "Q4 25/26").stdout
    )
    assert data["total"]["total"] == 13
    assert [g["group"] for g in data["groups"]] == ["demo:T1", "edge:T1", "edge:T2"]
    rows = list(
        csv.DictReader(
            io.StringIO(cli("summary", "--plans", folder, "--format", "csv", "--by", "plan").stdout)
        )
    )
    assert [r["label"] for r in rows] == ["Demo plan", "Edge cases", "Total"]


def test_summary_fits_80_columns(folder):
    result = run_plantrack("summary", "--plans", folder, "--by", "theme", env={"COLUMNS": "80"})
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert any(line.lstrip().startswith("Total") for line in lines)


def test_dates_command(cli):
    result = cli(
        "dates",
        "Q4 25/26",
        "Quarter 4",
        "Autumn 2016",
        "by March 2017",
        "Q4 2025",
        "--financial-year",
        "2025/26",
        "--format",
        "json",
    )
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data[0] == {
        "text": "Q4 25/26",
        "start": "2026-01-01",
        "end": "2026-03-31",
        "deadline": "2026-03-31",
        "quarters": ["Q4 2025/26"],
    }
    assert data[3]["start"] is None and data[3]["deadline"] == "2017-03-31"
    assert set(data[4]) == {"text", "error"} and "Q4 2025/26" in data[4]["error"]
    table = cli("dates", "Q1", "--financial-year", "2023/24", "--year-start", "July")
    assert table.exit_code == 0 and "2023-07-01" in table.stdout


def test_dates_refuses_a_bad_financial_year_as_usage(cli):
    result = cli("dates", "Q4 25/26", "--financial-year", "garbage")
    assert result.exit_code == 2
    assert "--financial-year garbage" in result.stderr and "2025/26" in result.stderr


CALENDAR_YEAR_PLAN = (
    MINIMAL_PLAN.replace("id: demo", "id: calendar")
    .replace("financial_year: 2025/26", "financial_year: 2026\nyear_start: January")
    .replace("due: Q4 25/26", "due: Q1 2026")
    .replace("due: Q3 26/27", "due: Q4 2026")
)


def test_quarter_option_in_a_plan_whose_year_is_the_calendar_year(cli, plans_dir):
    """cli.md: --quarter is read in each plan's own calendar, January start included."""
    (plans_dir / "calendar.yaml").write_text(CALENDAR_YEAR_PLAN.replace("Q2 26/27", "Q3 2026"))
    base = ("--plans", plans_dir, "--format", "json")
    overdue = json.loads(cli("overdue", *base, "--quarter", "Q1 2026").stdout)
    assert [row["id"] for row in overdue] == ["T1.1.a"]
    upcoming = json.loads(cli("upcoming", *base, "--quarter", "Q4 2026").stdout)
    assert [row["id"] for row in upcoming] == ["T1.1.b-2"]  # October 2026
    (plans_dir / "demo.yaml").write_text(MINIMAL_PLAN)  # an April plan beside it
    mixed = cli("overdue", *base, "--quarter", "Q1 2026")
    assert mixed.exit_code == 2 and "ambiguous" in mixed.stderr
    assert "year starts in April" in mixed.stderr and "--plan" in mixed.stderr
    narrowed = cli("overdue", *base, "--quarter", "Q1 2026", "--plan", "calendar")
    assert [row["id"] for row in json.loads(narrowed.stdout)] == ["T1.1.a"]


def test_updating_an_id_in_a_broken_plan_reports_the_plan_errors(cli, folder):
    """The item is not 'unknown' when its plan could not be read: say why (exit 1)."""
    (folder / "broken.yaml").write_text(
        MINIMAL_PLAN.replace("id: demo", "id: broken")
        .replace("T1.1.a", "X1")
        .replace("status: on track", "stauts: on track")
    )
    before = (folder / "broken.yaml").read_bytes()
    for ref in ("X1", "broken:X1"):
        result = cli("update", ref, "--status", "done", "--plans", folder)
        assert result.exit_code == 1, ref
        assert "were not searched" in result.stderr and "broken.yaml:17:13" in result.stderr
    assert (folder / "broken.yaml").read_bytes() == before
    (folder / "broken.yaml").unlink()
    unknown = cli("update", "X1", "--status", "done", "--plans", folder)
    assert unknown.exit_code == 2 and "no item 'X1'" in unknown.stderr


@pytest.mark.parametrize("output", ["table", "csv"])
def test_a_reader_that_stops_early_is_not_a_failed_check(output, tmp_path):
    """`plantrack list | head -1`: exit 141 as a piped Unix tool does, not 1, no traceback."""
    import os
    import re
    import subprocess
    import sys

    from conftest import ROOT

    for copy in range(8):  # far more output than a pipe buffer holds
        for plan in (ROOT / "plans").glob("*.yaml"):
            text = re.sub(r"^id: (.+)$", rf"id: \1-{copy}", plan.read_text(), count=1, flags=re.M)
            (tmp_path / f"{copy}-{plan.name}").write_text(text)
    env = {**os.environ, "NO_COLOR": "1", "PLANTRACK_TODAY": "2026-11-23"}
    command = [sys.executable, "-m", "plantrack", "list", "--plans", tmp_path, "--format", output]
    with subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as run:
        assert run.stdout.readline()  # the first line: then the reader goes away
        run.stdout.close()
        code = run.wait(timeout=60)
        errors = run.stderr.read().decode()
    assert code == 141 and errors == ""


def test_summary_json_as_at_is_day_d_of_the_quarter_in_each_calendar(cli, folder):
    from unit.test_query import AUSTRALIAN_PLAN

    base = ("summary", "--plans", folder, "--format", "json")
    uk = json.loads(cli(*base, "--quarter", "Q4-25/26").stdout)
    assert uk["as_at"] == "2026-04-01" and set(uk["as_at_by_plan"].values()) == {"2026-04-01"}
    assert json.loads(cli(*base).stdout)["as_at"] == "2026-11-23"  # today without a quarter
    (folder / "aus.yaml").write_text(AUSTRALIAN_PLAN)
    mixed = json.loads(cli(*base, "--quarter", "Q3-23/24").stdout)
    assert mixed["as_at"] is None
    assert mixed["as_at_by_plan"] == {
        "edge": "2024-01-01",
        "demo": "2024-01-01",
        "aus": "2024-04-01",
    }


@pytest.mark.parametrize("value", ["abc", "1.5"])
def test_a_bad_workers_setting_is_a_usage_error(cli, folder, monkeypatch, value):
    monkeypatch.setenv("PLANTRACK_WORKERS", value)
    result = cli("list", "--plans", folder, "--no-cache")
    assert result.exit_code == 2 and "PLANTRACK_WORKERS" in result.stderr


@pytest.mark.parametrize(("columns", "widest"), [("abc", 200), ("0", 200), ("-3", 200), ("5", 20)])
def test_a_junk_columns_setting_still_prints_the_report(folder, columns, widest):
    result = run_plantrack("list", "--plans", folder, env={"COLUMNS": columns})
    assert result.returncode == 0 and result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Trackables") and max(map(len, lines[1:])) <= widest


def test_an_ascii_terminal_gets_every_report_without_an_encoding_error(tmp_path):
    """PYTHONIOENCODING=ascii: tables show '?', JSON keeps the text as \\u escapes."""
    plan = MINIMAL_PLAN.replace("Refresh the reference group", "Invest £425k – phase 2")
    (tmp_path / "demo.yaml").write_text(plan)
    env = {"PYTHONIOENCODING": "ascii"}
    table = run_plantrack("list", "--plans", tmp_path, env=env)
    assert table.returncode == 0 and "Invest ?425k ? phase 2" in table.stdout
    as_json = run_plantrack("list", "--plans", tmp_path, "--format", "json", env=env)
    assert as_json.returncode == 0 and "\\u00a3" in as_json.stdout
    assert json.loads(as_json.stdout)[0]["title"] == "Invest £425k – phase 2"
    shown = run_plantrack("show", "T1.1.a", "--plans", tmp_path, "--format", "json", env=env)
    assert json.loads(shown.stdout)["title"] == "Invest £425k – phase 2"
