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

import csv
import dataclasses
import difflib
import io
import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from plantrack.dates import DateError, parse
from plantrack.edit import splice_values
from plantrack.errors import Diagnostic, PlantrackError
from plantrack.fileio import write_atomically
from plantrack.index import Trackable
from plantrack.period import QuarterName, quarter_or_current
from plantrack.plan.load import load_bytes, load_text, read_bytes
from plantrack.plan.status import UnknownStatus, Vocabulary, accepted_spellings
from plantrack.plan.walk import nodes
from plantrack.query import Filters, select
from plantrack.suggest import did_you_mean
from plantrack.usecases.update import verify, vocabulary_of
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
    status: str  # as the file writes it (a milestone's may be its action's), or ""
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


def returns_for(
    workspace: Workspace,
    quarter: QuarterName | None,
    *,
    by: str = "lead",
    filters: Filters | None = None,
    deadline: date | None = None,
    commit: str | None = None,
) -> list[Return]:
    """:func:`build_returns` over the rows ``filters`` keep; with a lead (or, by
    directorate, a directorate) filter only the owners it names get a return, so an
    item with two leads does not send a return to the other one."""
    filters = filters or Filters()
    rows = select(workspace.rows, filters)
    found = build_returns(workspace, quarter, by=by, deadline=deadline, commit=commit, rows=rows)
    wanted = filters.lead if by == "lead" else filters.directorate
    if wanted:
        found = [ret for ret in found if wanted.casefold() in ret.owner.casefold()]
    return found


def _row(row: Trackable) -> ReturnRow:
    return ReturnRow(
        ref=row.ref,
        plan=row.plan,
        title=row.title,
        due=row.due or "",
        status=row.status_word or (row.status.value if row.status else ""),
        rationale=" ".join((row.rationale or "").split()),
    )


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
        raise PlantrackError(
            f"{purpose} needs openpyxl, which is missing from this installation",
            hint="reinstall plantrack from its repository with its dependencies, "
            "or use CSV returns",
        ) from None
    return openpyxl


# --- reading a return back ------------------------------------------------------------------

REQUIRED = ("Id", *FILL_IN)
NO_CHANGE_KEYS = frozenset({"nochange", "unchanged"})


@dataclass
class FilledRow:
    """One row of a return as the lead sent it back, with where each cell is."""

    line: int  # the spreadsheet row, or the CSV line
    ref: str
    status: str  # as issued (the record sheet, or the CSV's Status column)
    due: str
    new_status: str
    new_rationale: str
    revised_date: str
    columns: dict[str, int]  # column name -> 1-based column number

    @property
    def filled(self) -> bool:
        return bool(self.new_status or self.new_rationale or self.revised_date)

    @property
    def answered(self) -> bool:
        """Complete, for ``chase``: a new status, or an explicit "no change"."""
        return bool(self.new_status)

    @property
    def no_change(self) -> bool:
        return re.sub(r"[^a-z]", "", self.new_status.lower()) in NO_CHANGE_KEYS


@dataclass
class FilledReturn:
    """A return file read back: what it recorded, its rows, and what could not be read."""

    path: str
    meta: dict[str, str]
    rows: list[FilledRow] = field(default_factory=list)
    filled_on: date | None = None  # the day it was last saved
    problems: list = field(default_factory=list)  # Diagnostics

    @property
    def owner(self) -> str:
        return self.meta.get("owner") or os.path.splitext(os.path.basename(self.path))[0]

    @property
    def answered(self) -> int:
        return sum(row.answered for row in self.rows)


def _problem(path: str, code: str, message: str, line: int = 0, col: int = 0, hint=None):
    return Diagnostic(code, message, path, line, col, hint)


def _cell(value: object) -> str:
    """A cell as text: dates as ISO, whole numbers without '.0', spacing collapsed."""
    if value is None:
        return ""
    if isinstance(value, date):  # a datetime too: Excel turns a typed date into one
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def read_return(path: str | os.PathLike) -> FilledReturn:
    """Read a filled return (.xlsx or .csv); problems are reported, never raised."""
    path = str(path)
    suffix = os.path.splitext(path)[1].lower()
    if suffix not in (".xlsx", ".csv"):
        found = FilledReturn(path, {})
        found.problems.append(
            _problem(path, "PT505", "not a return: expected an .xlsx or .csv file")
        )
        return found
    try:
        with open(path, "rb") as stream:
            data = stream.read()
        modified = os.stat(path).st_mtime
    except OSError as err:
        found = FilledReturn(path, {})
        found.problems.append(_problem(path, "PT505", f"cannot read: {err.strerror or err}"))
        return found
    if suffix == ".xlsx":
        return _read_workbook(path, data)
    found = _read_csv(path, data)
    found.filled_on = datetime.fromtimestamp(modified).date()
    return found


def _table(path: str, found: FilledReturn, header: list[str], header_line: int, body) -> None:
    """Rows from a header and ``(line, cells)`` pairs, into ``found``."""
    columns = {name: index + 1 for index, name in enumerate(header) if name}
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        found.problems.append(
            _problem(
                path,
                "PT505",
                f"not a return: no column {', '.join(repr(m) for m in missing)}",
                header_line,
                1,
                "send back the file plantrack request wrote, with its columns as they were",
            )
        )
        return
    recorded = found.meta.get("_recorded", {})

    def value(cells: list[str], name: str) -> str:
        index = columns.get(name, 0) - 1
        return cells[index] if 0 <= index < len(cells) else ""

    for line, cells in body:
        if not any(cells):
            continue
        ref = value(cells, "Id")
        status, due = recorded.get(ref, (value(cells, "Status"), value(cells, "Due")))
        found.rows.append(
            FilledRow(
                line,
                ref,
                status,
                due,
                value(cells, "New status"),
                value(cells, "New rationale"),
                value(cells, "Revised date"),
                columns,
            )
        )


def _read_workbook(path: str, data: bytes) -> FilledReturn:
    openpyxl = load_openpyxl("reading an .xlsx return")
    found = FilledReturn(path, {})
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as err:  # noqa: BLE001 - openpyxl raises many types for a bad file
        found.problems.append(_problem(path, "PT505", f"not a readable .xlsx file ({err})"))
        return found
    modified = book.properties.modified
    found.filled_on = modified.date() if modified else None
    if "plantrack" in book.sheetnames:
        found.meta.update(_record(book["plantrack"]))
    if "Return" not in book.sheetnames:
        found.problems.append(
            _problem(
                path,
                "PT505",
                "not a return: no sheet 'Return'",
                hint="send back the file plantrack request wrote, with its sheets as they were",
            )
        )
        return found
    rows = [[_cell(v) for v in row] for row in book["Return"].iter_rows(values_only=True)]
    if not rows:
        found.problems.append(_problem(path, "PT505", "not a return: the sheet 'Return' is empty"))
        return found
    _table(path, found, rows[0], 1, enumerate(rows[1:], start=2))
    return found


def _record(sheet) -> dict:
    """The very hidden sheet: key/value rows, a blank row, then Id/Status/Due as issued."""
    meta: dict = {}
    recorded: dict[str, tuple[str, str]] = {}
    in_table = False
    for row in sheet.iter_rows(values_only=True):
        cells = [_cell(v) for v in row] + ["", "", ""]
        if cells[0] == "Id" and cells[1] == "Status":
            in_table = True
        elif in_table and cells[0]:
            recorded[cells[0]] = (cells[1], cells[2])
        elif cells[0] in META_KEYS:
            meta[cells[0]] = cells[1]
    meta["_recorded"] = recorded
    return meta


def _read_csv(path: str, data: bytes) -> FilledReturn:
    found = FilledReturn(path, {})
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        found.problems.append(
            _problem(
                path,
                "PT505",
                f"not UTF-8 text (byte {err.start + 1})",
                hint="save it as 'CSV UTF-8 (comma delimited)'",
            )
        )
        return found
    first = next((line for line in text.splitlines() if line and not line.startswith("#")), "")
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header: list[str] | None = None
    header_line = 0
    body = []
    for cells in reader:
        line = reader.line_num - sum(cell.count("\n") for cell in cells)
        cells = [_cell(c) for c in cells]
        if cells and cells[0].startswith("#"):
            if MARKER in cells[0]:
                found.meta.update(_meta_cells(cells[1:]))
            continue
        if header is None:
            if cells and cells[0] == "Id":
                header, header_line = cells, line
            continue
        body.append((line, cells))
    if header is None:
        found.problems.append(
            _problem(path, "PT505", "not a return: no row starting with the column 'Id'")
        )
        return found
    _table(path, found, header, header_line, body)
    return found


def _meta_cells(cells: list[str]) -> dict[str, str]:
    meta = {}
    for cell in cells:
        key, sep, value = cell.partition(":")
        if sep and key.strip() in META_KEYS:
            meta[key.strip()] = value.strip()
    return meta


# --- collect: check every answer, then splice them in -------------------------------------


@dataclass
class Answer:
    """A filled row that passed its checks: the values to write into one item."""

    source: FilledReturn
    row: FilledRow
    plan_file: str
    path: tuple  # the item's PathKey in its document
    values: dict[str, str]
    vocabulary: Vocabulary  # the plan's status words: a respelling is no change
    changes: dict[str, tuple[object, str]] = field(default_factory=dict)  # after splicing

    @property
    def ref(self) -> str:
        return self.row.ref


@dataclass
class PlanEdit:
    """One plan file's bytes before and after every answer for it was spliced in."""

    file: str
    before: bytes
    after: bytes

    def diff(self) -> str:
        old = self.before.decode("utf-8-sig").splitlines(keepends=True)
        new = self.after.decode("utf-8-sig").splitlines(keepends=True)
        return "".join(difflib.unified_diff(old, new, self.file, self.file))


@dataclass
class Collection:
    """What collect found and would write; nothing is written until :func:`write`."""

    returns: list[FilledReturn]
    answers: list[Answer] = field(default_factory=list)
    problems: list = field(default_factory=list)  # unreadable values, unknown items
    conflicts: list = field(default_factory=list)  # changed in git since issued
    skipped: list[str] = field(default_factory=list)  # returns left out for their errors
    edits: list[PlanEdit] = field(default_factory=list)
    forced: bool = False

    @property
    def refused(self) -> bool:
        """Something was asked for and not applied (exit 1)."""
        return bool(self.problems) or (bool(self.conflicts) and not self.forced)

    @property
    def changed(self) -> list[Answer]:
        return [answer for answer in self.answers if answer.changes]


def collect(
    files: Sequence[str | os.PathLike],
    workspace: Workspace,
    *,
    as_of: date | None = None,
    partial: bool = False,
    force: bool = False,
) -> Collection:
    """Read every return, check every filled value, and splice the answers in memory.

    A return with an unreadable value or an unknown item contributes nothing unless
    ``partial`` (then its good rows do); a row whose item's status or due is no longer
    what the return recorded is a conflict, left out unless ``force``. Each plan file's
    result is re-validated (:func:`plantrack.usecases.update.verify`) before anything is written.
    """
    rows = {row.ref: row for row in workspace.rows}
    items = {}
    for loaded in workspace.plans:
        for node in nodes(loaded.plan):
            if node.is_trackable:
                ref = f"{loaded.plan.id}:{node.id}"
                items[ref] = (loaded, node, rows[ref])
    broken = {d.file for d in workspace.errors}
    result = Collection([read_return(f) for f in files], forced=force)
    seen: dict[str, tuple[str, int]] = {}
    for found in result.returns:
        problems = list(found.problems)
        answers, conflicts = [], []
        day = as_of or min(found.filled_on or workspace.today, workspace.today)
        for row in found.rows:
            if not row.filled:
                continue
            answer, row_problems, conflict = _check_row(found, row, items, broken, day)
            problems.extend(row_problems)
            if answer is None:
                continue
            earlier = seen.get(row.ref)
            if earlier is not None:
                conflict = conflict or _problem(
                    found.path,
                    "PT506",
                    f"{row.ref} is answered twice: also in {earlier[0]} row {earlier[1]}",
                    row.line,
                    row.columns["Id"],
                    "keep one answer, or collect with force to apply both in order",
                )
            seen[row.ref] = (found.path, row.line)
            if conflict is not None:
                if force:  # applied all the same: still worth a look in the review
                    conflict = dataclasses.replace(conflict, severity="warning")
                conflicts.append(conflict)
                if not force:
                    continue
            answers.append(answer)
        result.problems.extend(problems)
        result.conflicts.extend(conflicts)
        if problems and not partial:
            if answers:  # good rows held back: say so (an unreadable file has none)
                result.skipped.append(found.path)
            continue
        result.answers.extend(answers)
    result.edits = _splice(result.answers, workspace.today)
    return result


def _check_row(found: FilledReturn, row: FilledRow, items, broken, day: date):
    """(answer or None, problems, conflict or None) for one filled row."""
    path, col = found.path, row.columns
    located = items.get(row.ref)
    if located is None:
        close = did_you_mean(row.ref, items)
        message = f"Id: no item '{row.ref}' in the plans" if row.ref else "Id: empty"
        return None, [_problem(path, "PT503", message, row.line, col["Id"], close)], None
    loaded, node, current = located
    if loaded.file in broken:
        message = f"{row.ref}: its plan file {loaded.file} has errors; fix them first"
        return None, [_problem(path, "PT503", message, row.line, col["Id"])], None
    plan = loaded.plan
    problems = []
    values: dict[str, str] = {}
    if row.new_status and not row.no_change:
        written = _status_to_write(row.new_status, plan)
        if written is None:
            words = ", ".join(status_words(plan))
            hint = did_you_mean(row.new_status.lower(), _suggestible(plan))
            problems.append(
                _problem(
                    path,
                    "PT501",
                    f"New status: '{row.new_status}' is not a status of plan {plan.id}",
                    row.line,
                    col["New status"],
                    (hint + " " if hint else "") + f"pick one of: {NO_CHANGE}, {words}",
                )
            )
        else:
            values["status"] = written
    if row.new_rationale:
        values["rationale"] = row.new_rationale
    if row.revised_date:
        try:
            parse(row.revised_date, plan.financial_year, plan.year_start)
        except DateError as err:
            problems.append(
                _problem(
                    path,
                    "PT502",
                    f"Revised date: '{row.revised_date}' is not a date: {err.message}",
                    row.line,
                    col["Revised date"],
                    err.suggestion or "write e.g. 'Q1 2027/28', 'June 2027' or '2027-06-30'",
                )
            )
        else:
            values["due"] = row.revised_date
    if problems:
        return None, problems, None
    if values.keys() & {"status", "rationale"} or row.no_change:
        values["as_of"] = day.isoformat()
    answer = Answer(found, row, loaded.file, node.path, values, vocabulary_of(plan))
    return answer, [], _conflict(found, row, plan, current)


def _suggestible(plan) -> list[str]:
    """Words to suggest from: the plan's legend and every built-in spelling."""
    return [*vocabulary_of(plan).legend, *(word.lower() for word in accepted_spellings())]


def _status_to_write(word: str, plan) -> str | None:
    """The word as ``update`` writes it (the legend's spelling, else canonical), or None."""
    try:
        return vocabulary_of(plan).written(word)
    except UnknownStatus:
        return None


def _conflict(found: FilledReturn, row: FilledRow, plan, current: Trackable):
    """A Diagnostic when the item's status or due, as reports (and the return) read them,
    is not what the return recorded."""
    now_status = current.status.value if current.status else ""
    then_status = canonical_status(row.status, plan) or row.status
    now_due = " ".join((current.due or "").split())
    then_due = " ".join(row.due.split())
    what = []
    if now_status != then_status:
        what.append(f"status '{then_status or '(none)'}' is now '{now_status or '(none)'}'")
    if now_due != then_due:
        what.append(f"due '{then_due or '(none)'}' is now '{now_due or '(none)'}'")
    if not what:
        return None
    since = found.meta.get("commit", "")[:12]
    return _problem(
        found.path,
        "PT504",
        f"{row.ref} changed since the return was issued"
        + (f" (commit {since})" if since else "")
        + ": "
        + "; ".join(what),
        row.line,
        row.columns["Id"],
        "check the answer against the plan, then collect with force to apply it anyway",
    )


def _splice(answers: list[Answer], today: date) -> list[PlanEdit]:
    """Each plan file's new bytes: the answers spliced in one by one, each result
    re-loaded and proven (:func:`plantrack.usecases.update.verify`) before the next."""
    by_file: dict[str, list[Answer]] = {}
    for answer in answers:
        by_file.setdefault(answer.plan_file, []).append(answer)
    edits = []
    for file, group in by_file.items():
        before = read_bytes(file)
        doc = load_bytes(before, file)
        for answer in group:
            text, changes = splice_values(doc, answer.path, answer.values, answer.vocabulary)
            if not changes:
                continue
            verify(doc, text, answer.path, changes, today)
            answer.changes = changes
            doc = load_text(text, file, doc.has_bom)
        after = (("\ufeff" if doc.has_bom else "") + doc.text).encode("utf-8")
        if after != before:
            edits.append(PlanEdit(file, before, after))
    return edits


def write(collection: Collection) -> None:
    """Write every changed plan file atomically, after checking none changed on disk
    since it was read (so a refusal, or a race, changes no byte anywhere)."""
    for edit in collection.edits:
        if read_bytes(edit.file) != edit.before:
            raise PlantrackError(f"{edit.file} changed on disk while collecting; run it again")
    for edit in collection.edits:
        write_atomically(edit.file, edit.after)


def commit_message(collection: Collection, quarter: str | None = None) -> str:
    """The subject, then per lead (and return) one line per item changed."""
    changed = collection.changed
    sources = list(dict.fromkeys(answer.source.path for answer in changed))
    label = quarter or next(
        (r.meta.get("quarter") for r in collection.returns if r.meta.get("quarter")), ""
    )
    subject = (
        f"Quarterly return{' ' + label if label else ''}: "
        f"{len(changed)} item(s) updated from {len(sources)} return(s)"
    )
    lines = [subject, ""]
    for source in sources:
        ret = next(r for r in collection.returns if r.path == source)
        lines.append(f"{ret.owner} ({os.path.basename(source)}):")
        for answer in changed:
            if answer.source.path == source:
                lines.append(f"- {answer.ref}: {describe_changes(answer.changes)}")
    return "\n".join(lines) + "\n"


def describe_changes(changes: dict[str, tuple[object, str]]) -> str:
    """ "status on-track -> completed, rationale, as_of 2026-11-20" """
    parts = []
    for key, (old, new) in changes.items():
        if key == "rationale":
            parts.append("rationale")
        elif key == "original_due":
            continue  # implied by the due change
        elif key == "as_of":
            parts.append(f"as_of {new}")
        else:
            parts.append(f"{key} {old if old is not None else '(none)'} -> {new}")
    return ", ".join(parts)


# --- chase: who has not answered --------------------------------------------------------------

RETURN_SUFFIXES = (".xlsx", ".csv")


@dataclass(frozen=True)
class Outstanding:
    """One owner's return for ``chase``: its state and how far it got."""

    owner: str
    state: str  # missing, unreadable, not answered, incomplete, complete
    answered: int
    rows: int
    file: str

    def as_dict(self, by: str = "lead") -> dict[str, object]:
        return {
            by: self.owner,
            "state": self.state,
            "answered": self.answered,
            "rows": self.rows,
            "file": self.file,
        }


def chase(
    workspace: Workspace,
    quarter: QuarterName | None,
    folder: str | os.PathLike,
    *,
    by: str = "lead",
    filters: Filters | None = None,
) -> tuple[str, list[Outstanding]]:
    """The quarter's folder and every owner's return state, owners sorted by name.

    Who should answer comes from the plans (as ``request`` would ask today); what they
    answered comes from the files in the quarter's folder, matched by the owner each
    return records. A return is complete when every row has a New status ("no change"
    counts); an owner with a return but no longer in the plans is still listed.
    """
    issued = returns_for(workspace, quarter, by=by, filters=filters)
    expected = {ret.owner: len(ret.rows) for ret in issued}
    by_stem = {ret.stem: ret.owner for ret in issued}
    where = os.path.join(folder, quarter_folder(quarter_label(quarter, workspace)))
    best: dict[str, FilledReturn] = {}
    unreadable: dict[str, str] = {}
    names = sorted(os.listdir(where)) if os.path.isdir(where) else []
    for name in names:
        if not name.lower().endswith(RETURN_SUFFIXES) or name.startswith((".", "~$")):
            continue
        found = read_return(os.path.join(where, name))
        if found.problems and not found.rows:
            stem = os.path.splitext(name)[0]
            unreadable[found.meta.get("owner") or by_stem.get(stem, stem)] = found.path
            continue
        if found.meta.get("by", by) != by:
            continue
        held = best.get(found.owner)
        if held is None or found.answered > held.answered:
            best[found.owner] = found
    owners = sorted({*expected, *best, *unreadable}, key=lambda o: (o.casefold(), o))
    states = []
    for owner in owners:
        found = best.get(owner)
        if found is None:
            state = "unreadable" if owner in unreadable else "missing"
            file = unreadable.get(owner, "")
            states.append(Outstanding(owner, state, 0, expected.get(owner, 0), file))
            continue
        total, answered = len(found.rows), found.answered
        state = (
            "complete" if answered == total else "not answered" if answered == 0 else "incomplete"
        )
        states.append(Outstanding(owner, state, answered, total, found.path))
    return where, states
