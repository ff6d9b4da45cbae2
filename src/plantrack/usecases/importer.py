"""``plantrack import``: a spreadsheet tracker (CSV, TSV, XLSX) to a plan file.

A small YAML map says which column holds what. Rows become actions under
objectives under themes; a blank theme or objective cell (merged cells
arrive blank) or one repeating the text above continues that one; a row
whose only filled cell is the first starts a new theme when
``sections: theme``. Statuses and dates go through
the validator's own normalisation and grammar; a row that cannot be read is
reported and kept in the output as a comment, never dropped.
"""

from __future__ import annotations

import csv
import html
import io
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from plantrack.dates import DateError, parse
from plantrack.edit import render_scalar
from plantrack.errors import Diagnostic, PlantrackError, UsageError
from plantrack.plan.check import require_valid_text
from plantrack.plan.keys import ITEM_KEY_ORDER
from plantrack.plan.keys import PLAN_KEY_ORDER as PLAN_KEYS_WRITTEN
from plantrack.plan.load import LoadError, decode, load_file, read_bytes
from plantrack.plan.status import parse_status

MAPPABLE = (
    "theme",
    "objective",
    "title",
    "lead",
    "directorate",
    "due",
    "original_due",
    "status",
    "rationale",
    "measure",
    "notes",
    "id",
)
# The keys an imported action gets, and the plan's own keys, in the written order.
ACTION_KEYS = tuple(key for key in ITEM_KEY_ORDER if key in MAPPABLE)
PLAN_KEY_ORDER = tuple(key for key in PLAN_KEYS_WRITTEN if key not in ("plantrack", "themes"))
_TAG = re.compile(r"</?[a-z][a-z0-9]*(?:\s[^<>]*)?/?>", re.I)  # a tag, not "<18 and >65"
_THEME_NUMBER = re.compile(r"^(?:theme|priority)\s+\d+\s*[:.\-–]\s*", re.I)


# --- reading the sheet --------------------------------------------------------------------


def read_rows(path: Path) -> tuple[list[list[str]], list[int]]:
    """Every row as a list of cell strings, and the line each row starts on (a quoted
    cell may hold line breaks, so the two differ: messages name both)."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        rows = _read_xlsx(path)
        return rows, list(range(1, len(rows) + 1))
    if suffix not in (".csv", ".tsv", ".txt"):
        raise UsageError(f"{path}: cannot import '{suffix}' files", hint="use .csv, .tsv or .xlsx")
    text, _ = decode(read_bytes(path), str(path))
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(text, suffix))
    rows, lines = [], []
    for row in reader:
        lines.append(reader.line_num - _breaks(row))
        rows.append(list(row))
    return rows, lines


def _breaks(row: list[str]) -> int:
    """Line breaks inside a row's quoted cells."""
    return sum(cell.count("\n") for cell in row)


def _delimiter(text: str, suffix: str) -> str:
    """Tab for .tsv; for .csv a comma, or the semicolon of a European locale's export."""
    if suffix != ".csv":
        return "\t"
    try:
        return csv.Sniffer().sniff(text[:4096], delimiters=",;").delimiter
    except csv.Error:
        return ","


def _read_xlsx(path: Path) -> list[list[str]]:
    try:
        import openpyxl  # lazy: an optional extra, needed only for .xlsx
    except ImportError:
        raise UsageError(
            "reading .xlsx needs openpyxl",
            hint="pip install 'plantrack[xlsx]', or save the sheet as CSV",
        ) from None
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as err:  # noqa: BLE001 - openpyxl raises many types for bad files
        raise PlantrackError(f"{path}: not a readable .xlsx file ({err})") from None
    sheet = book.worksheets[0]
    return [
        ["" if cell is None else str(cell) for cell in row]
        for row in sheet.iter_rows(values_only=True)
    ]


def clean(cell: str) -> str:
    """A cell's text without conversion debris: HTML tags and entities, bullets, spacing."""
    text = re.sub(r"</(p|li)>|<br\s*/?>", " ", cell, flags=re.I)
    text = html.unescape(_TAG.sub("", text)).replace("•", " ")
    text = " ".join(text.split())
    return re.sub(r"\s+([,.;:])", r"\1", text)


# --- the map ----------------------------------------------------------------------------------


@dataclass
class SheetMap:
    plan: dict[str, Any]
    columns: dict[str, str]
    sections: str | None = None

    @classmethod
    def load(cls, path: Path) -> SheetMap:
        try:
            data = load_file(path).data
        except LoadError as err:
            raise PlantrackError(
                f"map {path} cannot be read", diagnostics=err.diagnostics
            ) from None
        if not isinstance(data, dict) or not isinstance(data.get("columns"), dict):
            raise PlantrackError(f"map {path}: needs 'columns:' (plantrack key: column header)")
        unknown = [key for key in data["columns"] if key not in MAPPABLE]
        if unknown:
            raise PlantrackError(
                f"map {path}: unknown key '{unknown[0]}' in columns",
                hint="keys: " + ", ".join(MAPPABLE),
            )
        if "title" not in data["columns"]:
            raise PlantrackError(f"map {path}: columns must map 'title'")
        plan = data.get("plan") or {}
        for required in ("id", "title"):
            if required not in plan:
                raise PlantrackError(f"map {path}: plan needs '{required}'")
        sections = data.get("sections")
        if sections not in (None, "theme"):
            raise PlantrackError(f"map {path}: sections can only be 'theme'")
        return cls(plan, {k: str(v) for k, v in data["columns"].items()}, sections)


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def find_header(rows: list[list[str]], sheet_map: SheetMap) -> tuple[int, dict[str, int]]:
    """The first row holding every mapped header, and each key's column index."""
    wanted = {key: _key(header) for key, header in sheet_map.columns.items()}
    for number, row in enumerate(rows):
        cells = [_key(cell) for cell in row]
        if all(header in cells for header in wanted.values()):
            return number, {key: cells.index(header) for key, header in wanted.items()}
    best = max(rows, key=lambda row: len(set(wanted.values()) & {_key(c) for c in row}), default=[])
    found = {_key(cell) for cell in best}
    missing = ", ".join(f"'{h}'" for h in sheet_map.columns.values() if _key(h) not in found)
    raise PlantrackError(
        f"no row holds every mapped header: missing {missing}",
        hint="check the column names in the map against the sheet's header row",
    )


# --- rows to a tree ----------------------------------------------------------------------------


@dataclass
class Node:
    title: str
    id: str | None = None
    values: dict[str, str] = field(default_factory=dict)
    children: list[Node] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)  # rows kept as comments, after it


@dataclass
class ImportResult:
    text: str
    rows_read: int
    skipped: list[Diagnostic]
    trackables: int


class _Builder:
    def __init__(self, sheet_map: SheetMap, source: str) -> None:
        self.map = sheet_map
        self.source = source
        self.themes: list[Node] = []
        self.skipped: list[Diagnostic] = []
        self.after_break = False
        self.rows_read = 0
        self.loose_comments: list[str] = []
        self.columns: dict[str, int] = {}

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

    def add(self, where: tuple[int, int], row: list[str], header: list[str]) -> None:
        """One sheet row; ``where`` is its row number and the line it starts on."""
        columns = self.columns
        cells = {
            key: clean(row[index]) if index < len(row) else "" for key, index in columns.items()
        }
        if not any(clean(c) for c in row):
            return
        if [_key(c) for c in row[: len(header)]] == header:
            self.after_break = True  # the header repeated: a page break in the source
            return
        if self._section(row):
            return
        self.rows_read += 1
        self._row(where, cells)
        self.after_break = False

    def _section(self, row: list[str]) -> bool:
        filled = [clean(c) for c in row if clean(c)]
        if self.map.sections != "theme" or len(filled) != 1 or not clean(row[0]):
            return False
        self.themes.append(Node(_THEME_NUMBER.sub("", filled[0])))
        return True

    def _row(self, where: tuple[int, int], cells: dict[str, str]) -> None:
        theme_text = cells.get("theme", "")
        if theme_text and not (self.themes and self.themes[-1].title == theme_text):
            self.themes.append(Node(theme_text))
        objective_text = cells.get("objective", "")
        objectives = self.theme().children
        if objective_text and objectives and objectives[-1].title == objective_text:
            pass  # the sheet repeats the objective on every row: the same one continues
        elif objective_text and self._continues(objective_text) and objectives:
            self.objective().title += " " + objective_text
        elif objective_text:
            objectives.append(Node(objective_text))
        title = cells.get("title", "")
        actions = self.objective().children
        bare = not cells.get("due") and not cells.get("lead")
        if title and actions and self.after_break and (self._continues(title) or bare):
            actions[-1].title += " " + title
            return
        if not title:
            self._skip(where, "no text in the title column", cells, "title")
            return
        problem, key, values = self._values(cells)
        if problem:
            self._skip(where, problem, cells, key)
            return
        actions.append(Node(title, cells.get("id") or None, values))

    def _continues(self, text: str) -> bool:
        """Text cut by a page break resumes in lower case on the next page."""
        return self.after_break and text[:1].islower()

    def _values(self, cells: dict[str, str]) -> tuple[str | None, str, dict[str, str]]:
        """The action's values, or the first problem and the column it is in."""
        values = {k: cells[k] for k in ACTION_KEYS if k not in ("id", "title") and cells.get(k)}
        if "status" in values:
            try:
                values["status"] = parse_status(values["status"]).value
            except ValueError as err:
                return str(err), "status", values
        for key in ("due", "original_due"):
            if key in values:
                try:
                    parse(
                        values[key],
                        self.map.plan.get("financial_year"),
                        self.map.plan.get("year_start", 4),
                    )
                except DateError as err:
                    return f"{key} '{values[key]}': {err.message}", key, values
        if "due" not in values:
            return "no target date", "due", values
        return None, "", values

    def _skip(self, where: tuple[int, int], reason: str, cells: dict[str, str], key: str) -> None:
        number, line = where
        column = self.map.columns.get(key)
        in_column = f" (column '{column}')" if column else ""
        self.skipped.append(
            Diagnostic(
                "PT401",
                f"row {number} not imported: {reason}{in_column}",
                self.source,
                line,
                self.columns[key] + 1 if key in self.columns else 1,
                None,
                "warning",
            )
        )
        text = " | ".join(v for v in cells.values() if v)
        comment = f"row {number} not imported ({reason}): {text}"
        if self.themes and self.theme().children:
            self.objective().comments.append(comment)
        else:
            self.loose_comments.append(comment)


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
    text = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        text = chr(97 + rest) + text
    return text


def _line(indent: int, key: str, value: str, dash: bool = False) -> str:
    lead = " " * indent + ("- " if dash else "")
    return f"{lead}{key}: {render_scalar(str(value), '', indent + (2 if dash else 0))}".rstrip()


def render_plan(sheet_map: SheetMap, themes: list[Node], loose: list[str], source: str) -> str:
    """The plan in the house style: modeline, header comment, the spec's key order."""
    lines = [
        "# yaml-language-server: $schema=../schemas/plan.schema.json",
        f"# Imported by plantrack from {Path(source).name}; check it against the source.",
        "plantrack: 1",
    ]
    plan = sheet_map.plan
    ordered = [k for k in PLAN_KEY_ORDER if k in plan] + [
        k for k in plan if k not in PLAN_KEY_ORDER and k != "plantrack"
    ]
    lines += [_line(0, key, plan[key]) for key in ordered]
    lines += [f"# {c}" for c in loose]
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
            lines += [f"        # {c}" for c in objective.comments]
    return "\n".join(lines) + "\n"


def import_sheet(sheet: Path, map_path: Path) -> ImportResult:
    """Read, build, render and prove the plan (it must validate) -- nothing is written here."""
    sheet_map = SheetMap.load(map_path)
    rows, lines = read_rows(sheet)
    header_at, columns = find_header(rows, sheet_map)
    header = [_key(c) for c in rows[header_at]]
    builder = _Builder(sheet_map, str(sheet))
    builder.columns = columns
    for index in range(header_at + 1, len(rows)):
        builder.add((index + 1, lines[index]), rows[index], header)
    themes = [t for t in builder.themes if t.children]
    _number_ids(themes)
    text = render_plan(sheet_map, themes, builder.loose_comments, str(sheet))
    _prove(text, str(sheet))
    count = sum(len(o.children) for t in themes for o in t.children)
    return ImportResult(text, builder.rows_read, builder.skipped, count)


def _prove(text: str, source: str) -> None:
    require_valid_text(text, source, date.today(), "the imported plan (check the map)")
