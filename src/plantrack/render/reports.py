"""Layouts of the report commands: their columns and titles, the summary table, and
``dates``. (``show`` is :mod:`plantrack.render.detail`, the tree :mod:`plantrack.render.tree`.)"""

from __future__ import annotations

from datetime import date
from typing import Any

from plantrack.dates import Quarter
from plantrack.period import AsAt, QuarterName
from plantrack.plan.status import DONE
from plantrack.render.console import console, safe
from plantrack.render.formats import write, write_json
from plantrack.render.table import RAG_STYLE, Column, status_as_written, table_style

_TITLE = Column("title", "Title", wrap=True, min_width=12, max_width=60)
# Lead and the due text as written are what a narrow terminal gives up first (the
# deadline and quarter carry the date); ids, dates and numbers are never shortened.
_LEAD = Column("lead", "Lead", wrap=True, min_width=10, max_width=28, spare=2)
_STATUS = Column("status", "Status", shown=status_as_written)
_DUE = Column("due", "Due", wrap=True, min_width=9, max_width=22, spare=1)
_REF = Column("id", "Id")
_PLAN = Column("plan", "Plan", spare=3)  # with a note saying so, as the last resort

OVERDUE_COLUMNS = [
    Column("quarter", "Fell due"),
    _PLAN,
    _REF,
    _TITLE,
    _STATUS,
    Column("days_overdue", "Days", justify="right"),
    _DUE,
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
LIST_COLUMNS = [_PLAN, _REF, _TITLE, _STATUS, _DUE, Column("deadline", "Deadline", spare=3), _LEAD]


def _day(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def as_at_title(as_at: AsAt, today: date) -> str:
    if as_at.quarter:
        return f"as at the close of {as_at.quarter}"
    if as_at.day:
        return f"as at {_day(as_at.day)}"
    return f"as at today, {_day(today)}"


def quarter_title(quarter: QuarterName | None, following: bool, today: date) -> str:
    if quarter:
        return f"in the quarter after {quarter}" if following else f"in {quarter}"
    current = Quarter.current(today=today)
    return f"in {current.next() if following else current}"


# --- summary -------------------------------------------------------------------------------

STATUS_COLUMNS = [
    ("off-track", "Red", "red"),
    ("behind", "Amber", "amber"),
    ("on-track", "Green", "green"),
    ("not-started", "Not started", "grey"),
    ("not reported", "No status", "grey"),
]


def _summary_record(group, by: str) -> dict[str, Any]:
    counts = group.counts
    done = sum(counts.get(status.value, 0) for status in DONE)
    row = group.as_dict()
    row.update({name: counts.get(name, 0) for name, _, _ in STATUS_COLUMNS})
    row["done_count"] = done
    if group.key == "total":
        row["label"] = "Total"
    else:
        row["label"] = group.label if by in ("theme", "objective", "plan") else group.key
    return row


def summary_records(summary) -> list[dict[str, Any]]:
    return [_summary_record(g, summary.by) for g in [*summary.groups, summary.total]]


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def write_summary(summary, output: str, quarter: QuarterName | None, today: date) -> None:
    """The meeting view; JSON/CSV/Markdown carry the same numbers as the table."""
    records = summary_records(summary)
    columns = [
        Column("label", summary.by.capitalize()),
        *[Column(name, header, justify="right") for name, header, _ in STATUS_COLUMNS],
        Column("done_count", "Done", justify="right"),
        Column("total", "Total", justify="right"),
        Column("overdue", "Overdue", justify="right"),
        Column("due_next_quarter", "Due next Q", justify="right"),
    ]
    when = as_at_title(AsAt(quarter=quarter), today)
    title = f"Summary by {summary.by}, overdue {when}"
    if output == "json":
        payload = {
            "by": summary.by,
            "quarter": quarter.text if quarter else None,
            "as_at": _iso(summary.as_at or (None if quarter else today)),
            "as_at_by_plan": {plan: day.isoformat() for plan, day in summary.as_at_by_plan.items()},
            "groups": [r for r in records if r["group"] != "total"],
            "total": records[-1],
        }
        write_json(payload)
    elif output in ("csv", "markdown"):
        write(records, columns, output, title=title)
    else:
        _summary_table(records, summary.by, title)


def _summary_table(records: list[dict[str, Any]], by: str, title: str) -> None:
    from rich.table import Table

    out = console()
    out.print(f"[bold]{safe(title)}[/]", soft_wrap=True)
    # No vertical rules: nine columns must fit 80 characters with room for the names.
    table = Table(**table_style())
    table.add_column(by.capitalize(), overflow="fold", min_width=14, max_width=44)
    for _, header, rag in STATUS_COLUMNS[:3]:
        table.add_column(header[:5], justify="right", style=RAG_STYLE[rag], no_wrap=True)
    table.add_column("Other", justify="right", no_wrap=True, style="dim")
    table.add_column("Done", justify="right", no_wrap=True, style=RAG_STYLE["blue"])
    table.add_column("Progress", no_wrap=True, min_width=12)
    table.add_column("Late", justify="right", no_wrap=True, style="bold")
    table.add_column("Next Q", justify="right", no_wrap=True)
    for index, row in enumerate(records):
        if index == len(records) - 1:
            table.add_section()
        other = row["not-started"] + row["not reported"]
        table.add_row(
            safe(row["label"]),
            *(str(row[name]) for name, _, _ in STATUS_COLUMNS[:3]),
            str(other),
            str(row["done_count"]),
            _bar(row["done"], row["total"]),
            str(row["overdue"]) if row["overdue"] else "-",
            str(row["due_next_quarter"]),
        )
    out.print(table)


def _bar(done: int, total: int, width: int = 6) -> str:
    """A text progress bar that survives any terminal and a pipe: '████░░░░ 50%'."""
    share = done / total if total else 0.0
    filled = round(share * width)
    return "█" * filled + "░" * (width - filled) + f" {round(share * 100):>3}%"


def write_dates(results: list[dict[str, Any]], output: str) -> None:
    if output == "json":
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
        if item.get("recurrence"):  # the window it repeats in, or none written
            recurs = f"recurs {item['recurrence']}"
            window = f"{recurs}, {window}" if item["end"] else f"{recurs}, no window"
        table.add_row(
            safe(item["text"]), window, item["deadline"] or "none", ", ".join(item["quarters"])
        )
    out.print(table)
