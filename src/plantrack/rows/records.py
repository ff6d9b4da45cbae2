"""Trackables as plain records: the JSON objects of docs/reference/commands.md, and the cells every
other format (table, CSV, Markdown) takes its columns from.

One function builds a record, so the JSON and the CSV of a report can
never disagree about what a row says.
"""

from __future__ import annotations

import json
from dataclasses import MISSING, fields
from datetime import date
from typing import Any

from plantrack.plan.ragrule import status_for
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
    data = _fields(row, late)
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


def _fields(row: Trackable, late: Late | None = None) -> dict[str, Any]:
    """Every key of the record that neither depends on day D nor is asked for: what the
    cache keeps."""
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


_ENCODER = json.JSONEncoder(ensure_ascii=False)


def record_json(row: Trackable) -> bytes:
    """The row's :func:`record` up to the keys that depend on day D, as UTF-8 JSON (any
    character as itself), as the JSON output writes it; the cache keeps it for rows that
    can be overdue."""
    return _ENCODER.encode(_fields(row)).encode("utf-8")


def late_records_json(
    found: list[Late], updated: bool = False, ascii_only: bool = False
) -> list[bytes]:
    """The JSON of each overdue row's record, as :func:`late_records` builds it: the
    only route ``overdue --format json`` takes. UTF-8, or ASCII with ``ascii_only`` (a
    stdout that cannot carry every character).

    A row whose record the cache kept gets those bytes with ``days_overdue`` and
    ``as_at`` spliced in, the same text as encoding the record: decoding 16 MB of kept
    records only to encode them again was a fifth of a warm ``overdue --format json``
    (profiled; bench/README.md, W). Any other row is encoded from its record."""
    if updated or ascii_only:
        encode = json.JSONEncoder(ensure_ascii=ascii_only).encode
        encoding = "ascii" if ascii_only else "utf-8"
        return [encode(record(late.row, late, updated)).encode(encoding) for late in found]
    texts = []
    tails: dict[object, bytes] = {}  # per day D and rule status: each tail's text made once
    for late in found:
        row = late.row
        text = row.record_json
        if text is None or late.occurrence is not None:  # recurring: its deadline differs
            texts.append(_ENCODER.encode(record(row, late)).encode("utf-8"))
            continue
        # The rule's status of an overdue row (its D is past the deadline), as
        # Trackable.rule_status gives it, without a call: most plans have no rule.
        rule = row.rule_days
        if rule is not None:
            rule = status_for(late.days_overdue + (row.redated_days or 0), rule).value
        tail = tails.get((late.as_at, rule))
        if tail is None:
            tail = tails[(late.as_at, rule)] = _ENCODER.encode(
                {"as_at": late.as_at.isoformat(), "rule_status": rule}
            )[1:].encode()
        texts.append(b'%s, "days_overdue": %d, %s' % (text[:-1], late.days_overdue, tail))
    return texts


def records(
    rows: list[Trackable], updated: bool = False, day: date | None = None
) -> list[dict[str, Any]]:
    return [record(row, updated=updated, day=day) for row in rows]


def late_records(found: list[Late], updated: bool = False) -> list[dict[str, Any]]:
    return [record(late.row, late, updated) for late in found]
