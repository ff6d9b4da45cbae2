"""Reading a spreadsheet tracker for ``plantrack import``: its rows as text, the map
that says which column holds what, and where the header row is.

Kept apart from the building of the plan (:mod:`plantrack.usecases.importer`): what a
sheet and its map say is one question, what plan they make is another.
"""

from __future__ import annotations

import csv
import html
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from plantrack.errors import PlantrackError, UsageError
from plantrack.plan.load import LoadError, decode, load_file, read_bytes
from plantrack.usecases.workbook import open_workbook

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

_TAG = re.compile(r"</?[a-z][a-z0-9]*(?:\s[^<>]*)?/?>", re.I)  # a tag, not "<18 and >65"


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
    try:
        text, _ = decode(read_bytes(path), str(path))
    except LoadError as err:  # its diagnostic says what; this says which step
        raise PlantrackError(f"cannot read the sheet {path}", diagnostics=err.diagnostics) from None
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
    """The first worksheet's cells as text, read within bounds (a workbook's own
    dimension record is never believed: :mod:`plantrack.usecases.workbook`)."""
    rows = open_workbook(path).rows(0)
    return [["" if cell is None else str(cell) for cell in row] for row in rows]


def clean(cell: str) -> str:
    """A cell's text without conversion debris: HTML tags and entities, bullets, spacing."""
    text = re.sub(r"</(p|li)>|<br\s*/?>", " ", cell, flags=re.I)
    text = html.unescape(_TAG.sub("", text)).replace("•", " ")
    text = " ".join(text.split())
    return re.sub(r"\s+([,.;:])", r"\1", text)


# --- the map ----------------------------------------------------------------------------------

# Keys whose cell text a row may spread over several columns: the first filled one wins
# (``due: [NEW DATE, TARGET DATE]``), or, for notes, every filled one, labelled.
_LETTER = re.compile(r"^[A-Z]{1,3}$")


@dataclass
class SheetMap:
    """What the map file says: the plan's own keys, which column(s) hold each action key,
    the columns the sheet has that are deliberately left out, and the plan's legend."""

    plan: dict[str, Any]
    columns: dict[str, list[str]]
    sections: str | None = None
    ignore: list[str] = field(default_factory=list)
    statuses: dict[str, str] = field(default_factory=dict)

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
        legend = data.get("statuses") or {}
        if not isinstance(legend, dict):
            raise PlantrackError(
                f"map {path}: 'statuses' maps the sheet's status words to canonical statuses",
                hint="e.g. statuses: {Delivered: completed, Some issues: behind}",
            )
        columns = {key: _column_list(value) for key, value in data["columns"].items()}
        ignore = _column_list(data.get("ignore") or [])
        return cls(plan, columns, sections, ignore, {str(k): str(v) for k, v in legend.items()})


def _column_list(value: Any) -> list[str]:
    """A map entry names one column or a list of them (by header, or by letter)."""
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def header_key(text: str) -> str:
    """A header as compared: spacing and case ignored (exports differ in both)."""
    return " ".join(text.split()).casefold()


def letter_of(index: int) -> str:
    """A column's spreadsheet letter: 0 -> A, 26 -> AA."""
    text = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        text = chr(65 + rest) + text
    return text


def _index_of_letter(letter: str) -> int:
    index = 0
    for char in letter:
        index = index * 26 + ord(char) - 64
    return index - 1


def _resolve(spec: str, cells: list[str]) -> int | None:
    """A column by its header (which wins), else by its letter (for a blank header)."""
    if header_key(spec) in cells:
        return cells.index(header_key(spec))
    if _LETTER.match(spec.strip()):
        return _index_of_letter(spec.strip())
    return None


def find_header(rows: list[list[str]], sheet_map: SheetMap) -> tuple[int, dict[str, list[int]]]:
    """The first row holding every mapped header, and each key's column indexes."""
    specs = [spec for specs in sheet_map.columns.values() for spec in specs]
    named = [spec for spec in specs if not _LETTER.match(spec.strip())]
    for number, row in enumerate(rows):
        cells = [header_key(cell) for cell in row]
        if not any(cells) or not all(header_key(spec) in cells for spec in named):
            continue
        return number, {
            key: [_resolve(spec, cells) for spec in specs]  # type: ignore[misc]
            for key, specs in sheet_map.columns.items()
        }
    wanted = {header_key(spec) for spec in named}
    best = max(rows, key=lambda row: len(wanted & {header_key(c) for c in row}), default=[])
    found = {header_key(cell) for cell in best}
    missing = ", ".join(f"'{h}'" for h in named if header_key(h) not in found)
    raise PlantrackError(
        f"no row holds every mapped header: missing {missing}",
        hint="check the column names in the map against the sheet's header row "
        "(a column with a blank header is named by its letter, e.g. 'id: B')",
    )


def unmapped_columns(
    rows: list[list[str]], header_at: int, sheet_map: SheetMap, used: set[int]
) -> list[str]:
    """Columns with a header or any filled cell that the map neither uses nor ignores."""
    header = rows[header_at]
    width = max((len(row) for row in rows[header_at:]), default=0)
    ignored = {header_key(spec) for spec in sheet_map.ignore}
    found = []
    for index in range(width):
        name = header[index].strip() if index < len(header) else ""
        if index in used or header_key(name) in ignored or letter_of(index).casefold() in ignored:
            continue
        if name or any(index < len(row) and clean(row[index]) for row in rows[header_at + 1 :]):
            found.append(f"'{name}' ({letter_of(index)})" if name else f"column {letter_of(index)}")
    return found
