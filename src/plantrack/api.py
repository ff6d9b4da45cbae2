"""The library entry point: find plan files, load and check them, index them.

``load_folder("plans").overdue(quarter="Q4 2025/26")`` is what the CLI does
under ``plantrack overdue``; everything here is free of Typer and rich.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

from plantrack.errors import Diagnostic, PlantrackError, UsageError
from plantrack.load import Document, LoadError, load_file

if TYPE_CHECKING:
    from plantrack.model import Plan

PLAN_SUFFIXES = (".yaml", ".yml")
DEFAULT_PLANS = "plans"


def today() -> date:
    """Today, or ``PLANTRACK_TODAY`` (ISO) for reproducible reports and docs."""
    fixed = os.environ.get("PLANTRACK_TODAY")
    if fixed:
        try:
            day = date.fromisoformat(fixed)
        except ValueError:
            raise UsageError(f"PLANTRACK_TODAY={fixed!r} is not an ISO date") from None
        from plantrack.dates import MAX_YEAR, MIN_YEAR

        if not MIN_YEAR <= day.year <= MAX_YEAR:  # reports look a quarter ahead of today
            raise UsageError(
                f"PLANTRACK_TODAY={fixed!r} is out of range",
                hint=f"use a year between {MIN_YEAR} and {MAX_YEAR}",
            )
        return day
    return date.today()


def default_plans() -> str:
    return os.environ.get("PLANTRACK_PLANS") or DEFAULT_PLANS


def find_plan_files(paths: Sequence[str | os.PathLike] | None = None) -> list[str]:
    """Plan files under each path (a file, or a folder searched recursively).

    A path that does not exist is a usage error (exit 2); so is finding no plans.
    """
    files: list[str] = []
    for path in paths or [default_plans()]:
        path = str(path)
        if os.path.isdir(path):
            files.extend(_walk_folder(path))
        elif os.path.lexists(path):
            files.append(path)
        else:
            raise UsageError(
                f"no such file or folder: {path}",
                hint="give --plans a folder of plan files, or set PLANTRACK_PLANS",
            )
    if not files:
        raise UsageError(
            f"no plan files (*.yaml) found in {', '.join(map(str, paths or [default_plans()]))}"
        )
    return list(dict.fromkeys(files))


def _walk_folder(folder: str) -> list[str]:
    found = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(
            os.path.join(root, name)
            for name in sorted(names)
            if name.endswith(PLAN_SUFFIXES) and not name.startswith(".")
        )
    return found


@dataclass
class LoadedPlan:
    """A plan that passed the schema, with the document it came from."""

    plan: Plan
    document: Document

    @property
    def file(self) -> str:
        return self.document.path


@dataclass(frozen=True)
class PlanInfo:
    """A plan's own keys that reports print (title, period...), without its items."""

    id: str
    title: str
    period: str | None
    as_of: str | None
    file: str

    @classmethod
    def of(cls, loaded: LoadedPlan) -> PlanInfo:
        plan = loaded.plan
        as_of = plan.as_of.isoformat() if plan.as_of else None
        return cls(plan.id, plan.title, plan.period, as_of, loaded.file)


def _diagnostic_order(diagnostic: Diagnostic) -> tuple:
    return (diagnostic.file, diagnostic.line, diagnostic.col, diagnostic.code)


class _BySeverity:
    """``errors`` and ``warnings`` of a ``diagnostics`` list."""

    diagnostics: list[Diagnostic]

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "warning"]


@dataclass(frozen=True)
class CheckReport(_BySeverity):
    """The outcome of checking a set of files."""

    files_checked: int
    diagnostics: list[Diagnostic]
    strict: bool = False

    @property
    def failing(self) -> list[Diagnostic]:
        """Errors, plus warnings under ``--strict``."""
        return self.diagnostics if self.strict else self.errors

    @property
    def exit_code(self) -> int:
        return 1 if self.failing else 0

    def summary(self) -> str:
        """ "3 errors in 2 of 5 files" (and the warnings), or that all is well."""
        files = self.files_checked
        of_files = f"{files} file" + ("" if files == 1 else "s")
        errors = self.errors
        parts = []
        if errors:
            bad = len({d.file for d in errors})
            parts.append(f"{_count(len(errors), 'error')} in {bad} of {of_files}")
        else:
            parts.append(f"no errors in {of_files}")
        if self.warnings:
            parts.append(
                _count(len(self.warnings), "warning")
                + (" (failing: --strict)" if self.strict else "")
            )
        return "; ".join(parts)

    def as_dict(self) -> dict[str, object]:
        return {
            "ok": not self.failing,
            "files_checked": self.files_checked,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "files_with_errors": len({d.file for d in self.errors}),
            "diagnostics": [d.as_dict() for d in self.diagnostics],
        }


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


@dataclass
class Workspace(_BySeverity):
    """Every plan file under the given paths, loaded and checked."""

    files: list[str]
    plans: list[LoadedPlan] = field(default_factory=list)
    infos: list[PlanInfo] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    today: date = field(default_factory=date.today)

    def require_valid(self) -> Workspace:
        """Reports refuse to run on partial data: any error names its file:line, exit 1."""
        if self.errors:
            files = len({d.file for d in self.errors})
            raise PlantrackError(
                f"{len(self.errors)} error(s) in {files} plan file(s); "
                "fix them (see `plantrack validate`) before reporting",
                diagnostics=self.errors,
            )
        return self

    @cached_property
    def rows(self):
        """Every trackable of every plan, in file order."""
        from plantrack.index import trackables

        rows = []
        for loaded in self.plans:
            rows.extend(trackables(loaded.plan, loaded.document))
        return rows

    def check_report(self, strict: bool = False) -> CheckReport:
        """What ``validate`` prints and the exit code it returns."""
        return CheckReport(len(self.files), sorted(self.diagnostics, key=_diagnostic_order), strict)

    def plan(self, plan_id: str) -> LoadedPlan | None:
        return next((p for p in self.plans if p.plan.id == plan_id), None)

    def overdue(self, quarter: str | None = None, as_of: str | date | None = None):
        """Trackables overdue as at the close of ``quarter`` or on ``as_of`` (or today)."""
        from plantrack.query import overdue

        return overdue(self.rows, quarter=quarter, as_of=as_of, today=self.today)


MAX_PROBLEMS_PER_FILE = 100


def check_file(path: str, today_: date) -> tuple[LoadedPlan | None, list[Diagnostic]]:
    """Load, validate and check one file; never raises for bad content."""
    loaded, problems, _ = _check(path, today_)
    return loaded, problems


def _check(path: str, today_: date) -> tuple[LoadedPlan | None, list[Diagnostic], list]:
    """:func:`check_file`, and for a plan the schema refused the folder-check summary
    of its raw data (so its links and plan id are checked without reading it again)."""
    from plantrack.check import check_plan, check_plan_as_of, check_raw_dates, validate_document
    from plantrack.folder import PlanSummary

    try:
        document = load_file(path)
    except LoadError as err:
        return None, _at_most(list(err.diagnostics), path), []
    plan, problems = validate_document(document)
    if plan is None:
        # Still report the dates: every error in one run, not the schema's first.
        found = problems + check_raw_dates(document, problems)
        raw = PlanSummary.raw(document)
        summaries = [raw] if raw is not None else []
        return None, _at_most(sorted(found, key=lambda d: (d.line, d.col)), path), summaries
    problems = check_plan_as_of(document, plan, today_) + check_plan(document, plan, today_)
    return LoadedPlan(plan, document), _at_most(problems, path), []


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


def load_folder(
    paths: Sequence[str | os.PathLike] | str | None = None, today_: date | None = None
) -> Workspace:
    """Load and check every plan under ``paths`` (default ``plans/`` or PLANTRACK_PLANS)."""
    from plantrack.folder import PlanSummary, check_folder

    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    when = today_ or today()
    workspace = Workspace(find_plan_files(paths), today=when)
    summaries = []
    for path in workspace.files:
        loaded, problems, refused = _check(path, when)
        workspace.diagnostics.extend(problems)
        if loaded is not None:
            workspace.plans.append(loaded)
            summaries.append(PlanSummary.of(loaded.document, loaded.plan))
            workspace.infos.append(PlanInfo.of(loaded))
        summaries.extend(refused)  # a refused plan's links and id are checked all the same
    beside = _summaries_beside(paths or [], workspace.files, when)
    named = set(workspace.files)
    workspace.diagnostics.extend(
        d for d in check_folder(beside + summaries) if d.file in named or not beside
    )
    return workspace


def _summaries_beside(paths: Sequence, files: list[str], when: date) -> list:
    """The plans in the folder of each plan named as a file, for links and plan ids.

    A pre-commit hook names only the staged files: a link to a plan that did not
    change must still resolve, and a new plan must not reuse a neighbour's id. The
    neighbours' own problems are not reported (only the named files are checked),
    and only the named file's own folder is read, not the tree around it.
    """
    from plantrack import cache

    folders = {os.path.dirname(os.path.abspath(p)) for p in paths if os.path.isfile(p)}
    named = {os.path.abspath(f) for f in files}
    neighbours = [
        os.path.join(folder, name)
        for folder in sorted(folders)
        for name in _names_in(folder)
        if name.endswith(PLAN_SUFFIXES)
        and not name.startswith(".")
        and os.path.join(folder, name) not in named
    ]
    entries = cache.entries(neighbours, when, workers=_workers()) if neighbours else []
    return [entry.summary for entry in entries if entry.summary is not None]


def _names_in(folder: str) -> list[str]:
    try:
        return sorted(os.listdir(folder))
    except OSError:  # unreadable: the named files are still checked on their own
        return []


def _workers() -> int:
    """Processes for checking uncached files: the cores, up to 8, or PLANTRACK_WORKERS."""
    given = os.environ.get("PLANTRACK_WORKERS", "").strip()
    if not given:
        return min(os.cpu_count() or 1, 8)
    try:
        return max(1, int(given))
    except ValueError:
        raise UsageError(
            f"PLANTRACK_WORKERS={given!r} is not a number",
            hint="set it to a count of processes (1 keeps to one), or unset it",
        ) from None


def load_rows(
    paths: Sequence[str | os.PathLike] | str | None = None,
    today_: date | None = None,
    use_cache: bool = True,
    pending_only: bool = False,
) -> Workspace:
    """Like :func:`load_folder`, for reports: only infos, rows and diagnostics.

    Each file's result is cached by the digest of its bytes (see
    :mod:`plantrack.cache`), so a repeated report re-reads only changed files.
    ``workspace.plans`` stays empty. ``pending_only`` keeps only rows with a deadline
    that are not done: all ``overdue`` and ``upcoming`` look at.
    """
    from plantrack import cache
    from plantrack.folder import check_folder

    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    when = today_ or today()
    workspace = Workspace(find_plan_files(paths), today=when)
    summaries, rows = [], []
    for entry in cache.entries(workspace.files, when, use_cache, _workers(), pending_only):
        workspace.diagnostics.extend(entry.diagnostics)
        if entry.summary is not None:
            summaries.append(entry.summary)
            workspace.infos.append(entry.info)
            rows.extend(entry.rows)
    workspace.diagnostics.extend(check_folder(summaries))
    workspace.__dict__["rows"] = rows
    return workspace
