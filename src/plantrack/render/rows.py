"""Records to output: a rich table for the terminal, JSON for scripts, CSV
for spreadsheets, a GitHub Markdown table for the committee paper.

Commands pass plain records (:mod:`plantrack.records`) and the columns the
table, CSV and Markdown should show; JSON always carries the whole record.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

_START = object()
RAG_STYLE = {"green": "green", "amber": "yellow", "red": "bold red", "blue": "blue", "grey": "dim"}


@dataclass(frozen=True)
class Column:
    """One column: the record key, its header, and how it lays out in a table."""

    key: str
    header: str
    justify: str = "left"
    wrap: bool = False  # True for long text (titles): wraps on a terminal
    min_width: int | None = None
    max_width: int | None = None


def cell_text(value: Any) -> str:
    """A record value as one line of text (lists joined, None empty)."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(map(str, value))
    return " ".join(str(value).split())


def write(
    records: Sequence[dict[str, Any]],
    columns: Sequence[Column],
    output: str,
    *,
    title: str | None = None,
    empty: str = "nothing to show",
    group_key: str | None = None,
) -> None:
    """Print ``records`` in ``output`` format (table, json, csv or markdown)."""
    if output == "json":
        sys.stdout.write(json.dumps(list(records), indent=2, ensure_ascii=False) + "\n")
    elif output == "csv":
        write_csv(records, columns)
    elif output == "markdown":
        sys.stdout.write(markdown_table(records, columns, title))
    else:
        write_table(records, columns, title=title, empty=empty, group_key=group_key)


def write_csv(records: Sequence[dict[str, Any]], columns: Sequence[Column]) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow([c.key for c in columns])
    for item in records:
        writer.writerow([cell_text(item.get(c.key)) for c in columns])


def _markdown_cell(value: Any) -> str:
    return cell_text(value).replace("\\", "\\\\").replace("|", "\\|")


def markdown_table(
    records: Sequence[dict[str, Any]], columns: Sequence[Column], title: str | None = None
) -> str:
    """A GitHub-flavoured Markdown table, ready to paste into a paper."""
    align = {"left": ":---", "right": "---:", "center": ":---:"}
    lines = [f"**{_markdown_cell(title)}**", ""] if title else []
    lines.append("| " + " | ".join(c.header for c in columns) + " |")
    lines.append("| " + " | ".join(align.get(c.justify, "---") for c in columns) + " |")
    for item in records:
        lines.append("| " + " | ".join(_markdown_cell(item.get(c.key)) for c in columns) + " |")
    return "\n".join(lines) + "\n"


def status_style(item: dict[str, Any]) -> str:
    return RAG_STYLE.get(item.get("rag") or "", "")


def write_table(
    records: Sequence[dict[str, Any]],
    columns: Sequence[Column],
    *,
    title: str | None = None,
    empty: str = "nothing to show",
    group_key: str | None = None,
    styles: dict[str, Callable[[dict[str, Any]], str]] | None = None,
) -> None:
    """A rich table; sections between groups; RAG colours on the status column."""
    from rich import box
    from rich.table import Table

    from plantrack.render.console import console, safe

    out = console()
    if not records:
        out.print(f"{safe(title) + ': ' if title else ''}{empty}")
        return
    styles = {"status": status_style, **(styles or {})}
    terminal = out.is_terminal
    if title:
        out.print(f"[bold]{safe(title)}[/]", soft_wrap=True)
    table = Table(box=box.SIMPLE_HEAD if terminal else box.ASCII2, show_edge=terminal)
    for column in columns:
        table.add_column(
            column.header,
            justify=column.justify,
            min_width=column.min_width,
            max_width=column.max_width if terminal else None,
            no_wrap=not (column.wrap and terminal),
            overflow="fold" if column.wrap else "ellipsis",
        )
    previous: Any = _START
    for item in records:
        if group_key and item.get(group_key) != previous and previous is not _START:
            table.add_section()
        cells = []
        for column in columns:
            text = safe(cell_text(item.get(column.key)))
            if group_key == column.key and item.get(group_key) == previous:
                text = ""
            style = styles.get(column.key)
            cells.append(f"[{style(item)}]{text}[/]" if style and style(item) and text else text)
        previous = item.get(group_key) if group_key else None
        table.add_row(*cells)
    out.print(table)
