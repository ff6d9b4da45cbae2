"""``show``: one item in full, as a table of fields and its children, or JSON."""

from __future__ import annotations

from typing import Any

from plantrack.render.console import console, safe
from plantrack.render.formats import write_json
from plantrack.render.table import RAG_STYLE, cell_text


def write_detail(detail: dict[str, Any], output_format: str) -> None:
    if output_format == "json":
        write_json(detail)
        return
    from rich.table import Table

    out = console()
    out.print(
        f"[bold]{safe(detail['id'])}[/] {safe(detail['title'])}  "
        f"({detail['kind']} in {safe(detail['plan'])}, {safe(detail['file'])}:"
        f"{detail['line']})"
    )
    for ancestor in detail["ancestors"]:
        out.print(f"  {ancestor['kind']}: {safe(ancestor['id'])} {safe(ancestor['title'])}")
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for label, value in _detail_fields(detail):
        grid.add_row(label, safe(value))
    out.print(grid)
    _detail_children(out, detail, safe)


def _detail_fields(detail: dict[str, Any]) -> list[tuple[str, str]]:
    fields = [
        ("Status", detail["status"] or "not reported"),
        ("Lead", cell_text(detail["lead"]) or "(none given)"),
    ]
    for key in (
        "directorate",
        "cabinet_member",
        "as_of",
        "updated",
        "measure",
        "rationale",
        "description",
        "notes",
    ):
        if detail.get(key):
            fields.append((key.replace("_", " ").capitalize(), str(detail[key])))
    for item in detail["dates"]:
        label = "Due" if item["key"] == "due" else "Original due"
        fields.append((label, _explained(item)))
    if detail["slipped_days"] is not None:
        fields.append(("Slipped", detail["slipped"] or f"{detail['slipped_days']} days"))
    if detail["links"]:
        fields.append(("Links to", ", ".join(detail["links"])))
    if detail["linked_from"]:
        fields.append(("Linked from", ", ".join(detail["linked_from"])))
    return fields


def _explained(item: dict[str, Any]) -> str:
    if "error" in item:
        return f"{item['text']} → cannot read: {item['error']}"
    if not item["deadline"] and not item["start"]:
        return f"{item['text']} → ongoing, no deadline"
    window = f"{item['start'] or '…'} to {item['end'] or 'open'}"
    quarters = ", ".join(item["quarters"])
    return f"{item['text']} → {window} → deadline {item['deadline'] or 'none'}" + (
        f" ({quarters})" if quarters else ""
    )


def _detail_children(out, detail: dict[str, Any], safe) -> None:
    if not detail["children"]:
        return
    out.print("[bold]Contains[/]")
    for child in detail["children"]:
        style = RAG_STYLE.get(child["rag"] or "", "")
        status = f" [{style}]{child['status']}[/]" if child["status"] else ""
        due = f" — {safe(child['due'])}" if child["due"] else ""
        out.print(f"  {safe(child['id'])} {safe(child['title'])}{due}{status}")


# --- dates -----------------------------------------------------------------------------------
