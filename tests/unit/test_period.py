"""Days and quarters named once, read in each plan's calendar."""

from __future__ import annotations

from datetime import date

import pytest

from plantrack.errors import BadValue
from plantrack.rows.period import (
    TODAY,
    AsAt,
    QuarterName,
    QuarterNotInCalendar,
    parse_day,
    quarter_or_current,
)


def test_a_day_is_read_as_iso_text():
    assert parse_day(" 2026-03-31 ") == date(2026, 3, 31)


@pytest.mark.parametrize("text", ["20261201", "2026W201", "2026-W20-1", "2026-3-31", "31/03/2026"])
def test_only_yyyy_mm_dd_is_a_day_on_every_python(text):
    """Python 3.11's fromisoformat also takes week dates and basic forms, 3.10 does not:
    the CLI accepts the same days on both."""
    with pytest.raises(BadValue, match=rf"^deadline: '{text}' is not an ISO date"):
        parse_day(text, "deadline")


FORMS = "Q4-25/26, 'Q4 25/26', 'Q4 2025/26' or 'Quarter 4 2025/26'"


def test_a_quarter_is_named_once_and_read_in_each_plans_calendar():
    """Q3 23/24 is Oct-Dec 2023 in an April year and Jan-Mar 2024 in a July one."""
    name = QuarterName.parse("Q3 23/24")
    assert name.in_calendar(4).first_day == date(2023, 10, 1)
    assert name.in_calendar(4).last_day == date(2023, 12, 31)
    assert name.in_calendar(7).first_day == date(2024, 1, 1)
    assert name.label() == str(name) == "Q3 23/24"  # as written
    assert QuarterName.parse("Q4 2026").in_calendar(1).first_day == date(2026, 10, 1)


@pytest.mark.parametrize("text", ["2025/26-Q4", " 2025/26 - q4 ", "FY2025/26-Q4"])
def test_a_year_first_quarter_reads_as_the_hyphenated_one(text):
    assert QuarterName.parse(text).in_calendar(4) == QuarterName.parse("Q4-25/26").in_calendar(4)


def test_a_quarter_is_the_same_whatever_value_it_was_given_as():
    assert QuarterName.parse("Q4 25/26", "first") == QuarterName.parse("Q4 25/26")


@pytest.mark.parametrize("text", ["Q5 25/26", "quarter", "2025/26-Q5", "current quarter"])
def test_a_name_no_calendar_reads_is_refused_before_any_plan_is_read(text):
    with pytest.raises(BadValue, match=r"^first: ") as refused:
        QuarterName.parse(text, "first")
    assert refused.value.name == "first"
    assert refused.value.hint == f"write {FORMS}"


def test_a_name_one_calendar_cannot_read_says_which_and_what_to_write():
    with pytest.raises(QuarterNotInCalendar) as april:
        QuarterName.parse("Q4 2026", "last").in_calendar(4)
    assert str(april.value).startswith("last Q4 2026: ")
    assert str(april.value).endswith("(in a plan whose year starts in April)")
    assert april.value.advice == f"write {FORMS}"
    mixed = "in a folder that mixes calendars, read one calendar's plans"
    assert april.value.hint == f"write {FORMS}; {mixed}"
    with pytest.raises(QuarterNotInCalendar) as january:
        QuarterName.parse("Q4 25/26").in_calendar(1)
    assert str(january.value).startswith("quarter Q4 25/26: ")
    assert "(in a plan" not in str(january.value)
    assert january.value.advice == "write e.g. 'Q4 2026' for such plans"


@pytest.mark.parametrize(
    ("word", "april", "july"),
    [("current", "Q1 2024/25", "Q4 2023/24"), ("Last ", "Q4 2023/24", "Q3 2023/24"),
     (" NEXT", "Q2 2024/25", "Q1 2024/25")],
)  # fmt: skip
def test_current_last_and_next_count_from_today_in_each_calendar(monkeypatch, word, april, july):
    # Not the real today's quarter; in an April year, not a May one's either.
    monkeypatch.setenv("PLANTRACK_TODAY", "2024-04-10")
    name = QuarterName.parse(word)
    assert name.in_calendar(4).label() == name.label() == str(name) == april
    assert name.in_calendar(7).label() == name.label(7) == july


def test_without_a_quarter_the_calendars_current_one_is_used():
    today = date(2026, 4, 1)
    assert quarter_or_current(None, 4, today).first_day == date(2026, 4, 1)
    assert quarter_or_current(None, 1, today).first_day == date(2026, 4, 1)
    assert quarter_or_current(None, 7, today).first_day == date(2026, 4, 1)
    assert quarter_or_current(None, 1, date(2026, 3, 31)).first_day == date(2026, 1, 1)
    named = QuarterName.parse("Q1 26/27")
    assert quarter_or_current(named, 4, date(2020, 1, 1)).first_day == date(2026, 4, 1)


def test_a_bad_day_says_what_to_write():
    with pytest.raises(BadValue) as refused:
        parse_day("31/03/2026")
    assert str(refused.value) == "as_of: '31/03/2026' is not an ISO date"
    assert refused.value.hint == "write an ISO date such as 2026-03-31"


def test_day_d_is_the_day_after_the_quarter_a_given_day_or_today():
    today = date(2026, 11, 23)
    quarter = AsAt(QuarterName.parse("Q3 23/24"))
    assert quarter.day_in(4, today) == date(2024, 1, 1)
    assert quarter.day_in(7, today) == date(2024, 4, 1)
    assert AsAt(day=date(2026, 1, 5)).day_in(4, today) == date(2026, 1, 5)
    assert AsAt().day_in(4, today) == TODAY.day_in(7, today) == today


def test_day_d_is_a_quarter_or_a_day_not_both():
    with pytest.raises(BadValue, match="^as_at: give a quarter or a day, not both$"):
        AsAt(QuarterName.parse("Q3 23/24"), date(2026, 1, 5))
