"""The quarterly return: ask each lead for their items, read the answers back.

``request`` builds one :class:`Return` per lead (or directorate) from the plans
as committed; the renderers (:mod:`plantrack.render.returns`) lay it out as a
workbook or a CSV. What a return records beside the visible rows -- the commit
it was made from, and each row's status and due as issued -- is named here once
(:data:`META_KEYS`, :data:`COLUMNS`), so the writer and the reader agree.

No Typer, no rich, no flag names: problems are :class:`Diagnostic` values and
refusals :class:`PlantrackError`; the CLI adds the options.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from plantrack.index import Trackable
from plantrack.period import QuarterName, quarter_or_current
from plantrack.plan.status import Status, parse_status
from plantrack.workspace import Workspace

# --- what a return holds ------------------------------------------------------------------

COLUMNS = (
    "Id",
    "Plan",
    "Title",
    "Due",
    "Status",
    "Rationale",
    "New status",
    "New rationale",
    "Revised date",
)
GIVEN = COLUMNS[:6]  # as the plan stands: locked in the workbook
FILL_IN = COLUMNS[6:]  # the lead's answers
NO_CHANGE = "no change"  # a New status meaning "as it was", which counts as an answer
MARKER = "plantrack return"  # first cell of the CSV's comment row; title of the hidden sheet
META_KEYS = ("format", "quarter", "owner", "by", "commit", "issued", "deadline")
FORMAT_VERSION = "1"
DEFAULT_NOTICE = timedelta(days=14)  # the deadline when none is given: two weeks from issue
NO_OWNER = {"lead": "(no lead)", "directorate": "(no directorate)"}
GROUPINGS = tuple(NO_OWNER)


@dataclass(frozen=True)
class ReturnRow:
    """One trackable as the lead is asked about it, and as it stood when issued."""

    ref: str  # PLAN-ID:ID
    plan: str
    title: str
    due: str
    status: str  # canonical value, or "" when not reported
    rationale: str

    def given(self) -> tuple[str, ...]:
        """The values of :data:`GIVEN`, in order."""
        return (self.ref, self.plan, self.title, self.due, self.status, self.rationale)


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

    def meta(self) -> dict[str, str]:
        """What the return carries besides its rows (:data:`META_KEYS`)."""
        return {
            "format": FORMAT_VERSION,
            "quarter": self.quarter,
            "owner": self.owner,
            "by": self.by,
            "commit": self.commit or "",
            "issued": self.issued.isoformat(),
            "deadline": self.deadline.isoformat(),
        }

    def choices(self, plan_id: str) -> tuple[str, ...]:
        """The New status drop-down for a row of ``plan_id``: "no change" first."""
        return (NO_CHANGE, *self.words.get(plan_id, ()))


def status_words(plan) -> tuple[str, ...]:
    """The words a lead may pick for ``plan``: its own legend (``statuses:``) when it has
    one, else the canonical statuses."""
    legend = getattr(plan, "statuses", None)
    if legend:
        return tuple(str(word) for word in legend)
    return tuple(status.value for status in Status)


def canonical_status(word: str | None, plan) -> str | None:
    """The canonical value of ``word`` in ``plan``'s vocabulary (legend first), or None."""
    if word is None or not str(word).strip():
        return None
    legend = getattr(plan, "statuses", None) or {}
    for own, meaning in legend.items():
        if _word_key(own) == _word_key(word):
            return parse_status(meaning).value
    try:
        return parse_status(str(word)).value
    except ValueError:
        return None


def _word_key(word: object) -> str:
    return " ".join(str(word).split()).casefold()


# --- request: which rows, for whom ----------------------------------------------------------


def quarter_label(quarter: QuarterName | None, workspace: Workspace) -> str:
    """The label of the quarter in the first plan's calendar (folders are named by it)."""
    year_start = workspace.plans[0].plan.year_start if workspace.plans else 4
    return quarter_or_current(quarter, year_start, workspace.today).label()


def is_asked(row: Trackable, quarter: QuarterName | None, today: date) -> bool:
    """A lead is asked about every item not yet done, and about a done one that falls
    due in the quarter or the next (to confirm it), each in its plan's calendar."""
    if not row.done:
        return True
    asked = quarter_or_current(quarter, row.year_start, today)
    deadline = row.deadline
    return deadline is not None and asked.first_day <= deadline <= asked.next().last_day


def owners_of(row: Trackable, by: str) -> list[str]:
    """Whom a row is asked of: each of its leads, or its directorate."""
    if by == "directorate":
        return [row.directorate or NO_OWNER[by]]
    return list(dict.fromkeys(row.lead)) or [NO_OWNER[by]]


def build_returns(
    workspace: Workspace,
    quarter: QuarterName | None,
    *,
    by: str = "lead",
    deadline: date | None = None,
    commit: str | None = None,
    rows: Iterable[Trackable] | None = None,
) -> list[Return]:
    """One return per owner, rows in plan file order; owners sorted by name.

    ``rows`` narrows the trackables considered (default: all of the workspace's).
    """
    if by not in GROUPINGS:
        raise ValueError(f"by must be one of {GROUPINGS}")
    today = workspace.today
    label = quarter_label(quarter, workspace)
    plans = {loaded.plan.id: loaded.plan for loaded in workspace.plans}
    returns: dict[str, Return] = {}
    for row in workspace.rows if rows is None else rows:
        if not is_asked(row, quarter, today):
            continue
        for owner in owners_of(row, by):
            found = returns.get(owner)
            if found is None:
                found = returns[owner] = Return(
                    owner, label, by, today, deadline or today + DEFAULT_NOTICE, commit
                )
            found.rows.append(_row(row))
            found.words.setdefault(row.plan, status_words(plans[row.plan]))
    ordered = sorted(returns.values(), key=lambda r: (r.owner.casefold(), r.owner))
    for ret, stem in zip(ordered, unique_stems([r.owner for r in ordered]), strict=True):
        ret.stem = stem
    return ordered


def _row(row: Trackable) -> ReturnRow:
    return ReturnRow(
        ref=row.ref,
        plan=row.plan,
        title=row.title,
        due=row.due or "",
        status=row.status.value if row.status else "",
        rationale=" ".join((row.rationale or "").split()),
    )


# --- safe, predictable file names ---------------------------------------------------------

MAX_STEM = 60


def slug(text: str, fallback: str = "return") -> str:
    """``Head of Housing`` -> ``head-of-housing``: lower-case ASCII letters, digits and
    hyphens only, so the name is safe on every file system and in an email."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower().replace("&", " and ")).strip("-")
    if len(words) > MAX_STEM:
        words = words[:MAX_STEM].rsplit("-", 1)[0] or words[:MAX_STEM]
    return words or fallback


def unique_stems(owners: Sequence[str]) -> list[str]:
    """A slug per owner; two owners whose slugs collide get ``-2``, ``-3`` in order."""
    seen: dict[str, int] = {}
    stems = []
    for owner in owners:
        base = slug(owner)
        count = seen.get(base, 0) + 1
        seen[base] = count
        stems.append(base if count == 1 else f"{base}-{count}")
    return stems


def quarter_folder(label: str) -> str:
    """``Q3 2026/27`` -> ``Q3-2026-27``: the folder a quarter's returns go in."""
    return slug(label, "returns").upper()


def return_paths(folder: str | os.PathLike, returns: Iterable[Return], suffix: str) -> list[str]:
    """Where each return is written: ``FOLDER/Q3-2026-27/head-of-housing.xlsx``."""
    return [os.path.join(folder, quarter_folder(ret.quarter), ret.stem + suffix) for ret in returns]


def load_openpyxl(purpose: str):
    """openpyxl, imported only when a workbook is read or written (it takes ~0.3 s to
    import, and most commands never touch a workbook)."""
    try:
        import openpyxl  # lazy: heavy, and only the quarterly return and import need it
    except ImportError:
        from plantrack.errors import PlantrackError

        raise PlantrackError(
            f"{purpose} needs openpyxl, which is missing from this installation",
            hint="reinstall plantrack from its repository with its dependencies, "
            "or use CSV returns",
        ) from None
    return openpyxl
