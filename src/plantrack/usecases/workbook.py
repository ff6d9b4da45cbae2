"""Reading an .xlsx workbook within bounds, for ``import``, ``collect`` and ``chase``.

A workbook is a zip of XML written by whoever sent it. openpyxl trusts it: its row
iterator pads every row to the sheet's own dimension record, so a 5 KB file with one
cell at XFD1048576 asks for a million rows of 16,384 cells (5.6 GB, then MemoryError).
Here nothing the file says about itself is believed before it is measured:

- the file is read only if it is a regular file of at most :data:`MAX_FILE` bytes
  (:func:`plantrack.fileio.read_regular`: never a FIFO or ``/dev/zero``);
- the zip's members may unpack to at most :data:`MAX_UNPACKED` bytes in all (the sizes
  in the zip's directory bound what zipfile will inflate, so they can be trusted);
- rows are read from the sheet's XML as they stream, in read-only mode; the dimension
  record is never used. Only cells holding a value count: a value beyond
  :data:`MAX_ROWS` rows or :data:`MAX_COLUMNS` columns, or more than :data:`MAX_CELLS`
  of them, is refused naming the cell, and each row is only as long as its last value.
"""

from __future__ import annotations

import io
import os
import zipfile
from datetime import datetime
from typing import Any, NamedTuple

from plantrack import DISTRIBUTION
from plantrack.errors import PlantrackError, UsageError
from plantrack.fileio import read_regular

MAX_FILE = 20 * 1024 * 1024  # a tracker of thousands of rows is a few hundred KB
MAX_UNPACKED = 100 * 1024 * 1024
MAX_ROWS = 50_000
MAX_COLUMNS = 500
MAX_CELLS = 1_000_000


class Cell(NamedTuple):
    """A cell of :meth:`Workbook.cells`: its value and openpyxl's type letter (``"f"`` for
    a formula when the workbook was opened with ``formulas=True``; ``"n"`` when empty)."""

    value: Any
    data_type: str


EMPTY = Cell(None, "n")


class Workbook:
    """An .xlsx file opened by :func:`open_workbook`: its sheet names, when it was last
    saved, and each sheet's rows (:meth:`rows`, or :meth:`cells` with their types), read
    within the bounds above."""

    def __init__(self, book: Any, name: str) -> None:
        self._book = book
        self.name = name

    @property
    def sheetnames(self) -> list[str]:
        """Every worksheet's name, hidden and very hidden ones included."""
        return list(self._book.sheetnames)

    @property
    def modified(self) -> datetime | None:
        """When the file says it was last saved (None if it does not say)."""
        return self._book.properties.modified

    def rows(self, sheet: str | int = 0) -> list[list[Any]]:
        """The rows of ``sheet`` (a name, or the position of a worksheet) as lists of cell
        values (None for an empty cell; dates as ``datetime``), from row 1 to the last
        row holding a value, each as long as its last value. Raises
        :class:`~plantrack.errors.PlantrackError` naming the cell past a bound."""
        return [[cell.value for cell in row] for row in self.cells(sheet)]

    def cells(self, sheet: str | int = 0) -> list[list[Cell]]:
        """:meth:`rows` with each cell's type: a formula is told from text by its type."""
        worksheet = self._book[sheet] if isinstance(sheet, str) else self._book.worksheets[sheet]
        try:
            found = _values(self._book, worksheet, self.name)
        except PlantrackError:
            raise
        except Exception as err:  # noqa: BLE001 - a damaged sheet's XML raises many types
            raise PlantrackError(f"{self.name}: not a readable .xlsx file ({err})") from None
        return _grid(found)


def open_workbook(
    source: str | os.PathLike | bytes, name: str | None = None, formulas: bool = False
) -> Workbook:
    """A bounded :class:`Workbook` from a path, or from bytes already read (``name`` is what
    messages call it, by default the path). ``formulas=True`` reads a formula as written
    (``"=SUM(A1:A3)"``, type ``"f"``) instead of the result the file last cached.

    The one way plantrack opens a workbook it did not write: use it for every .xlsx read
    (an imported tracker, a filled return), then ``book.rows(...)`` for a sheet's cells.
    Every refusal (not a regular file, too big, a zip that unpacks too far, a cell past
    the bounds, not an .xlsx at all) is a :class:`~plantrack.errors.PlantrackError` whose
    ``message`` starts with ``name``: a caller collecting problems per file can take it as
    its message; a caller that stops can let it reach the CLI.
    """
    name = name if name is not None else str(source)
    data = source if isinstance(source, bytes) else _read_file(source, name)
    _check_unpacked_size(data, name)
    openpyxl = _openpyxl()
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=not formulas)
    except Exception as err:  # noqa: BLE001 - openpyxl raises many types for bad files
        raise PlantrackError(f"{name}: not a readable .xlsx file ({err})") from None
    return Workbook(book, name)


def _read_file(path: str | os.PathLike, name: str) -> bytes:
    try:
        return read_regular(path, MAX_FILE)
    except OSError as err:
        raise PlantrackError(f"{name}: cannot read: {err.strerror or err}") from None


def _check_unpacked_size(data: bytes, name: str) -> None:
    """Refuse a zip whose members unpack past :data:`MAX_UNPACKED` (a zip bomb); a file
    that is no zip at all is left to openpyxl, whose message says what it is not."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return
    if unpacked > MAX_UNPACKED:
        raise PlantrackError(
            f"{name}: the workbook unpacks to {unpacked // 2**20:,} MB, more than the "
            f"{MAX_UNPACKED // 2**20} MB plantrack reads",
            hint="save only the sheet plantrack needs, as a new .xlsx or as CSV",
        )


def _openpyxl() -> Any:
    try:
        import openpyxl  # lazy: ~0.3 s to import, and only workbooks need it
    except ImportError:
        raise UsageError(
            "reading .xlsx needs openpyxl, which plantrack depends on, and this "
            "environment has lost it",
            hint=f"reinstall {DISTRIBUTION} (pip install {DISTRIBUTION}), or save the sheet as CSV",
        ) from None
    return openpyxl


def _values(book: Any, worksheet: Any, name: str) -> dict[int, dict[int, Cell]]:
    """``{row: {column: cell}}`` of the cells holding a value, both 1-based.

    openpyxl's own parser yields each row as it streams the XML, with each cell's
    column; its public iterator would pad rows to the dimension record, which is the
    attack, so the parser is used directly (read-only sheets open their XML on demand).
    """
    from openpyxl.worksheet._reader import WorkSheetParser  # lazy, as openpyxl itself

    found: dict[int, dict[int, Cell]] = {}
    count = 0
    with worksheet._get_source() as source:
        parser = WorkSheetParser(
            source,
            book.shared_strings,
            data_only=book.data_only,
            epoch=book.epoch,
            date_formats=book._date_formats,
            timedelta_formats=book._timedelta_formats,
        )
        for number, cells in parser.parse():
            for cell in cells:
                if cell["value"] is None:
                    continue  # formatted but empty: Excel keeps these far past a table
                column = cell["column"]
                count += 1
                if number > MAX_ROWS or column > MAX_COLUMNS or count > MAX_CELLS:
                    _beyond(name, worksheet.title, number, column, count)
                found.setdefault(number, {})[column] = Cell(cell["value"], cell["data_type"])
    return found


def _beyond(name: str, sheet: str, row: int, column: int, count: int) -> None:
    from openpyxl.utils import get_column_letter

    where = f"cell {get_column_letter(column)}{row} of sheet '{sheet}'"
    if count > MAX_CELLS:
        reason = f"more than {MAX_CELLS:,} filled cells"
    else:
        reason = f"outside the first {MAX_ROWS:,} rows and {MAX_COLUMNS} columns plantrack reads"
    raise PlantrackError(
        f"{name}: {where} is {reason}",
        hint="delete what lies beyond the table (or copy the table alone into a new "
        "workbook), then try again",
    )


def _grid(found: dict[int, dict[int, Cell]]) -> list[list[Cell]]:
    """Rows 1 to the last with a value, each as long as its last value."""
    rows: list[list[Cell]] = []
    for number in range(1, max(found, default=0) + 1):
        cells = found.get(number, {})
        row: list[Cell] = [EMPTY] * max(cells, default=0)
        for column, value in cells.items():
            row[column - 1] = value
        rows.append(row)
    return rows
