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


def write_changes(listed, output_format: str) -> None:
    """``diff``: the summary of every change first, then the changes listed (``listed``:
    a :class:`plantrack.git.changes.Listing`; its as_of-only updates counted, and listed
    only when asked)."""
    summary, changes, hidden = listed.summary, listed.changes, listed.hidden
    records = [c.as_dict() | {"summary": headline(c)} for c in changes]
    if output_format == "json":
        payload = {
            "sentence": summary.sentence,
            "counts": {key: n for key, n in summary.counts.items() if n},  # those found
            "as_of_only_listed": not hidden,
            "changes": records,
        }
        write_json(payload, default=str)
        return
    note = _hidden_note(hidden)
    if output_format == "markdown":
        sys.stdout.write(_markdown(records, summary.sentence, note))
        return
    out = console()
    out.print(safe(summary.sentence), soft_wrap=True)
    if note:
        out.print(note, soft_wrap=True)
    for change in changes:
        text = safe(headline(change), one_line=True)
        if change.change == "status":
            style = RAG_STYLE.get(rag_of(change.new) or "", "")
            text = f"[{style}]{text}[/]" if style else text
        out.print(text)


def _hidden_note(hidden: int) -> str | None:
    """What the listing leaves out, and how to see it."""
    if not hidden:
        return None
    noun = "update is" if hidden == 1 else "updates are"
    return f"{hidden} as_of-only {noun} counted, not listed; --with-as-of lists them"


def _markdown(records: list[dict[str, Any]], sentence: str, note: str | None) -> str:
    columns = [
        Column("plan", "Plan"),
        Column("id", "Item"),
        Column("change", "Change"),
        Column("old_text", "Before"),
        Column("new_text", "After"),
        Column("detail", "Detail"),
    ]
    rows = [r | {"old_text": _value(r["old"]), "new_text": _value(r["new"])} for r in records]
    # The sentence and the note are plantrack's own words: nothing in them to escape.
    text = f"### Plan changes: {sentence}\n"
    if note:
        text += f"\n{note}.\n"
    return text + ("\n" + markdown_table(rows, columns) if rows else "")


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
