"""The library entry point: every plan under some paths, checked, as one workspace.

``load_folder("plans").overdue(quarter="Q4 2025/26")`` is what the CLI does
under ``plantrack overdue``. One function, :func:`load`, reads the files (from
the cache where their bytes are unchanged), checks each and the folder, and
returns a :class:`Workspace`; everything here is free of Typer and rich.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from plantrack import config
from plantrack.dates import MAX_YEAR, MIN_YEAR
from plantrack.errors import Diagnostic, PlantrackError, UsageError
from plantrack.plan.folder import PlanInfo, PlanSummary, check_folder
from plantrack.rows import cache
from plantrack.rows.index import Trackable, trackables
from plantrack.rows.period import AsAt, QuarterName, parse_day
from plantrack.rows.query import Late, overdue
from plantrack.rows.stored import KeptRecords

if TYPE_CHECKING:
    from plantrack.plan.check import CheckedFile, LoadedPlan

Paths = Sequence[str | os.PathLike] | str | os.PathLike | None


def current_day() -> date:
    """Today, or ``PLANTRACK_TODAY`` for reproducible reports and docs."""
    fixed = config.fixed_today()
    if fixed is None:
        return date.today()
    if not MIN_YEAR <= fixed.year <= MAX_YEAR:  # reports look a quarter ahead of today
        raise UsageError(
            f"PLANTRACK_TODAY={os.environ.get('PLANTRACK_TODAY')!r} is out of range",
            hint=f"use a year between {MIN_YEAR} and {MAX_YEAR}",
        )
    return fixed


# --- results ------------------------------------------------------------------------------


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

    def summary(self, strict: str = "strict") -> str:
        """ "3 errors in 2 of 5 files" (and the warnings), or that all is well;
        ``strict`` is what the caller calls failing on warnings."""
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
                + (f" (failing: {strict})" if self.strict else "")
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
    """Every plan file under the given paths, loaded and checked.

    Loaded with models, ``plans`` holds each valid plan and ``rows`` is built from
    them on first use; loaded without (a report served from the cache), ``plans`` is
    empty and ``rows`` came from the cache.
    """

    files: list[str]
    plans: list[LoadedPlan] = field(default_factory=list)
    infos: list[PlanInfo] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    today: date = field(default_factory=date.today)
    cached_rows: list[Trackable] | None = field(default=None, repr=False)
    # The JSON record the cache kept for each pending row, when the rows were read with
    # ``pending_only``: what ``overdue --format json`` writes (plantrack.rows.stored).
    kept: KeptRecords = field(default_factory=KeptRecords, repr=False)

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

    @property
    def rows(self) -> list[Trackable]:
        """Every trackable of every plan, in file order."""
        if self.cached_rows is None:
            rows: list[Trackable] = []
            for loaded in self.plans:
                rows.extend(trackables(loaded.plan, loaded.document))
            self.cached_rows = rows
        return self.cached_rows

    def check_report(self, strict: bool = False) -> CheckReport:
        """What ``validate`` prints and the exit code it returns."""
        return CheckReport(len(self.files), sorted(self.diagnostics, key=_diagnostic_order), strict)

    def plan(self, plan_id: str) -> LoadedPlan | None:
        return next((p for p in self.plans if p.plan.id == plan_id), None)

    def overdue(self, quarter: str | None = None, as_of: str | date | None = None) -> list[Late]:
        """Trackables overdue as at the close of ``quarter`` or on ``as_of`` (or today).

        The library's edge: text is read once into day D here, as the CLI does."""
        day = parse_day(as_of) if isinstance(as_of, str) else as_of
        as_at = AsAt(QuarterName.parse(quarter) if quarter else None, day)
        return overdue(self.rows, as_at, self.today)


# --- loading ------------------------------------------------------------------------------


def check_file(path: str, today: date) -> CheckedFile:
    """:func:`plantrack.plan.check.check_file`, imported on first use: it brings pydantic and
    the models (~100 ms), which a report served from the cache never needs."""
    from plantrack.plan.check import check_file as check  # lazy: heavy (pydantic), see above

    return check(path, today)


def checked_entry(path: str, today: date) -> cache.Entry:
    """Check one file now and make its cache entry: the checker :mod:`plantrack.rows.cache`
    is given (it runs in worker processes too, so it is a module-level function)."""
    loaded, problems, _ = check_file(path, today)
    if loaded is None:
        return cache.Entry(problems)
    return cache.Entry(
        problems,
        PlanSummary.of(loaded.document, loaded.plan),
        PlanInfo.of(loaded.plan, loaded.file),
        trackables(loaded.plan, loaded.document),
    )


def load(
    paths: Paths = None,
    *,
    today: date | None = None,
    cache: bool = True,
    models: bool = True,
    pending_only: bool = False,
) -> Workspace:
    """Load and check every plan under ``paths`` (default ``plans/`` or PLANTRACK_PLANS).

    With ``models`` each named file is checked now and its plan kept (``validate``,
    ``show``, ``update``). Without, each file's result comes from the cache when its
    bytes are unchanged (see :mod:`plantrack.rows.cache`; ``cache=False`` checks afresh) and
    only infos, rows and diagnostics are kept: what reports need. ``pending_only``
    keeps only rows with a deadline that are not done: all ``overdue`` and
    ``upcoming`` look at.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    when = today or current_day()
    if models:
        return _load_models(paths or [], config.find_plan_files(paths), when)
    return _load_cached(config.find_plan_files(paths), when, cache, pending_only)


def load_contents(contents: dict[str, bytes], today: date) -> Workspace:
    """The workspace of plan files given as ``{path: content}`` (the plans as committed at
    some revision, named as :func:`load` would name them on disk), checked as
    :func:`load` checks files, so a report on them is the report the files gave then."""
    from plantrack.plan.check import check_bytes  # lazy: heavy (pydantic), see check_file

    files = list(contents)
    return _load_models([], files, today, lambda path: check_bytes(contents[path], path, today))


def _load_models(paths: Sequence, files: list[str], when: date, checker=None) -> Workspace:
    workspace = Workspace(files, today=when)
    summaries = []
    for path in files:
        loaded, problems, refused = checker(path) if checker else check_file(path, when)
        workspace.diagnostics.extend(problems)
        if loaded is not None:
            workspace.plans.append(loaded)
            summaries.append(PlanSummary.of(loaded.document, loaded.plan))
            workspace.infos.append(PlanInfo.of(loaded.plan, loaded.file))
        elif refused is not None:
            summaries.append(refused)  # a refused plan's links and id are checked all the same
    beside = _summaries_beside(paths, files, when)
    named = set(files)
    workspace.diagnostics.extend(
        d for d in check_folder(beside + summaries) if d.file in named or not beside
    )
    return workspace


def _summaries_beside(paths: Sequence, files: list[str], when: date) -> list[PlanSummary]:
    """The summaries of the plans beside each plan named as a file, for links and plan
    ids (see :func:`plantrack.config.plan_files_beside`); their own problems are not
    reported, only the named files are checked."""
    neighbours = config.plan_files_beside(paths, files)
    if not neighbours:
        return []
    entries = cache.entries(neighbours, when, checked_entry, workers=config.workers())
    return [entry.summary for entry in entries if entry.summary is not None]


def _load_cached(files: list[str], when: date, use_cache: bool, pending_only: bool) -> Workspace:
    diagnostics: list[Diagnostic] = []
    infos: list[PlanInfo] = []
    summaries: list[PlanSummary] = []
    rows: list[Trackable] = []
    kept = KeptRecords()
    for entry in cache.entries(
        files, when, checked_entry, use_cache, config.workers(), pending_only
    ):
        diagnostics.extend(entry.diagnostics)
        if entry.summary is not None and entry.info is not None:
            summaries.append(entry.summary)
            infos.append(entry.info)
            rows.extend(entry.rows)
            if entry.kept:
                kept.add(entry.rows, entry.kept)
    diagnostics.extend(check_folder(summaries))
    return Workspace(files, [], infos, diagnostics, when, rows, kept)


def load_folder(paths: Paths = None, today_: date | None = None) -> Workspace:
    """Every plan under ``paths`` checked, with its model (:func:`load` with models)."""
    return load(paths, today=today_)


def load_rows(
    paths: Paths = None,
    today_: date | None = None,
    use_cache: bool = True,
    pending_only: bool = False,
) -> Workspace:
    """Infos, rows and diagnostics for reports, through the cache (:func:`load`
    without models); ``workspace.plans`` stays empty."""
    return load(paths, today=today_, cache=use_cache, models=False, pending_only=pending_only)
