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
    from plantrack.dates import DateError, parse_month
    from plantrack.errors import UsageError
    from plantrack.render.reports import write_dates
    from plantrack.usecases.explain import explain_all

    try:
        month = parse_month(year_start)
    except DateError as err:
        raise UsageError(
            f"--year-start {year_start}: {err.message}",
            hint="write a month name such as April or July",
        ) from None
    if financial_year:
        from plantrack.dates import FinancialCalendar, parse_financial_year

        try:
            parse_financial_year(financial_year, month)
        except DateError:
            raise UsageError(
                f"--financial-year {financial_year}: not a financial year",
                hint=f"write e.g. {FinancialCalendar(month).year_label(2025)}",
            ) from None
    results = explain_all(expressions, financial_year, month)
    if not financial_year and any("financial_year" in r.get("error", "") for r in results):
        # On the command line the plan's key is this option: say so, not only the key.
        typer.echo(
            "hint: give the financial year a year-less date belongs to with "
            "--financial-year, e.g. --financial-year 2025/26",
            err=True,
        )
    write_dates(results, output_format.value)
    return 1 if any("error" in r for r in results) else 0
