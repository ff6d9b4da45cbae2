"""Layouts of the report commands: their columns and titles, the summary table, and
``dates``. (``show`` is :mod:`plantrack.render.detail`, the tree :mod:`plantrack.render.tree`.)"""

from __future__ import annotations

import sys
from datetime import date
from typing import Any

import typer

from plantrack.dates import Quarter
from plantrack.render.console import console, error_console, safe
from plantrack.render.formats import unicode_stdout, write, write_json, write_json_encoded
from plantrack.render.table import (
    RAG_STYLE,
    Column,
    status_as_written,
    table_style,
    write_table,
)
from plantrack.rows.counts import COUNTS, count_notes
from plantrack.rows.period import AsAt, QuarterName
from plantrack.rows.query import as_at_words, sentence
from plantrack.rows.query import short_day as _day
from plantrack.rows.records import late_records, records
from plantrack.rows.stored import overdue_json

_TITLE = Column("title", "Title", wrap=True, min_width=12, max_width=60)
# Lead and the due text as written are what a narrow terminal gives up first (the
# deadline and quarter carry the date); ids, dates and numbers are never shortened.
_LEAD = Column("lead", "Lead", wrap=True, min_width=10, max_width=28, spare=2)
_STATUS = Column("status", "Status", shown=status_as_written)
_DUE = Column("due", "Due", wrap=True, min_width=9, max_width=22, spare=1)


def _due_and_occurrence(record: dict[str, Any]) -> str:
    """ "Quarterly (Q3 2023/24)": recurring work names the occurrence that was missed."""
    occurrence = record.get("occurrence")
    return f"{record['due']} ({occurrence})" if occurrence else record["due"]


_LATE_DUE = Column(
    "due", "Due", wrap=True, min_width=9, max_width=22, spare=1, shown=_due_and_occurrence
)
_REF = Column("id", "Id")
_PLAN = Column("plan", "Plan", spare=3)  # with a note saying so, as the last resort

OVERDUE_COLUMNS = [
    Column("quarter", "Fell due"),
    _PLAN,
    _REF,
    _TITLE,
    _STATUS,
    Column("days_overdue", "Days", justify="right"),
    _LATE_DUE,
    _LEAD,
]
UPCOMING_COLUMNS = [
    Column("quarter", "Quarter"),
    _PLAN,
    _REF,
    _TITLE,
    _STATUS,
    Column("deadline", "Deadline"),
    _DUE,
    _LEAD,
]
STALE_COLUMN = Column("updated", "Updated")


def stale_columns(columns: list[Column], stale: bool) -> list[Column]:
    """A report's columns, with the day each row was last updated under ``--stale``."""
    return [*columns, STALE_COLUMN] if stale else columns


LIST_COLUMNS = [_PLAN, _REF, _TITLE, _STATUS, _DUE, Column("deadline", "Deadline", spare=3), _LEAD]


def as_at_title(as_at: AsAt, today: date) -> str:
    """Day D in a title's words (:func:`plantrack.rows.query.as_at_words`)."""
    return as_at_words(as_at, today)


def quarter_title(quarter: QuarterName | None, following: bool, today: date) -> str:
    if quarter:
        return f"in the quarter after {quarter}" if following else f"in {quarter}"
    current = Quarter.current(today=today)
    return f"in {current.next() if following else current}"


def say_ended(ended: list[str]) -> None:
    """The one line (on stderr, so JSON stays JSON) saying how many ended plans a report
    left out by the ended-plans rule (:func:`plantrack.rows.query.current_plans`)."""
    if not ended:
        return
    count = len(ended)
    typer.echo(
        f"{count} ended plan{'' if count == 1 else 's'} not shown; --all shows "
        f"{'it' if count == 1 else 'them'}",
        err=True,
    )


def write_listing(chosen, output_format: str, stale: bool) -> None:
    """``list``: every trackable found; JSON rows carry the day each was last updated,
    the other formats only with ``--stale``."""
    say_ended(chosen.ended)
    found = chosen.found
    write(
        records(found, updated=output_format == "json" or stale, day=chosen.today),
        stale_columns(LIST_COLUMNS, stale),
        output_format,
        title=f"Trackables: {len(found)}",
        empty="no trackables match",
    )


def write_overdue(chosen, output_format: str, stale: bool, as_at: AsAt) -> None:
    """``overdue``: the rows overdue as at day D, oldest due quarter first. JSON takes one
    route, :func:`plantrack.rows.stored.overdue_json`, which splices the records the cache
    kept (a warm run over a big repo writes 16 MB of them: bench/README.md, W)."""
    say_ended(chosen.ended)
    found = chosen.found
    if output_format == "json":
        kept = chosen.workspace.kept
        write_json_encoded(overdue_json(found, kept, stale, ascii_only=not unicode_stdout()))
        return
    write(
        late_records(found, updated=stale),
        stale_columns(OVERDUE_COLUMNS, stale),
        output_format,
        title=f"Overdue {as_at_title(as_at, chosen.today)}: {len(found)}",
        empty="nothing overdue",
        group_key="quarter",
    )


def write_upcoming(
    chosen, output_format: str, stale: bool, quarter: QuarterName | None, following: bool
) -> None:
    """``upcoming``: the rows due in the quarter, grouped by it."""
    say_ended(chosen.ended)
    found = chosen.found
    write(
        records(found, updated=stale, day=chosen.today),
        stale_columns(UPCOMING_COLUMNS, stale),
        output_format,
        title=f"Due {quarter_title(quarter, following, chosen.today)}: {len(found)}",
        empty="nothing due",
        group_key="quarter",
    )


# --- summary -------------------------------------------------------------------------------


def _summary_record(group, by: str) -> dict[str, Any]:
    row = group.as_dict()
    plans = sorted(group.plans)
    # The Total row spans every plan: naming them all made one cell as wide as the
    # terminal and squeezed every count to "…"; it says how many instead.
    row["plan"] = (
        f"all {len(plans)} plans" if group.key == "total" and len(plans) > 1 else ", ".join(plans)
    )
    row["done_percent"] = round(100 * group.progress)
    if group.key == "total":
        row["label"] = "Total"
    else:
        row["label"] = group.label if by in ("theme", "objective", "plan") else group.key
    return row


def summary_records(summary) -> list[dict[str, Any]]:
    return [_summary_record(g, summary.by) for g in [*summary.groups, summary.total]]


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def summary_columns(by: str, records: list[dict[str, Any]], table: bool) -> list[Column]:
    """The summary's columns: the counts in the one vocabulary (counts.COUNTS), their keys
    in CSV, their headers in the table and Markdown. A table leaves out a count that is
    nought in every row; headers break onto two lines to fit 80 columns."""

    def header(text: str) -> str:
        return text.replace(" ", "\n", 1) if table else text

    counts = [c for c in COUNTS if not table or any(r[c.key] for r in records)]
    return [
        Column("label", by.capitalize(), wrap=True, min_width=14, max_width=44),
        *(
            [Column("plan", "Plan", wrap=True, min_width=10, max_width=24)]
            if by in ("theme", "objective")
            else []
        ),
        *[Column(c.key, header(c.header), justify="right") for c in counts],
        Column("total", "Total", justify="right"),
        Column("done_percent", header("Done %"), justify="right", spare=2),
        Column("overdue", "Overdue", justify="right"),
        Column("due_next_quarter", header("Due next Q"), justify="right", spare=1),
        *_redated_columns(records, table, header),
    ]


def _redated_columns(records: list[dict[str, Any]], table: bool, header) -> list[Column]:
    """Re-dated trackables and their average slip. A terminal table shows the count only
    when any was (the first column a narrow one leaves out), and says the slip in words
    below (:func:`redated_words`)."""
    if table:
        if not any(r["redated"] for r in records):
            return []
        return [Column("redated", header("Re-dated"), justify="right", spare=0)]
    return [
        Column("redated", "Re-dated"),
        Column("average_slip_days", "Avg slip days"),
    ]


def redated_words(total) -> str | None:
    """ "16 trackables re-dated, on average 239 days after their original target"; None
    when none was."""
    if not total.redated:
        return None
    noun = "trackable" if total.redated == 1 else "trackables"
    days = total.average_slip
    return (
        f"{total.redated} {noun} re-dated, on average {days} day{'s' if days != 1 else ''} "
        "after the original target"
    )


def write_summary(
    summary, output_format: str, quarter: QuarterName | None, today: date, ended=()
) -> None:
    """The meeting view: one sentence, then the table; JSON, CSV and Markdown carry the
    same numbers under the same names. ``ended``: the plans left out, said on stderr."""
    say_ended(list(ended))
    records = summary_records(summary)
    when = as_at_title(AsAt(quarter=quarter), today)
    title = f"Summary by {summary.by}, overdue {when}"
    said = sentence(summary.total, when)
    notes = count_notes()  # "Done % counts cancelled items": under the numbers, once
    if output_format == "json":
        payload = {
            "by": summary.by,
            "quarter": quarter.text if quarter else None,
            "as_at": _iso(summary.as_at or (None if quarter else today)),
            "as_at_by_plan": {plan: day.isoformat() for plan, day in summary.as_at_by_plan.items()},
            "sentence": said,
            "groups": [r for r in records if r["group"] != "total"],
            "total": records[-1],
            "notes": notes,
        }
        write_json(payload)
    elif output_format == "csv":
        write(records, summary_columns(summary.by, records, False), output_format)
    elif output_format == "markdown":
        write(records, summary_columns(summary.by, records, False), output_format, title=title)
        redated = redated_words(summary.total)
        below = [said, *([f"{redated}."] if redated else []), *notes]
        sys.stdout.write("".join(f"\n{line}\n" for line in below))
    else:
        out = console()
        out.print(safe(said), soft_wrap=False)
        out.print()
        for record in records:
            record["section"] = "total" if record["group"] == "total" else "groups"
        styles = {
            c.key: (lambda item, style=RAG_STYLE[c.rag]: style) for c in COUNTS if c.rag != "grey"
        }
        write_table(
            records,
            summary_columns(summary.by, records, True),
            title=title,
            group_key="section",
            styles=styles,
        )
        redated = redated_words(summary.total)
        for line in [*([f"{redated}."] if redated else []), *notes]:
            out.print(safe(line), soft_wrap=False)


def _recurs(item: dict[str, Any]) -> str:
    """ "recurs quarterly, due 30 Jun 2023, 30 Sep 2023, ...": each occurrence's
    deadline (the first twelve), or why there are none."""
    found = item["occurrences"]
    recurs = f"recurs {item['recurrence']}"
    if not found:
        return f"{recurs}; no year to repeat in (--financial-year)"
    deadlines = ", ".join(_day(date.fromisoformat(o["deadline"])) for o in found[:12])
    more = f" … ({len(found)} in all)" if len(found) > 12 else ""
    return f"{recurs}, due {deadlines}{more}"


def write_dates(
    results: list[dict[str, Any]], output_format: str, financial_year_given: bool = True
) -> None:
    """``dates``: each expression's window, deadline and quarters (an unreadable one in
    red, the others still shown); a year-less form read without a financial year gets
    the option that gives one, on stderr."""
    if not financial_year_given and any("financial_year" in r.get("error", "") for r in results):
        # On the command line the plan's key is this option: say so, not only the key.
        typer.echo(
            "hint: give the financial year a year-less date belongs to with "
            "--financial-year, e.g. --financial-year 2025/26",
            err=True,
        )
    if output_format == "json":
        write_json(results)
        return
    from rich.table import Table

    out = console()
    table = Table(**table_style())
    for header in ("Expression", "Window", "Deadline", "Quarters"):
        table.add_column(header, overflow="fold")
    for item in results:
        if "error" in item:
            table.add_row(safe(item["text"]), f"[red]{safe(item['error'])}[/]", "", "")
            continue
        window = f"{item['start'] or '…'} – {item['end'] or 'open'}"
        if not item["start"] and not item["end"]:
            window = "ongoing"
        if item.get("recurrence"):  # its occurrences, or why it has none
            window = _recurs(item)
        table.add_row(
            safe(item["text"]), window, item["deadline"] or "none", ", ".join(item["quarters"])
        )
    out.print(table)


# --- close ---------------------------------------------------------------------------------


def write_close(done) -> None:
    """What ``close`` did: the tag and its commit, the sentence it carries, and on stderr
    the warnings (a moved close, returns still outstanding)."""
    out, err = console(), error_console()
    if done.unchanged:
        out.print(f"{done.quarter.label()} is already closed at {done.commit[:12]} ({done.tag})")
        return
    if done.moved is not None:
        err.print(
            f"warning: moved {done.tag} from {done.moved.sha[:12]} (closed on "
            f"{done.moved.day.isoformat()}) to {done.commit[:12]}; push it with --force",
            soft_wrap=True,
        )
    if not done.returns_found:
        err.print(f"note: no returns in {safe(done.returns_folder)}: none checked", soft_wrap=True)
    elif done.outstanding:
        err.print(
            f"warning: {len(done.outstanding)} return(s) missing or incomplete in "
            f"{safe(done.returns_folder)}:",
            soft_wrap=True,
        )
        for state in done.outstanding:
            err.print(f"  {safe(state.owner)}: {state.state}", soft_wrap=True)
    out.print(f"closed {done.quarter.label()}: tag {done.tag} on commit {done.commit[:12]}")
    out.print(safe(done.sentence), soft_wrap=True)
    out.print(f"share it: git push origin {done.tag}", soft_wrap=True)
