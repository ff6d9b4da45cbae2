"""The grammar against tests/data/real-world-dates.tsv: target dates as UK public bodies
publish them, each with the deadline an officer would read (issue 19).

A refusal costs a row; a silent misreading (a wrong deadline, a date read where an officer
could not tell, a one-off read where work recurs) fails the test outright.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date

import pytest

from conftest import ROOT
from plantrack.dates import DateError, Window, parse

CORPUS = ROOT / "tests" / "data" / "real-world-dates.tsv"
TARGET = 0.95  # issue 19: the share read right; misreadings must be none


@dataclass(frozen=True)
class Row:
    line: int
    expression: str
    year_start: int
    financial_year: str | None
    expected: str  # an ISO day, "none", "recurring", "recurring:N:DAY" or "ambiguous"


def corpus() -> list[Row]:
    rows = []
    with CORPUS.open(encoding="utf-8") as handle:
        lines = [(n, line) for n, line in enumerate(handle, 1) if not line.startswith("#")]
    reader = csv.DictReader((line for _, line in lines), delimiter="\t", quoting=csv.QUOTE_NONE)
    for (number, _), record in zip(lines[1:], reader, strict=True):
        rows.append(
            Row(
                number,
                record["expression"],
                int(record["year_start_month"]),
                record["financial_year"] or None,
                record["deadline"],
            )
        )
    return rows


def reading(row: Row) -> Window | DateError:
    try:
        return parse(row.expression, row.financial_year, row.year_start)
    except DateError as err:
        return err


def verdict(row: Row, result: Window | DateError) -> str:
    """ "right", "refused" (an honest miss) or "misread" (a wrong answer given as right)."""
    if isinstance(result, DateError):
        return "right" if row.expected == "ambiguous" else "refused"
    if row.expected == "ambiguous":
        return "misread"
    if row.expected.startswith("recurring"):
        return _recurring(row.expected, result)
    if result.recurrence:
        return "misread"
    if row.expected == "none":
        return "right" if result.deadline is None else "misread"
    return "right" if result.deadline == date.fromisoformat(row.expected) else "misread"


def _recurring(expected: str, result: Window) -> str:
    """ "recurring": repeats with no span to repeat in, so no deadline; "recurring:N:DAY":
    N occurrences in the span (written, or the plan's year), the last due on DAY. A
    deadline read where there is none, or none where there is one, is a misreading."""
    if not result.recurrence:
        return "misread"
    if expected == "recurring":
        return "right" if result.deadline is None and not result.occurrences else "misread"
    _, count, day = expected.split(":")
    reading = (len(result.occurrences), result.deadline)
    return "right" if reading == (int(count), date.fromisoformat(day)) else "misread"


def test_the_corpus_is_large_and_well_formed():
    rows = corpus()
    assert len(rows) >= 150
    allowed = {"none", "recurring", "ambiguous"}
    for row in rows:
        if row.expected.startswith("recurring:"):
            _, count, day = row.expected.split(":")
            assert int(count) > 0 and date.fromisoformat(day), row
            continue
        assert row.expected in allowed or date.fromisoformat(row.expected), row


def test_the_corpus_holds_thirty_recurring_targets_some_read_in_a_year():
    recurring = [row for row in corpus() if row.expected.startswith("recurring")]
    assert len(recurring) >= 30
    assert sum(row.expected != "recurring" for row in recurring) >= 10


def test_real_world_dates_are_read_right_and_never_misread(capsys):
    results = [(row, reading(row)) for row in corpus()]
    verdicts = [(row, result, verdict(row, result)) for row, result in results]
    right = sum(1 for *_, v in verdicts if v == "right")
    share = right / len(verdicts)
    with capsys.disabled():
        print(f"\nreal-world dates read right: {right}/{len(verdicts)} = {share:.1%}")
        for row, result, v in verdicts:
            if v != "right":
                shown = result if isinstance(result, DateError) else _shown(result)
                print(f"  {v:8} line {row.line}: {row.expression!r} -> {shown}")
    misread = [(row.line, row.expression) for row, _, v in verdicts if v == "misread"]
    assert not misread, f"silently misread: {misread}"
    assert share >= TARGET


def _shown(window: Window) -> str:
    if window.recurrence:
        return f"recurring ({window.recurrence}): {len(window.occurrences)}, {window.deadline}"
    return f"deadline {window.deadline}"


@pytest.mark.parametrize("expected", ["ambiguous"])
def test_a_refusal_of_an_ambiguous_row_shows_the_readings(expected):
    """Where the corpus says an officer could not tell, the refusal says why, not just 'no'."""
    rows = [row for row in corpus() if row.expected == expected]
    assert rows
    for row in rows:
        result = reading(row)
        assert isinstance(result, DateError) and result.message, row
