"""``plantrack import``: a spreadsheet tracker (CSV, TSV, XLSX) to a plan file.

A small YAML map says which column holds what. Rows become actions under
objectives under themes; a blank theme or objective cell (merged cells
arrive blank) or one repeating the text above continues that one; a row
whose only filled cell is the first starts a new theme when
``sections: theme``. Statuses and dates go through the validator's own
vocabulary (with the map's ``statuses:`` legend) and grammar. Nothing is lost:
every row becomes an action, a cell that cannot be read is kept in its notes
(labelled with its column) and reported, and columns the map does not use
are named.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from plantrack.dates import DateError, parse
from plantrack.errors import Diagnostic, PlantrackError
from plantrack.fileio import write_atomically
from plantrack.plan.check import require_valid_text
from plantrack.plan.edit import render_scalar
from plantrack.plan.keys import ITEM_KEY_ORDER
from plantrack.plan.keys import PLAN_KEY_ORDER as PLAN_KEYS_WRITTEN
from plantrack.plan.status import UnknownStatus, Vocabulary, parse_status
from plantrack.usecases import guess as guessing
from plantrack.usecases.sheet import (
    MAPPABLE,
    SheetMap,
    clean,
    find_header,
    header_key,
    letter_of,
    read_rows,
    unmapped_columns,
)

# The keys an imported action gets, and the plan's own keys, in the written order.
ACTION_KEYS = tuple(key for key in ITEM_KEY_ORDER if key in MAPPABLE)
PLAN_KEY_ORDER = tuple(key for key in PLAN_KEYS_WRITTEN if key not in ("plantrack", "themes"))
_THEME_NUMBER = re.compile(r"^(?:theme|priority)\s+\d+\s*[:.\-–]\s*", re.I)


# --- rows to a tree ----------------------------------------------------------------------------


@dataclass
class Node:
    title: str
    id: str | None = None
    values: dict[str, str] = field(default_factory=dict)
    children: list[Node] = field(default_factory=list)


@dataclass
class ImportResult:
    text: str
    rows_read: int
    problems: list[Diagnostic]  # every cell that could not be read, and unmapped columns
    trackables: int
    cells_unread: int = 0


@dataclass
class _Cell:
    """One filled cell of a row, under a mapped key."""

    key: str
    text: str
    column: int
    label: str  # its header, or 'column B' where the header is blank


# Where a row's date cannot be read, the plan still needs a due: this no-deadline value,
# with the cell's own text kept in notes (docs/reference/dates.md: TBC is "no window, no deadline").
NO_DEADLINE = "TBC"


class _PlanFromSheet:
    def __init__(self, sheet_map: SheetMap, source: str, header: list[str]) -> None:
        self.map = sheet_map
        self.source = source
        self.header = header
        self.themes: list[Node] = []
        self.problems: list[Diagnostic] = []
        self.cells_unread = 0
        self.after_break = False
        self.rows_read = 0
        self.columns: dict[str, list[int]] = {}
        legend = {word: parse_status(meaning) for word, meaning in sheet_map.statuses.items()}
        self.vocabulary = Vocabulary(legend)

    # current nodes
    def theme(self) -> Node:
        if not self.themes:
            self.themes.append(Node(str(self.map.plan.get("title", "Plan"))))
        return self.themes[-1]

    def objective(self) -> Node:
        theme = self.theme()
        if not theme.children:
            theme.children.append(Node(theme.title))
        return theme.children[-1]

    def label(self, column: int) -> str:
        header = self.header[column].strip() if column < len(self.header) else ""
        return header or f"column {letter_of(column)}"

    def add(self, where: tuple[int, int], row: list[str]) -> None:
        """One sheet row; ``where`` is its row number and the line it starts on."""
        if not any(clean(c) for c in row):
            return
        if [header_key(c) for c in row[: len(self.header)]] == [header_key(h) for h in self.header]:
            self.after_break = True  # the header repeated: a page break in the source
            return
        if self._section(row):
            return
        self.rows_read += 1
        cells = [
            _Cell(key, clean(row[index]), index, self.label(index))
            for key, indexes in self.columns.items()
            for index in indexes
            if index < len(row) and clean(row[index])
        ]
        self._row(where, cells)
        self.after_break = False

    def _section(self, row: list[str]) -> bool:
        filled = [clean(c) for c in row if clean(c)]
        if self.map.sections != "theme" or len(filled) != 1 or not clean(row[0]):
            return False
        self.themes.append(Node(_THEME_NUMBER.sub("", filled[0])))
        return True

    def _row(self, where: tuple[int, int], cells: list[_Cell]) -> None:
        first = {}
        for cell in cells:
            first.setdefault(cell.key, cell.text)
        theme_text = first.get("theme", "")
        if theme_text and not (self.themes and self.themes[-1].title == theme_text):
            self.themes.append(Node(theme_text))
        objective_text = first.get("objective", "")
        objectives = self.theme().children
        if objective_text and objectives and objectives[-1].title == objective_text:
            pass  # the sheet repeats the objective on every row: the same one continues
        elif objective_text and self._continues(objective_text) and objectives:
            self.objective().title += " " + objective_text
        elif objective_text:
            objectives.append(Node(objective_text))
        title = first.get("title", "")
        actions = self.objective().children
        bare = "due" not in first and "lead" not in first
        if title and actions and self.after_break and (self._continues(title) or bare):
            actions[-1].title += " " + title
            return
        values = self._values(where, cells)
        if not title:
            title = f"(row {where[0]}: no title in the sheet)"
            self._problem(where, None, "no text in the title column; a placeholder title is used")
        actions.append(Node(title, first.get("id") or None, values))

    def _continues(self, text: str) -> bool:
        """Text cut by a page break resumes in lower case on the next page."""
        return self.after_break and text[:1].islower()

    def _values(self, where: tuple[int, int], cells: list[_Cell]) -> dict[str, str]:
        """The action's values. A cell that cannot be read is kept in notes, labelled with
        its column, and reported; a row without a readable date gets a no-deadline due."""
        values: dict[str, str] = {}
        notes: list[str] = []
        unread: list[str] = []
        kept: set[int] = set()  # columns already kept in notes (one may feed two keys)
        for cell in cells:
            if cell.key in ("id", "title", "theme", "objective"):
                continue
            if cell.key == "notes":
                notes.append(cell.text)
                continue
            if cell.key in values:
                continue  # an earlier column of the list was filled: it wins
            reason = self._unreadable(cell)
            if reason is None:
                values[cell.key] = cell.text
            elif cell.column not in kept:
                kept.add(cell.column)
                unread.append(f"{cell.label}: {cell.text}")
                no_deadline = f"; due set to {NO_DEADLINE}" if cell.key == "due" else ""
                self._problem(where, cell, f"{reason}; kept in notes{no_deadline}")
        if "due" not in values:
            values["due"] = NO_DEADLINE
            if not any(c.key == "due" for c in cells):
                self._problem(where, None, f"no target date; due set to {NO_DEADLINE}")
        if values.get("original_due") == values["due"]:
            del values["original_due"]
        if "status" in values:
            values["status"] = self.vocabulary.parse(values["status"]).value
        labelled = self._labelled_notes(cells) if len(self.columns.get("notes", [])) > 1 else notes
        if labelled or unread:
            values["notes"] = "; ".join([*labelled, *unread])
        return values

    def _labelled_notes(self, cells: list[_Cell]) -> list[str]:
        return [f"{cell.label}: {cell.text}" for cell in cells if cell.key == "notes"]

    def _unreadable(self, cell: _Cell) -> str | None:
        """Why a cell cannot be read as its key, or None when it can."""
        if cell.key == "status":
            try:
                self.vocabulary.parse(cell.text)
            except UnknownStatus:
                return f"'{_short(cell.text)}' is not a status"
        if cell.key in ("due", "original_due"):
            try:
                plan = self.map.plan
                parse(cell.text, plan.get("financial_year"), plan.get("year_start", 4))
            except DateError as err:
                return f"'{_short(cell.text)}' is not a date: {err.message}"
        return None

    def _problem(self, where: tuple[int, int], cell: _Cell | None, reason: str) -> None:
        number, line = where
        self.cells_unread += 1
        place = f", column '{cell.label}' ({letter_of(cell.column)})" if cell else ""
        self.problems.append(
            Diagnostic(
                "PT401",
                f"row {number}{place}: {reason}",
                self.source,
                line,
                cell.column + 1 if cell else 1,
                None,
                "warning",
            )
        )


def _short(text: str) -> str:
    return text if len(text) <= 50 else text[:50] + "…"


# --- writing the plan ------------------------------------------------------------------------


def _number_ids(themes: list[Node]) -> None:
    """Ids from the document's numbering where given, else T1, T1.1, T1.1.a."""
    for t, theme in enumerate(themes, 1):
        theme.id = theme.id or f"T{t}"
        for o, objective in enumerate(theme.children, 1):
            objective.id = objective.id or f"{theme.id}.{o}"
            for a, action in enumerate(objective.children):
                action.id = action.id or f"{objective.id}.{_letters(a)}"


def _letters(index: int) -> str:
    return letter_of(index).lower()


def _line(indent: int, key: str, value: str, dash: bool = False) -> str:
    lead = " " * indent + ("- " if dash else "")
    return f"{lead}{key}: {render_scalar(str(value), '', indent + (2 if dash else 0))}".rstrip()


def render_plan(sheet_map: SheetMap, themes: list[Node], source: str) -> str:
    """The plan in the house style: modeline, header comment, the spec's key order."""
    lines = [
        "# yaml-language-server: $schema=../schemas/plan.schema.json",
        f"# Imported by plantrack from {Path(source).name}; check it against the source.",
        "plantrack: 1",
    ]
    plan = dict(sheet_map.plan)
    if sheet_map.statuses:
        plan["statuses"] = sheet_map.statuses
    ordered = [k for k in PLAN_KEY_ORDER if k in plan] + [
        k for k in plan if k not in PLAN_KEY_ORDER and k != "plantrack"
    ]
    for key in ordered:
        if isinstance(plan[key], dict):
            lines.append(f"{key}:")
            lines += [_line(2, str(word), meaning) for word, meaning in plan[key].items()]
        else:
            lines.append(_line(0, key, plan[key]))
    lines.append("themes:")
    for theme in themes:
        lines += [
            _line(2, "id", theme.id or "", dash=True),
            _line(4, "title", theme.title),
            "    objectives:",
        ]
        for objective in theme.children:
            lines += [
                _line(6, "id", objective.id or "", dash=True),
                _line(8, "title", objective.title),
                "        actions:" if objective.children else "        actions: []",
            ]
            for action in objective.children:
                lines.append(_line(10, "id", action.id or "", dash=True))
                lines.append(_line(12, "title", action.title))
                lines += [_line(12, k, action.values[k]) for k in ACTION_KEYS if k in action.values]
    return "\n".join(lines) + "\n"


def import_to(sheet: Path, map_file: Path, output: Path | None, force: bool) -> ImportResult:
    """``import``: the plan :func:`import_sheet` makes, written atomically to ``output``
    (None: the caller prints it), which must not exist unless ``force``."""
    if output is not None and os.path.lexists(output) and not force:
        raise PlantrackError(f"{output} exists", hint="use {0} to replace it", named=("force",))
    result = import_sheet(sheet, map_file)
    if output is not None:
        write_atomically(output, result.text.encode("utf-8"), make_folder=True)
    return result


def guess(sheet: Path) -> guessing.GuessedMap:
    """``import --guess-map``: a first map from the sheet's header row
    (:func:`plantrack.usecases.guess.guess_map`), to check before importing with it."""
    return guessing.guess_map(sheet)


def suggested_map(sheet: Path) -> Path:
    """Where a sheet's map is best saved (:func:`plantrack.usecases.guess.map_path`)."""
    return guessing.map_path(sheet)


def import_sheet(sheet: Path, map_path: Path) -> ImportResult:
    """Read, build, render and prove the plan (it must validate) -- nothing is written here.

    Every row of the sheet becomes an action: a cell that cannot be read is kept in the
    action's notes and reported, never the reason a row is lost."""
    sheet_map = SheetMap.load(map_path)
    rows, lines = read_rows(sheet)
    header_at, columns = find_header(rows, sheet_map)
    builder = _PlanFromSheet(sheet_map, str(sheet), rows[header_at])
    builder.columns = columns
    for index in range(header_at + 1, len(rows)):
        builder.add((index + 1, lines[index]), rows[index])
    used = {index for indexes in columns.values() for index in indexes}
    unmapped = unmapped_columns(rows, header_at, sheet_map, used)
    if unmapped:
        builder.problems.append(
            Diagnostic(
                "PT402",
                "columns not imported: " + ", ".join(unmapped),
                str(sheet),
                lines[header_at],
                1,
                "map them, or list them under 'ignore:' in the map",
                "warning",
            )
        )
    themes = [t for t in builder.themes if t.children]
    _number_ids(themes)
    text = render_plan(sheet_map, themes, str(sheet))
    _prove(text, str(sheet))
    count = sum(len(o.children) for t in themes for o in t.children)
    return ImportResult(text, builder.rows_read, builder.problems, count, builder.cells_unread)


def _prove(text: str, source: str) -> None:
    require_valid_text(text, source, date.today(), "the imported plan (check the map)")
