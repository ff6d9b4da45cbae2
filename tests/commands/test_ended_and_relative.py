"""Ended plans left out of the quarter's reports, and relative quarters (issue 20,
items 2, 3 and 7): the shipped plans as at 29 November 2026."""

from __future__ import annotations

import json

import pytest

from conftest import MINIMAL_PLAN, ROOT, run_plantrack, unwrapped

PLANS = ROOT / "plans"
RUNNING = "inclusion-strategy-2026-27"


@pytest.fixture
def at_29_november(monkeypatch):
    monkeypatch.setenv("PLANTRACK_TODAY", "2026-11-29")


def _plans(result) -> set[str]:
    return {row["plan"] for row in json.loads(result.stdout)}


def test_overdue_current_lists_only_the_running_plan_and_counts_the_ended(cli, at_29_november):
    result = cli("overdue", "--plans", PLANS, "--quarter", "current", "-f", "json")
    assert _plans(result) == {RUNNING}
    assert "4 ended plans not shown; --all shows them" in result.stderr
    everything = cli("overdue", "--plans", PLANS, "--quarter", "current", "-f", "json", "--all")
    assert len(_plans(everything)) == 5 and "ended" not in everything.stderr


def test_a_plan_is_still_reported_at_the_close_of_its_last_quarter(cli, at_29_november):
    result = cli("overdue", "--plans", PLANS, "--quarter", "Q4-21/22", "-f", "json")
    assert "year-ahead-plan-2021-22" in _plans(result)
    later = cli("overdue", "--plans", PLANS, "--quarter", "Q1-22/23", "-f", "json")
    assert "year-ahead-plan-2021-22" not in _plans(later)


def test_a_plan_named_with_plan_is_never_left_out(cli, at_29_november):
    result = cli("overdue", "--plans", PLANS, "--plan", "year-ahead-plan-2021-22", "-f", "json")
    assert _plans(result) == {"year-ahead-plan-2021-22"} and "ended" not in result.stderr


@pytest.mark.parametrize("command", ["summary", "upcoming"])
def test_summary_and_upcoming_leave_ended_plans_out_too(cli, at_29_november, command):
    result = cli(command, "--plans", PLANS, "--quarter", "current")
    assert "4 ended plans not shown" in result.stderr
    assert "4 ended" not in cli(command, "--plans", PLANS, "--all").stderr


def test_list_leaves_ended_plans_out_by_the_same_rule(cli, at_29_november):
    result = cli("list", "--plans", PLANS, "-f", "json")
    assert _plans(result) == {RUNNING} and "4 ended plans not shown" in result.stderr
    everything = cli("list", "--plans", PLANS, "-f", "json", "--all")
    assert len(_plans(everything)) == 5 and "ended" not in everything.stderr
    tree = json.loads(cli("list", "--plans", PLANS, "--all-levels", "-f", "json").stdout)
    assert [plan["plan"] for plan in tree] == [RUNNING]


def test_request_and_chase_ask_nobody_about_an_ended_plan(cli, at_29_november, tmp_path):
    asked = cli("request", "--plans", PLANS, "-q", "current", "-o", tmp_path, "--dry-run")
    assert "would write 16 return(s), 53 row(s)" in asked.stdout
    assert "(no lead)" not in asked.stdout  # the 2016/17 plan's 50 unassigned rows
    every = cli("request", "--plans", PLANS, "-q", "current", "-o", tmp_path, "-n", "--all")
    assert "would write 34 return(s), 170 row(s)" in every.stdout
    chased = cli("chase", "--plans", PLANS, "-q", "current", "-r", tmp_path, "-f", "csv")
    assert len(chased.stdout.splitlines()) == 1 + 16 and "(no lead)" not in chased.stdout
    chased_all = cli(
        "chase", "--plans", PLANS, "-q", "current", "-r", tmp_path, "-f", "csv", "--all"
    )
    assert len(chased_all.stdout.splitlines()) == 1 + 34


@pytest.mark.parametrize(
    ("word", "label"), [("current", "Q3 2026/27"), ("last", "Q2 2026/27"), ("next", "Q4 2026/27")]
)
def test_relative_quarters_in_the_plans_calendar(cli, at_29_november, word, label):
    out = cli("overdue", "--plans", PLANS, "--quarter", word).stdout
    assert out.startswith(f"Overdue as at the close of {label}:")


def test_a_relative_quarter_in_a_calendar_year_plan(cli, at_29_november, plans_dir):
    from unit.test_query import AUSTRALIAN_PLAN

    (plans_dir / "aus.yaml").write_text(AUSTRALIAN_PLAN)
    data = json.loads(cli("summary", "--plans", plans_dir, "-q", "current", "-f", "json").stdout)
    # July start: 29 Nov 2026 is in Q2 2026/27 (Oct-Dec), so D is 1 January 2027
    assert data["as_at"] == "2027-01-01"


def test_the_year_first_hyphenated_form(cli):
    one = cli("overdue", "--plans", PLANS, "--quarter", "2025/26-Q4", "-f", "json", "--all")
    two = cli("overdue", "--plans", PLANS, "--quarter", "Q4 2025/26", "-f", "json", "--all")
    assert one.exit_code == 0 and json.loads(one.stdout) == json.loads(two.stdout)


def test_make_run_summary_and_overdue_agree_on_day_d():
    env = {"PLANTRACK_TODAY": "2026-11-29", "COLUMNS": "80"}
    summary = run_plantrack("summary", "--plans", PLANS, "--by", "plan", "-q", "current", env=env)
    overdue = run_plantrack("overdue", "--plans", PLANS, "--quarter", "current", env=env)
    said = unwrapped(summary.stdout)
    count = int(overdue.stdout.splitlines()[0].rsplit(": ", 1)[1])
    assert said.startswith("52 trackables:")
    assert f"; {count} overdue as at the close of Q3 2026/27" in said
    assert max(map(len, overdue.stdout.splitlines())) <= 80


def test_an_unknown_theme_is_an_error_listing_the_known_ids(cli):
    result = cli("list", "--plans", PLANS, "--theme", "T99")
    assert result.exit_code == 2 and "--theme T99: no such theme" in result.stderr
    assert "T1, T2" in result.stderr
    assert cli("list", "--plans", PLANS, "--theme", "T1").exit_code == 0


@pytest.mark.parametrize("command", ["overdue", "upcoming", "list", "summary"])
def test_a_theme_with_nothing_to_show_is_not_unknown(cli, write_plan, plans_dir, command):
    """overdue and upcoming read only rows not done: a finished theme has none, and
    must give an empty report, not "no such theme"; a typo beside it is still refused."""
    write_plan(
        MINIMAL_PLAN.replace("themes:\n", "themes:\n" + FINISHED_THEME).replace(
            "due: Q4 25/26\n            status: on track", "due: Q4 25/26"
        )
    )
    for _ in range(2):  # checked, then served from the cache
        result = cli(command, "--plans", plans_dir, "--theme", "T0", "--format", "json")
        assert result.exit_code == 0, result.stderr
        assert "no such theme" not in result.stderr
    typo = cli(command, "--plans", plans_dir, "--theme", "T0", "--theme", "T7")
    assert typo.exit_code == 2 and "--theme T7: no such theme" in typo.stderr
    assert "themes here: T0, T1" in typo.stderr


FINISHED_THEME = """\
  - id: T0
    title: Finished work
    lead: Head of Service
    objectives:
      - id: T0.1
        title: Done already
        actions:
          - id: T0.1.a
            title: Delivered
            due: Q1 25/26
            status: completed
"""


def test_report_into_a_missing_folder_is_an_error_and_makes_no_folder(cli, tmp_path):
    target = tmp_path / "missing" / "paper.html"
    result = cli("report", "--plans", PLANS, "-o", target)
    assert result.exit_code == 2 and "does not exist" in result.stderr
    assert not target.parent.exists()


def test_update_on_an_action_with_milestones_names_the_trackables_it_reaches(cli, write_plan):
    from conftest import MINIMAL_PLAN

    path = write_plan(MINIMAL_PLAN)
    result = cli("update", "demo:T1.1.b", "--status", "off track", "--plans", path)
    assert result.exit_code == 0
    assert "reaches its milestones: T1.1.b-2" in result.stdout  # T1.1.b-1 has its own
    plain = cli("update", "demo:T1.1.a", "--status", "behind", "--plans", path)
    assert "reaches" not in plain.stdout


def test_the_example_plan_has_no_action_status_that_reaches_nothing():
    """init's example once had T1.1.b 'behind schedule' over milestones that all had
    their own status, so the summary said Behind 0."""
    import yaml

    from plantrack.cli.scaffold import template

    plan = yaml.safe_load(template("example.yaml"))
    actions = [
        action
        for theme in plan["themes"]
        for objective in theme["objectives"]
        for action in objective["actions"]
    ]
    for action in actions:
        if action.get("status") and action.get("milestones"):
            assert any("status" not in m for m in action["milestones"]), action["id"]


def test_an_unquoted_quarter_gets_a_hint(cli):
    result = cli("overdue", "--plans", PLANS, "--quarter", "Q4", "25/26")
    assert result.exit_code == 2
    assert "quote it" in result.stderr and "Q4-25/26" in result.stderr


def test_dates_of_a_year_less_quarter_suggests_the_financial_year_option(cli):
    result = cli("dates", "Quarter 4")
    assert result.exit_code == 1 and "--financial-year" in result.stderr
    assert "--financial-year" not in cli("dates", "Q4 2025/26").stderr


def test_update_warns_of_what_validate_will_warn_about(cli, write_plan):
    from conftest import MINIMAL_PLAN

    path = write_plan(MINIMAL_PLAN)
    bare = cli("update", "demo:T1.1.b-2", "--rationale", "Invitations drafted", "--plans", path)
    assert bare.exit_code == 0 and "warning PT303: rationale without a status" in bare.stderr
    assert f"{path}:" in bare.stderr  # file:line:col, as validate says it
    ahead = cli("update", "demo:T1.1.a", "--as-of", "2027-01-01", "--plans", path)
    assert "warning PT302: as_of 2027-01-01 is in the future" in ahead.stderr
    assert "PT303" not in ahead.stderr  # only the keys this edit changed
    fine = cli("update", "demo:T1.1.a", "--rationale", "On plan", "--plans", path)
    assert "warning" not in fine.stderr
