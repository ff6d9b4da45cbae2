"""The JSON records the cache keeps for pending rows, and the one route that writes
overdue rows as JSON: :func:`overdue_json`, the one public function (``overdue``'s
renderer calls it).

Why the cache keeps records at all: a warm ``overdue --format json`` over 1,000 plans
writes ~28k records (16 MB), and building and encoding each again was a fifth of the
run (profiled; bench/README.md, W). So the cache keeps, for each pending row, its
record up to the keys that depend on day D as UTF-8 JSON bytes, and this module splices
``days_overdue``, ``as_at`` and ``rule_status`` into them: the very text of encoding
the record (tests/unit/test_stored.py).

Everything about those bytes is here and nowhere else: how they are made
(:meth:`KeptRecords.text_of`), the record keys they hold (:data:`KEYS`, which the
cache puts in its key), which row each belongs to (:class:`KeptRecords`, held apart
from the rows: the domain row carries no output bytes), and the splice.

The arrows: storage above the rules. This module and :mod:`plantrack.rows.cache`
import the record (:mod:`plantrack.rows.records`) and the overdue rule
(:mod:`plantrack.rows.query`); the rules and the row (:mod:`plantrack.rows.index`)
import neither (tests/unit/test_layers.py checks it).
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from plantrack.rows.index import Trackable
from plantrack.rows.query import Late
from plantrack.rows.records import record, record_head, record_keys

# The keys of every record, in order: the shape of the kept bytes (part of the cache key,
# so a record with a new key is never served from entries that kept the old shape).
KEYS = record_keys()

_ENCODER = json.JSONEncoder(ensure_ascii=False)  # any character as itself, as UTF-8


class KeptRecords:
    """The kept record of each pending row the cache read, found by the row itself.

    By identity, not on the row: the domain row holds plan data only. The rows are held
    here too, so no ``id`` this maps can be taken by another object while it lives; the
    map is built on first use, since only ``overdue --format json`` asks for it."""

    __slots__ = ("_parts", "_by_id")

    def __init__(self) -> None:
        self._parts: list[tuple[list[Trackable], list[bytes]]] = []
        self._by_id: dict[int, bytes] | None = None

    @staticmethod
    def text_of(row: Trackable) -> bytes:
        """What the cache keeps for a pending row: :func:`record_head` as UTF-8 JSON."""
        return _ENCODER.encode(record_head(row)).encode("utf-8")

    def add(self, rows: list[Trackable], texts: list[bytes]) -> None:
        """Keep ``texts[i]`` as the record of ``rows[i]`` (one entry's pending part)."""
        if len(rows) != len(texts):
            raise ValueError("kept records: one text per row")
        self._parts.append((rows, texts))
        self._by_id = None

    def _map(self) -> dict[int, bytes]:
        if self._by_id is None:
            self._by_id = {}
            for rows, texts in self._parts:
                self._by_id.update(zip(map(id, rows), texts, strict=True))
        return self._by_id


def overdue_json(
    found: Iterable[Late],
    kept: KeptRecords | None = None,
    updated: bool = False,
    ascii_only: bool = False,
) -> list[bytes]:
    """The JSON of each overdue row's record (:func:`plantrack.rows.records.record`),
    one ``bytes`` per row: the only route ``overdue --format json`` takes. UTF-8, or ASCII
    with ``ascii_only`` (a stdout that cannot carry every character).

    A row ``kept`` holds a text for gets that text with ``days_overdue``, ``as_at`` and
    ``rule_status`` spliced in; any other row (not read from the cache, recurring, or
    asked for ``updated``, which no kept text holds) is encoded from its record."""
    if updated or ascii_only:
        encode = json.JSONEncoder(ensure_ascii=ascii_only).encode
        encoding = "ascii" if ascii_only else "utf-8"
        return [encode(record(late.row, late, updated)).encode(encoding) for late in found]
    get = kept._map().get if kept is not None else {}.get
    texts = []
    tails: dict[object, bytes] = {}  # per day D and rule status: each tail's text made once
    for late in found:
        row = late.row
        text = get(id(row))
        if text is None or late.occurrence is not None:  # recurring: its deadline differs
            texts.append(_ENCODER.encode(record(row, late)).encode("utf-8"))
            continue
        status = row.rule_status(late.as_at) if row.rule_days is not None else None
        rule = status.value if status is not None else None  # most plans have no rule
        tail = tails.get((late.as_at, rule))
        if tail is None:
            tail = tails[(late.as_at, rule)] = _ENCODER.encode(
                {"as_at": late.as_at.isoformat(), "rule_status": rule}
            )[1:].encode()
        texts.append(b'%s, "days_overdue": %d, %s' % (text[:-1], late.days_overdue, tail))
    return texts


__all__ = ["KEYS", "KeptRecords", "overdue_json"]
