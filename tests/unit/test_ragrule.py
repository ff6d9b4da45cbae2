"""A plan's own RAG rule: the tolerance, its calendar arithmetic and the status a slip
earns (docs/reference/plan-format.md, "The plan's own RAG rule")."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plantrack.plan.ragrule import Tolerance, better, slip_days, status_for
from plantrack.plan.status import Status

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("text", "count", "unit"),
    [
        ("3 months", 3, "month"),
        ("1 month", 1, "month"),
        ("90 days", 90, "day"),
        ("6 weeks", 6, "week"),
        ("1 quarter", 1, "quarter"),
        ("2 Quarters", 2, "quarter"),
        ("  12days ", 12, "day"),
    ],
)
def test_a_tolerance_is_a_count_and_a_unit(text, count, unit):
    tolerance = Tolerance.parse(text)
    assert (tolerance.count, tolerance.unit) == (count, unit)


@pytest.mark.parametrize("text", ["3", "months", "three months", "3 monthss", "3 years", "-1 day"])
def test_anything_else_is_refused_saying_what_is_accepted(text):
    with pytest.raises(ValueError, match="write e.g. 90 days, 6 weeks, 3 months or 1 quarter"):
        Tolerance.parse(text)


@pytest.mark.parametrize(
    ("text", "original", "limit"),
    [
        ("3 months", date(2026, 3, 31), date(2026, 6, 30)),  # a month's end to a month's end
        ("3 months", date(2026, 2, 28), date(2026, 5, 31)),
        ("3 months", date(2026, 1, 15), date(2026, 4, 15)),
        ("1 month", date(2026, 1, 30), date(2026, 2, 28)),  # no 30 February
        ("1 quarter", date(2026, 11, 30), date(2027, 2, 28)),  # across a year
        ("6 weeks", date(2026, 1, 1), date(2026, 2, 12)),
        ("90 days", date(2026, 1, 1), date(2026, 4, 1)),
    ],
)
def test_the_limit_counts_on_the_calendar(text, original, limit):
    tolerance = Tolerance.parse(text)
    assert tolerance.limit(original) == limit
    assert tolerance.days_from(original) == (limit - original).days


def test_the_rule_status_at_its_edges():
    assert status_for(-5, 92) is Status.ON_TRACK  # brought forward
    assert status_for(0, 92) is Status.ON_TRACK
    assert status_for(1, 92) is Status.BEHIND
    assert status_for(92, 92) is Status.BEHIND  # up to the tolerance
    assert status_for(93, 92) is Status.OFF_TRACK


def test_slip_counts_from_day_d_once_the_deadline_has_passed():
    original, deadline = date(2026, 3, 31), date(2026, 6, 30)
    assert slip_days(deadline, original, date(2026, 5, 1)) == 91  # the due's deadline
    assert slip_days(deadline, original, date(2026, 6, 30)) == 91  # not passed on the day
    assert slip_days(deadline, original, date(2026, 7, 1)) == 92  # passed: day D


def test_better_is_later_in_the_severity_order():
    assert better(Status.ON_TRACK, Status.BEHIND)
    assert better(Status.NOT_STARTED, Status.OFF_TRACK)
    assert not better(Status.BEHIND, Status.BEHIND)
    assert not better(Status.OFF_TRACK, Status.BEHIND)


# --- the JSON schema accepts exactly what validate accepts ------------------------------

PLAN = {
    "plantrack": 1,
    "id": "p",
    "title": "P",
    "themes": [],
}


def _validate_accepts(behind: object) -> bool:
    from pydantic import ValidationError

    from plantrack.plan.model import Plan

    try:
        Plan.model_validate(PLAN | {"rag_rule": {"behind": behind}})
    except ValidationError:
        return False
    return True


def _schema_accepts(behind: object) -> bool:
    import jsonschema

    schema = json.loads((ROOT / "schemas" / "plan.schema.json").read_text())
    checker = jsonschema.Draft202012Validator(schema)
    return not list(checker.iter_errors(PLAN | {"rag_rule": {"behind": behind}}))


@pytest.mark.parametrize(
    "behind", ["3 months", "90 DAYS", "1 quarter", "6 weeks", "3", "3 years", "", 3, "3 monthss"]
)
def test_the_schema_and_validate_agree_on_rag_rule(behind):
    assert _schema_accepts(behind) == _validate_accepts(behind)


@given(
    st.from_regex(r"\A ?[0-9]{1,3} ?(day|week|month|quarter|DAY|Month|year|mon)s? ?\Z")
    | st.text(max_size=12)
)
def test_the_schema_and_validate_agree_on_any_tolerance(behind):
    assert _schema_accepts(behind) == _validate_accepts(behind)


def test_the_schema_refuses_other_keys_in_rag_rule_as_validate_does():
    import jsonschema

    schema = json.loads((ROOT / "schemas" / "plan.schema.json").read_text())
    data = PLAN | {"rag_rule": {"behind": "3 months", "amber": "1 month"}}
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(data))
    assert not _validate_accepts_rule({"behind": "3 months", "amber": "1 month"})
    assert not _validate_accepts_rule({})


def _validate_accepts_rule(rule: dict) -> bool:
    from pydantic import ValidationError

    from plantrack.plan.model import Plan

    try:
        Plan.model_validate(PLAN | {"rag_rule": rule})
    except ValidationError:
        return False
    return True
