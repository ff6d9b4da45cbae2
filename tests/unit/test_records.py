"""plantrack.rows.records: the JSON of overdue rows, one route whatever the cache kept."""

from __future__ import annotations

import dataclasses
import json
from datetime import date

from conftest import ROOT
from plantrack.rows.period import AsAt, QuarterName
from plantrack.rows.query import overdue
from plantrack.rows.records import late_records, late_records_json
from plantrack.workspace import load_rows


def _found():
    rows = load_rows([ROOT / "plans"], use_cache=False, pending_only=True).rows
    found = overdue(rows, AsAt(QuarterName.parse("Q4 2025/26")), date(2026, 11, 23))
    assert len(found) > 1
    return found


def test_rows_without_kept_bytes_are_encoded_from_their_records():
    """The one JSON route of overdue: a row the cache kept no bytes for (half of them
    here) still comes out, as the very text of encoding its record."""
    found = _found()
    mixed = [
        late._replace(row=dataclasses.replace(late.row, record_json=None)) if n % 2 else late
        for n, late in enumerate(found)
    ]
    encoder = json.JSONEncoder(ensure_ascii=False)
    expected = [encoder.encode(item).encode("utf-8") for item in late_records(found)]
    assert late_records_json(mixed) == expected


def test_ascii_and_updated_records_are_encoded_not_spliced():
    """A stdout that cannot carry every character gets ASCII escapes, and ``--stale``
    records carry ``updated``: neither is in the kept bytes, so both are encoded."""
    found = _found()
    ascii_texts = late_records_json(found, ascii_only=True)
    assert ascii_texts == [json.dumps(item).encode("ascii") for item in late_records(found)]
    updated = [json.loads(text) for text in late_records_json(found, updated=True)]
    assert updated == late_records(found, updated=True)
    assert all("updated" in item for item in updated)
