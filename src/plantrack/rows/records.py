"""Trackables as plain records: the JSON objects of docs/reference/commands.md, and the cells every
other format (table, CSV, Markdown) takes its columns from.

One function builds a record, so the JSON and the CSV of a report can
never disagree about what a row says.
"""

from __future__ import annotations

from dataclasses import MISSING, fields
from datetime import date
from typing import Any

from plantrack.rows.index import Trackable
from plantrack.rows.query import Late, due_quarter

# Keys docs/reference/commands.md lists, in the order they are written.
REQUIRED_KEYS = (
    "plan",
    "id",
    "kind",
    "title",
    "theme",
    "objective",
    "due",
    "deadline",
    "status",
    "lead",
    "file",
    "line",
)


def record(
    row: Trackable, late: Late | None = None, updated: bool = False, day: date | None = None
) -> dict[str, Any]:
    """The JSON object of one trackable (``days_overdue`` only for overdue rows; with
    ``updated``, the day it was last updated, which reports ask git for only when they
    need it: ``list``, ``show`` and ``--stale``), and last ``rule_status``: what the
    plan's rag_rule gives as at day D (an overdue row's D, else ``day``; without either,
    as at its deadline)."""
    data = record_head(row, late)
    if updated:
        last = row.updated
        data["updated"] = last.isoformat() if last else None
    if late is not None and late.occurrence is not None:  # recurring: the one missed
        data["deadline"] = late.deadline.isoformat() if late.deadline else data["deadline"]
        data["occurrence"] = late.occurrence
    if late is not None:
        data["days_overdue"] = late.days_overdue
        data["as_at"] = late.as_at.isoformat()
    status = row.rule_status(late.as_at if late else day or date.min)
    data["rule_status"] = status.value if status is not None else None
    return data


def record_head(row: Trackable, late: Late | None = None) -> dict[str, Any]:
    """The first keys of :func:`record`: every one that neither depends on day D nor is
    asked for (the part :mod:`plantrack.rows.stored` keeps for a warm report)."""
    quarter = late.quarter if late else due_quarter(row)
    return {
        "plan": row.plan,
        "id": row.id,
        "kind": row.kind,
        "title": row.title,
        "theme": row.theme,
        "objective": row.objective,
        "action": row.action,
        "due": row.due,
        "deadline": row.deadline.isoformat() if row.deadline else None,
        "quarter": quarter.label() if quarter else None,
        "original_due": row.original_due,
        "status": row.status.value if row.status else None,
        "status_word": row.status_word,
        "rag": row.status.rag if row.status else None,
        "rationale": row.rationale,
        "lead": list(row.lead),
        "directorate": row.directorate,
        "as_of": row.as_of.isoformat() if row.as_of else None,
        "file": row.file,
        "line": row.line,
    }


def record_keys() -> tuple[str, ...]:
    """The keys :func:`record` writes, in order, read from a record of an empty row:
    the cache key holds them, so a changed record is never served from an old entry."""
    required = [f.name for f in fields(Trackable) if f.default is f.default_factory is MISSING]
    empty = Trackable(**dict.fromkeys(required) | {"lead": [], "line": 0})
    return tuple(record(empty))


def records(
    rows: list[Trackable], updated: bool = False, day: date | None = None
) -> list[dict[str, Any]]:
    return [record(row, updated=updated, day=day) for row in rows]


def late_records(found: list[Late], updated: bool = False) -> list[dict[str, Any]]:
    return [record(late.row, late, updated) for late in found]
