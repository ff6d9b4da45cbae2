"""``plantrack summary``: its formats, the 80-column table, day D in each calendar."""

from __future__ import annotations

import csv
import io
import json

from conftest import run_plantrack


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
