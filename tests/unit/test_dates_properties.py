"""Properties of the calendar and the grammar, over every year start and many years."""

from __future__ import annotations

import calendar
import contextlib
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from plantrack.dates import DateError, FinancialCalendar, Quarter, parse, parse_quarter

year_starts = st.integers(1, 12)
fy_years = st.integers(1990, 2100)
numbers = st.integers(1, 4)
FAST = settings(max_examples=200, deadline=None)


def written_forms(quarter: Quarter) -> list[str]:
    """Every way the spec lets a person write ``quarter``."""
    n, year = quarter.number, quarter.start_year
    if quarter.year_start == 1:
        return [f"Q{n} {year}", f"Quarter {n} {year}", f"q{n} {year}"]
    short = f"{year % 100:02d}/{(year + 1) % 100:02d}"
    long = f"{year}/{(year + 1) % 100:02d}"
    forms = [
        f"Q{n} {long}",
        f"Q{n} {year}-{(year + 1) % 100:02d}",
        f"Quarter {n} {long}",
        f"{long} Q{n}",
        f"Q{n} FY{long}",
        f"Q{n}-{long}",
    ]
    if 1970 <= year <= 2068:  # two-digit years are read as 1970-2069
        forms += [f"Q{n} {short}", f"Q{n}-{short}", f"Q{n} FY{short}"]
    return forms


@FAST
@given(year_starts, fy_years, numbers)
def test_format_then_parse_gives_the_quarter_back(year_start, year, number):
    quarter = Quarter(year, number, year_start)
    assert parse_quarter(quarter.label(), year_start) == quarter
    for text in written_forms(quarter):
        assert parse_quarter(text, year_start) == quarter, text
        window = parse(text, year_start=year_start)
        assert (window.start, window.end) == (quarter.first_day, quarter.last_day), text


@FAST
@given(year_starts, fy_years)
def test_four_quarters_tile_the_financial_year(year_start, year):
    calendar = FinancialCalendar(year_start)
    first, last = calendar.year_bounds(year)
    quarters = [calendar.quarter(year, n) for n in range(1, 5)]
    assert quarters[0].first_day == first and quarters[-1].last_day == last
    for before, after in zip(quarters, quarters[1:], strict=False):
        assert before.last_day + timedelta(days=1) == after.first_day
        assert before.next() == after and after.previous() == before
    for quarter in quarters:
        assert calendar.quarter_of(quarter.first_day) == quarter
        assert calendar.quarter_of(quarter.last_day) == quarter


MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
month_names = st.sampled_from(MONTHS)
years = st.integers(1990, 2100).map(str)
simple = st.one_of(
    st.builds(lambda m, y: f"{m} {y}", month_names, years),
    st.builds(
        lambda s, y: f"{s} {y}", st.sampled_from(["Spring", "Summer", "Autumn", "Winter"]), years
    ),
    st.builds(lambda p, y: f"{p} {y}", st.sampled_from(["early", "mid", "late"]), years),
    st.builds(lambda n, y: f"Q{n} {y}/{(int(y) + 1) % 100:02d}", numbers, years),
)
expressions = st.one_of(
    simple,
    st.builds(lambda a, b: f"{a} – {b}", simple, simple),
    st.builds(lambda a, b: f"{a} to {b}", month_names, simple),
    st.builds(
        lambda p, a: f"{p} {a}",
        st.sampled_from(["by", "from", "end", "until", "before", "ongoing from"]),
        simple,
    ),
    st.builds(lambda a, b: f"{a} & {b}", simple, simple),
    st.builds(lambda a, b, y: f"{a}/{b} {y}", month_names, month_names, years),
)


@settings(max_examples=300, deadline=None)
@given(expressions, year_starts)
def test_windows_are_ordered(text, year_start):
    try:
        window = parse(text, "2020/21" if year_start != 1 else "2020", year_start)
    except DateError:
        return
    if window.start and window.end:
        assert window.start <= window.end
    if window.deadline:
        assert window.start is None or window.start <= window.deadline
        assert window.end is None or window.deadline <= window.end
    for first, last in window.parts:
        assert first <= last


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_raises_nothing_but_date_error(text):
    try:
        parse(text, "2025/26")
    except DateError as err:
        assert 0 <= err.position <= len(text)


@settings(max_examples=200, deadline=None)
@given(st.from_regex(r"\A[A-Za-z &,/()\-–0-9]{0,40}\Z"))
def test_date_like_strings_raise_nothing_but_date_error(text):
    with contextlib.suppress(DateError):
        parse(text, "2025/26", year_start=4)


# --- forms public bodies write (issue 19) ----------------------------------------------------

april_years = st.integers(1990, 2090)
days = st.dates(min_value=date(1970, 1, 1), max_value=date(2068, 12, 31))
SPELT = {1: "one", 2: "two", 3: "three", 4: "four"}


@FAST
@given(april_years, numbers)
def test_gov_uk_financial_years_are_the_financial_year_never_two_calendar_years(year, number):
    fy = FinancialCalendar(4).year_bounds(year)
    for text in (f"{year} to {year + 1}", f"{year} to {(year + 1) % 100:02d}"):
        window = parse(text)
        assert (window.start, window.end) == fy, text
    quarter = Quarter(year, number)
    for text in (
        f"Quarter {number} {year} to {year + 1}",
        f"quarter {number}, {year} to {year + 1}",
        f"Quarter {SPELT[number]} {year}/{(year + 1) % 100:02d}",
        f"quarter {SPELT[number]} of {year}/{year + 1}",
    ):
        window = parse(text)
        assert (window.start, window.end) == (quarter.first_day, quarter.last_day), text


@FAST
@given(april_years, st.integers(2, 10))
def test_a_plan_period_ends_with_its_last_financial_year(year, length):
    end = FinancialCalendar(4).year_bounds(year + length - 1)[1]
    for text in (f"{year}-{year + length}", f"{year} - {year + length}"):
        window = parse(text)
        assert (window.start, window.deadline) == (date(year, 4, 1), end), text
    assert parse(f"{year}-{year + length}", year_start=1).deadline == date(year + length, 12, 31)
    with contextlib.suppress(DateError):  # "A to B" beyond one year: both readings, refused
        parse(f"{year} to {year + length}")
        raise AssertionError(f"{year} to {year + length} was read, not refused")


@FAST
@given(days)
def test_numeric_dates_are_read_day_first(day):
    texts = [
        f"{day.day}.{day.month}.{day.year}",
        f"{day.day:02d}.{day.month:02d}.{day.year}",
        f"{day.day:02d}/{day.month:02d}/{day.year}",
        f"{day.day}.{day.month}.{day.year % 100:02d}",
        f"{day.day}/{day.month}/{day.year % 100:02d}",
    ]
    for text in texts:
        window = parse(text)
        assert window.start == window.deadline == day, text


@FAST
@given(days)
def test_spreadsheet_month_displays_are_that_month(day):
    abbreviation = f"{day:%b}"
    for text in (f"{abbreviation}-{day.year % 100:02d}", f"{abbreviation} ’{day.year % 100:02d}"):
        window = parse(text)
        assert (window.start.year, window.start.month) == (day.year, day.month), text
        assert window.deadline.day == calendar.monthrange(day.year, day.month)[1], text


@FAST
@given(days)
def test_a_week_commencing_is_seven_days(day):
    window = parse(f"w/c {day.day} {day:%B} {day.year}")
    assert (window.start, window.end) == (day, day + timedelta(days=6))


@FAST
@given(
    st.sampled_from(["Quarterly", "Monthly", "Annually", "Biannually", "every September"]),
    st.one_of(st.none(), april_years),
)
def test_recurring_work_has_a_deadline_only_where_a_window_is_written(recurrence, year):
    if year is None:
        window = parse(recurrence)
        assert window.recurrence and window.deadline is None
    else:
        window = parse(f"{year}-{year + 4} {recurrence}")
        assert window.recurrence and window.deadline == date(year + 4, 3, 31)
