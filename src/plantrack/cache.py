"""A content-keyed cache of checked plans for repeated reports.

Each plan file's diagnostics, folder-check summary and trackable rows are
stored as JSON (never pickle: the data came from files anyone can edit)
under a key made of the SHA-256 of the file's bytes, plantrack's version,
the format version and the day (warnings depend on today). A changed file
has a new digest and is read again; a corrupt entry is ignored and
rewritten. ``--no-cache`` bypasses it; ``plantrack cache clear`` empties it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from datetime import date
from itertools import repeat
from pathlib import Path
from typing import get_args, get_type_hints

from plantrack import FORMAT_VERSION, __version__
from plantrack.config import cache_dir
from plantrack.errors import Diagnostic, PlantrackError
from plantrack.fileio import write_atomically
from plantrack.index import Trackable
from plantrack.plan.folder import PlanInfo, PlanSummary
from plantrack.plan.status import Status
from plantrack.records import record_json

ENTRY_VERSION = 4
PARALLEL_FROM = 64  # files to check; below this a process pool costs more than it saves


def cache_key(data: bytes, path: str, today: date) -> str:
    """The file's bytes and name, the day, and everything that shapes an entry: a new
    plantrack, format, entry layout or row layout reads the file afresh."""
    digest = hashlib.sha256(data)
    digest.update(f"\0{path}\0{__version__}\0{FORMAT_VERSION}\0{ENTRY_VERSION}\0{today}".encode())
    digest.update(ROW_LAYOUT.encode())
    return digest.hexdigest()


@dataclass
class Entry:
    """One file's cached result."""

    diagnostics: list[Diagnostic]
    summary: PlanSummary | None = None  # None when the plan did not validate
    info: PlanInfo | None = None
    rows: list[Trackable] = field(default_factory=list)


# Checks one file now and makes its entry; given by the caller (plantrack.workspace), so
# the cache knows nothing of the check pipeline. A module-level function: it is sent to
# worker processes by name.
Checker = Callable[[str, date], Entry]


# --- rows to JSON and back -------------------------------------------------------------------
#
# A row is stored as the list of its fields in the order of dataclasses.fields(Trackable),
# and rebuilt from that same order: the layout is read from the dataclass, never restated.
# Dates cross as ISO text and statuses as their value; every other field is JSON as it is.
# ROW_LAYOUT (each field's name and type) is part of the cache key, so reordering, adding
# or retyping a field makes new entries instead of misreading old ones.

_HINTS = get_type_hints(Trackable)
ROW_FIELDS = tuple(f.name for f in fields(Trackable) if f.metadata.get("stored", True))
ROW_LAYOUT = ";".join(f"{name}:{_HINTS[name]}" for name in ROW_FIELDS)
DATE_COLUMNS = tuple(i for i, name in enumerate(ROW_FIELDS) if date in get_args(_HINTS[name]))
STATUS_COLUMN = ROW_FIELDS.index("status")
DEADLINE_COLUMN = ROW_FIELDS.index("deadline")
STATUSES: dict[str | None, Status | None] = {s.value: s for s in Status} | {None: None}
NOT_DONE = {s.value for s in Status if not s.done} | {None}


def _row_json(row: Trackable) -> list:
    data = [getattr(row, name) for name in ROW_FIELDS]
    for column in DATE_COLUMNS:
        if data[column] is not None:
            data[column] = data[column].isoformat()
    if data[STATUS_COLUMN] is not None:
        data[STATUS_COLUMN] = data[STATUS_COLUMN].value
    return data


def _is_pending(data: list) -> bool:
    """A row ``overdue`` and ``upcoming`` can show: a deadline, and not done."""
    return bool(data[DEADLINE_COLUMN]) and data[STATUS_COLUMN] in NOT_DONE


def _rows_from_json(rows: list[list]) -> list[Trackable]:
    """Rows back from JSON: the hot loop of a warm report (profiled), so no Window and
    no call per field."""
    statuses, iso, make, status_at = STATUSES, date.fromisoformat, Trackable, STATUS_COLUMN
    first_date, *other_dates = DATE_COLUMNS
    for data in rows:
        data[status_at] = statuses[data[status_at]]
        if data[first_date]:
            data[first_date] = iso(data[first_date])
        for column in other_dates:
            if data[column]:
                data[column] = iso(data[column])
    return [make(*data) for data in rows]


# --- entries -----------------------------------------------------------------------------------


def encode_entry(entry: Entry) -> bytes:
    """An entry as three lines of compact JSON: the file's facts, its pending rows, the
    other rows (compact JSON never holds a raw line break); then one line per pending
    row, the JSON record a report writes for it (:func:`plantrack.records.record_json`).

    ``overdue`` and ``upcoming`` decode only the first two: on a mature repo most rows
    are done, and decoding them was the largest cost of a warm report (profiled).
    Building and encoding the records of the rows overdue was the next: with the
    records kept, ``overdue --format json`` adds two keys to each kept text.
    """
    rows = [_row_json(row) for row in entry.rows]
    pending_at = [index for index, data in enumerate(rows) if _is_pending(data)]
    pending = set(pending_at)
    head = {
        "diagnostics": [d.as_dict() for d in entry.diagnostics],
        "summary": vars(entry.summary) if entry.summary else None,
        "info": vars(entry.info) if entry.info else None,
        "pending_at": pending_at,
    }
    parts = (
        head,
        [rows[i] for i in pending_at],
        [r for i, r in enumerate(rows) if i not in pending],
    )
    lines = [json.dumps(part, separators=(",", ":")) for part in parts]
    lines += [record_json(entry.rows[i]) for i in pending_at]
    return "\n".join(lines).encode("utf-8")


def decode_entry(payload: bytes, pending_only: bool = False) -> Entry:
    """The entry of :func:`encode_entry`; with ``pending_only`` only its pending rows."""
    head_line, pending_line, rest_line, *texts = payload.split(b"\n")
    head = json.loads(head_line)
    rows = json.loads(pending_line)
    if len(texts) != len(rows):
        raise ValueError("entry: one kept record per pending row")
    if not pending_only:
        rows = _in_file_order(rows, json.loads(rest_line), head["pending_at"])
    summary = head["summary"]
    if summary is not None:
        summary["links"] = [tuple(link) for link in summary["links"]]
        summary = PlanSummary(**summary)
    info = PlanInfo(**head["info"]) if head["info"] else None
    built = _rows_from_json(rows)
    if pending_only:
        for row, text in zip(built, texts, strict=True):
            row.record_json = text.decode("utf-8")
    return Entry([Diagnostic(**d) for d in head["diagnostics"]], summary, info, built)


def _in_file_order(pending: list, rest: list, pending_at: list[int]) -> list:
    merged: list = [None] * (len(pending) + len(rest))
    for index, data in zip(pending_at, pending, strict=True):
        merged[index] = data
    others = iter(rest)
    return [data if data is not None else next(others) for data in merged]


def cached_entry(
    path: str, today: date, pending_only: bool = False, folder: Path | None = None
) -> tuple[Entry | None, Path | None]:
    """The cached entry when the file's bytes are unchanged, and where it lives (in
    ``folder``, by default :func:`~plantrack.config.cache_dir`)."""
    try:
        with open(path, "rb") as stream:
            data = stream.read()
    except OSError:
        return None, None  # checked afresh, which reports the read error
    target = (folder or cache_dir()) / f"{cache_key(data, path, today)}.json"
    try:
        return decode_entry(target.read_bytes(), pending_only), target
    except (OSError, ValueError, TypeError, KeyError, IndexError, StopIteration):
        return None, target  # absent or corrupt: check the file and rewrite the entry


def fresh_payload(check: Checker, path: str, today: date, target: Path | None) -> bytes:
    """Check the file, store the entry at ``target`` (if any), return its JSON.

    This is what a worker process runs: JSON crosses back to the parent faster
    than pickled row objects, and it is the cache's own format.
    """
    payload = encode_entry(check(path, today))
    if target is not None:
        _store(target, payload)
    return payload


def entries(
    files: list[str],
    today: date,
    check: Checker,
    use_cache: bool = True,
    workers: int = 1,
    pending_only: bool = False,
) -> list[Entry]:
    """Every file's entry: cache hits read here, misses checked by ``check`` on
    ``workers`` processes.

    With ``pending_only`` the entries hold only rows with a deadline that are not done
    (see :func:`_rows_from_json`); diagnostics and summaries are whole.
    """
    found: dict[str, Entry] = {}
    misses: list[tuple[str, Path | None]] = []
    folder = cache_dir()  # once: it reads the environment
    for path in files:
        entry, target = (
            cached_entry(path, today, pending_only, folder) if use_cache else (None, None)
        )
        if entry is not None:
            found[path] = entry
        else:
            misses.append((path, target))
    for (path, _), payload in zip(misses, _check_all(check, misses, today, workers), strict=True):
        found[path] = decode_entry(payload, pending_only)
    return [found[path] for path in files]


def _check_all(
    check: Checker, misses: list[tuple[str, Path | None]], today: date, workers: int
) -> list[bytes]:
    if workers < 2 or len(misses) < PARALLEL_FROM:
        return [fresh_payload(check, path, today, target) for path, target in misses]
    # Lazy: multiprocessing costs ~15 ms to import, and a warm report never starts a pool.
    from concurrent.futures import BrokenExecutor, ProcessPoolExecutor

    paths = [path for path, _ in misses]
    targets = [target for _, target in misses]
    chunk = max(1, len(misses) // (workers * 4))
    try:
        with ProcessPoolExecutor(workers) as pool:
            return list(
                pool.map(
                    fresh_payload, repeat(check), paths, repeat(today), targets, chunksize=chunk
                )
            )
    except (OSError, BrokenExecutor):  # no processes here, or a worker died: one process
        return [fresh_payload(check, path, today, target) for path, target in misses]


def _store(target: Path, payload: bytes) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, payload, durable=False)  # a cache entry needs no fsync
    except (OSError, PlantrackError):
        pass  # a read-only home must not stop a report


def clear() -> int:
    """Remove every cached entry; return how many."""
    folder = cache_dir()
    removed = 0
    for path in folder.glob("*.json") if folder.is_dir() else ():
        try:
            path.unlink()
            removed += 1
        except OSError:
            continue
    return removed
