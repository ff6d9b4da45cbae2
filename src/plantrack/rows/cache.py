"""A content-keyed cache of checked plans for repeated reports.

Each plan file's diagnostics, folder-check summary and trackable rows (with the
JSON record of each pending row, which :mod:`plantrack.rows.stored` makes and splices) are
stored as JSON (never pickle: the data came from files anyone can edit)
under a key made of the BLAKE2b digest of the file's bytes, plantrack's version,
the format version and the day (warnings depend on today). A changed file
has a new digest and is read again. An entry damaged in a way the reader can
see (bad JSON, a size or record cut short, another file's entry under this
key) is ignored and rewritten; the folder is the user's own, not a place for
untrusted files (``plantrack cache clear`` empties it; ``--no-cache`` bypasses it).
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import stat
import sys
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from datetime import date
from itertools import repeat
from pathlib import Path

try:  # where hashlib takes blake2b from; hashlib itself loads OpenSSL (~3-6 ms a run)
    from _blake2 import blake2b

    def _digest(data: bytes):  # noqa: ANN202 - a hashlib object
        return blake2b(data, digest_size=32)

except ImportError:  # an interpreter or build without CPython's built-in module
    from hashlib import sha256 as _digest

from plantrack import FORMAT_VERSION, __version__
from plantrack.config import cache_dir
from plantrack.errors import Diagnostic, PlantrackError
from plantrack.fileio import read_regular, write_atomically
from plantrack.plan.folder import PlanInfo, PlanSummary
from plantrack.plan.status import Status
from plantrack.rows.index import Trackable
from plantrack.rows.stored import KEYS, KeptRecords

ENTRY_VERSION = 6
# The last-updated dates plantrack.git.updated keeps per commit: "updated-<sha256>.json".
UPDATED_PREFIX = "updated-"
# What cache_key names (both digests: 64 hex digits), and the kept last-updated dates.
ENTRY_NAME = re.compile(rf"({UPDATED_PREFIX})?[0-9a-f]{{64}}\.json")
PARALLEL_FROM = 64  # files to check; below this a process pool costs more than it saves


def cache_key(data: bytes, path: str, today: date) -> str:
    """The file's bytes and name, the day, and everything that shapes an entry: a new
    plantrack, format, entry layout or row layout reads the file afresh."""
    digest = _digest(data)
    text = f"\0{path}\0{__version__}\0{FORMAT_VERSION}\0{ENTRY_VERSION}\0{today}"
    digest.update(text.encode("utf-8", "surrogateescape"))  # a name of any bytes
    digest.update(LAYOUT.encode())
    return digest.hexdigest()


@dataclass
class Entry:
    """One file's cached result."""

    diagnostics: list[Diagnostic]
    summary: PlanSummary | None = None  # None when the plan did not validate
    info: PlanInfo | None = None
    rows: list[Trackable] = field(default_factory=list)
    # Read with ``pending_only`` (when ``rows`` are all pending): the JSON record kept
    # for each row, in the same order (plantrack.rows.stored). Empty otherwise.
    kept: list[bytes] = field(default_factory=list)


# Checks one file now and makes its entry; given by the caller (plantrack.workspace), so
# the cache knows nothing of the check pipeline. A module-level function: it is sent to
# worker processes by name.
Checker = Callable[[str, date], Entry]


# --- rows to JSON and back -------------------------------------------------------------------
#
# Rows are stored by column: one JSON value per field, in the order of
# dataclasses.fields(Trackable), and rebuilt from that same order, so the layout is read
# from the dataclass, never restated. A column is the list of its rows' values, or
# {"=": value} when every row of the entry has the same (a plan's id, file, calendar).
# Dates cross as ISO text and statuses as their value; every other field is JSON as it is.
# LAYOUT (each field's name and type, of the rows and of a plan's facts) is part of the
# cache key, so reordering, adding or retyping a field makes new entries instead of
# misreading old ones.
#
# By column because rebuilding rows was the hot loop of a warm report (profiled): a
# column decodes a shared value once, converts dates and statuses in one pass, and
# ``map(Trackable, *columns)`` builds every row with no Python code per row.

ROW_FIELDS = tuple(f.name for f in fields(Trackable) if f.metadata.get("stored", True))
# Types as written (the modules use postponed annotations): reading the text costs
# nothing at start-up, where evaluating the hints cost ~3 ms of every run.
_TYPES = {f.name: str(f.type) for f in fields(Trackable)}
_STORED = (Trackable, PlanInfo, PlanSummary)
# ... and the keys of the JSON record kept for each pending row (plantrack.rows.stored).
LAYOUT = "|".join(
    [*(";".join(f"{f.name}:{f.type}" for f in fields(kind)) for kind in _STORED), *KEYS]
)
DATE_FIELDS = frozenset(name for name in ROW_FIELDS if "date" in re.split(r"[^\w]+", _TYPES[name]))
STATUSES: dict[str | None, Status | None] = {s.value: s for s in Status} | {None: None}
SAME = "="  # the key of a column whose rows all hold one value
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def _is_pending(row: Trackable) -> bool:
    """A row ``overdue`` and ``upcoming`` can show: a deadline, and not done."""
    return row.deadline is not None and not row.done


def _columns_json(rows: list[Trackable]) -> list:
    """``rows`` as one JSON value per field (see above)."""
    columns = []
    for name in ROW_FIELDS:
        values = [getattr(row, name) for row in rows]
        if name in DATE_FIELDS:
            values = [day.isoformat() if day is not None else None for day in values]
        elif name == "status":
            values = [status.value if status is not None else None for status in values]
        first = values[0] if values else None
        # A list value is never shared: rows sharing one list object would change together.
        if values and not isinstance(first, list) and values.count(first) == len(values):
            columns.append({SAME: first})
        else:
            columns.append(values)
    return columns


def _rows_from_columns(columns: list, count: int) -> list[Trackable]:
    """The rows of :func:`_columns_json` (``count`` of them); fields not stored keep
    their defaults."""
    if len(columns) != len(ROW_FIELDS):
        raise ValueError("entry: not one column per field")
    built = []
    for name, column in zip(ROW_FIELDS, columns, strict=True):
        shared = isinstance(column, dict)
        values = [column[SAME]] if shared else column
        if len(values) != (1 if shared else count):
            raise ValueError(f"entry: column {name} is not one value per row")
        if name in DATE_FIELDS:
            values = [date.fromisoformat(day) if day else None for day in values]
        elif name == "status":
            values = [STATUSES[status] for status in values]
        built.append(repeat(values[0], count) if shared else values)
    return list(map(Trackable, *built))


# --- entries -----------------------------------------------------------------------------------


def encode_entry(entry: Entry, key: str | None = None) -> bytes:
    """An entry as lines of compact JSON (which never holds a raw line break): the
    file's facts, its pending rows, one line per pending row with the JSON record a
    report writes for it (:meth:`plantrack.rows.stored.KeptRecords.text_of`), and last
    the other rows.

    ``overdue`` and ``upcoming`` read only up to the other rows (the facts say how many
    bytes that is): on a mature repo most rows are done, and reading and decoding them
    was the largest cost of a warm report (profiled). Building and encoding the records
    of the rows overdue was the next: with the records kept, ``overdue --format json``
    adds two keys to each kept text.
    """
    pending_at = [index for index, row in enumerate(entry.rows) if _is_pending(row)]
    pending = [entry.rows[i] for i in pending_at]
    lines = [_compact(_columns_json(pending)).encode("utf-8")]
    lines += [KeptRecords.text_of(row) for row in pending]
    pending_part = b"\n".join(lines)
    skipped = set(pending_at)
    rest = [row for index, row in enumerate(entry.rows) if index not in skipped]
    head = {
        "key": key,  # the key it is stored under: an entry under another's name is refused
        "diagnostics": [d.as_dict() for d in entry.diagnostics],
        "summary": vars(entry.summary) if entry.summary else None,
        "info": vars(entry.info) if entry.info else None,
        "pending_at": pending_at,
        "rows": len(entry.rows),
        "pending_bytes": len(pending_part),
    }
    return b"\n".join(
        (_compact(head).encode("utf-8"), pending_part, _compact(_columns_json(rest)).encode())
    )


def _compact(value: object) -> str:
    return json.dumps(value, separators=(",", ":"))


def decode_entry(payload: bytes, pending_only: bool = False) -> Entry:
    """The entry of :func:`encode_entry`; with ``pending_only`` only its pending rows."""
    head_line, _, body = payload.partition(b"\n")
    return _decode(json.loads(head_line), body, pending_only)


class UntrustedEntry(ValueError):
    """An entry that is a symlink, another user's, or writable by others: anyone who can
    put it there could make a report say what they like. Never read; said once a run
    (:func:`forget_untrusted`), removed and stored afresh."""


def open_private(target: Path) -> int:
    """A descriptor of ``target`` if it is a regular file of this user's that no one else
    can write (one ``open`` and one ``fstat``: the warm path pays nothing more), else
    :class:`UntrustedEntry`; ``OSError`` when it is absent. ``O_NOFOLLOW``: a symlink
    planted under an entry's name is refused, never read through."""
    try:
        descriptor = os.open(target, os.O_RDONLY | _NOFOLLOW)
    except OSError as err:
        if _NOFOLLOW and err.errno in (errno.ELOOP, errno.EMLINK):  # EMLINK: the BSDs
            raise UntrustedEntry("entry: a symbolic link") from None
        raise
    info = os.fstat(descriptor)
    if not stat.S_ISREG(info.st_mode) or not _owned_and_private(info):
        os.close(descriptor)
        raise UntrustedEntry("entry: not a private file of this user")
    return descriptor


def _read_entry(target: Path, pending_only: bool) -> Entry:
    """The entry stored at ``target``; with ``pending_only`` only its facts and pending
    part are read, so the done rows (most of a mature plan) are not even read."""
    with open(open_private(target), "rb") as stream:
        head = json.loads(stream.readline())
        if head["key"] != target.stem:  # copied or moved here: another file's, or older
            raise ValueError("entry: stored under another key")
        if not pending_only:
            return _decode(head, stream.read(), pending_only=False)
        size = head["pending_bytes"]
        if not isinstance(size, int) or not 0 <= size < os.fstat(stream.fileno()).st_size:
            raise ValueError("entry: its facts give a size it cannot have")
        # and the line break the other rows follow, which _decode checks
        return _decode(head, stream.read(size + 1), pending_only=True)


def _decode(head: dict, body: bytes, pending_only: bool) -> Entry:
    """``body`` holds the pending part, then a line break, then (unless ``pending_only``)
    the other rows. The line break must stand exactly where the facts say; with the kept
    records starting and ending an object, a part cut or run on at either end is caught
    without reading every record (a per-record scan cost ~20 ms of a warm run)."""
    size, pending_at = head["pending_bytes"], head["pending_at"]
    if body[size : size + 1] != b"\n":
        raise ValueError("entry: the pending part does not end where its facts say")
    # One split of the whole body (slicing the part off first copied ~20 MB in a warm
    # run): the columns, a kept record per pending row, and what follows the part's line
    # break (the other rows, or nothing), which must start right after it.
    pending_line, *texts, after = body.split(b"\n", len(pending_at) + 1)
    whole = not texts or (texts[0][:1] == b"{" and texts[-1][-1:] == b"}")
    if len(texts) != len(pending_at) or len(after) != len(body) - size - 1 or not whole:
        raise ValueError("entry: one kept record, a JSON object, per pending row")
    kept: list[bytes] = []
    if pending_only:
        rows, kept = _rows_from_columns(json.loads(pending_line), len(pending_at)), texts
    else:
        pending = _rows_from_columns(json.loads(pending_line), len(pending_at))
        rest = _rows_from_columns(json.loads(after), head["rows"] - len(pending_at))
        rows = _in_file_order(pending, rest, pending_at)
    summary = head["summary"]
    if summary is not None:
        summary["links"] = [tuple(link) for link in summary["links"]]
        summary = PlanSummary(**summary)
    info = head["info"]
    if info is not None:
        info["themes"] = tuple(info["themes"])
        info = PlanInfo(**info)
    return Entry([Diagnostic(**d) for d in head["diagnostics"]], summary, info, rows, kept)


def _in_file_order(pending: list, rest: list, pending_at: list[int]) -> list:
    merged: list = [None] * (len(pending) + len(rest))
    for index, data in zip(pending_at, pending, strict=True):
        merged[index] = data
    others = iter(rest)
    return [data if data is not None else next(others) for data in merged]


def cached_entry(
    path: str,
    today: date,
    pending_only: bool = False,
    folder: Path | None = None,
    refused: list[Path] | None = None,
) -> tuple[Entry | None, Path | None]:
    """The cached entry when the file's bytes are unchanged, and where it lives (in
    ``folder``, by default :func:`~plantrack.config.cache_dir`). An untrusted entry is
    added to ``refused`` (for :func:`forget_untrusted`)."""
    try:
        data = read_regular(path)  # never a FIFO or a device: one would hang the run
    except OSError:
        return None, None  # checked afresh, which reports the read error
    target = (folder or cache_dir()) / f"{cache_key(data, path, today)}.json"
    try:
        return _read_entry(target, pending_only), target
    except UntrustedEntry:
        if refused is not None:
            refused.append(target)
        return None, target
    except (OSError, ValueError, TypeError, KeyError, IndexError, StopIteration):
        return None, target  # absent or corrupt: check the file and rewrite the entry


def fresh_payload(check: Checker, path: str, today: date, target: Path | None) -> bytes:
    """Check the file, store the entry at ``target`` (if any), return its JSON.

    This is what a worker process runs: JSON crosses back to the parent faster
    than pickled row objects, and it is the cache's own format.
    """
    payload = encode_entry(check(path, today), target.stem if target is not None else None)
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
    (see :func:`_is_pending`); diagnostics and summaries are whole.
    """
    found: dict[str, Entry] = {}
    misses: list[tuple[str, Path | None]] = []
    refused: list[Path] = []
    folder = cache_dir()  # once: it reads the environment
    if use_cache and not trusted_folder(folder):
        use_cache = False  # checked afresh, and nothing stored where others can write
    for path in files:
        entry, target = (
            cached_entry(path, today, pending_only, folder, refused) if use_cache else (None, None)
        )
        if entry is not None:
            found[path] = entry
        else:
            misses.append((path, target))
    if refused:
        forget_untrusted(refused)
    for (path, _), payload in zip(misses, _check_all(check, misses, today, workers), strict=True):
        found[path] = decode_entry(payload, pending_only)
    return [found[path] for path in files]


def forget_untrusted(refused: list[Path]) -> None:
    """Say in one line on stderr which entries were refused in a run (bypassed in silence,
    a planted entry would hide an attack as well as cost speed, as for the folder), and
    remove them: a link or another's file in our own folder, replaced by a private one."""
    for target in refused:
        with contextlib.suppress(OSError):
            os.unlink(target)
    what = (
        f"{len(refused)} cache entries in {refused[0].parent} (e.g. {refused[0].name}) are not "
        "private files"
        if len(refused) > 1
        else f"cache entry {refused[0]} is not a private file"
    )
    sys.stderr.write(
        f"plantrack: warning: {what} of this user (a symbolic link, another owner's, or "
        "writable by others): not read; checked afresh and stored again\n"
    )


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


def _owned_and_private(info: os.stat_result) -> bool:
    """Ours, and writable by nobody else (POSIX; Windows has neither notion here)."""
    if os.name != "posix":
        return True
    return info.st_uid == os.geteuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def trusted_folder(folder: Path) -> bool:
    """Whether the cache folder may be read and written: absent (made 0700 when first
    stored), or a real folder that is ours and that no other account can write to.

    Anyone who can write to the cache can plant an entry that makes a committee paper
    say what they like; so a folder of another user's, or group- or world-writable (a
    shared /tmp folder), is bypassed with a warning: one ``lstat`` per run."""
    try:
        info = os.lstat(folder)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    if stat.S_ISDIR(info.st_mode) and _owned_and_private(info):
        return True
    # The core prints nothing else; but a cache bypassed in silence would hide an attack
    # as well as cost speed, so this one line goes to stderr from wherever it runs.
    sys.stderr.write(
        f"plantrack: warning: cache folder {folder} is not a private folder of this user "
        "(another owner, writable by others, or not a folder): not used; "
        "set PLANTRACK_CACHE_DIR to a folder of your own\n"
    )
    return False


def _store(target: Path, payload: bytes) -> None:
    try:
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        # a cache entry needs no fsync; a symlink planted under an entry's name is
        # replaced, never written through
        write_atomically(target, payload, durable=False, follow_links=False, mode=0o600)
    except (OSError, PlantrackError):
        pass  # a read-only home must not stop a report


def clear() -> int:
    """Remove every cached entry (the kept last-updated dates too); return how many. Only
    regular files named as :data:`ENTRY_NAME` says: ``PLANTRACK_CACHE_DIR`` pointed at a
    project folder must not cost it its ``package.json``."""
    folder = cache_dir()
    removed = 0
    for path in folder.glob("*.json") if folder.is_dir() else ():
        try:
            if not ENTRY_NAME.fullmatch(path.name) or not stat.S_ISREG(os.lstat(path).st_mode):
                continue
            path.unlink()
            removed += 1
        except OSError:
            continue
    return removed
