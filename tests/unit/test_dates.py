"""The date grammar of docs/reference/dates.md: every form with the reference's own example,
every refusal."""

from __future__ import annotations

from datetime import date as d

import pytest

from plantrack.dates import (
    DateError,
    FinancialCalendar,
    Quarter,
    as_at_day,
    parse,
    parse_financial_year,
    parse_month,
    parse_quarter,
)

FY = "2025/26"

# (expression, financial_year, start, end, deadline) -- one row per example of the table.
FORMS = [
    ("2026-03-31", None, d(2026, 3, 31), d(2026, 3, 31), d(2026, 3, 31)),
    ("9 August 2021", None, d(2021, 8, 9), d(2021, 8, 9), d(2021, 8, 9)),
    ("9th August 2021", None, d(2021, 8, 9), d(2021, 8, 9), d(2021, 8, 9)),
    ("09/08/2021", None, d(2021, 8, 9), d(2021, 8, 9), d(2021, 8, 9)),
    ("August 2021", None, d(2021, 8, 1), d(2021, 8, 31), d(2021, 8, 31)),
    ("Aug 2021", None, d(2021, 8, 1), d(2021, 8, 31), d(2021, 8, 31)),
    ("Sept 2021", None, d(2021, 9, 1), d(2021, 9, 30), d(2021, 9, 30)),
    ("Q4 25/26", None, d(2026, 1, 1), d(2026, 3, 31), d(2026, 3, 31)),
    ("Q4-25/26", None, d(2026, 1, 1), d(2026, 3, 31), d(2026, 3, 31)),
    ("Q4 2025/26", None, d(2026, 1, 1), d(2026, 3, 31), d(2026, 3, 31)),
    ("Q4 2025-26", None, d(2026, 1, 1), d(2026, 3, 31), d(2026, 3, 31)),
    ("Quarter 4 2025/26", None, d(2026, 1, 1), d(2026, 3, 31), d(2026, 3, 31)),
    ("2025/26 Q4", None, d(2026, 1, 1), d(2026, 3, 31), d(2026, 3, 31)),
    ("Q4 FY25/26", None, d(2026, 1, 1), d(2026, 3, 31), d(2026, 3, 31)),
    ("Quarter 4", FY, d(2026, 1, 1), d(2026, 3, 31), d(2026, 3, 31)),
    ("Q2", FY, d(2025, 7, 1), d(2025, 9, 30), d(2025, 9, 30)),
    ("2025/26", None, d(2025, 4, 1), d(2026, 3, 31), d(2026, 3, 31)),
    ("2025-26", None, d(2025, 4, 1), d(2026, 3, 31), d(2026, 3, 31)),
    ("FY 2025/26", None, d(2025, 4, 1), d(2026, 3, 31), d(2026, 3, 31)),
    ("FY25/26", None, d(2025, 4, 1), d(2026, 3, 31), d(2026, 3, 31)),
    ("2022", None, d(2022, 1, 1), d(2022, 12, 31), d(2022, 12, 31)),
    ("Spring 2017", None, d(2017, 3, 1), d(2017, 5, 31), d(2017, 5, 31)),
    ("Summer 2022", None, d(2022, 6, 1), d(2022, 8, 31), d(2022, 8, 31)),
    ("Autumn 2016", None, d(2016, 9, 1), d(2016, 11, 30), d(2016, 11, 30)),
    ("Winter 2016", None, d(2016, 12, 1), d(2017, 2, 28), d(2017, 2, 28)),
    ("Winter 2016/17", None, d(2016, 12, 1), d(2017, 2, 28), d(2017, 2, 28)),
    ("early 2017", None, d(2017, 1, 1), d(2017, 4, 30), d(2017, 4, 30)),
    ("mid 2017", None, d(2017, 5, 1), d(2017, 8, 31), d(2017, 8, 31)),
    ("late 2017", None, d(2017, 9, 1), d(2017, 12, 31), d(2017, 12, 31)),
    ("early June 2016", None, d(2016, 6, 1), d(2016, 6, 10), d(2016, 6, 10)),
    ("mid June 2016", None, d(2016, 6, 11), d(2016, 6, 20), d(2016, 6, 20)),
    ("late June 2016", None, d(2016, 6, 21), d(2016, 6, 30), d(2016, 6, 30)),
    ("end June 2016", None, d(2016, 6, 30), d(2016, 6, 30), d(2016, 6, 30)),
    ("end of June 2016", None, d(2016, 6, 30), d(2016, 6, 30), d(2016, 6, 30)),
    ("end of Q2 26/27", None, d(2026, 9, 30), d(2026, 9, 30), d(2026, 9, 30)),
    ("end August", "2016/17", d(2016, 8, 31), d(2016, 8, 31), d(2016, 8, 31)),
    ("by March 2017", None, None, d(2017, 3, 31), d(2017, 3, 31)),
    ("by end January 2017", None, None, d(2017, 1, 31), d(2017, 1, 31)),
    ("no later than March 2017", None, None, d(2017, 3, 31), d(2017, 3, 31)),
    ("before March 2022", None, None, d(2022, 2, 28), d(2022, 2, 28)),
    ("July – November 2021", None, d(2021, 7, 1), d(2021, 11, 30), d(2021, 11, 30)),
    ("July 2021 – November 2021", None, d(2021, 7, 1), d(2021, 11, 30), d(2021, 11, 30)),
    ("June to November 2021", None, d(2021, 6, 1), d(2021, 11, 30), d(2021, 11, 30)),
    ("May to July 2016", None, d(2016, 5, 1), d(2016, 7, 31), d(2016, 7, 31)),
    ("October 2020 – May 2021", None, d(2020, 10, 1), d(2021, 5, 31), d(2021, 5, 31)),
    ("Q1–Q2 26/27", None, d(2026, 4, 1), d(2026, 9, 30), d(2026, 9, 30)),
    ("November – February 2022", None, d(2021, 11, 1), d(2022, 2, 28), d(2022, 2, 28)),
    ("April to June", "2022/23", d(2022, 4, 1), d(2022, 6, 30), d(2022, 6, 30)),
    ("January to March", "2022/23", d(2023, 1, 1), d(2023, 3, 31), d(2023, 3, 31)),
    ("Q1 & Q3 26/27", None, d(2026, 4, 1), d(2026, 12, 31), d(2026, 12, 31)),
    ("Q1 and Q3 26/27", None, d(2026, 4, 1), d(2026, 12, 31), d(2026, 12, 31)),
    ("June 2016, September 2016", None, d(2016, 6, 1), d(2016, 9, 30), d(2016, 9, 30)),
    ("from July 2016", None, d(2016, 7, 1), None, None),
    ("ongoing from May 2016", None, d(2016, 5, 1), None, None),
    ("July 2016 onwards", None, d(2016, 7, 1), None, None),
    ("from Summer 2016", None, d(2016, 6, 1), None, None),
    ("ongoing to Quarter 4 2025/26", None, None, d(2026, 3, 31), d(2026, 3, 31)),
    ("until March 2022", None, None, d(2022, 3, 31), d(2022, 3, 31)),
    ("to March 2022", None, None, d(2022, 3, 31), d(2022, 3, 31)),
    ("ongoing", None, None, None, None),
    ("Ongoing throughout", None, None, None, None),
    ("ongoing for the duration of the pandemic", None, None, None, None),
    ("throughout the year", None, None, None, None),
    ("across the year", None, None, None, None),
    ("n/a", None, None, None, None),
    ("TBC", None, None, None, None),
    ("TBA", None, None, None, None),
    (
        "July 2021 (subject to government guidance)",
        None,
        d(2021, 7, 1),
        d(2021, 7, 31),
        d(2021, 7, 31),
    ),
    # The table's rules applied where its examples stop (found in review).
    ("from July 2016 to March 2017", None, d(2016, 7, 1), d(2017, 3, 31), d(2017, 3, 31)),
    ("from July – November 2021", None, d(2021, 7, 1), d(2021, 11, 30), d(2021, 11, 30)),
    ("ongoing from May 2016 to March 2017", None, d(2016, 5, 1), d(2017, 3, 31), d(2017, 3, 31)),
    ("ongoing by March 2026", None, None, d(2026, 3, 31), d(2026, 3, 31)),
    ("ongoing up to Q4 25/26", None, None, d(2026, 3, 31), d(2026, 3, 31)),
    ("30 November – 9 February 2022", None, d(2021, 11, 30), d(2022, 2, 9), d(2022, 2, 9)),
    ("August, 2021", None, d(2021, 8, 1), d(2021, 8, 31), d(2021, 8, 31)),
    ("2025/26 Quarter 4", None, d(2026, 1, 1), d(2026, 3, 31), d(2026, 3, 31)),
    # A plan period in an April-start plan: its financial years, as "2021-22" is one (issue 19).
    ("2021-2025", None, d(2021, 4, 1), d(2025, 3, 31), d(2025, 3, 31)),
]


# What public bodies write (issue 19): one row per form of the guide's table.
FORMS += [
    ("2026 to 2027", None, d(2026, 4, 1), d(2027, 3, 31), d(2027, 3, 31)),
    ("2026 to 27", None, d(2026, 4, 1), d(2027, 3, 31), d(2027, 3, 31)),
    ("Quarter 2 2026 to 2027", None, d(2026, 7, 1), d(2026, 9, 30), d(2026, 9, 30)),
    ("quarter 2, 2026 to 2027", None, d(2026, 7, 1), d(2026, 9, 30), d(2026, 9, 30)),
    ("quarter two 2026/27", None, d(2026, 7, 1), d(2026, 9, 30), d(2026, 9, 30)),
    ("quarter four of 2024/25", None, d(2025, 1, 1), d(2025, 3, 31), d(2025, 3, 31)),
    ("2024-2028", None, d(2024, 4, 1), d(2028, 3, 31), d(2028, 3, 31)),
    ("2024-28", None, d(2024, 4, 1), d(2028, 3, 31), d(2028, 3, 31)),
    ("2022 - 2026", None, d(2022, 4, 1), d(2026, 3, 31), d(2026, 3, 31)),
    ("30.09.2026", None, d(2026, 9, 30), d(2026, 9, 30), d(2026, 9, 30)),
    ("3.9.26", None, d(2026, 9, 3), d(2026, 9, 3), d(2026, 9, 3)),
    ("30/09/2026", None, d(2026, 9, 30), d(2026, 9, 30), d(2026, 9, 30)),
    ("11/08/09", None, d(2009, 8, 11), d(2009, 8, 11), d(2009, 8, 11)),
    ("4/30/2014", None, d(2014, 4, 30), d(2014, 4, 30), d(2014, 4, 30)),
    ("09/26", None, d(2026, 9, 1), d(2026, 9, 30), d(2026, 9, 30)),
    ("Sep-26", None, d(2026, 9, 1), d(2026, 9, 30), d(2026, 9, 30)),
    ("Sep \u201819", None, d(2019, 9, 1), d(2019, 9, 30), d(2019, 9, 30)),
    ("by the end of March 2027", None, None, d(2027, 3, 31), d(2027, 3, 31)),
    ("the end of September 2024", None, d(2024, 9, 30), d(2024, 9, 30), d(2024, 9, 30)),
    ("By end of February 15", None, None, d(2015, 2, 28), d(2015, 2, 28)),
    ("through to March 2027", None, None, d(2027, 3, 31), d(2027, 3, 31)),
    ("until midnight 17 March 2024", None, None, d(2024, 3, 17), d(2024, 3, 17)),
    ("starting from July 2026", None, d(2026, 7, 1), None, None),
    ("2023 and beyond", None, d(2023, 1, 1), None, None),
    ("w/c 7 September 2026", None, d(2026, 9, 7), d(2026, 9, 13), d(2026, 9, 13)),
    ("week commencing 7 September", "2026/27", d(2026, 9, 7), d(2026, 9, 13), d(2026, 9, 13)),
    ("mid-September 2026", None, d(2026, 9, 11), d(2026, 9, 20), d(2026, 9, 20)),
    ("mid-February", "2024/25", d(2025, 2, 11), d(2025, 2, 20), d(2025, 2, 20)),
    ("first half of 2027", None, d(2027, 1, 1), d(2027, 6, 30), d(2027, 6, 30)),
    ("second half of 2026/27", None, d(2026, 10, 1), d(2027, 3, 31), d(2027, 3, 31)),
    ("September or October 2026", None, d(2026, 9, 1), d(2026, 10, 31), d(2026, 10, 31)),
    ("late September/early October 2026", None, d(2026, 9, 21), d(2026, 10, 10), d(2026, 10, 10)),
    ("early or mid October 2026", None, d(2026, 10, 1), d(2026, 10, 20), d(2026, 10, 20)),
    ("7-9 October 2025", None, d(2025, 10, 7), d(2025, 10, 9), d(2025, 10, 9)),
    (
        "between December 2024 and February 2025",
        None,
        d(2024, 12, 1),
        d(2025, 2, 28),
        d(2025, 2, 28),
    ),
    ("in 2024", None, d(2024, 1, 1), d(2024, 12, 31), d(2024, 12, 31)),
    ("during 2014-15", None, d(2014, 4, 1), d(2015, 3, 31), d(2015, 3, 31)),
    (
        "22 November 2021 \u2192 31 January 2022",
        None,
        d(2021, 11, 22),
        d(2022, 1, 31),
        d(2022, 1, 31),
    ),
    ("Board 06/10/09", None, d(2009, 10, 6), d(2009, 10, 6), d(2009, 10, 6)),
    ("the IJB meeting on 25 June 2020", None, d(2020, 6, 25), d(2020, 6, 25), d(2020, 6, 25)),
    ("08.11.2023 Review", None, d(2023, 11, 8), d(2023, 11, 8), d(2023, 11, 8)),
    ("13.09.2023 08.11.2023", None, d(2023, 9, 13), d(2023, 11, 8), d(2023, 11, 8)),
    ("Quarter 4 (January to March 2027)", "2026/27", d(2027, 1, 1), d(2027, 3, 31), d(2027, 3, 31)),
    ("Quarter 4 (January to March 2027)", None, d(2027, 1, 1), d(2027, 3, 31), d(2027, 3, 31)),
    ("early 2024 (set for 8 January 2024)", None, d(2024, 1, 8), d(2024, 1, 8), d(2024, 1, 8)),
    ("March 31", "2013/14", d(2014, 3, 31), d(2014, 3, 31), d(2014, 3, 31)),
    ("Completed January 2016", None, None, None, None),
    ("Started", None, None, None, None),
]

RECURRING = [
    ("Quarterly", None, None, None),
    ("Biannually", "twice a year", None, None),
    ("Annually", None, None, None),
    ("Monthly", None, None, None),
    ("every September", "every September", None, None),
    ("on a six monthly basis", "every 6 months", None, None),
    ("twice a year", None, None, None),
    ("in September each year", "annually", None, None),
    ("31 August (annually)", "annually", None, None),
    ("2024-2028 Quarterly", "quarterly", d(2024, 4, 1), d(2028, 3, 31)),
    ("31 March 2027 and every 3 years thereafter", "every 3 years", d(2027, 3, 31), d(2027, 3, 31)),
    # up to May 2022: from the first day of the financial year May 2022 is in
    ("on a bi-monthly basis up to May 2022", "bi-monthly", d(2022, 4, 1), d(2022, 5, 31)),
]


@pytest.mark.parametrize(("text", "label", "start", "deadline"), RECURRING)
def test_recurring_work_has_the_window_written_and_no_deadline_otherwise(
    text, label, start, deadline
):
    """Without a financial year (nor a span written) there is nothing to repeat in."""
    window = parse(text)
    assert window.recurrence == (label or text.lower())
    assert (window.start, window.deadline) == (start, deadline)


def _days(*texts: str) -> tuple:
    return tuple(tuple(d(*map(int, day.split("-"))) for day in part.split("/")) for part in texts)


OCCURRENCES_2023 = [
    # (expression, each occurrence as first/last day; its deadline is the last day)
    ("Quarterly", "2023-4-1/2023-6-30 2023-7-1/2023-9-30 2023-10-1/2023-12-31 2024-1-1/2024-3-31"),
    (
        "Ongoing quarterly",
        "2023-4-1/2023-6-30 2023-7-1/2023-9-30 2023-10-1/2023-12-31 2024-1-1/2024-3-31",
    ),
    ("March (annually)", "2024-3-1/2024-3-31"),
    ("Annually in March", "2024-3-1/2024-3-31"),
    ("every September", "2023-9-1/2023-9-30"),
    ("31 August (annually)", "2023-8-31/2023-8-31"),
    ("Annually", "2023-4-1/2024-3-31"),
    ("By end of March annually", "2023-4-1/2024-3-31"),
    ("Biannually", "2023-4-1/2023-9-30 2023-10-1/2024-3-31"),
    ("Six monthly", "2023-4-1/2023-9-30 2023-10-1/2024-3-31"),
    ("annually in March and September", "2023-9-1/2023-9-30 2024-3-1/2024-3-31"),
    ("Quarterly until December 2023", "2023-4-1/2023-6-30 2023-7-1/2023-9-30 2023-10-1/2023-12-31"),
]


@pytest.mark.parametrize(("text", "expected"), OCCURRENCES_2023)
def test_recurring_work_in_a_financial_year_has_one_occurrence_per_period(text, expected):
    window = parse(text, "2023/24")
    parts = _days(*expected.split())
    assert [(first, last) for first, last, _ in window.occurrences] == list(parts)
    assert all(deadline == last for _, last, deadline in window.occurrences)
    assert window.deadline == parts[-1][1]  # the last one's deadline is the expression's


def test_a_span_written_or_the_plans_period_is_where_it_repeats():
    window = parse("2023-2027 Quarterly", "2025/26")
    assert len(window.occurrences) == 16 and window.deadline == d(2027, 3, 31)
    period = (d(2023, 4, 1), d(2025, 3, 31))
    window = parse("March (annually)", "2023/24", period=period)
    assert [o[2] for o in window.occurrences] == [d(2024, 3, 31), d(2025, 3, 31)]
    monthly = parse("Monthly", "2023/24", period=period)
    assert len(monthly.occurrences) == 24 and monthly.occurrences[-1][0] == d(2025, 3, 1)


@pytest.mark.parametrize(
    ("text", "fy", "message"),
    [
        ("2022 to 2024", None, "the financial years 2022/23 to 2023/24"),
        ("2022 to 2024", None, "or the calendar years 2022 to 2024"),
        ("for April 2026", None, "ready by the first day of April, or during it"),
        ("Quarter 4 (January to March 2027)", "2025/26", "the bracket says"),
        ("March 17", "2016/17", "March 2017 or 17 March"),
        ("September 16", None, "ambiguous"),
        ("2023/23", None, "consecutive"),
        ("by 2028 and beyond", None, "unexpected"),
        ("July 2023 and ongoing", None, "unexpected"),
        ("not 1 April 2026", None, "not a date"),
        ("after 1 April 2026", None, "not a date"),
        ("Board 07/04/09 \u2013 deferred", None, "not a date"),
        ("Complete by March 2026", None, "done, or due then"),
        ("Originally 1 April 2026", None, "not a date"),
        ("Except 1 April 2026", None, "not a date"),
    ],
)
def test_two_plausible_readings_are_refused_never_guessed(text, fy, message):
    with pytest.raises(DateError) as caught:
        parse(text, fy)
    assert message in str(caught.value)


def test_suggestions_only_when_likely():
    """ "did you mean 'early'?" for "Every" or "Year" is noise; "Smarch" is March."""
    for word in ("Year", "Each", "During", "Every"):
        with pytest.raises(DateError) as caught:
            parse(f"{word} banana")
        assert "did you mean" not in str(caught.value), word


@pytest.mark.parametrize(
    ("text", "fy", "start", "end", "deadline"), FORMS, ids=[row[0] for row in FORMS]
)
def test_every_form_of_the_table(text, fy, start, end, deadline):
    window = parse(text, fy)
    assert (window.start, window.end, window.deadline) == (start, end, deadline)


def test_case_and_dashes_do_not_matter():
    for text in ("JULY - NOVEMBER 2021", "july — november 2021", "July-November 2021"):
        window = parse(text)
        assert (window.start, window.end, window.deadline) == (
            d(2021, 7, 1),
            d(2021, 11, 30),
            d(2021, 11, 30),
        )


@pytest.mark.parametrize("dash", ["-", "–", "—"])
def test_every_dash_joins_a_year_pair_alike(dash):
    """docs/reference/dates.md: '–', '—' and '-' are the same dash, inside year pairs too."""
    fy = (d(2025, 4, 1), d(2026, 3, 31))
    for text in (f"2025{dash}26", f"2025{dash}2026", f"FY 2025{dash}26"):
        assert (parse(text).start, parse(text).end) == fy, text
    assert parse(f"Q4 2025{dash}26").start == d(2026, 1, 1)
    assert parse(f"Winter 2016{dash}17").end == d(2017, 2, 28)
    assert parse(f"2021{dash}2025").end == d(2025, 3, 31)  # financial years 2021/22 to 2024/25
    assert parse(f"2021{dash}2025", year_start=1).end == d(2025, 12, 31)  # calendar years


def test_a_date_object_from_yaml_is_that_day():
    window = parse(d(2026, 3, 31))
    assert (window.start, window.deadline) == (d(2026, 3, 31), d(2026, 3, 31))
    with pytest.raises(DateError, match="out of range"):
        parse(d(1, 1, 1))  # YAML reads 0001-01-01 as a date


def test_window_details():
    several = parse("Q1 & Q3 26/27")
    assert [q.label() for q in several.quarters] == ["Q1 2026/27", "Q3 2026/27"]
    assert several.parts == ((d(2026, 4, 1), d(2026, 6, 30)), (d(2026, 10, 1), d(2026, 12, 31)))
    assert parse("from May 2016").open and not parse("Q4 25/26").open
    assert parse("ongoing").quarters == () and parse("ongoing").open


REFUSALS = [
    ("Q4 2025", None, "ambiguous", "write 'Q4 2025/26' or 'Q4 2024/25'"),
    ("25/27", None, "consecutive", "2025/26"),
    ("2025/27", None, "consecutive", "2025/26"),
    ("Q5 25/26", None, "not a quarter", "Q1, Q2, Q3 or Q4"),
    ("31 February 2026", None, "has no day 31", None),
    ("Smarch 2022", None, "'Smarch' is not a date", "did you mean 'March'?"),
    ("Quarter 4", None, "financial_year", "financial_year: 2025/26"),
    ("April to June", None, "financial_year", "financial_year"),
    ("November 2021 – July 2021", None, "ends before it starts", "earlier date first"),
    ("Q3 – Q1 26/27", None, "ends before it starts", None),
    ("", None, "empty", None),
    ("x" * 300, None, "too long", None),
    ("Q4 25/26 banana", None, "unexpected 'banana'", None),
    ("Q4 25/26", "2025/27", "consecutive", None),
    ("by March 17", None, "ambiguous", "write 'March 2017' or '17 March 2017'"),
    ("March 2 2026", None, "the day goes first", "write '2 March 2026'"),
    ("2025 / 2026", None, "joins two months", "Aug/Sept 2016"),
    ("FY 2026", None, "ambiguous", "write 'FY 2025/26' or 'FY 2026/27'"),
    ("TBC March 2026", None, "'TBC' with a date", "'ongoing to <date>'"),
    ("throughout 2022", None, "with a date", None),
    ("Ongoing – March 2027", None, "with a date", None),
    ("n/a Q4 25/26", None, "with a date", None),
    ("9 Aug 21", None, "write the year in full", "write '9 August 2021'"),
    ("Q4 25/", "2025/26", "unexpected '25'", None),
    ("1/1/0001", None, "out of range", "between 1000 and 9998"),
    ("before 1 January 1000", None, "out of range", None),
    ("from December 9999", None, "out of range", None),
    ("Summer 0999", None, "out of range", None),
]


@pytest.mark.parametrize(
    ("text", "fy", "message", "suggestion"),
    REFUSALS,
    ids=[row[0][:20] or "empty" for row in REFUSALS],
)
def test_every_refusal_explains_and_suggests(text, fy, message, suggestion):
    with pytest.raises(DateError) as caught:
        parse(text, fy)
    assert message in caught.value.message
    if suggestion:
        assert suggestion in (caught.value.suggestion or "")


def test_across_the_year_is_ongoing_but_not_with_a_date():
    """A seed helper writes "across the year" for "throughout the year"; a date after it
    would be a deadline lost, so it is refused as "throughout 2022" is."""
    window = parse("Across the year")
    assert (window.start, window.deadline, window.open) == (None, None, True)
    with pytest.raises(DateError, match="with a date"):
        parse("across the year 2026")
    with pytest.raises(DateError, match="'across' is not a date"):
        parse("across 2026")


def test_the_grammar_builds_an_immutable_tree_with_enum_kinds():
    """Resolving lends years by making new terms: the parsed tree is never patched."""
    import dataclasses

    from plantrack.dates.grammar import Parser
    from plantrack.dates.resolve import Resolver
    from plantrack.dates.tree import Form, Kind

    expression = Parser("July – November 2021", 4).expression()
    span = expression.spans[0]
    assert expression.form is Form.DATES and span.first.kind is Kind.MONTH
    assert span.first.year is None and span.last is not None and span.last.year == 2021
    window = Resolver("July – November 2021", None, 4).window(expression)
    assert window.start == d(2021, 7, 1) and span.first.year is None
    with pytest.raises(dataclasses.FrozenInstanceError):
        span.first.year = 2021  # type: ignore[misc]


def test_a_slash_between_months_is_one_or_the_other():
    """Seed 003 writes "Aug/Sept 2016": the window covers both months."""
    window = parse("Aug/Sept 2016")
    assert (window.start, window.deadline) == (d(2016, 8, 1), d(2016, 9, 30))
    assert parse("Spring/Summer 2017").end == d(2017, 8, 31)
    assert parse("end April/ May 2016 onwards").start == d(2016, 4, 30)
    assert parse("from Aug/Sept 2016").deadline is None  # a start, not a range to September
    assert parse("from July 2016 to March 2017 onwards").deadline is None


def test_error_position_points_at_the_problem():
    with pytest.raises(DateError) as caught:
        parse("by Smarch 2022")
    assert caught.value.position == 3
    assert str(caught.value).startswith("'Smarch' is not a date (at column 4)")


def test_year_start_july_reads_q1_as_july_to_september():
    window = parse("Q1", "2023/24", year_start="July")
    assert (window.start, window.end) == (d(2023, 7, 1), d(2023, 9, 30))
    assert parse("Q3-23/24", year_start=7).start == d(2024, 1, 1)


def test_calendar_year_financial_year():
    assert parse("Q4 2026", year_start=1).start == d(2026, 10, 1)
    assert parse("FY 2026", year_start=1).end == d(2026, 12, 31)
    assert parse("Quarter 1", "2026", year_start=1).end == d(2026, 3, 31)
    with pytest.raises(DateError, match="two-year label"):
        parse("Q4 25/26", year_start=1)


def test_quarter_values():
    quarter = parse_quarter("Q4-25/26")
    assert quarter == Quarter(2025, 4) and quarter.label() == "Q4 2025/26"
    assert (quarter.first_day, quarter.last_day) == (d(2026, 1, 1), d(2026, 3, 31))
    assert quarter.next() == Quarter(2026, 1) and quarter.previous() == Quarter(2025, 3)
    assert Quarter(2026, 1).previous() == quarter
    assert Quarter.containing(d(2026, 4, 1)) == Quarter(2026, 1)
    assert Quarter.current(today=d(2026, 11, 23)).label() == "Q3 2026/27"
    assert Quarter(2026, 4, year_start=1).label() == "Q4 2026"
    for bad in ("Q4", "Autumn 2016", "Q4 2025"):
        with pytest.raises(DateError):
            parse_quarter(bad)


def test_financial_calendar():
    uk, aus = FinancialCalendar(), FinancialCalendar(7)
    assert uk.year_of(d(2026, 3, 31)) == 2025 and uk.year_of(d(2026, 4, 1)) == 2026
    assert aus.quarter_of(d(2024, 2, 1)) == Quarter(2023, 3, 7)
    assert uk.year_bounds(2025) == (d(2025, 4, 1), d(2026, 3, 31))
    assert uk.year_label(2025) == "2025/26" and FinancialCalendar(1).year_label(2026) == "2026"
    for text in ("2025/26", "25/26", "2025-26", "FY 2025/26", "FY25/26"):
        assert parse_financial_year(text) == 2025
    assert parse_financial_year("2026", year_start=1) == 2026


def test_parse_month():
    assert parse_month("April") == 4 and parse_month("apr") == 4 and parse_month(4) == 4
    assert parse_month("July") == 7 and parse_month("12") == 12
    for bad in ("Smarch", 13, 0, "", True):
        with pytest.raises(DateError):
            parse_month(bad)


def test_day_d_of_a_quarter_is_the_day_after_it_ends():
    """Day D only: whether an item is overdue as at D is tested through the commands
    (tests/acceptance/test_rules_at_their_edges.py)."""
    assert parse_quarter("Q4 25/26").last_day == d(2026, 3, 31)
    assert as_at_day(as_of="2026-03-31") == d(2026, 3, 31)
    assert as_at_day(quarter="Q4-25/26") == d(2026, 4, 1)


def test_as_at_day_options():
    assert as_at_day(today=d(2026, 11, 23)) == d(2026, 11, 23)
    assert as_at_day(quarter="Q3 23/24", year_start=7) == d(2024, 4, 1)
    with pytest.raises(DateError):
        as_at_day(quarter="Q4 25/26", as_of="2026-01-01")
    with pytest.raises(DateError, match="ISO"):
        as_at_day(as_of="31/03/2026")
    with pytest.raises(DateError):
        as_at_day(quarter="Q5-25/26")


def test_a_window_lists_at_most_ten_years_of_quarters():
    """Ten years are forty quarters, all listed; a longer window stops at the fortieth."""
    ten_years = parse("2020/21 - 2029/30")
    assert len(ten_years.quarters) == 40
    assert (str(ten_years.quarters[0]), str(ten_years.quarters[-1])) == ("Q1 2020/21", "Q4 2029/30")
    eleven_years = parse("2020/21 - 2030/31")
    assert eleven_years.end == d(2031, 3, 31)
    assert len(eleven_years.quarters) == 40 and str(eleven_years.quarters[-1]) == "Q4 2029/30"
    touched = FinancialCalendar().quarters_between(d(2020, 4, 1), d(2031, 3, 31))
    assert len(touched) == 40 and touched[-1] == Quarter(2029, 4)


def test_a_window_ending_on_a_quarters_first_day_touches_that_quarter():
    window = parse("15 January 2026 to 1 April 2026")
    assert [str(q) for q in window.quarters] == ["Q4 2025/26", "Q1 2026/27"]
    assert FinancialCalendar().quarters_between(d(2026, 1, 15), d(2026, 4, 1)) == (
        Quarter(2025, 4),
        Quarter(2026, 1),
    )


def test_the_current_quarter_is_read_in_an_april_year_by_default():
    # 15 April: Q1 of an April year, but Q4 of a year starting in any later month.
    assert Quarter.current(today=d(2026, 4, 15)) == Quarter(2026, 1, 4)
    assert Quarter.current(today=d(2026, 4, 15)).label() == "Q1 2026/27"


def test_work_open_from_a_long_window_is_in_the_quarter_it_starts():
    window = parse("from 2016")  # the calendar year: January to December 2016
    assert (window.start, window.end, window.deadline, window.open) == (
        d(2016, 1, 1),
        None,
        None,
        True,
    )
    assert window.quarters == (Quarter(2015, 4),)


def test_recurring_work_with_no_window_written_is_open():
    for text in ("Quarterly", "every September"):
        window = parse(text)
        assert window.open and (window.start, window.end, window.deadline) == (None, None, None)
    assert not parse("2024-2028 Quarterly").open  # a window written: it ends
