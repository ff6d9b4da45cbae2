"""Date expressions explained as plain records (the ``dates`` command and ``show``)."""

from __future__ import annotations

from typing import Any

from plantrack.dates import (
    DateError,
    FinancialCalendar,
    Window,
    parse,
    parse_financial_year,
    parse_month,
)
from plantrack.errors import BadValue


def window_record(text: str, window: Window) -> dict[str, Any]:
    """``{"text", "start", "end", "deadline", "quarters"}`` with ISO dates or null, and
    for work that repeats ``"recurrence"`` ("quarterly", "every September") and its
    ``"occurrences"``, each ``{"start", "end", "deadline"}`` (none without a span or a
    financial year to repeat in; the deadline is then none too)."""
    record: dict[str, Any] = {
        "text": text,
        "start": window.start.isoformat() if window.start else None,
        "end": window.end.isoformat() if window.end else None,
        "deadline": window.deadline.isoformat() if window.deadline else None,
        "quarters": [quarter.label() for quarter in window.quarters],
    }
    if window.recurrence:
        record["recurrence"] = window.recurrence
        record["occurrences"] = [
            {"start": first.isoformat(), "end": last.isoformat(), "deadline": due.isoformat()}
            for first, last, due in window.occurrences
        ]
    return record


def explain(text: str, financial_year: str | None = None, year_start: int = 4) -> dict[str, Any]:
    """One expression: its window record, or ``{"text", "error"}`` when it does not parse."""
    try:
        return window_record(text, parse(text, financial_year, year_start))
    except DateError as err:
        return {"text": text, "error": str(err)}


def explain_all(
    texts: list[str], financial_year: str | None = None, year_start: int = 4
) -> list[dict[str, Any]]:
    """Each expression on its own: one bad one never stops the others."""
    return [explain(text, financial_year, year_start) for text in texts]


def explain_given(
    texts: list[str], financial_year: str | None, year_start: str
) -> list[dict[str, Any]]:
    """``dates``: the financial year and its first month as given (text) checked first,
    since a bad one would make every expression's answer wrong; then each expression."""
    try:
        month = parse_month(year_start)
    except DateError as err:
        raise BadValue(
            "year_start",
            err.message,
            value=year_start,
            hint="write a month name such as April or July",
        ) from None
    if financial_year:
        try:
            parse_financial_year(financial_year, month)
        except DateError:
            raise BadValue(
                "financial_year",
                "not a financial year",
                value=financial_year,
                hint=f"write e.g. {FinancialCalendar(month).year_label(2025)}",
            ) from None
    return explain_all(texts, financial_year, month)
