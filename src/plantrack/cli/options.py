"""Options shared by several commands, each declared once here.

Typer reads a command's options from its signature, so the sqlite-utils way of
sharing them (one ``output_options`` decorator stacking ``click.option`` calls)
becomes, in Typer, one ``Annotated`` alias per option: the flag, its short form,
help, metavar and completion are written here once, and a command names the
aliases it takes in its own signature. Nothing rewrites a signature: what a
command's ``--help`` lists is what its ``def`` says, and a command cannot take two
``--format`` options (Python refuses a repeated parameter name; a test checks that
no flag is declared twice).

``--plans`` means the same in every command: every path given is read (folders
and plan files alike); none given, ``plans/`` or ``$PLANTRACK_PLANS``.

Option text becomes a value here, once, at the edge (:func:`as_at`,
:func:`quarter`, :meth:`ReportOptions.filters`); the core takes values and never
sees option text.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Literal

import typer

if TYPE_CHECKING:
    from plantrack.period import AsAt, QuarterName
    from plantrack.query import Filters


class Format(str, Enum):
    """Every output format; each command's ``--format`` accepts the ones it can write."""

    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    text = "text"
    github = "github"
    html = "html"
    xlsx = "xlsx"


def _format_help(text: str = "Output format.") -> typer.models.OptionInfo:
    return typer.Option("--format", "-f", case_sensitive=False, help=text)


ReportFormatOption = Annotated[
    Literal[Format.table, Format.json, Format.csv, Format.markdown], _format_help()
]
TableOrJsonOption = Annotated[Literal[Format.table, Format.json], _format_help()]
CheckFormatOption = Annotated[
    Literal[Format.text, Format.github, Format.json],
    _format_help("text, github (workflow annotations) or json."),
]
DiffFormatOption = Annotated[Literal[Format.table, Format.json, Format.markdown], _format_help()]
PaperFormatOption = Annotated[
    Literal[Format.html, Format.markdown], _format_help("html or markdown.")
]

AllPlansOption = Annotated[
    bool,
    typer.Option(
        "--all", help="Ended plans too (by default a plan whose period has ended is left out)."
    ),
]
NoCacheOption = Annotated[
    bool, typer.Option("--no-cache", help="Read every plan afresh, bypassing the cache.")
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
        help="Only this status, any accepted spelling, or 'none' for no status (repeatable).",
        autocompletion=complete_statuses,
    ),
]
DirectorateFilter = Annotated[
    str | None,
    typer.Option(
        "--directorate", metavar="TEXT", help="Directorate contains this text (case-insensitive)."
    ),
]


# --- option text to values, once, at the edge ------------------------------------------


def quarter(text: str | None, name: str = "quarter") -> QuarterName | None:
    """``--quarter`` (or another quarter option, by the core's ``name`` for it) as a
    checked quarter name, read later in each plan's calendar."""
    from plantrack.period import QuarterName

    return QuarterName.parse(text, name) if text else None


def as_at(quarter_text: str | None, as_of: str | None) -> AsAt:
    """``--quarter`` or ``--as-of`` (or neither: today) as day D, before any plan is read."""
    from plantrack.errors import UsageError
    from plantrack.period import AsAt, parse_day

    if quarter_text and as_of:
        raise UsageError("give --quarter or --as-of, not both")
    return AsAt(quarter(quarter_text), parse_day(as_of) if as_of else None)


def statuses(texts: list[str] | None) -> tuple:
    """``--status`` values as statuses, any accepted spelling; ``none`` (or "no status")
    stands for the trackables with no status reported."""
    from plantrack.errors import BadValue
    from plantrack.plan.status import parse_status, squash
    from plantrack.query import NO_STATUS_WORDS

    try:
        return tuple(
            None if squash(text) in NO_STATUS_WORDS else parse_status(text) for text in texts or ()
        )
    except ValueError as err:
        raise BadValue("status", str(err)) from None


# --- the options every report shares -----------------------------------------------------


# What reports loaded, kept alive until the process exits without freeing it
# (plantrack.cli.application.main): a command's rows need not be freed one by one.
LOADED: list[object] = []


@dataclass
class ReportOptions:
    """``--plans``, ``--format``, the filters and ``--no-cache`` of a report command,
    gathered into one value the command passes on."""

    plans: list[str] | None = None
    output: Format = Format.table
    plan: list[str] | None = None
    theme: list[str] | None = None
    lead: str | None = None
    status: list[str] | None = None
    directorate: str | None = None
    no_cache: bool = False

    @property
    def format(self) -> str:
        return self.output.value

    def filters(self) -> Filters:
        from plantrack.query import Filters

        return Filters(
            tuple(self.plan or ()),
            tuple(self.theme or ()),
            self.lead or None,
            statuses(self.status),
            self.directorate or None,
        )

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
        LOADED.append(workspace)
        workspace.require_valid()
        known = {info.id for info in workspace.infos}
        unknown = [p for p in filters.plans if p not in known]
        if unknown:
            from plantrack.errors import UsageError

            raise UsageError(
                f"--plan {unknown[0]}: no such plan", hint="plans here: " + ", ".join(sorted(known))
            )
        themes = {theme for info in workspace.infos for theme in info.themes}
        missing = [t for t in filters.themes if t not in themes]
        if missing:
            from plantrack.errors import UsageError

            raise UsageError(
                f"--theme {missing[0]}: no such theme",
                hint="themes here: " + ", ".join(sorted(themes)),
            )
        return workspace, select(workspace.rows, filters)


def without_ended(workspace, rows: list, as_at: AsAt, keep_all: bool, named: list[str] | None):
    """``rows`` without the plans that ended before the quarter being reported, saying
    in one line (on stderr, so JSON stays JSON) how many were left out; ``--all`` and
    a plan named with ``--plan`` keep them."""
    from plantrack.query import ended_plans

    if keep_all:
        return rows
    ended = set(ended_plans(workspace.infos, rows, as_at, workspace.today)) - set(named or ())
    if not ended:
        return rows
    count = len(ended)
    typer.echo(
        f"{count} ended plan{'' if count == 1 else 's'} not shown; --all shows "
        f"{'it' if count == 1 else 'them'}",
        err=True,
    )
    return [row for row in rows if row.plan not in ended]
