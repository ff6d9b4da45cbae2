"""Reading a filled return back, workbook or CSV: every row, with file, row and column
for whatever cannot be read."""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from plantrack.errors import Diagnostic, PlantrackError
from plantrack.fileio import read_regular
from plantrack.textsafe import from_spreadsheet_text, visible_controls
from plantrack.usecases.returns.form import (
    COLUMNS,
    FILL_IN,
    MARKER,
    META_KEYS,
    READABLE_SUFFIXES,
    item_ref,
    load_openpyxl,
    refused_format,
)
from plantrack.usecases.returns.issued import RECORD_SHEET
from plantrack.usecases.workbook import MAX_FILE, Cell, open_workbook

# --- reading a return back ------------------------------------------------------------------

REQUIRED = ("Id", *FILL_IN)
READ = frozenset(REQUIRED)  # the columns whose cells collect reads (the rest are compared)
NO_CHANGE_KEYS = frozenset({"nochange", "unchanged"})


@dataclass
class FilledRow:
    """One row of a return as the lead sent it back, with where each cell is."""

    line: int  # the spreadsheet row, or the CSV line
    ref: str
    new_status: str
    new_rationale: str
    revised_date: str
    columns: dict[str, int]  # column name -> 1-based column number
    cells: dict[str, str] = field(default_factory=dict)  # every named column's text
    extra: dict[int, str] = field(default_factory=dict)  # column number -> text, not ours

    @property
    def filled(self) -> bool:
        return bool(self.new_status or self.new_rationale or self.revised_date)

    @property
    def answered(self) -> bool:
        """Complete, for ``chase``: a new status, or an explicit "no change"."""
        return bool(self.new_status)

    @property
    def no_change(self) -> bool:
        return re.sub(r"[^a-z]", "", self.new_status.lower()) in NO_CHANGE_KEYS


@dataclass
class FilledReturn:
    """A return file read back: what it recorded, its rows, and what could not be read."""

    path: str
    meta: dict[str, str]
    rows: list[FilledRow] = field(default_factory=list)
    filled_on: date | None = None  # the day it was last saved
    problems: list = field(default_factory=list)  # Diagnostics
    sealed: tuple[str, ...] = ()  # the issued record's cells (see .issued)
    header: list[str] = field(default_factory=list)  # the table's column names, in order
    header_line: int = 0

    @property
    def owner(self) -> str:
        return self.meta.get("owner") or os.path.splitext(os.path.basename(self.path))[0]

    @property
    def answered(self) -> int:
        return sum(row.answered for row in self.rows)


def return_problem(path: str, code: str, message: str, line: int = 0, col: int = 0, hint=None):
    return Diagnostic(code, message, path, line, col, hint)


def _cell(value: object) -> str:
    """A cell as text: dates as ISO, whole numbers without '.0', spacing collapsed, and
    the quote that guarded a leading ``=`` (:func:`plantrack.textsafe.spreadsheet_text`)
    taken off again, so a value reads back as it was written."""
    if value is None:
        return ""
    if isinstance(value, date):  # a datetime too: Excel turns a typed date into one
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(from_spreadsheet_text(str(value)).split())


def read_return(path: str | os.PathLike) -> FilledReturn:
    """Read a filled return (.xlsx or .csv); problems are reported, never raised."""
    path = str(path)
    suffix = os.path.splitext(path)[1].lower()
    if suffix not in READABLE_SUFFIXES:
        found = FilledReturn(path, {})
        message = refused_format(path) or "not a return: expected an .xlsx or .csv file"
        found.problems.append(return_problem(path, "PT505", message))
        return found
    try:
        data = read_regular(path, MAX_FILE)  # never a FIFO, a device or a huge file
        modified = os.stat(path).st_mtime
    except OSError as err:
        found = FilledReturn(path, {})
        found.problems.append(return_problem(path, "PT505", f"cannot read: {err.strerror or err}"))
        return found
    if suffix == ".xlsx":
        return _read_workbook(path, data)
    found = _read_csv(path, data)
    found.filled_on = datetime.fromtimestamp(modified).date()
    return found


def _table(path: str, found: FilledReturn, header: list[str], header_line: int, body) -> None:
    """Rows from a header and ``(line, cells)`` pairs, into ``found``."""
    columns = {name: index + 1 for index, name in enumerate(header) if name}
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        found.problems.append(
            return_problem(
                path,
                "PT505",
                f"not a return: no column {', '.join(repr(m) for m in missing)}",
                header_line,
                1,
                "send back the file plantrack request wrote, with its columns as they were",
            )
        )
        return
    found.header, found.header_line = header, header_line
    ours = set(COLUMNS)

    def value(cells: list[str], name: str) -> str:
        index = columns.get(name, 0) - 1
        return cells[index] if 0 <= index < len(cells) else ""

    for line, cells in body:
        if not any(cells):
            continue
        found.rows.append(
            FilledRow(
                line,
                item_ref(value(cells, "Id"), value(cells, "Plan")),
                value(cells, "New status"),
                value(cells, "New rationale"),
                value(cells, "Revised date"),
                columns,
                {name: value(cells, name) for name in columns},
                {
                    index + 1: text
                    for index, text in enumerate(cells)
                    if text and (index >= len(header) or header[index] not in ours)
                },
            )
        )


def _read_workbook(path: str, data: bytes) -> FilledReturn:
    load_openpyxl("reading an .xlsx return")  # its message names what needs it
    found = FilledReturn(path, {})
    try:  # bounded: a returned file is anyone's, and its dimension record may lie
        # Formulas as written, not their cached results: a formula is reported, never
        # read as the empty cell it is to a reader that does not calculate.
        book = open_workbook(data, path, formulas=True)
        record = _record(book.rows("plantrack")) if "plantrack" in book.sheetnames else {}
        cells = book.cells("Return") if "Return" in book.sheetnames else None
        sealed = ()
        if RECORD_SHEET in book.sheetnames:
            sealed = tuple(str(row[0]) for row in book.rows(RECORD_SHEET) if row and row[0])
    except PlantrackError as err:
        message = err.message.removeprefix(f"{path}: ")
        found.problems.append(return_problem(path, "PT505", message, hint=err.hint))
        return found
    modified = book.modified
    found.filled_on = modified.date() if modified else None
    found.meta.update(record)
    found.sealed = sealed
    if cells is None:
        found.problems.append(
            return_problem(
                path,
                "PT505",
                "not a return: no sheet 'Return'",
                hint="send back the file plantrack request wrote, with its sheets as they were",
            )
        )
        return found
    rows = _sheet_rows(path, found, cells)
    if not rows:
        found.problems.append(
            return_problem(path, "PT505", "not a return: the sheet 'Return' is empty")
        )
        return found
    _table(path, found, rows[0], 1, enumerate(rows[1:], start=2))
    return found


def _sheet_rows(path: str, found: FilledReturn, sheet: list[list[Cell]]) -> list[list[str]]:
    """The sheet's cells as text; a formula is reported where it is (an error in a
    column collect reads, a warning elsewhere) and read as empty."""
    rows: list[list[str]] = []
    header: list[str] = []
    for number, cells in enumerate(sheet, start=1):
        texts = []
        for index, cell in enumerate(cells):
            if cell.data_type != "f":
                texts.append(_cell(cell.value))
                continue
            texts.append("")
            name = header[index] if index < len(header) else ""
            formula = visible_controls(str(getattr(cell.value, "text", None) or cell.value))
            found.problems.append(
                Diagnostic(
                    "PT507",
                    f"{name or 'cell'}: a formula ({formula}) where a value was expected",
                    path,
                    number,
                    index + 1,
                    "type the value itself: plantrack reads what is typed, not a formula",
                    "error" if number == 1 or name in READ else "warning",
                )
            )
        if number == 1:
            header = texts
        rows.append(texts)
    return rows


def _record(rows: list[list]) -> dict:
    """The hidden sheet's key/value rows (what ``chase`` shows). Its table of rows as
    issued is not read: anyone can edit it; what was issued is the sealed record's."""
    meta: dict = {}
    for row in rows:
        cells = [_cell(v) for v in row] + ["", ""]
        if cells[0] == "Id":
            break
        if cells[0] in META_KEYS:
            meta[cells[0]] = cells[1]
    return meta


def _read_csv(path: str, data: bytes) -> FilledReturn:
    found = FilledReturn(path, {})
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        found.problems.append(
            return_problem(
                path,
                "PT505",
                f"not UTF-8 text (byte {err.start + 1})",
                hint="save it as 'CSV UTF-8 (comma delimited)'",
            )
        )
        return found
    first = next((line for line in text.splitlines() if line and not line.startswith("#")), "")
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header: list[str] | None = None
    header_line = 0
    body = []
    for cells in reader:
        line = reader.line_num - sum(cell.count("\n") for cell in cells)
        cells = [_cell(c) for c in cells]
        if cells and cells[0].startswith("#"):
            if MARKER in cells[0]:
                found.meta.update(_meta_cells(cells[1:]))
                found.sealed = tuple(c for c in cells[1:] if c.startswith(("d:", "r:")))
            continue
        if header is None:
            if cells and cells[0] == "Id":
                header, header_line = cells, line
            continue
        body.append((line, cells))
    if header is None:
        found.problems.append(
            return_problem(path, "PT505", "not a return: no row starting with the column 'Id'")
        )
        return found
    _table(path, found, header, header_line, body)
    return found


def _meta_cells(cells: list[str]) -> dict[str, str]:
    meta = {}
    for cell in cells:
        key, sep, value = cell.partition(":")
        if sep and key.strip() in META_KEYS:
            meta[key.strip()] = value.strip()
    return meta
