"""``dates/resolve.py``: where each term's year comes from, and the days it covers.

test_dates.py reads one example per form; these were written against ``make mutate``
survivors (tests/README.md, "Mutation testing"): the lending of years, brackets, recurring
work in a plan's period, year spans and each refusal word for word."""

from __future__ import annotations

from datetime import date as d

import pytest

from plantrack.dates import DateError, parse

PERIOD = (d(2024, 4, 1), d(2027, 3, 31))


def days(text: str, fy: str | None = None, **options):
    window = parse(text, fy, **options)
    return window.start, window.end, window.deadline


def occurrences(text: str, fy: str | None = None, period=None):
    return [(first, last) for first, last, _ in parse(text, fy, period=period).occurrences]


def refusal(text: str, fy: str | None = None) -> tuple[str, str | None]:
    with pytest.raises(DateError) as caught:
        parse(text, fy)
    return str(caught.value), caught.value.suggestion


# (expression, financial_year, start, end, deadline)
WINDOWS = [
    ("November – February 2026", "2025/26", d(2025, 11, 1), d(2026, 2, 28), d(2026, 2, 28)),
    ("November 2025 – February", "2025/26", d(2025, 11, 1), d(2026, 2, 28), d(2026, 2, 28)),
    ("31 January – 2 February 2026", "2025/26", d(2026, 1, 31), d(2026, 2, 2), d(2026, 2, 2)),
    ("December – 3 January 2026", "2025/26", d(2025, 12, 1), d(2026, 1, 3), d(2026, 1, 3)),
    ("w/c 29 December – January 2026", None, d(2025, 12, 29), d(2026, 1, 31), d(2026, 1, 31)),
    ("Q3 – March 2026", "2025/26", d(2025, 10, 1), d(2026, 3, 31), d(2026, 3, 31)),
    ("FY 2025/26 – March", "2025/26", d(2025, 4, 1), d(2026, 3, 31), d(2026, 3, 31)),
    ("early – late 2026", None, d(2026, 1, 1), d(2026, 12, 31), d(2026, 12, 31)),
    ("Q1 and Q3 2026/27", None, d(2026, 4, 1), d(2026, 12, 31), d(2026, 12, 31)),
    ("Q1 2025/26 & Q3 2026/27", None, d(2025, 4, 1), d(2026, 12, 31), d(2026, 12, 31)),
    ("October – second half of 2026/27", "2025/26", d(2025, 10, 1), d(2027, 3, 31), d(2027, 3, 31)),
    ("November – February", "2025/26", d(2025, 11, 1), d(2026, 2, 28), d(2026, 2, 28)),
    ("March – Q4", "2025/26", d(2026, 3, 1), d(2026, 3, 31), d(2026, 3, 31)),
    ("1 March – 9 March 2026", None, d(2026, 3, 1), d(2026, 3, 9), d(2026, 3, 9)),
    ("1 March 2026 – 1 March 2026", None, d(2026, 3, 1), d(2026, 3, 1), d(2026, 3, 1)),
    ("2024 to 2025", None, d(2024, 4, 1), d(2025, 3, 31), d(2025, 3, 31)),
    ("2024-2028", None, d(2024, 4, 1), d(2028, 3, 31), d(2028, 3, 31)),
    ("FY 2024/25", None, d(2024, 4, 1), d(2025, 3, 31), d(2025, 3, 31)),
    ("first half of 2026/27", None, d(2026, 4, 1), d(2026, 9, 30), d(2026, 9, 30)),
    ("second half of 2027", None, d(2027, 7, 1), d(2027, 12, 31), d(2027, 12, 31)),
    ("first half of 2027", None, d(2027, 1, 1), d(2027, 6, 30), d(2027, 6, 30)),
    ("late February 2024", None, d(2024, 2, 21), d(2024, 2, 29), d(2024, 2, 29)),
    ("late February 2025", None, d(2025, 2, 21), d(2025, 2, 28), d(2025, 2, 28)),
    ("Winter 2016", None, d(2016, 12, 1), d(2017, 2, 28), d(2017, 2, 28)),
    ("March 31", "2013/14", d(2014, 3, 31), d(2014, 3, 31), d(2014, 3, 31)),
    ("March 24", "2013/14", d(2014, 3, 24), d(2014, 3, 24), d(2014, 3, 24)),  # 2024: 11 years on
    ("March 1", "2013/14", d(2014, 3, 1), d(2014, 3, 1), d(2014, 3, 1)),
    ("March 35", "2030/31", d(2035, 3, 1), d(2035, 3, 31), d(2035, 3, 31)),  # no 35th: a year
    ("Q4 (1 February 2026)", "2025/26", d(2026, 2, 1), d(2026, 2, 1), d(2026, 2, 1)),
    ("Q4 (January 2026)", None, d(2026, 1, 1), d(2026, 1, 31), d(2026, 1, 31)),
    ("by Q4 (February 2026)", "2025/26", None, d(2026, 3, 31), d(2026, 3, 31)),
    ("from Q4 (February 2026)", "2025/26", d(2026, 1, 1), None, None),
    ("2026 (at the latest)", "2025/26", d(2026, 1, 1), d(2026, 12, 31), d(2026, 12, 31)),
    ("early 2024 (set for 8 January 2024)", "2025/26", d(2024, 1, 8), d(2024, 1, 8), d(2024, 1, 8)),
    ("Quarterly from Q2 2030/31", "2025/26", d(2030, 7, 1), d(2031, 3, 31), d(2031, 3, 31)),
]


@pytest.mark.parametrize(("text", "fy", "start", "end", "deadline"), WINDOWS)
def test_each_term_gets_its_year_and_days(text, fy, start, end, deadline):
    assert days(text, fy) == (start, end, deadline)


def test_parts_of_a_list_each_keep_their_days():
    assert parse("Q1 and Q3 2026/27").parts == (
        (d(2026, 4, 1), d(2026, 6, 30)),
        (d(2026, 10, 1), d(2026, 12, 31)),
    )
    assert parse("March 2026 and May 2026").parts == (
        (d(2026, 3, 1), d(2026, 3, 31)),
        (d(2026, 5, 1), d(2026, 5, 31)),
    )


FY = "2025/26"
Q = [(d(2025, 4, 1), d(2025, 6, 30)), (d(2025, 7, 1), d(2025, 9, 30))]
Q += [(d(2025, 10, 1), d(2025, 12, 31)), (d(2026, 1, 1), d(2026, 3, 31))]

# (expression, financial_year, period, occurrences)
RECURRING = [
    ("Quarterly", FY, None, Q),
    ("Six monthly", FY, None, [(d(2025, 4, 1), d(2025, 9, 30)), (d(2025, 10, 1), d(2026, 3, 31))]),
    ("every 2 years", FY, None, [(d(2025, 4, 1), d(2026, 3, 31))]),
    ("every September", FY, None, [(d(2025, 9, 1), d(2025, 9, 30))]),
    ("every March", FY, None, [(d(2026, 3, 1), d(2026, 3, 31))]),
    ("by end of March annually", FY, None, [(d(2025, 4, 1), d(2026, 3, 31))]),
    ("31 August (annually)", FY, None, [(d(2025, 8, 31), d(2025, 8, 31))]),
    ("Quarterly from Q2 2025/26", FY, None, Q[1:]),
    ("Quarterly to Q3 2025/26", FY, None, Q[:3]),
    ("Quarterly until Q2 2025/26", None, None, Q[:2]),
    ("Quarterly from Q2 2025/26", None, None, Q[1:]),
    ("Quarterly", None, None, []),
    # A month without a year is never dropped: from its first time in the plan's year,
    # as "Quarterly from March 2026" reads in 2025/26 (mutant #78 of tests/README.md).
    ("Quarterly from March", FY, None, [(d(2026, 3, 1), d(2026, 3, 31))]),
    ("Quarterly from March 2026", FY, None, [(d(2026, 3, 1), d(2026, 3, 31))]),
    (
        "Monthly from September",
        FY,
        None,
        [(d(2025, m, 1), d(2025, m, 30 if m in (9, 11) else 31)) for m in (9, 10, 11, 12)]
        + [
            (d(2026, 1, 1), d(2026, 1, 31)),
            (d(2026, 2, 1), d(2026, 2, 28)),
            (d(2026, 3, 1), d(2026, 3, 31)),
        ],
    ),
    ("Quarterly from Q3", FY, None, Q[2:]),
    ("every September", None, None, []),
    (
        "every September",
        FY,
        PERIOD,
        [(d(y, 9, 1), d(y, 9, 30)) for y in (2024, 2025, 2026)],
    ),
    ("every September", None, PERIOD, [(d(y, 9, 1), d(y, 9, 30)) for y in (2024, 2025, 2026)]),
    ("every September", FY, (d(2025, 10, 1), d(2027, 9, 15)), [(d(2026, 9, 1), d(2026, 9, 30))]),
    ("March (annually)", FY, PERIOD, [(d(y, 3, 1), d(y, 3, 31)) for y in (2025, 2026, 2027)]),
    ("31 August (annually)", FY, PERIOD, [(d(y, 8, 31), d(y, 8, 31)) for y in (2024, 2025, 2026)]),
    (
        "by end of March annually",
        FY,
        PERIOD,
        [(d(y, 4, 1), d(y + 1, 3, 31)) for y in (2024, 2025, 2026)],
    ),
    ("Annually", None, PERIOD, [(d(y, 4, 1), d(y + 1, 3, 31)) for y in (2024, 2025, 2026)]),
    (
        "every 2 years",
        FY,
        PERIOD,
        [(d(2024, 4, 1), d(2026, 3, 31)), (d(2026, 4, 1), d(2027, 3, 31))],
    ),
    (
        "every 3 years",
        None,
        (d(2020, 4, 1), d(2030, 3, 31)),
        [(d(y, 4, 1), d(y + 3, 3, 31)) for y in (2020, 2023, 2026)]
        + [(d(2029, 4, 1), d(2030, 3, 31))],
    ),
    (
        "Quarterly",
        FY,
        (d(2025, 5, 15), d(2025, 12, 31)),
        [
            (d(2025, 5, 15), d(2025, 8, 14)),
            (d(2025, 8, 15), d(2025, 11, 14)),
            (d(2025, 11, 15), d(2025, 12, 31)),
        ],
    ),
    (
        "Quarterly from Q2 2025/26",
        None,
        PERIOD,
        Q[1:]
        + [
            (d(2026, 4, 1), d(2026, 6, 30)),
            (d(2026, 7, 1), d(2026, 9, 30)),
            (d(2026, 10, 1), d(2026, 12, 31)),
            (d(2027, 1, 1), d(2027, 3, 31)),
        ],
    ),
    (
        "Quarterly to Q3 2025/26",
        None,
        PERIOD,
        [
            (d(2024, 4, 1), d(2024, 6, 30)),
            (d(2024, 7, 1), d(2024, 9, 30)),
            (d(2024, 10, 1), d(2024, 12, 31)),
            (d(2025, 1, 1), d(2025, 3, 31)),
        ]
        + Q[:3],
    ),
]


# A written side on the plan period's first or last day: the period closes the other side.
RECURRING += [
    (
        "March every 2 years",
        None,
        (d(2024, 4, 1), d(2030, 3, 31)),
        [(d(y, 3, 1), d(y, 3, 31)) for y in (2025, 2027, 2029)],
    ),
    (
        "31 August (annually)",
        None,
        (d(2024, 8, 31), d(2026, 3, 31)),
        [(d(2024, 8, 31),) * 2, (d(2025, 8, 31),) * 2],
    ),
    ("Quarterly to 15 May 2024", None, (d(2024, 5, 15), d(2025, 3, 31)), [(d(2024, 5, 15),) * 2]),
    (
        "Quarterly from 31 December 2025",
        None,
        (d(2025, 4, 1), d(2025, 12, 31)),
        [(d(2025, 12, 31),) * 2],
    ),
]


@pytest.mark.parametrize(("text", "fy", "period", "expected"), RECURRING)
def test_recurring_work_repeats_in_its_span_period_or_year(text, fy, period, expected):
    assert occurrences(text, fy, period) == expected


def test_at_most_ten_years_of_occurrences():
    found = occurrences("Monthly", None, (d(2020, 1, 1), d(2035, 12, 31)))
    assert len(found) == 120 and found[-1] == (d(2029, 12, 1), d(2029, 12, 31))


REFUSALS = [
    (
        "Q4 (February 2027)",
        FY,
        "the bracket says 1 February 2027 to 28 February 2027, but the date before it is"
        " 1 January 2026 to 31 March 2026 in this plan's year (at column 4)",
        "make the two agree, or drop the bracket",
    ),
    (
        "early 2024 (set for 8 January 2025)",
        None,
        "the bracket says 8 January 2025, but the date before it is 1 January 2024 to"
        " 30 April 2024 (at column 12)",
        "make the two agree, or drop the bracket",
    ),
    (
        "2024 to 2026",
        None,
        "'2024 to 2026' is ambiguous: the financial years 2024/25 to 2025/26 (ending 31 March"
        " 2026) or the calendar years 2024 to 2026 (ending 31 December 2026)? (at column 1)",
        "write '2024-26' for the financial years, or 'January 2024 to December 2026'",
    ),
    (
        "2026-2024",
        None,
        "'2026 – 2024' is not a span of financial years (at column 1)",
        "write e.g. '2026/27' or '2026 – 2027'",
    ),
    (
        "2024-2024",
        None,
        "'2024 – 2024' is not a span of financial years (at column 1)",
        "write e.g. '2024/25' or '2024 – 2025'",
    ),
    (
        "end 2024-2028",
        None,
        "'2024 – 2028' is not a span of financial years (at column 1)",
        "write e.g. '2024/25' or '2024 – 2025'",
    ),
    (
        "Q4 25/26 and Q1",
        None,
        "a year-less quarter needs the plan's financial_year (at column 14)",
        "add 'financial_year: 2025/26' to the plan, or write the year, e.g. 'Q4 2025/26'",
    ),
    (
        "w/c 7 September",
        None,
        "a date without a year needs the plan's financial_year (at column 5)",
        "add 'financial_year: 2025/26' to the plan, or write the year, e.g. 'June 2026'",
    ),
    (
        "March 17",
        "2013/14",
        "'March 17' is ambiguous: March 2017 or 17 March? (at column 7)",
        "write 'March 2017' or '17 March 2017'",
    ),
    (
        "March 23",
        "2013/14",
        "'March 23' is ambiguous: March 2023 or 23 March? (at column 7)",
        "write 'March 2023' or '23 March 2023'",
    ),
    (
        "March 45",
        "2013/14",
        "'March 45' is ambiguous: March 2045 or 45 March? (at column 7)",
        "write 'March 2045' or '45 March 2045'",
    ),
    (
        "March 31",
        None,
        "'March 31' is ambiguous: March 2031 or 31 March? (at column 7)",
        "write 'March 2031' or '31 March 2031'",
    ),
    (
        "September – October 16",
        "2016/17",
        "'October 16' is ambiguous: October 2016 or 16 October? (at column 21)",
        "write 'October 2016' or '16 October 2016'",
    ),
    (
        "September – October 16",  # its own question first, not the year September lacks
        None,
        "'October 16' is ambiguous: October 2016 or 16 October? (at column 21)",
        "write 'October 2016' or '16 October 2016'",
    ),
    (
        "November 2021 – July 2021",
        None,
        "the range ends before it starts (at column 1)",
        "write the earlier date first",
    ),
    ("31 February annually", FY, "not a date: February 2000 has no day 31 (at column 1)", None),
]


@pytest.mark.parametrize(("text", "fy", "message", "suggestion"), REFUSALS)
def test_each_refusal_word_for_word(text, fy, message, suggestion):
    shown, hint = refusal(text, fy)
    assert shown == message + (f"; {suggestion}" if suggestion else "")
    assert hint == suggestion
