"""Validation: the model (its errors located by :mod:`plantrack.plan.schema_errors`),
then the checks of docs/reference/plan-format.md that need the whole plan or folder.

Every problem becomes a :class:`~plantrack.errors.Diagnostic` pointing at the
line and column a person should look at, with a hint that says what would be
right. Codes are stable (listed in docs/reference/plan-format.md):

PT0xx reading the file, PT1xx schema, PT2xx plan rules, PT3xx warnings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from plantrack.dates import DateError, parse, parse_month
from plantrack.errors import Diagnostic, PlantrackError
from plantrack.plan.folder import PlanSummary
from plantrack.plan.keys import TRACKED_KINDS, PathKey
from plantrack.plan.load import Document, LoadError, load_bytes, load_file, load_text
from plantrack.plan.model import Plan, Status
from plantrack.plan.ragrule import disagreements
from plantrack.plan.schema_errors import diagnostic_at, validate_document
from plantrack.plan.walk import nodes as walk_nodes
from plantrack.plan.walk import raw_items

STALE_AFTER = timedelta(days=92)  # "more than a quarter before as_of"

# --- rules beyond the schema --------------------------------------------------------------


def check_plan(doc: Document, plan: Plan, today: date) -> list[Diagnostic]:
    """Ids, dates, original_due, due presence and the warnings, for one plan."""
    found: list[Diagnostic] = []
    found += _check_calendar(doc, plan)
    nodes = walk_nodes(plan)
    found += _duplicate_ids(doc, [(node.path, node.item.id) for node in nodes])
    for node in nodes:
        if node.kind in TRACKED_KINDS:
            found += _check_tracked(doc, plan, node, today)
    found += disagreements(doc, plan, nodes, today)
    return found


def _duplicate_ids(doc: Document, ids: list[tuple[PathKey, str]]) -> list[Diagnostic]:
    """PT201 for each id used before in the plan, pointing back at the first use."""
    found = []
    seen: dict[str, int] = {}
    for path, item_id in ids:
        loc = doc.value_loc(path + ("id",))
        first = seen.get(item_id)
        if first is None:
            seen[item_id] = loc.line
            continue
        found.append(
            diagnostic_at(
                doc,
                "PT201",
                f"duplicate id '{item_id}' (first at line {first})",
                loc,
                "ids must be unique within a plan",
            )
        )
    return found


def _check_calendar(doc: Document, plan: Plan) -> list[Diagnostic]:
    found = []
    if plan.financial_year:
        try:
            parse(plan.financial_year, None, plan.year_start)
        except DateError as err:
            found.append(_datediagnostic_at(doc, ("financial_year",), err))
    if plan.period:
        found += _check_expression(doc, plan, ("period",), plan.period)
    return found


def _check_tracked(doc: Document, plan: Plan, node, today: date) -> list[Diagnostic]:
    item, path = node.item, node.path
    found = []
    has_milestones = bool(getattr(item, "milestones", None))
    if item.due is None and not has_milestones:
        found.append(
            diagnostic_at(
                doc,
                "PT206",
                "an action without milestones needs 'due'",
                doc.value_loc(path),
                "add 'due: ...' (a date expression)",
            )
        )
    windows = {}
    for key in ("due", "original_due"):
        text = getattr(item, key)
        if text:
            problems = _check_expression(doc, plan, path + (key,), text)
            found += problems
            if not problems:
                windows[key] = parse(text, plan.financial_year, plan.year_start)
    if item.original_due and item.due and _same_date(item.original_due, item.due, windows):
        found.append(
            diagnostic_at(
                doc,
                "PT204",
                "original_due is the same as due",
                doc.value_loc(path + ("original_due",)),
                "remove original_due, or set due to the revised target date",
            )
        )
    found += _warnings(doc, node, windows.get("due"), today)
    return found


def _same_date(original: str, due: str, windows: dict) -> bool:
    if " ".join(original.split()).lower() == " ".join(due.split()).lower():
        return True
    first, second = windows.get("original_due"), windows.get("due")
    return bool(
        first
        and second
        and first.start
        and (first.start, first.end, first.deadline) == (second.start, second.end, second.deadline)
    )


def _check_expression(doc: Document, plan: Plan, path: PathKey, text: str) -> list[Diagnostic]:
    try:
        parse(text, plan.financial_year, plan.year_start)
    except DateError as err:
        return [_datediagnostic_at(doc, path, err)]
    return []


def _datediagnostic_at(doc: Document, path: PathKey, err: DateError) -> Diagnostic:
    """Point at the character of the value where the date stops making sense."""
    loc = doc.value_loc(path)
    style = doc.styles.get(tuple(path), "")
    col = loc.col
    if loc.line == loc.end_line and style in ("", '"', "'"):
        col += err.position + (1 if style else 0)
    return Diagnostic(
        "PT205", f"'{path[-1]}': {err.message}", doc.path, loc.line, col, err.suggestion
    )


def _warnings(doc: Document, node, window, today: date) -> list[Diagnostic]:
    item, path = node.item, node.path
    found = []
    where = doc.value_loc(path + ("status",)) if item.status else doc.value_loc(path)
    as_of = node.as_of
    if (
        item.status is Status.ON_TRACK
        and window is not None
        and window.deadline
        and as_of
        and window.deadline < as_of - STALE_AFTER
    ):
        found.append(
            diagnostic_at(
                doc,
                "PT301",
                f"status looks stale: on-track but the deadline "
                f"{window.deadline.isoformat()} passed more than a quarter before "
                f"as_of {as_of.isoformat()}",
                where,
                "review the status",
                "warning",
            )
        )
    if item.as_of and item.as_of > today:
        found.append(
            diagnostic_at(
                doc,
                "PT302",
                f"as_of {item.as_of.isoformat()} is in the future",
                doc.value_loc(path + ("as_of",)),
                "use the date of the review",
                "warning",
            )
        )
    if item.rationale and not item.status:
        found.append(
            diagnostic_at(
                doc,
                "PT303",
                "rationale without a status",
                doc.value_loc(path + ("rationale",)),
                "add 'status: ...'",
                "warning",
            )
        )
    return found


def check_plan_as_of(doc: Document, plan: Plan, today: date) -> list[Diagnostic]:
    if plan.as_of and plan.as_of > today:
        return [
            diagnostic_at(
                doc,
                "PT302",
                f"as_of {plan.as_of.isoformat()} is in the future",
                doc.value_loc(("as_of",)),
                "use the date of the review",
                "warning",
            )
        ]
    return []


def check_raw_dates(doc: Document, known: list[Diagnostic]) -> list[Diagnostic]:
    """Date and id checks on a plan the schema refused, from its raw data.

    A typo in one key should not hide a bad date or a duplicate id twenty lines
    further down. Values the schema already complained about are skipped.
    """
    data = doc.data if isinstance(doc.data, dict) else {}
    items = raw_items(data)
    ids = [(path, item["id"]) for path, item in items if isinstance(item.get("id"), str)]
    return _duplicate_ids(doc, ids) + _raw_date_errors(doc, data, items, known)


def _raw_date_errors(
    doc: Document, data: dict, items: list[tuple[PathKey, dict]], known: list[Diagnostic]
) -> list[Diagnostic]:
    try:
        year_start = parse_month(data.get("year_start", 4))
        fy = data.get("financial_year")
        if fy is not None:
            parse(str(fy), None, year_start)
    except DateError:
        return []
    taken = {(d.line, d.col) for d in known}
    found = []
    dates = [
        (path + (key,), item[key])
        for path, item in items
        for key in ("due", "original_due")
        if isinstance(item.get(key), str)
    ]
    for path, text in dates:
        loc = doc.value_loc(path)
        if (loc.line, loc.col) in taken:
            continue
        try:
            parse(text, fy, year_start)
        except DateError as err:
            found.append(_datediagnostic_at(doc, path, err))
    return found


# --- across the folder ---------------------------------------------------------------------


def require_valid_text(text: str, path: str, today: date, what: str, has_bom: bool = False):
    """Load and check text about to be written; raise, naming ``what``, if it has errors.

    ``update`` and ``import`` both prove their output this way before writing a byte.
    Returns the loaded document.
    """
    try:
        doc = load_text(text, path, has_bom)
    except LoadError as err:
        raise PlantrackError(f"{what} would not load", diagnostics=err.diagnostics) from None
    plan, problems = validate_document(doc)
    if plan is not None:
        problems = [d for d in check_plan(doc, plan, today) if d.severity == "error"]
    if problems:
        raise PlantrackError(f"{what} would not validate", diagnostics=problems)
    return doc


# --- one file, start to end -------------------------------------------------------------

MAX_PROBLEMS_PER_FILE = 100


@dataclass
class LoadedPlan:
    """A plan that passed the schema, with the document it came from."""

    plan: Plan
    document: Document

    @property
    def file(self) -> str:
        return self.document.path


class CheckedFile(NamedTuple):
    """What checking one file found: the plan (None if the schema refused it), its
    problems, and for a refused plan the folder-check summary of its raw data (so its
    links and plan id are checked without reading it again)."""

    loaded: LoadedPlan | None
    diagnostics: list[Diagnostic]
    refused: PlanSummary | None = None


def check_file(path: str, today: date) -> CheckedFile:
    """Load, validate and check one file; never raises for bad content."""
    try:
        document = load_file(path)
    except LoadError as err:
        return CheckedFile(None, _at_most(list(err.diagnostics), path))
    return _check_document(document, path, today)


def check_bytes(data: bytes, path: str, today: date) -> CheckedFile:
    """:func:`check_file` on content read elsewhere (a file as committed in git), named
    ``path``: the same checks, so a plan read from history counts as one read from disk."""
    try:
        document = load_bytes(data, path)
    except LoadError as err:
        return CheckedFile(None, _at_most(list(err.diagnostics), path))
    return _check_document(document, path, today)


def _check_document(document: Document, path: str, today: date) -> CheckedFile:
    plan, problems = validate_document(document)
    if plan is None:
        # Still report the dates: every error in one run, not the schema's first.
        found = problems + check_raw_dates(document, problems)
        found = _at_most(sorted(found, key=lambda d: (d.line, d.col)), path)
        return CheckedFile(None, found, PlanSummary.raw(document))
    problems = check_plan_as_of(document, plan, today) + check_plan(document, plan, today)
    return CheckedFile(LoadedPlan(plan, document), _at_most(problems, path))


def _at_most(problems: list[Diagnostic], path: str) -> list[Diagnostic]:
    """The first hundred problems of a file and a line saying how many more: a file with
    500,000 duplicate keys is one mistake repeated, and listing each took minutes."""
    if len(problems) <= MAX_PROBLEMS_PER_FILE:
        return problems
    kept = problems[:MAX_PROBLEMS_PER_FILE]
    more = len(problems) - len(kept)
    severity = "error" if any(d.severity == "error" for d in problems[len(kept) :]) else "warning"
    last = kept[-1]
    kept.append(
        Diagnostic(
            "PT011",
            f"{more} more problem(s) in this file not shown",
            path,
            last.line,
            last.col,
            "fix the ones above and run plantrack validate again",
            severity,
        )
    )
    return kept
