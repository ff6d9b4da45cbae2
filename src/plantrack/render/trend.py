"""``trend`` output: one row per quarter close, with a small stacked bar in the terminal.

The bar uses a different shade per status group as well as colour, so it still reads
in black and white, when piped, and under ``NO_COLOR``.
"""

from __future__ import annotations

from typing import Any

from plantrack.plan.status import Status
from plantrack.query import NOT_REPORTED
from plantrack.render.console import console, safe
from plantrack.render.formats import write, write_json
from plantrack.render.table import RAG_STYLE, Column, left_out_note, table_style


# (count keys, header, bar glyph, rag colour): how the terminal groups the statuses, by
# their RAG colour (grey ones not yet done, and no status, are "Other").
def _keys(test) -> tuple[str, ...]:
    return tuple(status.value for status in Status if test(status))


GROUPS = (
    (_keys(lambda s: s.rag == "red" and not s.done), "Red", "█", "red"),
    (_keys(lambda s: s.rag == "amber" and not s.done), "Amber", "▓", "amber"),
    (_keys(lambda s: s.rag == "green" and not s.done), "Green", "▒", "green"),
    (
        (*_keys(lambda s: s.rag == "grey" and not s.done), NOT_REPORTED),
        "Other",
        "░",
        "grey",
    ),
    (_keys(lambda s: s.done), "Done", "·", "blue"),
)
BAR_WIDTH = 16
FULL_WIDTH = 76  # the whole table with its bar, in terminal columns


def flat_record(point: dict[str, Any]) -> dict[str, Any]:
    """A trend point with its counts as top-level keys, for CSV and Markdown."""
    flat = {"quarter": point["quarter"], "commit": point["commit"][:10]}
    flat.update(point["counts"])
    flat.update(total=point["total"], overdue=point["overdue"])
    return flat


def bar(counts: dict[str, int], width: int = BAR_WIDTH) -> list[tuple[str, str]]:
    """(glyphs, rag) pieces of a stacked bar ``width`` long; empty when nothing counts."""
    sizes = [sum(counts.get(key, 0) for key in keys) for keys, _, _, _ in GROUPS]
    total = sum(sizes)
    if not total:
        return []
    # Every group that counts gets at least one glyph: five red items among 270 must
    # still show; the largest group gives up what the small ones took.
    lengths = [max(1, round(width * size / total)) if size else 0 for size in sizes]
    lengths[lengths.index(max(lengths))] += width - sum(lengths)
    return [
        (glyph * length, rag)
        for (_, _, glyph, rag), length in zip(GROUPS, lengths, strict=True)
        if length > 0
    ]


def write_trend(points: list[dict[str, Any]], output: str, title: str) -> None:
    """The trend in ``output`` format; JSON is the list of points, oldest first."""
    if output == "json":
        write_json(points)
        return
    if output in ("csv", "markdown"):
        records = [flat_record(p) for p in points]
        keys = list(points[0]["counts"]) if points else []
        columns = [
            Column("quarter", "Quarter"),
            Column("commit", "Commit"),
            *[Column(key, key.replace("-", " ").capitalize(), justify="right") for key in keys],
            Column("total", "Total", justify="right"),
            Column("overdue", "Overdue", justify="right"),
        ]
        write(records, columns, output, title=title)
        return
    _table(points, title)


def _table(points: list[dict[str, Any]], title: str) -> None:
    from rich.table import Table

    out = console()
    out.print(f"[bold]{safe(title)}[/]", soft_wrap=True)
    # The numbers come first on a narrow terminal: the bar goes, then the commit.
    show_bar, show_commit = out.width >= FULL_WIDTH, out.width >= FULL_WIDTH - BAR_WIDTH - 2
    table = Table(**table_style())
    table.add_column("Quarter", no_wrap=True, min_width=10)
    if show_commit:
        table.add_column("Commit", no_wrap=True, style="dim")
    for _, header, _, rag in GROUPS:
        table.add_column(header, justify="right", no_wrap=True, style=RAG_STYLE[rag])
    table.add_column("Late", justify="right", no_wrap=True, style="bold")
    if show_bar:
        table.add_column("Mix", no_wrap=True, min_width=BAR_WIDTH)
    for point in points:
        counts = point["counts"]
        cells = [point["quarter"], *([point["commit"][:8]] if show_commit else [])]
        cells += [str(sum(counts.get(k, 0) for k in keys)) for keys, _, _, _ in GROUPS]
        cells.append(str(point["overdue"]) if point["overdue"] else "-")
        if show_bar:
            cells.append("".join(f"[{RAG_STYLE[rag]}]{g}[/]" for g, rag in bar(counts)))
        table.add_row(*cells)
    out.print(table)
    if show_bar:
        legend = "  ".join(f"{glyph} {header}" for _, header, glyph, _ in GROUPS)
        out.print(f"[dim]{legend}[/]", soft_wrap=True)
    else:
        dropped = (["Commit"] if not show_commit else []) + ["Mix"]
        out.print(left_out_note(dropped, out.width), soft_wrap=True)
    unreadable = sorted({f for p in points for f in p["unreadable"]})
    if unreadable:
        out.print(
            "not counted where they did not load at the quarter's close: "
            + safe(", ".join(unreadable)),
            soft_wrap=True,
        )
