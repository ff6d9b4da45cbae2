"""Options shared by several commands, each declared once here.

Typer reads a command's options from its signature, so each option is one
``Annotated`` alias: the flag, its short form, help, metavar and completion are
written here once, and a command names the aliases it takes in its own signature.

The options every report takes (``--plans``, ``--format``, the filters,
``--no-cache``, ``--all``) come as a whole from one decorator,
:func:`report_options`, as sqlite-utils' ``output_options`` stacks its
``click.option`` calls: a report command declares only its own options and
receives the shared ones as one :class:`ReportOptions`. A command's own option
that collides with a shared one is refused when the command is defined, never
silently put in its place (a test also checks that no flag is declared twice).

``--plans`` means the same in every command: every path given is read (folders
and plan files alike); none given, ``plans/`` or ``$PLANTRACK_PLANS``.

Option text becomes a value here, once, at the edge (:func:`as_at`,
:func:`quarter`, :meth:`ReportOptions.filters`); the core takes values and never
sees option text.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import typing
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer

if TYPE_CHECKING:
    from datetime import date

    from plantrack.rows.period import AsAt, QuarterName
    from plantrack.rows.query import Filters
    from plantrack.usecases.reporting import Scope


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


def format_option(*formats: Format, help: str = "Output format.") -> Any:
    """The one ``--format`` (``-f``): each command offers only the formats it writes,
    and says what they are for where "Output format." says too little."""
    return Annotated[
        Literal[formats],  # type: ignore[valid-type]
        typer.Option("--format", "-f", case_sensitive=False, help=help),
    ]


# OWASP's CSV-injection advice, said where the format is chosen (plantrack.textsafe).
CSV_HELP = "csv: text starting with = + - @ gets a leading ' so no spreadsheet runs it."
ReportFormatOption = format_option(
    Format.table, Format.json, Format.csv, Format.markdown, help=f"Output format. {CSV_HELP}"
)
TableOrJsonOption = format_option(Format.table, Format.json)
CheckFormatOption = format_option(
    Format.text, Format.github, Format.json, help="text, github (workflow annotations) or json."
)
DiffFormatOption = format_option(
    Format.table,
    Format.json,
    Format.markdown,
    Format.github,
    help="table, json, markdown, or with --check github (workflow annotations).",
)
PaperFormatOption = format_option(Format.html, Format.markdown, help="html or markdown.")


class Grouping(str, Enum):
    """Whom a quarterly return goes to: each lead, or each directorate."""

    lead = "lead"
    directorate = "directorate"


# request's and chase's --by (summary's --by groups a report's rows: its own option).
GroupingOption = Annotated[
    Grouping,
    typer.Option("--by", case_sensitive=False, help="One return per lead, or per directorate."),
]

AllPlansOption = Annotated[
    bool,
    typer.Option(
        "--all", help="Ended plans too (by default a plan whose period has ended is left out)."
    ),
]
StaleOption = Annotated[
    bool,
    typer.Option(
        "--stale",
        help="Only trackables not done and not updated since the first day of the quarter "
        "reported on (--quarter, else today's); the update dates come from git.",
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
QUARTER_HELP = "Financial quarter, as in plans: Q4-25/26, 'Q4 25/26', 'Q4 2025/26'."


def quarter_option(help: str = QUARTER_HELP) -> Any:
    """The one ``--quarter`` (``-q``, written ``Q``); a command whose quarter means
    something narrower (the quarter returns are for) passes its own help. Without a
    default in the command's signature it is required."""
    return Annotated[
        str | None,
        typer.Option("--quarter", "-q", metavar="Q", help=help, show_default=False),
    ]


def returns_option(help: str) -> Any:
    """The one ``--returns`` (``-r``): the folder ``request`` wrote the returns to, read
    by ``chase`` and ``close``, each saying what it reads there."""
    return Annotated[str, typer.Option("--returns", "-r", metavar="DIR", help=help)]


def dry_run_option(help: str) -> Any:
    """The one ``--dry-run`` (``-n``): write nothing; each command says what it shows."""
    return Annotated[bool, typer.Option("--dry-run", "-n", help=help)]


def as_of_option(help: str = "ISO date to report as at (default: today).") -> Any:
    """The one ``--as-of`` (an ISO day, read by :func:`plantrack.rows.period.parse_day`);
    ``update`` and ``collect`` say which day of theirs it is."""
    return Annotated[
        str | None, typer.Option("--as-of", metavar="DATE", help=help, show_default=False)
    ]


QuarterOption = quarter_option()
AsOfOption = as_of_option()


def _complete_plans(incomplete: str) -> list[str]:
    from plantrack.cli.complete import plan_ids

    return plan_ids(incomplete)


def complete_statuses(incomplete: str) -> list[str]:
    from plantrack.cli.complete import statuses

    return statuses(incomplete)


def complete_items(incomplete: str) -> list[str]:
    from plantrack.cli.complete import item_ids

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
    from plantrack.rows.period import QuarterName

    return QuarterName.parse(text, name) if text else None


def day(text: str | None, name: str = "as_of") -> date | None:
    """An ISO day option (``--as-of``, ``--deadline``: the core's ``name`` for it) as a
    date; None when not given."""
    from plantrack.rows.period import parse_day

    return parse_day(text, name) if text is not None else None


def as_at(quarter_text: str | None, as_of: str | None) -> AsAt:
    """``--quarter`` or ``--as-of`` (or neither: today) as day D, before any plan is read."""
    from plantrack.errors import UsageError
    from plantrack.rows.period import AsAt, parse_day

    if quarter_text and as_of:
        raise UsageError("give --quarter or --as-of, not both")
    return AsAt(quarter(quarter_text), parse_day(as_of) if as_of else None)


def statuses(texts: list[str] | None) -> tuple:
    """``--status`` values as statuses, any accepted spelling; ``none`` (or "no status")
    stands for the trackables with no status reported."""
    from plantrack.errors import BadValue
    from plantrack.plan.status import parse_status, squash
    from plantrack.rows.counts import NO_STATUS_WORDS

    try:
        return tuple(
            None if squash(text) in NO_STATUS_WORDS else parse_status(text) for text in texts or ()
        )
    except ValueError as err:
        raise BadValue("status", str(err)) from None


def filters(
    plan: list[str] | None,
    lead: str | None,
    directorate: str | None,
    theme: list[str] | None = None,
    status: list[str] | None = None,
) -> Filters:
    """The filter options a command takes (``--plan``, ``--lead``, ...), as one value."""
    from plantrack.rows.query import Filters

    return Filters(
        tuple(plan or ()), tuple(theme or ()), lead or None, statuses(status), directorate or None
    )


# --- the options every report shares -----------------------------------------------------


def _keep_nothing(loaded: object) -> None:
    """In-process (tests, an embedding program) what a report loaded is freed as usual."""


# Handed what each report loaded. Only plantrack.cli.application.main replaces it (the
# exit trick and its reason are there); a hook, as this module cannot import that one.
keep_until_exit: Callable[[object], None] = _keep_nothing


@dataclass
class ReportOptions:
    """``--plans``, ``--format``, the filters, ``--no-cache`` and ``--all`` of a report
    command, gathered into one value the command passes on.

    Each field is the option itself (its annotation is the option's alias), in the
    order ``--help`` lists them: :func:`report_options` reads the fields, so the
    shared options are written down here and nowhere else.
    """

    plans: PlansOption = None
    output_format: ReportFormatOption = Format.table
    plan: PlanFilter = None
    theme: ThemeFilter = None
    lead: LeadFilter = None
    status: StatusFilter = None
    directorate: DirectorateFilter = None
    stale: StaleOption = False
    no_cache: NoCacheOption = False
    all_plans: AllPlansOption = False

    @property
    def format(self) -> str:
        return self.output_format.value

    def filters(self) -> Filters:
        return filters(self.plan, self.lead, self.directorate, self.theme, self.status)

    @property
    def filtered(self) -> bool:
        """Whether any filter is given (a tree is then trimmed to what passes)."""
        from plantrack.rows.query import NO_FILTERS

        return self.filters() != NO_FILTERS

    def scope(self) -> Scope:
        """What the report reads, as the use case takes it (plantrack.usecases.reporting):
        the options as values, and the hook that keeps what it loads."""
        from plantrack.usecases.reporting import Scope

        return Scope(
            plans=self.plans,
            filters=self.filters(),
            use_cache=not self.no_cache,
            all_plans=self.all_plans,
            stale=self.stale,
            keep=keep_until_exit,
        )


def report_options(
    command: Callable[..., int] | None = None,
    *,
    with_format: bool = True,
    with_all: bool = True,
    with_stale: bool = True,
) -> Any:
    """Give a report command the shared report options (:class:`ReportOptions`'
    fields) after its own, and pass it their values as one ``ReportOptions``, its
    first argument. ``with_format=False`` leaves out ``--format`` (a command with a
    format of its own: ``report``), ``with_all=False`` leaves out ``--all``,
    ``with_stale=False`` leaves out ``--stale`` (``trend``, which reads past quarters).

    Use as ``@report_options`` or ``@report_options(with_all=False)``.

    Why a rewritten signature and not stacked ``click.option`` decorators, as
    sqlite-utils' ``output_options``: Typer reads a command's parameters from its
    signature and nothing else (``typer.utils.get_params_from_function``; the
    ``__click_params__`` those decorators leave are ignored), and it has no parameter
    type that stands for several options. Typer builds a command from
    ``inspect.signature`` of the function it is given, which honours
    ``__signature__``, so the wrapper gets one: the command's own parameters, then the
    shared ones. Typer asks for the string annotations of
    ``from __future__ import annotations`` to be evaluated (``eval_str``), but a
    ``__signature__`` is returned as it is, never evaluated, so the annotations are
    evaluated here, once, when the command is defined.

    A command's own parameter named like a shared one, or taking one of its flags,
    is a TypeError naming both, at import: Typer would otherwise list one of the
    two, and a user would get the other's meaning without being told.
    """
    if command is None:
        return functools.partial(
            report_options, with_format=with_format, with_all=with_all, with_stale=with_stale
        )
    kept_or_not = (("output_format", with_format), ("all_plans", with_all), ("stale", with_stale))
    left_out = {name for name, kept in kept_or_not if not kept}
    shared = [param for param in _shared_parameters() if param.name not in left_out]
    signature = inspect.signature(command, eval_str=True)
    own = list(signature.parameters.values())[1:]  # the first receives ReportOptions
    for mine in own:
        for theirs in shared:
            if mine.name == theirs.name or set(_flags(mine)) & set(_flags(theirs)):
                raise TypeError(
                    f"{command.__module__}.{command.__qualname__}: its own parameter "
                    f"{mine.name!r} ({'/'.join(_flags(mine))}) collides with the shared "
                    f"report option {theirs.name!r} ({'/'.join(_flags(theirs))})"
                )
    names = [param.name for param in shared]

    @functools.wraps(command)
    def with_options(**given: Any) -> int:
        return command(ReportOptions(**{name: given.pop(name) for name in names}), **given)

    parameters = [*own, *shared]
    with_options.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
    with_options.__annotations__ = {p.name: p.annotation for p in parameters}
    with_options.__annotations__["return"] = signature.return_annotation
    return with_options


@functools.cache
def _shared_parameters() -> tuple[inspect.Parameter, ...]:
    """:class:`ReportOptions`' fields as keyword parameters, annotations evaluated."""
    hints = typing.get_type_hints(ReportOptions, include_extras=True)
    return tuple(
        inspect.Parameter(
            field.name,
            inspect.Parameter.KEYWORD_ONLY,
            default=field.default,
            annotation=hints[field.name],
        )
        for field in dataclasses.fields(ReportOptions)
    )


def _flags(param: inspect.Parameter) -> list[str]:
    """The flags of an option parameter: those its ``typer.Option`` names (Typer keeps
    the first in ``default`` when the option is written in ``Annotated``), or else the
    one Typer makes from its name."""
    infos = [m for m in getattr(param.annotation, "__metadata__", ()) if hasattr(m, "param_decls")]
    declared = [
        d
        for info in infos
        for d in (info.default, *(info.param_decls or ()))
        if isinstance(d, str) and d.startswith("-")
    ]
    return declared or ["--" + param.name.replace("_", "-")]
