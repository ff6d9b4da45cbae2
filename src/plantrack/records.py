"""Trackables as plain records: the JSON objects of docs/reference/commands.md, and the cells every
other format (table, CSV, Markdown) takes its columns from.

One function builds a record, so the JSON and the CSV of a report can
never disagree about what a row says.
"""

from __future__ import annotations

import json
from dataclasses import MISSING, fields
from typing import Any

from plantrack.index import Trackable
from plantrack.query import Late, due_quarter

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


def record(row: Trackable, late: Late | None = None, updated: bool = False) -> dict[str, Any]:
    """The JSON object of one trackable (``days_overdue`` only for overdue rows; with
    ``updated``, the day it was last updated, which reports ask git for only when they
    need it: ``list``, ``show`` and ``--stale``)."""
    quarter = late.quarter if late else due_quarter(row)
    data: dict[str, Any] = {
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
    if updated:
        day = row.updated
        data["updated"] = day.isoformat() if day else None
    if late is not None and late.occurrence is not None:  # recurring: the one missed
        data["deadline"] = late.deadline.isoformat() if late.deadline else data["deadline"]
        data["occurrence"] = late.occurrence
    if late is not None:
        data["days_overdue"] = late.days_overdue
        data["as_at"] = late.as_at.isoformat()
    return data


def record_keys() -> tuple[str, ...]:
    """The keys :func:`record` writes, in order, read from a record of an empty row:
    the cache key holds them, so a changed record is never served from an old entry."""
    required = [f.name for f in fields(Trackable) if f.default is f.default_factory is MISSING]
    empty = Trackable(**dict.fromkeys(required) | {"lead": [], "line": 0})
    return tuple(record(empty))


_ENCODER = json.JSONEncoder(ensure_ascii=False)


def record_json(row: Trackable) -> bytes:
    """The row's :func:`record` as UTF-8 JSON (any character as itself), as the JSON
    output writes it; the cache keeps it for rows that can be overdue."""
    return _ENCODER.encode(record(row)).encode("utf-8")


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
    as_at_keys: dict[object, bytes] = {}  # one day D per plan calendar: its text made once
    for late in found:
        text = late.row.record_json
        if text is None or late.occurrence is not None:  # recurring: its deadline differs
            texts.append(_ENCODER.encode(record(late.row, late)).encode("utf-8"))
            continue
        tail = as_at_keys.get(late.as_at)
        if tail is None:
            tail = as_at_keys[late.as_at] = f', "as_at": "{late.as_at.isoformat()}"}}'.encode()
        texts.append(b'%s, "days_overdue": %d%s' % (text[:-1], late.days_overdue, tail))
    return texts


def records(rows: list[Trackable], updated: bool = False) -> list[dict[str, Any]]:
    return [record(row, updated=updated) for row in rows]


def late_records(found: list[Late], updated: bool = False) -> list[dict[str, Any]]:
    return [record(late.row, late, updated) for late in found]
