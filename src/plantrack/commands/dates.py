"""``plantrack dates``: how each date expression is read."""

from __future__ import annotations

from typing import Annotated

import typer

from plantrack.cli.options import Format, TableOrJsonOption


def command(
    expressions: Annotated[
        list[str], typer.Argument(metavar="EXPR...", help="Date expressions, as in plans.")
    ],
    financial_year: Annotated[
        str | None,
        typer.Option("--financial-year", "--fy", help="For year-less forms, e.g. 2025/26."),
    ] = None,
    year_start: Annotated[
        str, typer.Option("--year-start", help="First month of the financial year.")
    ] = "April",
    output_format: TableOrJsonOption = Format.table,
) -> int:
    """Explain date expressions: window, deadline, quarters (exit 1 if any is unreadable).

    Example: plantrack dates "Quarter 4" "April to June" --financial-year 2022/23
    """
    from plantrack.render.reports import write_dates
    from plantrack.usecases.explain import explain_given

    results = explain_given(expressions, financial_year, year_start)
    write_dates(results, output_format.value, financial_year_given=bool(financial_year))
    return 1 if any("error" in r for r in results) else 0
