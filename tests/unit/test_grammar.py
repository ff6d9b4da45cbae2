"""``dates/grammar.py``: the rules above the simple forms, each at the choice it makes.

test_dates.py has one row per form of the reference's table; these were written against
``make mutate`` survivors (tests/README.md, "Mutation testing"): a word list, a branch or
a refusal's message and column that the table's examples did not pin down."""

from __future__ import annotations

from datetime import date as d

import pytest

from plantrack.dates import DateError, parse
from plantrack.dates.grammar import Parser
from plantrack.dates.tree import Joint

FY = "2025/26"


def window_of(text: str, financial_year: str | None = FY):
    window = parse(text, financial_year)
    return window.start, window.deadline


def refusal(text: str, financial_year: str | None = FY) -> str:
    with pytest.raises(DateError) as caught:
        parse(text, financial_year)
    return str(caught.value)


@pytest.mark.parametrize(
    ("text", "start", "deadline"),
    [
        ("– until March 2026", None, d(2026, 3, 31)),
        ("– to March 2026", None, d(2026, 3, 31)),
        ("– before March 2026", None, d(2026, 2, 28)),
        ("– from July 2016", d(2016, 7, 1), None),
        ("– by March 2026", None, d(2026, 3, 31)),
        ("– end March 2026", d(2026, 3, 31), d(2026, 3, 31)),
        ("– ongoing", None, None),
        ("– March 2026", None, d(2026, 3, 31)),  # a dash before a date is "by"
    ],
)
def test_a_leading_dash_keeps_the_rule_after_it(text, start, deadline):
    assert window_of(text) == (start, deadline)


def test_every_bracket_is_read_after_a_remark():
    assert "the bracket says 1 January 2026 to 31 March 2026" in refusal(
        "Q1 (a remark) (January to March 2026)"
    )


def test_a_bracket_with_dates_and_a_recurrence_is_neither_a_check_nor_the_recurrence():
    window = parse("Q4 25/26 (2024-2028 quarterly)", FY)
    assert window.recurrence is None
    assert (window.start, window.deadline) == (d(2026, 1, 1), d(2026, 3, 31))
    assert parse("March 2026 (annually)", FY).recurrence == "annually"


# (expression, start, deadline, recurrence, open) in a 2025/26 plan.
READINGS = [
    (
        "Every August in line with the annual report",
        d(2025, 8, 1),
        d(2025, 8, 31),
        "every August",
        False,
    ),
    ("Annually in March", d(2026, 3, 1), d(2026, 3, 31), "annually", False),
    ("annually during September", d(2025, 9, 1), d(2025, 9, 30), "annually", False),
    ("Annually March", d(2026, 3, 1), d(2026, 3, 31), "annually", False),
    ("Quarterly up to March 2026", d(2025, 4, 1), d(2026, 3, 31), "quarterly", False),
    ("Quarterly until March 2026", d(2025, 4, 1), d(2026, 3, 31), "quarterly", False),
    ("Quarterly by March 2026", d(2025, 4, 1), d(2026, 3, 31), "quarterly", False),
    ("ongoing until March 2026", None, d(2026, 3, 31), None, False),
    ("ongoing till March 2026", None, d(2026, 3, 31), None, False),
    ("Quarterly till March 2026", d(2025, 4, 1), d(2026, 3, 31), "quarterly", False),
    ("Quarterly March to June 2026", d(2026, 3, 1), d(2026, 6, 30), "quarterly", False),
    ("Quarterly from Q2 2025/26", d(2025, 7, 1), d(2026, 3, 31), "quarterly", False),
    ("Quarterly starting Q2 2025/26", d(2025, 7, 1), d(2026, 3, 31), "quarterly", False),
    ("quarterly in 2026", d(2026, 1, 1), d(2026, 12, 31), "quarterly", False),
    ("quarterly during 2025/26", d(2025, 4, 1), d(2026, 3, 31), "quarterly", False),
    ("by March 2026 annually", d(2025, 4, 1), d(2026, 3, 31), "annually", False),
    ("on 3 March 2026", d(2026, 3, 3), d(2026, 3, 3), None, False),
    ("on March 2026", d(2026, 3, 1), d(2026, 3, 31), None, False),
    ("Started", None, None, None, True),
    ("Started in March 2026", d(2026, 3, 1), None, None, True),
    ("Started on March 2026", d(2026, 3, 1), None, None, True),
    ("started on 3 March 2026", d(2026, 3, 3), d(2026, 3, 3), None, False),
    ("commencing from July 2026", d(2026, 7, 1), None, None, True),
    ("since July 2026", d(2026, 7, 1), None, None, True),
    ("starting July 2026", d(2026, 7, 1), None, None, True),
    ("through March 2026", None, d(2026, 3, 31), None, False),
    ("till March 2026", None, d(2026, 3, 31), None, False),
    ("2023 onward", d(2023, 1, 1), None, None, True),
    ("from July 2016 onward", d(2016, 7, 1), None, None, True),
    ("from July 2016 to March 2017 onwards", d(2016, 7, 1), None, None, True),
    ("before Q1 26/27", None, d(2026, 3, 31), None, False),
    ("Done March 2026", None, None, None, True),
    ("Complete", None, None, None, True),
    ("Completed in January 2016", None, None, None, True),
    ("Completed on March 2016", None, None, None, True),
    ("for early 2017", d(2017, 1, 1), d(2017, 4, 30), None, False),
    ("early-2026", d(2026, 1, 1), d(2026, 4, 30), None, False),
    ("early/late 2026", d(2026, 1, 1), d(2026, 12, 31), None, False),
    ("mid/late 2026", d(2026, 5, 1), d(2026, 12, 31), None, False),
    ("early-mid 2026", d(2026, 1, 1), d(2026, 8, 31), None, False),
    ("early/mid October 2026", d(2026, 10, 1), d(2026, 10, 20), None, False),
    ("7-9 October", d(2025, 10, 7), d(2025, 10, 9), None, False),
    ("07-9 October 2025", d(2025, 10, 7), d(2025, 10, 9), None, False),
    ("Summer/Autumn 2016", d(2016, 6, 1), d(2016, 11, 30), None, False),
    ("1999 to 00", d(1999, 4, 1), d(2000, 3, 31), None, False),
    ("2026 to 27 March", d(2026, 1, 1), d(2026, 3, 27), None, False),  # a day, not a year
    ("7 or 9 October 2025", d(2025, 10, 7), d(2025, 10, 9), None, False),
    ("7/9 October 2025", d(2025, 10, 7), d(2025, 10, 9), None, False),
    ("9 October 2025 Review meeting", d(2025, 10, 9), d(2025, 10, 9), None, False),
    ("Board meeting 9 October 2025", d(2025, 10, 9), d(2025, 10, 9), None, False),
    ("end date 9 October 2025", d(2025, 10, 9), d(2025, 10, 9), None, False),
    ("due date 9 October 2025", d(2025, 10, 9), d(2025, 10, 9), None, False),
    ("target date 9 October 2025", d(2025, 10, 9), d(2025, 10, 9), None, False),
    ("Q1 & Q2 & Q3 2026/27", d(2026, 4, 1), d(2026, 12, 31), None, False),
    ("Aug or Sept 2016", d(2016, 8, 1), d(2016, 9, 30), None, False),
    ("Aug thru Sept 2016", d(2016, 8, 1), d(2016, 9, 30), None, False),
    ("Aug through to Sept 2016", d(2016, 8, 1), d(2016, 9, 30), None, False),
    ("Aug thru to Sept 2016", d(2016, 8, 1), d(2016, 9, 30), None, False),
    ("Aug till Sept 2016", d(2016, 8, 1), d(2016, 9, 30), None, False),
    ("Aug until Sept 2016", d(2016, 8, 1), d(2016, 9, 30), None, False),
]


@pytest.mark.parametrize(("text", "start", "deadline", "recurrence", "is_open"), READINGS)
def test_each_rule_reads_its_words(text, start, deadline, recurrence, is_open):
    window = parse(text, FY)
    assert (window.start, window.deadline, window.recurrence, window.open) == (
        start,
        deadline,
        recurrence,
        is_open,
    )


# Each refusal the grammar makes, word for word, with the column it points at.
UNREAD = "; write e.g. 'Q4 2025/26', 'March 2027', 'Autumn 2016' or 'ongoing'"
REFUSALS = [
    ("", "empty date (at column 1); write e.g. 'Q4 2025/26' or 'ongoing'"),
    ("–", "a dash alone is not a date (at column 1)"),
    (
        "for April 2026",
        "'for April …' is ambiguous: ready by the first day of April, or during it?"
        " (at column 1); write '1 April …' or 'by April …'",
    ),
    (
        "between May 2026",
        "'between' needs 'and' (at column 17); write 'between <date> and <date>'",
    ),
    (
        "Complete by March 2026",
        "'Complete …': is the work done, or due then? (at column 1); write 'by <date>' for a"
        " deadline, or 'complete' and the date in notes",
    ),
    ("no later March 2026", "expected 'no later than' (at column 10)"),
    (
        "TBC March 2026",
        "'TBC' with a date: is there a deadline or not? (at column 11); write the date alone,"
        " 'ongoing to <date>' for a deadline, or 'ongoing' and keep the words in notes",
    ),
    (
        "7-9 2025",
        "'7' is not a date (at column 1); write e.g. '9 August 2021' or 'August 2021'",
    ),
    (
        "Q1/Q2",
        "a '/' between dates joins two months or two seasons (at column 3); write e.g."
        " 'Aug/Sept 2016', or a range such as 'Q1–Q2 26/27'",
    ),
    (
        "in the autumn",  # "in" is the window itself only before the window
        "'in' is not a date (at column 1); write e.g. 'Q4 2025/26', 'March 2027',"
        " 'Autumn 2016' or 'ongoing'",
    ),
    (
        "early to mid Q4 2025/26",
        "'mid' needs a year or a month (at column 10); write e.g. 'mid 2017' or 'mid June 2016'",
    ),
    ("9 October 2025, Review", "'Review' is not a date (at column 17)" + UNREAD),
    ("Board meeting October 2025", "'Board' is not a date (at column 1)" + UNREAD),
    ("Board not 9 October 2025", "'Board' is not a date (at column 1)" + UNREAD),
    ("Q1 2026/27 and every year", "unexpected 'and' (at column 12)" + UNREAD),
    ("2023 and ongoing", "unexpected 'and' (at column 6)" + UNREAD),
    ("Quarterly up March 2026", "'up' is not a date (at column 11)" + UNREAD),
    ("by date 9 October 2025", "'date' is not a date (at column 4); did you mean 'late'?"),
    (
        "2026 to 26",  # the same year shortened, not 2126
        "'2026 – 2026' is not a span of financial years (at column 1); write e.g. '2026/27'"
        " or '2026 – 2027'",
    ),
    (
        "100-9 October 2025",
        "'100' is not a date (at column 1); write e.g. '9 August 2021' or 'August 2021'",
    ),
    ("13.09.2023 08.11.2023 Review", "unexpected 'review' (at column 23)" + UNREAD),
    ("7-9 October 2025 Review", "unexpected 'review' (at column 18)" + UNREAD),
    ("no deadline", "'no' is not a date (at column 1)" + UNREAD),
    (
        "ongoing March to June 2026",
        "'ongoing' with a date: is there a deadline or not? (at column 23); write the date"
        " alone, 'ongoing to <date>' for a deadline, or 'ongoing' and keep the words in notes",
    ),
    (
        "Completed January 2016 Review",
        "'Completed …': is the work done, or due then? (at column 1); write 'by <date>' for a"
        " deadline, or 'complete' and the date in notes",
    ),
    (
        "March 2026 and thereafter",
        "unexpected 'and' (at column 12); write e.g. 'Q4 2025/26', 'March 2027',"
        " 'Autumn 2016' or 'ongoing'",
    ),
]


@pytest.mark.parametrize(("text", "message"), REFUSALS, ids=[r[0] or "empty" for r in REFUSALS])
def test_each_refusal_word_for_word(text, message):
    assert refusal(text) == message


@pytest.mark.parametrize(
    ("text", "joint"),
    [
        ("early/late 2026", Joint.EITHER),
        ("early or mid October 2026", Joint.EITHER),
        ("early-mid 2026", Joint.DASH),
        ("early to mid 2026", Joint.DASH),
    ],
)
def test_parts_joined_by_a_slash_or_or_are_either_one(text, joint):
    assert [span.joint for span in Parser(text, 4).expression().spans] == [joint]
