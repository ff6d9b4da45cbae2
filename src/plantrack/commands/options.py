"""Options shared by several commands, declared once so that ``--plans``,
``--format`` and the filters read and behave the same everywhere."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

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


PlansOption = Annotated[
    list[str] | None,
    typer.Option(
        "--plans",
        "-p",
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
        help="Financial quarter, as in plans: Q4-25/26, 'Q4 25/26', 'Q4 2025/26'.",
        show_default=False,
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option("--as-of", help="ISO date to report as at (default: today).", show_default=False),
]
PlanFilter = Annotated[
    list[str] | None, typer.Option("--plan", help="Only this plan id (repeatable).")
]
ThemeFilter = Annotated[
    list[str] | None, typer.Option("--theme", help="Only this theme id (repeatable).")
]
LeadFilter = Annotated[
    str | None, typer.Option("--lead", help="Lead contains this text (case-insensitive).")
]
StatusFilter = Annotated[
    list[str] | None,
    typer.Option("--status", "-s", help="Only this status, any accepted spelling (repeatable)."),
]
DirectorateFilter = Annotated[
    str | None,
    typer.Option("--directorate", help="Directorate contains this text (case-insensitive)."),
]
