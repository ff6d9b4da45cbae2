"""``plantrack summary``: its formats, the 80-column table, day D in each calendar."""

from __future__ import annotations

import csv
import io
import json

from conftest import run_plantrack, unwrapped


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


COUNT_KEYS = ["off_track", "behind", "on_track", "unrated", "not_started", "no_status", "done"]


def test_every_format_uses_the_one_vocabulary_of_counts(cli, folder):
    from plantrack.rows.counts import COUNTS

    base = ("summary", "--plans", folder, "--quarter", "Q4 25/26")
    data = json.loads(cli(*base, "--format", "json").stdout)
    assert [c.key for c in COUNTS] == COUNT_KEYS
    assert all(data["total"][key] >= 0 for key in COUNT_KEYS) and "counts" not in data["total"]
    assert data["total"]["no_status"] == 4 and data["total"]["not_started"] == 0
    header = cli(*base, "--format", "csv").stdout.splitlines()[0].split(",")
    assert header[2 : 2 + len(COUNT_KEYS)] == COUNT_KEYS and header[1] == "plan"
    markdown = cli(*base, "--format", "markdown").stdout
    assert all(f" {c.header} |" in markdown for c in COUNTS)
    table = unwrapped(cli(*base).stdout)
    assert "status" in table and "started" not in table  # nought in every row: left out
    assert data["sentence"] in unwrapped(table)


def test_the_sentence_comes_first(cli, folder):
    out = cli("summary", "--plans", folder, "--quarter", "Q4 25/26").stdout
    assert out.startswith("13 trackables: ") and "overdue as at the close of Q4 25/26" in out


def test_status_none_filters_the_trackables_with_no_status(cli, folder):
    rows = json.loads(cli("list", "--plans", folder, "--status", "none", "-f", "json").stdout)
    assert rows and all(row["status"] is None for row in rows)
    also = json.loads(
        cli("list", "--plans", folder, "-s", "No status", "-s", "red", "-f", "json").stdout
    )
    assert {row["status"] for row in also} == {None, "off-track"}


def test_summary_by_theme_over_several_plans_names_each_theme_s_plan(cli, folder, monkeypatch):
    monkeypatch.setenv("COLUMNS", "120")
    out = cli("summary", "--plans", folder, "--by", "theme").stdout
    assert "Plan" in out and "demo" in out and "edge" in out
    one = cli("summary", "--plans", folder, "--by", "theme", "--plan", "demo").stdout
    assert "edge" not in one


def test_summary_by_theme_over_the_shipped_plans_keeps_its_counts_at_80_and_120(cli, monkeypatch):
    """The Total row named every plan in its Plan cell, a cell as wide as the terminal,
    and every count column collapsed to "…" at 80 and 120 columns (issue 27, item 8)."""
    for width in ("80", "120"):
        monkeypatch.setenv("COLUMNS", width)
        out = cli("summary", "--plans", "plans", "--by", "theme", "--all").stdout
        total = next(line for line in out.splitlines() if line.startswith("Total"))
        assert "all 5 plans" in total
        numbers = [word for word in total.split() if word.isdigit()]
        assert len(numbers) >= 5 and "274" in numbers, total


def test_done_percent_says_it_counts_cancelled_items(cli, plans_dir, write_plan):
    """A cancelled item counts as done (it is never overdue): every format that shows
    Done or Done % says so once, under the numbers (issue 27, item 8)."""
    from conftest import MINIMAL_PLAN

    write_plan(MINIMAL_PLAN.replace("status: on track", "status: cancelled"))
    base = ("summary", "--plans", plans_dir, "--quarter", "Q4-25/26")
    note = "Done includes cancelled items as well as completed ones."
    data = json.loads(cli(*base, "--format", "json").stdout)
    assert data["total"]["done"] == 2 and data["notes"] == [note]  # T1.1.a and T1.1.b-1
    markdown = cli(*base, "--format", "markdown").stdout
    assert "| Done % |" in markdown and markdown.count(note) == 1
    table = run_plantrack(*base, env={"COLUMNS": "200"}).stdout
    assert table.count(note) == 1 and table.index("Done") < table.index(note)
