"""Rendering ``diff`` (table, json, a Markdown PR comment) and ``history``."""

from __future__ import annotations

import sys
from typing import Any

from plantrack.plan.status import rag_of
from plantrack.render.console import console, safe
from plantrack.render.formats import markdown_table, write_json
from plantrack.render.table import RAG_STYLE, Column, cell_text, table_style


def _value(value: Any, limit: int = 60) -> str:
    text = cell_text(value) if value is not None else "—"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def headline(change) -> str:
    """ "R13: behind → completed" style one-liner."""
    who = f"{change.plan}:{change.id}" if change.id else change.plan or change.file
    if change.change == "added":
        return f"{who}: added ({_value(change.new)})"
    if change.change == "removed":
        return f"{who}: removed ({_value(change.old)})"
    if change.change == "unreadable":
        return f"{change.file}: could not be read {change.detail}"
    detail = f" ({change.detail})" if change.detail else ""
    return f"{who}: {change.change} {_value(change.old)} → {_value(change.new)}{detail}"


def write_changes(changes: list, output_format: str) -> None:
    records = [c.as_dict() | {"summary": headline(c)} for c in changes]
    if output_format == "json":
        write_json(records, default=str)
        return
    if output_format == "markdown":
        columns = [
            Column("plan", "Plan"),
            Column("id", "Item"),
            Column("change", "Change"),
            Column("old_text", "Before"),
            Column("new_text", "After"),
            Column("detail", "Detail"),
        ]
        rows = [r | {"old_text": _value(r["old"]), "new_text": _value(r["new"])} for r in records]
        heading = f"### Plan changes: {len(changes)}\n\n"
        body = markdown_table(rows, columns) if rows else "No changes to plans.\n"
        sys.stdout.write(heading + body)
        return
    out = console()
    if not changes:
        out.print("no changes to plans")
        return
    for change in changes:
        text = safe(headline(change))
        if change.change == "status":
            style = RAG_STYLE.get(rag_of(change.new) or "", "")
            text = f"[{style}]{text}[/]" if style else text
        out.print(text)


def write_history(ref: str, title: str, rows: list[dict[str, Any]], output_format: str) -> None:
    if output_format == "json":
        write_json(rows, default=str)
        return
    from rich.table import Table

    out = console()
    out.print(f"[bold]History of {safe(ref)} {safe(title)}[/]", soft_wrap=True)
    table = Table(**table_style())
    for header in ("Date", "Commit", "Author", "Status", "Due", "Rationale", "Subject"):
        table.add_column(header, overflow="fold", max_width=40 if header == "Rationale" else None)
    for row in rows:
        status = row.get("status") or ("—" if row.get("present") else row.get("note", ""))
        style = RAG_STYLE.get(rag_of(row.get("status")) or "", "")
        table.add_row(
            row["date"][:10],
            row["commit"][:7],
            safe(row["author"]),
            f"[{style}]{safe(status)}[/]" if style else safe(status),
            safe(_value(row.get("due"))),
            safe(_value(row.get("rationale"), 80)),
            safe(row["subject"]),
        )
    out.print(table)
