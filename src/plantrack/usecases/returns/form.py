"""What a quarterly return holds: its columns, what it records beside the visible rows
(the commit it was made from, each row's status and due as issued), the words a lead may
answer with, and its safe, predictable file names. Named here once, so the writer
(:mod:`plantrack.render.returns`) and the reader (:mod:`.read`) agree."""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from plantrack.errors import PlantrackError
from plantrack.plan.status import UnknownStatus
from plantrack.usecases.update import vocabulary_of

if TYPE_CHECKING:
    from plantrack.dates import Quarter

# --- what a return holds ------------------------------------------------------------------

COLUMNS = (
    "Id",
    "Plan",
    "Theme",
    "Action",
    "Title",
    "Due",
    "Status",
    "Rationale",
    "New status",
    "New rationale",
    "Revised date",
)
GIVEN = COLUMNS[:8]  # as the plan stands: locked in the workbook
FILL_IN = COLUMNS[8:]  # the lead's answers
NO_CHANGE = "no change"  # a New status meaning "as it was", which counts as an answer
MARKER = "plantrack return"  # first cell of the CSV's comment row; title of the hidden sheet
META_KEYS = (
    "format",
    "quarter",
    "quarter_start",
    "quarter_end",
    "owner",
    "by",
    "commit",
    "issued",
    "deadline",
)
# 2: Id is the item's own id (its plan is in Plan), with Theme and Action beside it, and
# the quarter's first and last day. Format 1 wrote PLAN-ID:ID in Id; both are read.
FORMAT_VERSION = "2"
DEFAULT_NOTICE = timedelta(days=14)  # the deadline when none is given: two weeks from issue
GROUPINGS = ("lead", "directorate")


@dataclass(frozen=True)
class ReturnRow:
    """One trackable as the lead is asked about it, and as it stood when issued."""

    ref: str  # PLAN-ID:ID
    plan: str
    title: str
    due: str
    status: str  # as the file writes it (a milestone's may be its action's), or ""
    rationale: str
    theme: str = ""  # the theme's title, for context
    action: str = ""  # a milestone's action's title ("" for an action)

    @property
    def id(self) -> str:
        """The item's own id: the plan is named once, in its own column."""
        return self.ref.removeprefix(self.plan + ":")

    def given(self) -> tuple[str, ...]:
        """The values of :data:`GIVEN`, in order."""
        return (
            self.id,
            self.plan,
            self.theme,
            self.action,
            self.title,
            self.due,
            self.status,
            self.rationale,
        )


def item_ref(item_id: str, plan_id: str) -> str:
    """The ``PLAN-ID:ID`` a row of a return names by its Id and Plan cells (a return of
    format 1 wrote the whole reference in Id, which is kept as it is)."""
    if not item_id or not plan_id or item_id.startswith(plan_id + ":"):
        return item_id
    return f"{plan_id}:{item_id}"


@dataclass
class Return:
    """The return one lead (or directorate) is asked to fill in for a quarter."""

    owner: str
    quarter: str  # label, e.g. "Q3 2026/27"
    by: str  # "lead" or "directorate"
    issued: date
    deadline: date
    commit: str | None
    rows: list[ReturnRow] = field(default_factory=list)
    words: dict[str, tuple[str, ...]] = field(default_factory=dict)  # plan id -> status words
    stem: str = ""  # the file name without its suffix, unique among the quarter's returns
    period: Quarter | None = None  # the quarter itself, in the calendar of its label
    plan_titles: dict[str, str] = field(default_factory=dict)  # plan id -> title

    def meta(self) -> dict[str, str]:
        """What the return carries besides its rows (:data:`META_KEYS`)."""
        first, last = (self.period.first_day, self.period.last_day) if self.period else ("", "")
        return {
            "format": FORMAT_VERSION,
            "quarter": self.quarter,
            "quarter_start": str(first),
            "quarter_end": str(last),
            "owner": self.owner,
            "by": self.by,
            "commit": self.commit or "",
            "issued": self.issued.isoformat(),
            "deadline": self.deadline.isoformat(),
        }

    def choices(self, plan_id: str) -> tuple[str, ...]:
        """The New status drop-down for a row of ``plan_id``: "no change" first."""
        return (NO_CHANGE, *self.words.get(plan_id, ()))


def default_deadline(today: date, period: Quarter) -> date:
    """When returns are due back if no deadline is given: two weeks from today, or from
    the quarter's first day when it has not begun (an answer saved before its quarter
    begins cannot be dated in it). A quarter already over is fine: collect dates its
    answers within it."""
    return max(today, period.first_day) + DEFAULT_NOTICE


def status_words(plan) -> tuple[str, ...]:
    """The words a lead may pick for ``plan``: its legend's words when it has one, else
    the canonical statuses."""
    return tuple(vocabulary_of(plan).words())


def canonical_status(word: object, plan) -> str | None:
    """The canonical value of ``word`` in ``plan``'s vocabulary, or None."""
    if word is None or not str(word).strip():
        return None
    try:
        return vocabulary_of(plan).parse(str(word)).value
    except UnknownStatus:
        return None


# --- safe, predictable file names ---------------------------------------------------------

MAX_STEM = 60


def slug(text: str, fallback: str = "return") -> str:
    """``Head of Housing`` -> ``head-of-housing``: lower-case ASCII letters, digits and
    hyphens only, so the name is safe on every file system and in an email."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower().replace("&", " and ")).strip("-")
    if len(words) > MAX_STEM:
        words = words[:MAX_STEM].rsplit("-", 1)[0] or words[:MAX_STEM]
    return words or fallback


def name_hash(owner: str, length: int = 6) -> str:
    """A short hash of the exact owner name: the same name gives the same file name in
    every run, and names that slug alike ("Head of Housing", "Head of Housing!") differ."""
    return hashlib.sha256(owner.encode("utf-8")).hexdigest()[:length]


def unique_stems(owners: Sequence[str]) -> list[str]:
    """A file name (no suffix) per owner, unique by construction and then checked.

    An owner whose slug no other owner shares gets the slug; owners whose slugs
    collide each get the slug and a short hash of their exact name, so
    "Head of Housing", "Head of Housing!" and "Head of Housing 2" get three names
    whatever order they come in. Names are compared ignoring case (Windows and macOS
    folders do); if a hashed name still meets another, the hash grows.
    """
    stems = [slug(owner) for owner in owners]
    for length in (6, 12, 64):
        clashing = _clashing(stems)
        if not clashing:
            return stems
        for index in clashing:
            stems[index] = f"{slug(owners[index])}-{name_hash(owners[index], length)}"
    if _clashing(stems):  # two different names with one sha256: never seen
        raise PlantrackError(f"two owners would share a return file name: {sorted(owners)}")
    return stems


def _clashing(stems: Sequence[str]) -> set[int]:
    """The indexes of the names another name equals, ignoring case."""
    taken = Counter(stem.casefold() for stem in stems)
    return {index for index, stem in enumerate(stems) if taken[stem.casefold()] > 1}


def quarter_folder(label: str) -> str:
    """``Q3 2026/27`` -> ``Q3-2026-27``: the folder a quarter's returns go in."""
    return slug(label, "returns").upper()


def return_paths(folder: str | os.PathLike, returns: Iterable[Return], suffix: str) -> list[str]:
    """Where each return is written: ``FOLDER/Q3-2026-27/head-of-housing.xlsx``; checked
    to be distinct (ignoring case), so no return of a run overwrites another."""
    paths = [
        os.path.join(folder, quarter_folder(ret.quarter), ret.stem + suffix) for ret in returns
    ]
    if len({path.casefold() for path in paths}) != len(paths):
        raise PlantrackError(f"two returns would be written to the same file: {sorted(paths)}")
    return paths


# --- which files are returns -------------------------------------------------------------

READABLE_SUFFIXES = (".xlsx", ".csv")
# Spreadsheets a lead may save a return as that plantrack does not read: each is
# refused with the way to save it as .xlsx, and chase calls it unreadable, not missing.
REFUSED_SUFFIXES = {
    ".ods": "a LibreOffice (OpenDocument) spreadsheet: save it as .xlsx "
    "(File > Save As, file type 'Excel 2007-365')",
    ".xls": "an Excel 97-2003 workbook: save it as .xlsx (File > Save As, 'Excel Workbook')",
    ".xlsm": "a macro-enabled workbook, whose macros plantrack never opens: save it as "
    ".xlsx (File > Save As, 'Excel Workbook')",
    ".numbers": "an Apple Numbers file: export it as .xlsx (File > Export To > Excel)",
}


def refused_format(path: str | os.PathLike) -> str | None:
    """Why ``path`` cannot be read as a return when it is a spreadsheet of a kind
    plantrack does not read (``.ods``), else None."""
    suffix = os.path.splitext(str(path))[1].lower()
    reason = REFUSED_SUFFIXES.get(suffix)
    return f"plantrack reads .xlsx and .csv returns; this is {reason}" if reason else None


def load_openpyxl(purpose: str):
    """openpyxl, imported only when a workbook is read or written (it takes ~0.3 s to
    import, and most commands never touch a workbook)."""
    try:
        import openpyxl  # lazy: heavy, and only the quarterly return and import need it
    except ImportError:
        raise PlantrackError(
            f"{purpose} needs openpyxl, which is missing from this installation",
            hint="reinstall plantrack from its repository with its dependencies, "
            "or use CSV returns",
        ) from None
    return openpyxl
