"""The issued record: what a return asked, sealed so that ``collect`` can trust it.

A return travels through the hands of the lead it is for, and everything on its sheets
can be edited (a workbook's protection has no password; a CSV is text). So what a
return was issued with -- the quarter, the owner, and each row's id, title, due,
status and rationale -- is written into it once more as a record sealed with a keyed
digest (HMAC-SHA256 over the record's canonical JSON). The key never leaves the
officer's clone: ``.git/plantrack/returns.key`` (made, readable by its owner only, on
the first ``request``), or ``.plantrack-returns.key`` beside the plans outside git.
A lead can read the record but cannot change it, nor make one, without the seal
failing; ``collect`` takes "as issued" from the verified record only.

Where the record is kept: a very hidden sheet ``plantrack issued`` in a workbook (one
cell per row in column A), the end of the first (comment) row of a CSV. Its cells are
``d:`` and the digest, then ``r:`` and pieces of the record in base64, each far below
a spreadsheet cell's 32,767 characters, none of them a number, a date or a formula to
a spreadsheet that opens the file.
"""

from __future__ import annotations

import base64
import binascii
import csv
import hmac
import io
import json
import os
import secrets
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from plantrack.errors import PlantrackError
from plantrack.git import gitlog
from plantrack.usecases.returns.form import Return, load_openpyxl

RECORD_SHEET = "plantrack issued"
RECORD_FORMAT = 1
CHUNK = 8000  # base64 characters per cell
KEY_NAME = "returns.key"
KEY_OUTSIDE_GIT = ".plantrack-returns.key"


class RecordError(PlantrackError):
    """A return whose issued record is missing, altered or cannot be checked."""


@dataclass(frozen=True)
class IssuedRow:
    """One row as it was issued."""

    ref: str
    plan: str
    title: str
    due: str
    status: str
    rationale: str
    theme: str = ""  # context only: the theme's title
    action: str = ""  # context only: a milestone's action's title


@dataclass(frozen=True)
class Issued:
    """A verified record: what the return asked, of whom, for which quarter."""

    quarter: str  # label, e.g. "Q3 2026/27"
    owner: str
    by: str
    commit: str
    issued: date
    rows: tuple[IssuedRow, ...]

    def row(self, ref: str) -> IssuedRow | None:
        return next((row for row in self.rows if row.ref == ref), None)

    def meta(self) -> dict[str, str]:
        """The keys a return's visible metadata has, from the record."""
        return {
            "quarter": self.quarter,
            "owner": self.owner,
            "by": self.by,
            "commit": self.commit,
            "issued": self.issued.isoformat(),
        }


# --- the key --------------------------------------------------------------------------------


def key_file(plans_path: str | os.PathLike) -> Path:
    """Where the key is kept for the plans at ``plans_path``: inside the repository's
    git folder (never committed, shared by its worktrees), else beside the plans."""
    try:
        return Path(gitlog.git_dir(plans_path)) / "plantrack" / KEY_NAME
    except gitlog.GitError:
        folder = Path(plans_path) if os.path.isdir(plans_path) else Path(plans_path).parent
        return folder / KEY_OUTSIDE_GIT


def read_key(path: Path, *, create: bool = False) -> bytes | None:
    """The key; made (owner-only, 0600) when ``create`` and there is none yet."""
    try:
        return path.read_bytes().strip() or None
    except FileNotFoundError:
        if not create:
            return None
    except OSError as err:
        raise PlantrackError(f"cannot read the returns key {path}: {err.strerror}") from None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # made meanwhile by another request: use that one
        return path.read_bytes().strip()
    except OSError as err:
        raise PlantrackError(f"cannot make the returns key {path}: {err.strerror}") from None
    key = secrets.token_hex(32).encode()
    with os.fdopen(handle, "wb") as stream:
        stream.write(key + b"\n")
    return key


# --- sealing, when a return is issued ----------------------------------------------------------


def record_of(ret: Return) -> dict:
    """What a return asked, as the JSON the seal covers."""
    return {
        "format": RECORD_FORMAT,
        "quarter": ret.quarter,
        "owner": ret.owner,
        "by": ret.by,
        "commit": ret.commit or "",
        "issued": ret.issued.isoformat(),
        "plans": sorted({row.plan for row in ret.rows}),
        # IssuedRow's fields, in order: the same whatever the sheet's layout.
        "rows": [
            [
                row.ref,
                row.plan,
                row.title,
                row.due,
                row.status,
                row.rationale,
                row.theme,
                row.action,
            ]
            for row in ret.rows
        ],
    }


def seal(ret: Return, key: bytes) -> list[str]:
    """The record's cells: the digest, then the record in base64 pieces."""
    payload = json.dumps(record_of(ret), sort_keys=True, separators=(",", ":")).encode()
    digest = hmac.new(key, payload, "sha256").hexdigest()
    text = base64.b64encode(payload).decode("ascii")
    return ["d:" + digest, *("r:" + text[i : i + CHUNK] for i in range(0, len(text), CHUNK))]


def embed(data: bytes, suffix: str, cells: list[str]) -> bytes:
    """A rendered return (``.xlsx`` or ``.csv`` bytes) with its sealed record added."""
    if suffix == ".xlsx":
        openpyxl = load_openpyxl("writing an .xlsx return")
        book = openpyxl.load_workbook(io.BytesIO(data))
        sheet = book.create_sheet(RECORD_SHEET)
        sheet.sheet_state = "veryHidden"
        for cell in cells:
            sheet.append([cell])
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()
    text = data.decode("utf-8")
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    return (bom + embed_text(text.removeprefix("\ufeff"), cells)).encode("utf-8")


def embed_text(text: str, cells: list[str]) -> str:
    """A CSV return's text with the record's cells added to its first (comment) row, so
    that no row moves and every message's row number stays the one the lead sees."""
    lines = text.splitlines(keepends=True)
    reader = csv.reader(io.StringIO(text))
    first = next(reader, [])
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=newline).writerow([*first, *cells])
    return buffer.getvalue() + "".join(lines[reader.line_num :])


class Sealer:
    """Seals each return a ``request`` writes, with the key of the plans it is made from
    (the key is made on first use)."""

    def __init__(self, plans_path: str | os.PathLike) -> None:
        self.path = key_file(plans_path)
        self._key: bytes | None = None

    def __call__(self, ret: Return, data: bytes, suffix: str) -> bytes:
        return embed(data, suffix, seal(ret, self.key))

    def text(self, ret: Return, text: str) -> str:
        return embed_text(text, seal(ret, self.key))

    @property
    def key(self) -> bytes:
        if self._key is None:
            self._key = read_key(self.path, create=True)
        assert self._key is not None
        return self._key


# --- verifying, when a return comes back -------------------------------------------------------


def verify(cells: tuple[str, ...], key: bytes | None, key_path: Path) -> Issued:
    """The record the cells hold, if its seal is good; :class:`RecordError` saying why not."""
    digest = next((c[2:] for c in cells if c.startswith("d:")), "")
    text = "".join(c[2:] for c in cells if c.startswith("r:"))
    if not digest or not text:
        raise RecordError(
            "no issued record: this is not a return plantrack request wrote, or its "
            "record was removed",
            hint="send the lead the return request wrote, and collect the copy they send back",
        )
    if key is None:
        raise RecordError(
            f"cannot check what this return was issued with: no key at {key_path}",
            hint="collect in the clone the returns were issued from",
        )
    try:
        payload = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        payload = b""
    if not hmac.compare_digest(hmac.new(key, payload, "sha256").hexdigest(), digest.lower()):
        raise RecordError(
            "the issued record was altered (or issued with another key): nothing in it is trusted",
            hint="ask the lead for the return as it was sent, or issue it again",
        )
    return _issued(json.loads(payload))


def _issued(data: dict) -> Issued:
    return Issued(
        quarter=data["quarter"],
        owner=data["owner"],
        by=data["by"],
        commit=data["commit"],
        issued=date.fromisoformat(data["issued"]),
        rows=tuple(IssuedRow(*row) for row in data["rows"]),
    )
