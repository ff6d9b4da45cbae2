"""Options shared by several commands, declared once so that ``--plans``,
``--format`` and the filters read and behave the same everywhere."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Annotated, Any

import typer


class ReportFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class CheckFormat(str, Enum):
    text = "text"
    github = "github"
    json = "json"


class TableOrJson(str, Enum):
    table = "table"
    json = "json"


NoCacheOption = Annotated[
    bool, typer.Option("--no-cache", help="Read every plan afresh, bypassing the cache.")
]
TableOrJsonOption = Annotated[
    TableOrJson, typer.Option("--format", "-f", case_sensitive=False, help="Output format.")
]
PlansOption = Annotated[
    list[str] | None,
    typer.Option(
        "--plans",
        "-p",
        metavar="PATH",
        help="A folder or one plan file (repeatable). Default: plans/ or $PLANTRACK_PLANS.",
        show_default=False,
    ),
]
FormatOption = Annotated[
    ReportFormat,
    typer.Option("--format", "-f", case_sensitive=False, help="Output format."),
]
QuarterOption = Annotated[
    str | None,
    typer.Option(
        "--quarter",
        "-q",
        metavar="Q",
        help="Financial quarter, as in plans: Q4-25/26, 'Q4 25/26', 'Q4 2025/26'.",
        show_default=False,
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        help="ISO date to report as at (default: today).",
        show_default=False,
    ),
]


def _complete_plans(incomplete: str) -> list[str]:
    from plantrack.complete import plan_ids

    return plan_ids(incomplete)


def complete_statuses(incomplete: str) -> list[str]:
    from plantrack.complete import statuses

    return statuses(incomplete)


def complete_items(incomplete: str) -> list[str]:
    from plantrack.complete import item_ids

    return item_ids(incomplete)


ItemArgument = Annotated[
    str,
    typer.Argument(metavar="ID", help="Item id, or PLAN-ID:ID.", autocompletion=complete_items),
]
PlanFilter = Annotated[
    list[str] | None,
    typer.Option(
        "--plan",
        metavar="ID",
        help="Only this plan id (repeatable).",
        autocompletion=_complete_plans,
    ),
]
ThemeFilter = Annotated[
    list[str] | None, typer.Option("--theme", metavar="ID", help="Only this theme id (repeatable).")
]
LeadFilter = Annotated[
    str | None,
    typer.Option("--lead", metavar="TEXT", help="Lead contains this text (case-insensitive)."),
]
StatusFilter = Annotated[
    list[str] | None,
    typer.Option(
        "--status",
        "-s",
        metavar="STATUS",
        help="Only this status, any accepted spelling (repeatable).",
        autocompletion=complete_statuses,
    ),
]
DirectorateFilter = Annotated[
    str | None,
    typer.Option(
        "--directorate", metavar="TEXT", help="Directorate contains this text (case-insensitive)."
    ),
]


# --- the options every report shares -----------------------------------------------------


@dataclass
class ReportOptions:
    """``--plans``, ``--format`` and the filters, as one value a command passes on."""

    plans: list[str] | None = None
    output: ReportFormat = ReportFormat.table
    plan: list[str] | None = None
    theme: list[str] | None = None
    lead: str | None = None
    status: list[str] | None = None
    directorate: str | None = None
    no_cache: bool = False

    @property
    def format(self) -> str:
        return self.output.value

    def filters(self):
        from plantrack.query import Filters

        return Filters.from_options(self.plan, self.theme, self.lead, self.status, self.directorate)

    def load(self, full: bool = False, pending_only: bool = False):
        """The valid workspace and its trackables passing the filters.

        A broken plan stops the report (exit 1, naming file:line) rather than
        letting it count partial data silently. Reports read through the cache
        unless ``--no-cache``; ``full`` loads the plan models too (for trees);
        ``pending_only`` keeps only rows with a deadline that are not done.
        """
        from plantrack.query import select
        from plantrack.workspace import load_folder, load_rows

        filters = self.filters()
        if full:
            workspace = load_folder(self.plans)
        else:
            workspace = load_rows(
                self.plans, use_cache=not self.no_cache, pending_only=pending_only
            )
        workspace.require_valid()
        known = {info.id for info in workspace.infos}
        unknown = [p for p in filters.plans if p not in known]
        if unknown:
            from plantrack.errors import UsageError

            raise UsageError(
                f"--plan {unknown[0]}: no such plan", hint="plans here: " + ", ".join(sorted(known))
            )
        return workspace, select(workspace.rows, filters)


_COMMON = [
    ("plans", PlansOption, None),
    ("output", FormatOption, ReportFormat.table),
    ("plan", PlanFilter, None),
    ("theme", ThemeFilter, None),
    ("lead", LeadFilter, None),
    ("status", StatusFilter, None),
    ("directorate", DirectorateFilter, None),
    ("no_cache", NoCacheOption, False),
]


def report_command(func: Callable[..., Any]) -> Callable[..., Any]:
    """Give a command the shared report options, delivered as ``options: ReportOptions``.

    The parameters are declared once here instead of in every command's signature;
    Typer reads the combined ``__signature__``. A command that declares one of them
    itself (``report`` has its own ``--format``) keeps its own.
    """
    own = [
        p for p in inspect.signature(func, eval_str=True).parameters.values() if p.name != "options"
    ]
    own_names = {p.name for p in own}
    shared_options = [entry for entry in _COMMON if entry[0] not in own_names]
    common = [
        inspect.Parameter(
            name, inspect.Parameter.KEYWORD_ONLY, annotation=annotation, default=default
        )
        for name, annotation, default in shared_options
    ]

    @functools.wraps(func)
    def wrapper(**kwargs: Any) -> Any:
        shared = {name: kwargs.pop(name) for name, _, _ in shared_options}
        return func(options=ReportOptions(**shared), **kwargs)

    wrapper.__annotations__ = {}
    wrapper.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in own] + common
    )
    return wrapper


def quarter_listing(
    options: ReportOptions,
    quarter: str | None,
    as_of: str | None,
    select: Callable[..., tuple[list, list[dict[str, Any]]]],
    columns: list,
    title: Callable[[int, Any], str],
    empty: str,
) -> list:
    """The shape shared by ``overdue`` and ``upcoming``: check the period options,
    load, select rows as records, print them grouped by quarter."""
    from plantrack.query import check_period_options
    from plantrack.render.rows import write

    check_period_options(quarter, as_of)
    workspace, rows = options.load(pending_only=True)  # neither shows done or undated rows
    found, records = select(rows, workspace.today)
    write(
        records,
        columns,
        options.format,
        title=title(len(found), workspace.today),
        empty=empty,
        group_key="quarter",
    )
    return found
