"""``trend`` output: one row per quarter, with a small stacked bar in the terminal.

Every format counts in the one vocabulary of reports (:data:`plantrack.rows.counts.COUNTS`):
JSON and CSV use its keys (``off_track`` ... ``done``, as ``summary`` does), the table
and Markdown its headers. The bar uses a different shade per RAG colour as well as
colour, so it still reads in black and white, when piped, and under ``NO_COLOR``.
"""

from __future__ import annotations

import sys
from typing import Any

from plantrack.render.console import console, safe
from plantrack.render.formats import write, write_json
from plantrack.render.reports import say_ended
from plantrack.render.table import RAG_STYLE, Column, left_out_note, table_style
from plantrack.rows.counts import COUNTS, count_notes

# The bar's shade for each RAG colour; the greys (unrated, not started, no status) share one.
GLYPHS = {"red": "█", "amber": "▓", "green": "▒", "grey": "░", "blue": "·"}
BAR_WIDTH = 16
FULL_WIDTH = 76  # the whole table with its bar, in terminal columns
NOT_CLOSED = "last commit"  # a quarter not closed: the last commit on or before its end


def flat_record(point: dict[str, Any]) -> dict[str, Any]:
    """A trend point with its counts as top-level keys, for CSV and Markdown."""
    flat = {"quarter": point["quarter"], "commit": point["commit"][:10]}
    flat["read_at"] = point["tag"] or NOT_CLOSED
    flat.update(point["counts"])
    flat.update(total=point["total"], overdue=point["overdue"])
    return flat


def bar(counts: dict[str, int], width: int = BAR_WIDTH) -> list[tuple[str, str]]:
    """(glyphs, rag) pieces of a stacked bar ``width`` long; empty when nothing counts."""
    rags = list(GLYPHS)
    sizes = [sum(counts.get(c.key, 0) for c in COUNTS if c.rag == rag) for rag in rags]
    total = sum(sizes)
    if not total:
        return []
    # Every colour that counts gets at least one glyph: five red items among 270 must
    # still show; the largest part gives up what the small ones took.
    lengths = [max(1, round(width * size / total)) if size else 0 for size in sizes]
    lengths[lengths.index(max(lengths))] += width - sum(lengths)
    return [
        (GLYPHS[rag] * length, rag) for rag, length in zip(rags, lengths, strict=True) if length
    ]


def _used(points: list[dict[str, Any]], table: bool) -> list:
    """The counts shown: all of them in CSV and Markdown (a fixed set of columns), those
    that count anything in the table (as ``summary`` leaves out a column of noughts)."""
    return [c for c in COUNTS if not table or any(p["counts"][c.key] for p in points)]


def write_trend_report(points: list, output_format: str) -> None:
    """``trend``: the plans left out as ended at some quarter (said once, on stderr),
    then the counts at each quarter's close under a title naming the first and last."""
    say_ended(sorted({plan for point in points for plan in point.ended}))
    title = "Counts by status at each quarter's close, as committed then"
    if points:
        title += f": {points[0].quarter} to {points[-1].quarter}"
    write_trend([p.as_dict() for p in points], output_format, title)


def write_trend(points: list[dict[str, Any]], output_format: str, title: str) -> None:
    """The trend in ``output_format`` format; JSON is the list of points, oldest first."""
    if output_format == "json":
        write_json(points)
        return
    if output_format in ("csv", "markdown"):
        columns = [
            Column("quarter", "Quarter"),
            Column("commit", "Commit"),
            Column("read_at", "Read at"),
            *[Column(c.key, c.header, justify="right") for c in _used(points, False)],
            Column("total", "Total", justify="right"),
            Column("overdue", "Overdue", justify="right"),
        ]
        write([flat_record(p) for p in points], columns, output_format, title=title)
        if output_format == "markdown":
            notes = count_notes(c.key for c in _used(points, False))
            sys.stdout.write("".join(f"\n{note}\n" for note in notes))
        return
    _table(points, title)


def _table(points: list[dict[str, Any]], title: str) -> None:
    from rich.table import Table

    out = console()
    out.print(f"[bold]{safe(title)}[/]", soft_wrap=True)
    # The numbers come first on a narrow terminal: the bar goes, then the commit.
    show_bar, show_commit = out.width >= FULL_WIDTH, out.width >= FULL_WIDTH - BAR_WIDTH - 2
    used = _used(points, True)
    table = Table(**table_style())
    table.add_column("Quarter", no_wrap=True, min_width=10)
    if show_commit:
        table.add_column("Commit", no_wrap=True, style="dim")
    for count in used:
        header = count.header.replace(" ", "\n", 1)
        table.add_column(header, justify="right", no_wrap=True, style=RAG_STYLE[count.rag])
    table.add_column("Overdue", justify="right", no_wrap=True, style="bold")
    if show_bar:
        table.add_column("Mix", no_wrap=True, min_width=BAR_WIDTH)
    for point in points:
        counts = point["counts"]
        mark = "" if point["tag"] else " *"
        cells = [point["quarter"] + mark, *([point["commit"][:8]] if show_commit else [])]
        cells += [str(counts[c.key]) for c in used]
        cells.append(str(point["overdue"]))
        if show_bar:
            cells.append("".join(f"[{RAG_STYLE[rag]}]{g}[/]" for g, rag in bar(counts)))
        table.add_row(*cells)
    out.print(table)
    if show_bar:
        legend = "  ".join(
            f"{GLYPHS[rag]} " + ", ".join(c.header for c in COUNTS if c.rag == rag).capitalize()
            for rag in GLYPHS
        )
        out.print(f"[dim]{safe(legend)}[/]", soft_wrap=True)
    else:
        dropped = (["Commit"] if not show_commit else []) + ["Mix"]
        out.print(left_out_note(dropped, out.width), soft_wrap=True)
    if any(not p["tag"] for p in points):
        out.print(
            "* not closed: read at the last commit on or before its end (plantrack close"
            " tags a quarter)",
            soft_wrap=True,
        )
    for note in count_notes(c.key for c in used):  # "Done includes cancelled items"
        out.print(f"[dim]{safe(note)}[/]", soft_wrap=True)
    _unreadable(out, points)


def _unreadable(out, points: list[dict[str, Any]]) -> None:
    unreadable = sorted({f for p in points for f in p["unreadable"]})
    if unreadable:
        out.print(
            "not counted where they did not load at the quarter's close: "
            + safe(", ".join(unreadable)),
            soft_wrap=True,
        )
