"""The terminal table (rich): columns fitted to the screen width before rich sees
them, long text wrapped, sections between groups, RAG colours on the status."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from plantrack.plan.status import BUILT_IN, UnknownStatus
from plantrack.render.console import console, safe
from plantrack.textsafe import visible_controls

_START = object()
GAP = 2  # columns are separated by two spaces (collapsed padding, no rules)
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
    # May be left out of a terminal table too narrow for it (lowest first); None: never.
    # Ids, dates and numbers are never shortened, so something else must give way.
    spare: int | None = None
    # What a person reads, where it differs from the record's machine value (CSV and JSON
    # keep the value): e.g. the status word as the plan writes it beside its meaning.
    shown: Callable[[dict[str, Any]], Any] | None = None

    @property
    def header_width(self) -> int:
        """A header may break onto two lines ("Not\\nstarted") to narrow its column."""
        return max(map(len, self.header.split("\n")))

    def text(self, item: dict[str, Any]) -> Any:
        """The cell for a person: ``shown(item)`` if set, else the record's value."""
        return self.shown(item) if self.shown else item.get(self.key)


def cell_text(value: Any) -> str:
    """A record value as one line of text (lists joined, None empty), its control
    characters shown as ``\\x1b`` (every text output is built from these cells)."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(cell_text(part) for part in value)
    return " ".join(visible_controls(str(value)).split())


def _useful(columns: Sequence[Column], texts: list[list[str]], records) -> list[int]:
    """Indexes of the columns worth showing: not one that is empty in every row, nor the
    plan column when every row is from one plan (width is precious)."""
    plans = {item.get("plan") for item in records}
    return [
        i
        for i, column in enumerate(columns)
        if any(texts[i]) and not (column.key == "plan" and len(plans) == 1)
    ]


def table_style() -> dict[str, Any]:
    """The one look of every table: a rule under the headers, no vertical rules (width
    is for text), two spaces between columns."""
    from rich import box

    return {"box": box.SIMPLE_HEAD, "show_edge": False, "pad_edge": False, "collapse_padding": True}


def fit_widths(columns: Sequence[Column], texts: list[list[str]], total: int) -> list[int]:
    """Column widths that fit ``total``: short columns at their natural width, the rest
    shared among the wrapping columns in proportion to what they would like."""
    natural = [
        max([column.header_width, *map(len, cells)])
        for column, cells in zip(columns, texts, strict=True)
    ]
    wrapping = [i for i, column in enumerate(columns) if column.wrap]
    fixed = sum(natural[i] for i in range(len(columns)) if i not in wrapping)
    available = total - fixed - GAP * (len(columns) - 1)
    want = {i: min(natural[i], columns[i].max_width or natural[i]) for i in wrapping}
    floor = {i: min(want[i], _floor(columns[i], texts[i])) for i in wrapping}
    widths = list(natural)
    if sum(natural[i] for i in wrapping) <= available:
        return widths
    if sum(want.values()) <= available:
        chosen = want
    else:
        extra = max(0, available - sum(floor.values()))
        spare = sum(want[i] - floor[i] for i in wrapping) or 1
        chosen = {i: floor[i] + (want[i] - floor[i]) * extra // spare for i in wrapping}
    for i in wrapping:
        widths[i] = max(1, chosen[i])
    return widths


def _needed(columns: Sequence[Column], texts: list[list[str]]) -> int:
    """The narrowest a table of these columns can be without shortening anything but
    wrapping text: whole widths for the rest, a floor for the wrapping ones."""
    total = GAP * (len(columns) - 1)
    for column, cells in zip(columns, texts, strict=True):
        natural = max([column.header_width, *map(len, cells)])
        total += min(natural, _floor(column, cells)) if column.wrap else natural
    return total


def layout(
    columns: Sequence[Column], texts: list[list[str]], total: int
) -> tuple[list[int], list[int], list[int]]:
    """Which columns a ``total``-wide table shows, their widths, and which it leaves out.

    Ids, dates and numbers keep their whole width; titles and other text wrap. When
    even that is too wide, the spare columns go, lowest ``spare`` first, and the
    caller says so."""
    shown = list(range(len(columns)))
    left_out: list[int] = []
    spare = sorted((c.spare, i) for i, c in enumerate(columns) if c.spare is not None)
    while _needed([columns[i] for i in shown], [texts[i] for i in shown]) > total and spare:
        _, index = spare.pop(0)
        shown.remove(index)
        left_out.append(index)
    widths = fit_widths([columns[i] for i in shown], [texts[i] for i in shown], total)
    return shown, widths, left_out


def left_out_note(headers: Sequence[str], width: int) -> str:
    """The line under a table that could not show every column."""
    names = headers[0] if len(headers) == 1 else f"{', '.join(headers[:-1])} and {headers[-1]}"
    return (
        f"{names} left out to fit {width} columns; "
        "a wider terminal, or --format csv or json, shows every column"
    )


def _floor(column: Column, cells: list[str]) -> int:
    """The narrowest a wrapping column goes: its header, and a long word whole."""
    return max(column.min_width or 6, column.header_width, min(_longest_word(cells), 16))


def _longest_word(cells: list[str]) -> int:
    return max((len(word) for cell in cells for word in cell.split()), default=0)


def _wrap(text: str, width: int) -> list[str]:
    if len(text) <= width:
        return [text]
    return textwrap.wrap(text, width=width, break_long_words=True) or [""]


def status_as_written(item: dict[str, Any]) -> str | None:
    """The status a person reads: the canonical state, and before it the plan's own word
    where the plan's legend gives that word its meaning ("Green (completed)" in a plan
    whose green means done; "Behind schedule" reads as "behind", as everywhere)."""

    word, status = item.get("status_word"), item.get("status")
    if not word or not status:
        return status
    try:
        if BUILT_IN.parse(word).value == status:
            return status
    except UnknownStatus:
        pass
    return f"{word} ({status})"


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
    """A rich table; sections between groups; RAG colours on the status column.

    Nothing is cut: widths are decided here and long text is wrapped to them before
    rich sees it, ids, dates and numbers keep their whole width, and a column that
    cannot fit is left out with a line saying so."""
    from rich.table import Table

    out = console()
    if not records:
        out.print(f"{safe(title) + ': ' if title else ''}{empty}", soft_wrap=True)
        return
    styles = {"status": status_style, **(styles or {})}
    if title:
        out.print(f"[bold]{safe(title)}[/]", soft_wrap=True)
    texts = [[cell_text(c.text(item)) for item in records] for c in columns]
    useful = _useful(columns, texts, records)
    columns, texts = [columns[i] for i in useful], [texts[i] for i in useful]
    shown, widths, left_out = layout(columns, texts, out.width)
    table = Table(**table_style())
    for index, width in zip(shown, widths, strict=True):
        column = columns[index]
        table.add_column(column.header, justify=column.justify, width=width, no_wrap=True)
    previous: Any = _START
    for row, item in enumerate(records):
        if group_key and item.get(group_key) != previous and previous is not _START:
            table.add_section()
        cells = []
        for index, width in zip(shown, widths, strict=True):
            column = columns[index]
            text = texts[index][row]
            if group_key == column.key and item.get(group_key) == previous:
                text = ""
            text = "\n".join(safe(line) for line in _wrap(text, width))
            style = styles.get(column.key)
            cells.append(f"[{style(item)}]{text}[/]" if style and style(item) and text else text)
        previous = item.get(group_key) if group_key else None
        table.add_row(*cells)
    out.print(table)
    if left_out:
        note = left_out_note([columns[i].header for i in left_out], out.width)
        out.print(f"[dim]{safe(note)}[/]", soft_wrap=False)
