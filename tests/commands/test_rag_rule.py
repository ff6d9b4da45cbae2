"""The plan's own RAG rule through the commands: validate's PT310 (better, worse, equal),
``rule_status`` in JSON rows (cold and warm), re-dated counts in summary, and the
committee paper's disagreements (docs/reference/plan-format.md)."""

from __future__ import annotations

import json

import pytest

# Deadlines in FY 2023/24; the rule as Rotherham's reports give it. As of 30 November 2023:
# A1 on track, 61 days past Q2 (behind by the rule): better -> warned.
# A2 behind, 153 days past Q1 (off track by the rule): better -> warned.
# A3 behind, re-dated Q2 -> Q4, 183 days (off track): better -> warned.
# A4 behind, 30 days past October (behind): equal -> not warned.
# A5 off track, due Q4, no slip (on track): worse -> never warned.
# A6 completed, long past: done -> no rule status.
# A7's milestone, 30 days past October, inherits its action's "on track": warned there.
PLAN = """\
plantrack: 1
id: rules
title: Rules
financial_year: 2023/24
as_of: 2023-11-30
rag_rule:
  behind: 3 months
themes:
  - id: T1
    title: Theme
    objectives:
      - id: O1
        title: Objective
        actions:
          - id: A1
            title: One
            due: Quarter 2
            status: on track
          - id: A2
            title: Two
            due: Quarter 1
            status: behind
          - id: A3
            title: Three
            due: Quarter 4
            original_due: Quarter 2
            status: behind
          - id: A4
            title: Four
            due: October 2023
            status: behind
          - id: A5
            title: Five
            due: Quarter 4
            status: off track
          - id: A6
            title: Six
            due: Quarter 1
            status: completed
          - id: A7
            title: Seven
            status: on track
            milestones:
              - id: A7-1
                title: Seven's step
                due: October 2023
"""


@pytest.fixture
def rules(write_plan, plans_dir):
    write_plan(PLAN, "rules.yaml")
    return plans_dir


def warnings_of(cli, plans_dir, *extra):
    result = cli("validate", plans_dir, "--format", "json", *extra)
    return result, [d for d in json.loads(result.stdout)["diagnostics"] if d["code"] == "PT310"]


def test_validate_warns_where_the_stated_status_is_better_than_the_rule(cli, rules):
    result, found = warnings_of(cli, rules)
    assert result.exit_code == 0  # warnings
    lines = PLAN.splitlines()
    where = {d["line"]: d for d in found}
    assert sorted(where) == [
        lines.index("            status: on track") + 1,
        lines.index("            status: behind") + 1,
        lines.index("            original_due: Quarter 2") + 2,
        lines.index("              - id: A7-1") + 1,
    ]
    first = where[min(where)]
    assert first["severity"] == "warning"
    assert first["message"] == (
        "status on-track is better than the plan's rag_rule gives: behind, 61 days past the "
        "original deadline 2023-09-30 (behind up to 3 months)"
    )
    messages = sorted(d["message"] for d in found)
    assert any("status behind is better" in m and "off-track, 153 days" in m for m in messages)
    assert any("off-track, 183 days past the original deadline 2023-09-30" in m for m in messages)
    assert any(m.startswith("status on-track (its action's) is better") for m in messages)


def line_of(item: str, key: str) -> int:
    """The line of ``key`` in item ``item`` of PLAN."""
    lines = PLAN.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == f"- id: {item}")
    return next(i for i in range(start, len(lines)) if lines[i].strip().startswith(key)) + 1


def test_never_when_worse_or_equal_and_never_for_done(cli, rules):
    _, found = warnings_of(cli, rules)
    lines = {d["line"] for d in found}
    assert line_of("A4", "status:") not in lines  # behind, as the rule says
    assert line_of("A5", "status:") not in lines  # off track, worse than the rule's on track
    assert line_of("A6", "status:") not in lines  # done
    assert lines == {line_of(i, "status:") for i in ("A1", "A2", "A3")} | {line_of("A7-1", "-")}


def test_strict_makes_the_disagreements_errors(cli, rules):
    result = cli("validate", rules, "--strict")
    assert result.exit_code == 1
    assert "warning PT310" in result.stdout


def test_a_plan_without_a_rule_behaves_as_before(cli, write_plan, plans_dir):
    write_plan(PLAN.replace("rag_rule:\n  behind: 3 months\n", ""), "rules.yaml")
    result, found = warnings_of(cli, plans_dir)
    assert found == [] and result.exit_code == 0
    rows = json.loads(cli("list", "--plans", plans_dir, "--format", "json").stdout)
    assert {row["rule_status"] for row in rows} == {None}


def test_statuses_are_judged_on_the_day_they_were_assessed(cli, write_plan, plans_dir):
    """A status given on 1 October is judged then: A1 was one day late (behind); A2 93
    days (off track: 3 months after 30 June is 30 September); A7-1 not yet due."""
    write_plan(PLAN.replace("as_of: 2023-11-30", "as_of: 2023-10-01"), "rules.yaml")
    _, found = warnings_of(cli, plans_dir)
    assert [d["message"].split(":")[1].strip() for d in found] == [
        "behind, 1 day past the original deadline 2023-09-30 (behind up to 3 months)",
        "off-track, 93 days past the original deadline 2023-06-30 (behind up to 3 months)",
        "off-track, 183 days past the original deadline 2023-09-30 (behind up to 3 months)",
    ]


def test_a_bad_tolerance_is_an_error_at_its_value(cli, write_plan, plans_dir):
    write_plan(PLAN.replace("behind: 3 months", "behind: three months"), "rules.yaml")
    result = cli("validate", plans_dir)
    assert result.exit_code == 1
    line = PLAN.splitlines().index("  behind: 3 months") + 1
    assert f"rules.yaml:{line}:11: error PT103: 'behind': 'three months' is not a tolerance; " in (
        result.stdout
    )
    assert "write e.g. 90 days, 6 weeks, 3 months or 1 quarter" in result.stdout


# --- rule_status in JSON rows ------------------------------------------------------------


def rule_statuses(cli, *args):
    rows = json.loads(cli(*args, "--format", "json").stdout)
    return {row["id"]: row["rule_status"] for row in rows}


def test_json_rows_carry_the_rules_status_as_at_day_d(cli, rules):
    as_at = rule_statuses(cli, "overdue", "--plans", rules, "--as-of", "2023-11-30")
    assert as_at == {"A2": "off-track", "A1": "behind", "A4": "behind", "A7-1": "behind"}
    later = rule_statuses(cli, "overdue", "--plans", rules, "--quarter", "Q3-23/24")
    assert later == {"A2": "off-track", "A1": "off-track", "A4": "behind", "A7-1": "behind"}
    listed = rule_statuses(cli, "list", "--plans", rules)  # as at today, 23 November 2026
    assert listed == {
        "A1": "off-track",
        "A2": "off-track",
        "A3": "off-track",
        "A4": "off-track",
        "A5": "off-track",
        "A6": None,  # done
        "A7-1": "off-track",
    }


def test_a_warm_overdue_writes_the_same_rule_statuses_as_a_cold_one(cli, rules):
    """Warm, the rule's status is spliced into the kept bytes: it must count a re-dated
    row's slip from its original target (A3: 31 days overdue, 214 past Q2)."""
    args = ("overdue", "--plans", rules, "--as-of", "2024-05-01", "--format", "json")
    cold = cli(*args, "--no-cache").stdout
    first, warm = cli(*args).stdout, cli(*args).stdout
    assert cold == first == warm
    rows = {row["id"]: row for row in json.loads(warm)}
    assert (rows["A3"]["days_overdue"], rows["A3"]["rule_status"]) == (31, "off-track")
    assert rows["A5"]["rule_status"] == "behind"  # 31 days past its only target
    assert '"as_at": "2024-05-01", "rule_status": "off-track"}' in warm


def test_rule_status_is_the_last_key_of_a_row(cli, rules):
    rows = json.loads(cli("overdue", "--plans", rules, "--format", "json").stdout)
    assert list(rows[0])[-3:] == ["days_overdue", "as_at", "rule_status"]
    rows = json.loads(cli("upcoming", "--plans", rules, "--format", "json").stdout)
    assert rows == [] or list(rows[0])[-1] == "rule_status"


# --- re-dated counts ---------------------------------------------------------------------


def test_summary_counts_re_dated_trackables_and_their_average_slip(cli, write_plan, plans_dir):
    second = PLAN.replace("id: rules", "id: more").replace(
        "            due: Quarter 1\n            status: behind",
        "            due: Quarter 3\n"
        "            original_due: Quarter 1\n"
        "            status: behind",
    )
    write_plan(PLAN, "rules.yaml")
    write_plan(second, "more.yaml")
    data = json.loads(
        cli("summary", "--plans", plans_dir, "--by", "plan", "--format", "json").stdout
    )
    groups = {g["group"]: g for g in data["groups"]}
    assert (groups["rules"]["redated"], groups["rules"]["average_slip_days"]) == (1, 183)
    # "more": A3 183 days and A2 Q1 -> Q3, 184 days (30 June to 31 December)
    assert (groups["more"]["redated"], groups["more"]["average_slip_days"]) == (2, 184)
    assert (data["total"]["redated"], data["total"]["average_slip_days"]) == (3, 183)
    table = cli("summary", "--plans", plans_dir, "--by", "plan").stdout
    assert "3 trackables re-dated, on average 183 days after the original target." in table
    assert "Re-dated" in table
    csv = cli("summary", "--plans", plans_dir, "--by", "plan", "--format", "csv").stdout
    assert csv.splitlines()[0].endswith(",redated,average_slip_days")


def test_brought_forward_is_not_re_dated(cli, write_plan, plans_dir):
    forward = PLAN.replace(
        "            due: Quarter 4\n            original_due: Quarter 2",
        "            due: Quarter 2\n            original_due: Quarter 4",
    )
    assert forward != PLAN
    write_plan(forward, "rules.yaml")
    data = json.loads(cli("summary", "--plans", plans_dir, "--format", "json").stdout)
    assert (data["total"]["redated"], data["total"]["average_slip_days"]) == (0, None)
    assert "re-dated" not in cli("summary", "--plans", plans_dir).stdout


# --- the committee paper -----------------------------------------------------------------


def test_the_paper_lists_the_disagreements_and_the_re_dated(cli, rules):
    paper = cli("report", "--plans", rules, "--quarter", "Q3-23/24", "--format", "markdown").stdout
    assert "1 re-dated to a later target, on average 183 days after the original." in paper
    section = paper.split("## Status better than the plan's own RAG rule (4)", 1)[1]
    section = section.split("\n## ", 1)[0]
    assert "| A1 | One | G on track | R off track | 93 |" in section
    assert "| A2 | Two | A behind | R off track | 185 |" in section
    assert "| A3 | Three | A behind | R off track | 183 |" in section
    assert "| A7-1 | Seven's step | G on track | A behind | 62 |" in section
    assert "| A4 |" not in section and "| A5 |" not in section
    html = cli("report", "--plans", rules, "--quarter", "Q3-23/24").stdout
    assert "Status better than the plan&#39;s own RAG rule (4)" in html or (
        "Status better than the plan's own RAG rule (4)" in html
    )
