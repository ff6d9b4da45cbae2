"""``plantrack overdue``: what was due by D and is not done."""

from __future__ import annotations

from typing import Annotated

import typer

from plantrack.cli import options as shared


@shared.report_options
def command(
    options: shared.ReportOptions,
    quarter: shared.QuarterOption = None,
    as_of: shared.AsOfOption = None,
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="Exit 1 when anything is overdue (CI, cron).")
    ] = False,
) -> int:
    """Trackables overdue as at the close of a quarter (or a date, or today).

    Example: plantrack overdue --quarter Q4-25/26 --format markdown
    """
    from plantrack.render.formats import unicode_stdout, write, write_json_encoded
    from plantrack.render.reports import OVERDUE_COLUMNS, as_at_title, say_ended, stale_columns
    from plantrack.rows.records import late_records, late_records_json
    from plantrack.usecases.reporting import overdue

    as_at = shared.as_at(quarter, as_of)
    chosen = overdue(options.scope(), as_at)
    say_ended(chosen.ended)
    found, workspace = chosen.found, chosen.workspace
    if options.format == "json":  # one route, which splices what the cache kept
        ascii_only = not unicode_stdout()
        write_json_encoded(late_records_json(found, updated=options.stale, ascii_only=ascii_only))
        return 1 if exit_code and found else 0
    write(
        late_records(found, updated=options.stale),
        stale_columns(OVERDUE_COLUMNS, options.stale),
        options.format,
        title=f"Overdue {as_at_title(as_at, workspace.today)}: {len(found)}",
        empty="nothing overdue",
        group_key="quarter",
    )
    return 1 if exit_code and found else 0
