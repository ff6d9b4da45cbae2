"""plantrack.rows.stored: the records the cache keeps, and the one JSON route of overdue
that splices them, whatever the cache kept."""

from __future__ import annotations

import dataclasses
import json
from datetime import date

import pytest

from conftest import ROOT
from plantrack.rows.index import Trackable
from plantrack.rows.period import AsAt, QuarterName
from plantrack.rows.query import overdue
from plantrack.rows.records import late_records
from plantrack.rows.stored import KeptRecords, overdue_json
from plantrack.workspace import load_rows

ENCODER = json.JSONEncoder(ensure_ascii=False)


def _found(use_cache: bool = False):
    workspace = load_rows([ROOT / "plans"], use_cache=use_cache, pending_only=True)
    found = overdue(workspace.rows, AsAt(QuarterName.parse("Q4 2025/26")), date(2026, 11, 23))
    assert len(found) > 1
    return workspace, found


def _encoded(found) -> list[bytes]:
    return [ENCODER.encode(item).encode("utf-8") for item in late_records(found)]


def test_the_domain_row_carries_no_output_bytes():
    """The kept JSON lives beside the rows (KeptRecords), never on the row."""
    names = {f.name for f in dataclasses.fields(Trackable)}
    assert not {name for name in names if "json" in name or "record" in name}
    assert not any(f.type.startswith("bytes") for f in dataclasses.fields(Trackable))


def test_kept_texts_are_spliced_into_the_very_text_of_encoding_the_record():
    """Cold (checked now) and warm (read from the cache), every overdue row was kept
    and comes out as the text json writes for its record."""
    for use_cache in (False, True, True):
        workspace, found = _found(use_cache)
        by_id = workspace.kept._map()
        assert all(id(late.row) in by_id for late in found)  # every row took the splice
        assert overdue_json(found, workspace.kept) == _encoded(found)


def test_a_spliced_text_is_the_kept_text_not_the_record_again():
    """The splice uses what was kept: a changed kept text shows in the output (so a
    route that re-encoded every record, losing the speed, fails here)."""
    workspace, found = _found()
    kept = KeptRecords()
    first = found[0].row
    kept.add([first], [KeptRecords.text_of(first).replace(b'"plan"', b'"PLAN"')])
    assert overdue_json(found[:1], kept)[0].startswith(b'{"PLAN"')


def test_rows_without_kept_bytes_are_encoded_from_their_records():
    """A row the cache kept no bytes for (half of them here, and every row with no kept
    records at all) still comes out, as the very text of encoding its record."""
    workspace, found = _found()
    halves = [
        late._replace(row=dataclasses.replace(late.row)) if n % 2 else late
        for n, late in enumerate(found)
    ]
    expected = _encoded(found)
    assert overdue_json(halves, workspace.kept) == expected
    assert overdue_json(found) == overdue_json(found, KeptRecords()) == expected


def test_ascii_and_updated_records_are_encoded_not_spliced():
    """A stdout that cannot carry every character gets ASCII escapes, and ``--stale``
    records carry ``updated``: neither is in the kept bytes, so both are encoded."""
    workspace, found = _found()
    ascii_texts = overdue_json(found, workspace.kept, ascii_only=True)
    assert ascii_texts == [json.dumps(item).encode("ascii") for item in late_records(found)]
    updated = [json.loads(text) for text in overdue_json(found, workspace.kept, updated=True)]
    assert updated == late_records(found, updated=True)
    assert all("updated" in item for item in updated)


def test_kept_records_hold_one_text_per_row():
    rows = _found()[0].rows
    with pytest.raises(ValueError, match="one text per row"):
        KeptRecords().add(rows, [b"{}"])
