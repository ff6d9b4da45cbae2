"""A quarterly return laid out for a lead: an .xlsx workbook, or a CSV.

The workbook is what a service manager opens: a first sheet saying in plain
words what to do and by when, then the rows with the given columns locked and
only ``New status`` (a drop-down of the plan's own words), ``New rationale`` and
``Revised date`` open to type in. A very hidden sheet carries what ``collect``
needs and the lead should not touch: the commit the return was made from and
each row's status and due as issued. The CSV carries the same in a leading
comment row; its ``Status`` and ``Due`` columns are the values as issued.

Every value is plan text anyone may have written, and a spreadsheet runs a cell that
starts with ``=`` as a formula. So a workbook cell is always written as a string
(:func:`put`), never left to openpyxl to guess, and a CSV cell that starts with a
formula character gets a leading apostrophe (:func:`plantrack.textsafe.spreadsheet_text`,
OWASP's rule), which ``collect`` takes off again.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date

from plantrack.textsafe import FORMULA_STARTS, spreadsheet_text, visible_controls
from plantrack.usecases.returns import (
    COLUMNS,
    FILL_IN,
    MARKER,
    NO_CHANGE,
    Return,
    load_openpyxl,
)

RETURN_SHEET = "Return"
LISTS_SHEET = "Lists"
WIDTHS = {"Id": 30, "Plan": 22, "Title": 50, "Due": 16, "Status": 14, "Rationale": 50}
FILL_WIDTHS = {"New status": 20, "New rationale": 50, "Revised date": 16}
FILL_COLOUR = "FFF2CC"  # pale yellow: the cells to fill in


def long_date(day: date) -> str:
    """ "Monday 7 December 2026": a deadline nobody misreads, in any locale's order."""
    return f"{day.strftime('%A')} {day.day} {day.strftime('%B %Y')}"


def instructions(ret: Return) -> list[str]:
    """The first sheet's lines, in plain words."""
    made = f"commit {ret.commit[:12]}" if ret.commit else "the plan files"
    return [
        f"Quarterly return {ret.quarter}: {ret.owner}",
        "",
        f"Please fill this in and send it back by {long_date(ret.deadline)}.",
        "",
        f"1. Open the sheet '{RETURN_SHEET}'. Each row is an action or milestone "
        f"you lead ({len(ret.rows)} in all).",
        "2. In 'New status', pick from the list for every row; "
        f"pick '{NO_CHANGE}' if nothing has changed.",
        "3. In 'New rationale', say in a sentence or two why: progress, risks, what is next.",
        "4. Only if the target date has to move: write the new one in 'Revised date', "
        "e.g. 'Q1 2027/28', 'June 2027' or '2027-06-30'.",
        "5. Leave the other columns as they are (they are locked), keep the file name, "
        "save, and send the file back.",
        "",
        f"Made on {long_date(ret.issued)} from {made}. Questions: ask the performance team.",
    ]


# --- the workbook -------------------------------------------------------------------------


def put(sheet, row: int, column: int, value: object):
    """Write ``value`` into a cell as text, never as a formula: openpyxl makes any string
    starting with ``=`` a live formula, so the type is set after the value. Control
    characters (which a workbook cannot hold) are shown as escapes; a value that looks
    like a formula also gets Excel's quote prefix, so editing the cell keeps it text."""
    cell = sheet.cell(row, column)
    if value is None or value == "":
        return cell
    text = visible_controls(str(value))
    cell.value = text
    cell.data_type = "s"
    if text.startswith(FORMULA_STARTS):
        cell.quotePrefix = True
    return cell


def put_row(sheet, row: int, values: Iterable[object]) -> None:
    """:func:`put` each of ``values`` along ``row``, from the first column."""
    for column, value in enumerate(values, start=1):
        put(sheet, row, column, value)


def workbook_bytes(ret: Return) -> bytes:
    """The return as an .xlsx file."""
    openpyxl = load_openpyxl("writing an .xlsx return")
    # Lazy, like load_openpyxl itself: openpyxl is heavy and only workbooks need it.
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = openpyxl.Workbook()
    first = book.active
    first.title = "Instructions"
    for number, line in enumerate(instructions(ret), start=1):
        put(first, number, 1, line)
    first["A1"].font = Font(bold=True, size=14)
    first["A3"].font = Font(bold=True)
    first.column_dimensions["A"].width = 110

    sheet = book.create_sheet(RETURN_SHEET)
    put_row(sheet, 1, COLUMNS)
    for number, row in enumerate(ret.rows, start=2):
        put_row(sheet, number, row.given())
    fill = PatternFill("solid", start_color=FILL_COLOUR, end_color=FILL_COLOUR)
    open_cell = Protection(locked=False)
    last = len(ret.rows) + 1
    for index, name in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = WIDTHS.get(name) or FILL_WIDTHS[name]
        sheet.cell(1, index).font = Font(bold=True)
        if name in FILL_IN:
            sheet.cell(1, index).fill = fill
            for number in range(2, last + 1):
                cell = sheet.cell(number, index)
                cell.protection = open_cell
                cell.fill = fill
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        else:
            for number in range(2, last + 1):
                sheet.cell(number, index).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    # Locked without a password: the point is to stop slips, not to keep anyone out.
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False  # widths may still be changed to read
    sheet.protection.formatRows = False
    _drop_downs(book, sheet, ret, get_column_letter, DataValidation)
    _hidden_record(book, ret)
    book.properties.title = f"Quarterly return {ret.quarter}: {ret.owner}"
    book.properties.subject = MARKER
    book.properties.identifier = ret.commit or ""
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _drop_downs(book, sheet, ret: Return, get_column_letter, DataValidation) -> None:
    """One list per plan (its own words), on a hidden sheet; each row's New status
    offers the words of that row's plan."""
    lists = book.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    column_of = COLUMNS.index("New status") + 1
    status_letter = get_column_letter(column_of)
    for index, plan_id in enumerate(sorted(ret.words), start=1):
        words = ret.choices(plan_id)
        put(lists, 1, index, plan_id)
        # Picking from a drop-down is read as if typed, so a legend word that starts
        # like a formula is offered with its apostrophe (collect takes it off again).
        for number, word in enumerate(words, start=2):
            put(lists, number, index, spreadsheet_text(word))
        letter = get_column_letter(index)
        rows = [n for n, row in enumerate(ret.rows, start=2) if row.plan == plan_id]
        if not rows:
            continue
        check = DataValidation(
            type="list",
            formula1=f"'{LISTS_SHEET}'!${letter}$2:${letter}${len(words) + 1}",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Not a status of this plan",
            error="Pick a status from the list, or 'no change'.",
        )
        for number in rows:
            check.add(f"{status_letter}{number}")
        sheet.add_data_validation(check)


def _hidden_record(book, ret: Return) -> None:
    """What collect needs and nobody should edit, on a very hidden sheet."""
    record = book.create_sheet("plantrack")
    record.sheet_state = "veryHidden"
    lines: list[tuple[str, ...]] = [(MARKER,), *ret.meta().items(), (), ("Id", "Status", "Due")]
    lines += [(row.ref, row.status, row.due) for row in ret.rows]
    for number, values in enumerate(lines, start=1):
        put_row(record, number, values)


# --- the CSV ------------------------------------------------------------------------------


def csv_text(ret: Return, newline: str = "\r\n") -> str:
    """The return as CSV: a comment row with what it records, a hint row, the table."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=newline)
    row_out = _csv_row(writer)
    row_out([f"# {MARKER}", *(f"{key}: {value}" for key, value in ret.meta().items())])
    row_out(
        [
            f"# Fill in {', '.join(FILL_IN)} for every row ('{NO_CHANGE}' if nothing changed); "
            f"leave the other columns as they are; send it back by {long_date(ret.deadline)}."
        ]
    )
    row_out(COLUMNS)
    for row in ret.rows:
        row_out([*row.given(), *([""] * len(FILL_IN))])
    return buffer.getvalue()


def _csv_row(writer):
    """``writer.writerow`` with every cell made safe: control characters shown, and a
    leading apostrophe on a cell a spreadsheet would run as a formula."""

    def write(cells: Iterable[str]) -> None:
        writer.writerow([spreadsheet_text(visible_controls(cell)) for cell in cells])

    return write


def csv_bytes(ret: Return) -> bytes:
    """UTF-8 with a byte-order mark, so Excel opens names like 'Café' correctly."""
    return ("\ufeff" + csv_text(ret)).encode("utf-8")
