"""usecases/reporting.py: what every report reads (the valid plans, the rows passing the
filters, ended plans left out, the stale rows) and each report's rule over them, as a
library caller gets it: values in, a Selection out, errors naming values, not flags."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import ROOT
from plantrack.errors import BadValue, PlantrackError
from plantrack.rows.period import TODAY, AsAt, QuarterName
from plantrack.rows.query import Filters
from plantrack.usecases import reporting
from plantrack.usecases.reporting import Scope

PLANS = [str(ROOT / "plans")]


@pytest.fixture(autouse=True)
def _today(monkeypatch, tmp_path):
    monkeypatch.setenv("PLANTRACK_TODAY", "2026-11-23")
    monkeypatch.setenv("PLANTRACK_CACHE_DIR", str(tmp_path / "cache"))


def test_an_unknown_plan_or_theme_is_a_bad_value_named_by_what_it_is():
    with pytest.raises(BadValue) as plan:
        reporting.load(Scope(PLANS, Filters(plans=("nope",))))
    assert plan.value.name == "plan" and plan.value.value == "nope"
    assert "inclusion-strategy-2026-27" in plan.value.hint and "--" not in plan.value.message
    with pytest.raises(BadValue) as theme:
        reporting.load(Scope(PLANS, Filters(themes=("T99",))))
    assert theme.value.name == "theme" and theme.value.hint.startswith("themes here: ")


def test_ended_plans_are_left_out_and_named_unless_all_plans_or_asked_for():
    chosen = reporting.select(Scope(PLANS), TODAY)
    assert "year-ahead-plan-2021-22" in chosen.ended
    assert not {row.plan for row in chosen.rows} & set(chosen.ended)
    everything = reporting.select(Scope(PLANS, all_plans=True), TODAY)
    assert everything.ended == [] and len(everything.rows) > len(chosen.rows)
    asked = Filters(plans=("year-ahead-plan-2021-22",))
    named = reporting.select(Scope(PLANS, asked), TODAY)
    assert named.ended == [] and {row.plan for row in named.rows} == set(asked.plans)


def test_stale_keeps_only_rows_not_done_and_not_updated_since_the_quarter_began(tmp_path):
    plan = tmp_path / "stale.yaml"
    plan.write_text(
        "plantrack: 1\nid: stale\ntitle: Stale\nfinancial_year: 2026/27\nthemes:\n"
        "  - id: T1\n    title: Theme\n    objectives:\n      - id: T1.1\n"
        "        title: Objective\n        actions:\n"
        "          - {id: A1, title: Old, due: Q4 26/27, status: on track, as_of: 2026-09-30}\n"
        "          - {id: A2, title: Fresh, due: Q4 26/27, status: on track, as_of: 2026-10-01}\n"
        "          - {id: A3, title: Done, due: Q4 26/27, status: completed, as_of: 2026-01-01}\n"
    )
    quarter = AsAt(day=date(2026, 11, 23))
    assert len(reporting.select(Scope([str(plan)]), quarter).rows) == 3
    stale = reporting.select(Scope([str(plan)], stale=True), quarter)
    assert [row.id for row in stale.rows] == ["A1"]


def test_each_report_finds_by_its_rule_and_keep_sees_what_was_loaded():
    kept = []
    scope = Scope(PLANS, all_plans=True, keep=kept.append)
    late = reporting.overdue(scope, AsAt(quarter=QuarterName.parse("Q4 2025/26")))
    assert late.found and all(item.row.deadline <= date(2026, 3, 31) for item in late.found)
    assert kept == [late.workspace]
    due = reporting.upcoming(scope, QuarterName.parse("Q4 2026/27"), following=False)
    assert all(date(2027, 1, 1) <= row.deadline <= date(2027, 3, 31) for row in due.found)
    listed = reporting.listing(scope, updated=False)
    assert sorted(row.ref for row in listed.found) == sorted(row.ref for row in listed.rows)


def test_the_tree_drops_ended_plans_and_keeps_the_passing_trackables():
    chosen = reporting.tree(Scope(PLANS))
    ids = {loaded.plan.id for loaded in chosen.workspace.plans}
    assert "year-ahead-plan-2021-22" not in ids and "year-ahead-plan-2021-22" in chosen.ended
    assert chosen.found == {(row.plan, row.id) for row in chosen.rows}


def test_a_broken_plan_stops_the_report(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("plantrack: 1\nid: broken\n")
    with pytest.raises(PlantrackError):
        reporting.load(Scope([str(broken)]))
