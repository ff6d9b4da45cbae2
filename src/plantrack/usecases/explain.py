"""Date expressions explained as plain records (the ``dates`` command and ``show``)."""

from __future__ import annotations

from typing import Any

from plantrack.dates import DateError, Window, parse


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
