"""A quarterly return laid out for a lead: an .xlsx workbook, or a CSV.

The workbook is what a service manager opens: a first sheet saying in plain
words what to do and by when, then the rows with the given columns locked and
only ``New status`` (a drop-down of the plan's own words), ``New rationale`` and
``Revised date`` open to type in. A very hidden sheet carries what ``collect``
needs and the lead should not touch: the commit the return was made from and
each row's status and due as issued. The CSV carries the same in a leading
comment row; its ``Status`` and ``Due`` columns are the values as issued.

Both sheets print: landscape A4, every column on the width of one page, the
header row repeated on each page, and each row as tall as its wrapped text (a
row without a height overlaps its neighbours in LibreOffice).

Every value is plan text anyone may have written, and a spreadsheet runs a cell that
starts with ``=`` as a formula. So a workbook cell is always written as a string
(:func:`put`), never left to openpyxl to guess, and a CSV cell that starts with a
formula character gets a leading apostrophe (:func:`plantrack.textsafe.spreadsheet_text`,
OWASP's rule), which ``collect`` takes off again.
"""

from __future__ import annotations

import csv
import io
import os
import textwrap
from collections.abc import Iterable, Sequence
from datetime import date

from plantrack.dates import Quarter
from plantrack.render.console import console, error_console, safe
from plantrack.render.formats import write
from plantrack.render.table import Column
from plantrack.textsafe import FORMULA_STARTS, spreadsheet_text, visible_controls
from plantrack.usecases.returns import (
    COLUMNS,
    FILL_IN,
    MARKER,
    NO_CHANGE,
    Issue,
    Outstanding,
    Return,
    load_openpyxl,
)

RETURN_SHEET = "Return"
LISTS_SHEET = "Lists"
WIDTHS = {
    "Id": 10,
    "Plan": 14,
    "Theme": 16,
    "Action": 24,
    "Title": 36,
    "Due": 12,
    "Status": 14,
    "Rationale": 36,
    "New status": 16,
    "New rationale": 40,
    "Revised date": 14,
}
INSTRUCTIONS_WIDTH = 100
FILL_COLOUR = "FFF2CC"  # pale yellow: the cells to fill in
LINE_HEIGHT = 15  # points: one line of 11-point Calibri, the default row of Excel and Calc
A4 = 9  # the paper size code of A4 in SpreadsheetML


def long_date(day: date) -> str:
    """ "Monday 7 December 2026": a deadline nobody misreads, in any locale's order."""
    return f"{day.strftime('%A')} {day.day} {day.strftime('%B %Y')}"


def date_examples(ret: Return) -> str:
    """Three ways to write a revised date, in the return's own years: two quarters on
    from the quarter asked about, that quarter's last month, and its last day."""
    period = ret.period or Quarter.containing(ret.issued)
    later = period.next().next()
    last = later.last_day
    return f"'{later.label()}', '{last.strftime('%B %Y')}' or '{last.isoformat()}'"


def instructions(ret: Return) -> list[str]:
    """The first sheet's lines, in plain words."""
    made = f"commit {ret.commit[:12]}" if ret.commit else "the plan files"
    named = [f"{title} ({plan})" for plan, title in sorted(ret.plan_titles.items())]
    plans = f"From the plan{'s' if len(named) > 1 else ''} {'; '.join(named)}."
    return [
        f"Quarterly return {ret.quarter}: {ret.owner}",
        "",
        f"Please fill this in and send it back by {long_date(ret.deadline)}.",
        "",
        f"1. Open the sheet '{RETURN_SHEET}'. Each row is an action or milestone "
        f"you lead ({len(ret.rows)} in all), with its theme and, for a milestone, its action.",
        "2. In 'New status', pick from the list for every row; "
        f"pick '{NO_CHANGE}' if nothing has changed.",
        "3. In 'New rationale', say in a sentence or two why: progress, risks, what is next.",
        "4. Only if the target date has to move: write the new one in 'Revised date', "
        f"e.g. {date_examples(ret)}.",
        "5. Leave the other columns as they are (they are locked), keep the file name, "
        "save, and send the file back.",
        "",
        *([plans] if named else []),
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


def lines_needed(text: str, width: float) -> int:
    """How many lines ``text`` wraps to in a column ``width`` characters wide (a little
    generous: most letters are narrower than the '0' a width counts)."""
    per_line = max(int(width) - 1, 1)
    return sum(max(len(textwrap.wrap(part, per_line)), 1) for part in text.split("\n"))


def row_height(values: Sequence[object], widths: Sequence[float]) -> float:
    """Points for a row whose tallest wrapped cell fits: LibreOffice does not grow a row
    for wrapped text in a file, so the height is written."""
    lines = [lines_needed(str(v), w) for v, w in zip(values, widths, strict=False) if v]
    return LINE_HEIGHT * max(lines, default=1)


def print_setup(sheet, title_rows: str | None = None) -> None:
    """Landscape A4, all columns on the width of one page and as many pages down as it
    takes, ``title_rows`` repeated at the top of each page, and a page number."""
    from openpyxl.worksheet.properties import PageSetupProperties

    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    if title_rows:
        sheet.print_title_rows = title_rows
    sheet.print_options.gridLines = True
    # No plan text in the footer: '&' starts a header/footer code there.
    sheet.oddFooter.center.text = "&A, page &P of &N"


def workbook_bytes(ret: Return) -> bytes:
    """The return as an .xlsx file."""
    openpyxl = load_openpyxl("writing an .xlsx return")
    book = openpyxl.Workbook()
    _instructions_sheet(book.active, ret)
    sheet = book.create_sheet(RETURN_SHEET)
    _return_sheet(sheet, ret)
    _drop_downs(book, sheet, ret)
    _hidden_record(book, ret)
    book.properties.title = f"Quarterly return {ret.quarter}: {ret.owner}"
    book.properties.subject = MARKER
    book.properties.identifier = ret.commit or ""
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _instructions_sheet(first, ret: Return) -> None:
    """The first sheet: what to do and by when, wrapped to the page."""
    # Lazy, like load_openpyxl itself: openpyxl is heavy and only workbooks need it.
    from openpyxl.styles import Alignment, Font

    first.title = "Instructions"
    first.column_dimensions["A"].width = INSTRUCTIONS_WIDTH
    wrapped = Alignment(wrap_text=True, vertical="top")
    for number, line in enumerate(instructions(ret), start=1):
        put(first, number, 1, line).alignment = wrapped
        first.row_dimensions[number].height = row_height([line], [INSTRUCTIONS_WIDTH])
    first["A1"].font = Font(bold=True, size=14)
    first.row_dimensions[1].height = max(first.row_dimensions[1].height or 0, 20)
    first["A3"].font = Font(bold=True)
    print_setup(first)


def _return_sheet(sheet, ret: Return) -> None:
    """The rows, the given columns locked and the answers open, sized to print."""
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter

    fill = PatternFill("solid", start_color=FILL_COLOUR, end_color=FILL_COLOUR)
    open_cell = Protection(locked=False)
    wrapped = Alignment(wrap_text=True, vertical="top")
    widths = [WIDTHS[name] for name in COLUMNS]
    put_row(sheet, 1, COLUMNS)
    sheet.row_dimensions[1].height = row_height(COLUMNS, widths)
    for number, row in enumerate(ret.rows, start=2):
        put_row(sheet, number, row.given())
        sheet.row_dimensions[number].height = row_height(row.given(), widths)
    for index, name in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = WIDTHS[name]
        header = sheet.cell(1, index)
        header.font = Font(bold=True)
        header.alignment = wrapped
        for number in range(1, len(ret.rows) + 2):
            cell = sheet.cell(number, index)
            cell.alignment = wrapped
            if name in FILL_IN:
                cell.fill = fill
                if number > 1:
                    cell.protection = open_cell
    sheet.freeze_panes = "A2"
    # Locked without a password: the point is to stop slips, not to keep anyone out.
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False  # widths may still be changed to read
    sheet.protection.formatRows = False
    print_setup(sheet, "1:1")


def _drop_downs(book, sheet, ret: Return) -> None:
    """One list per plan (its own words), on a hidden sheet; each row's New status
    offers the words of that row's plan."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    lists = book.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    status_letter = get_column_letter(COLUMNS.index("New status") + 1)
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
            f"leave the other columns as they are; send it back by {long_date(ret.deadline)}; "
            f"a revised date is written e.g. {date_examples(ret)}."
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


def write_issued(done: Issue) -> None:
    """What ``request`` did: the items nobody could be asked about (on stderr), then the
    returns printed as CSV, or where each was (or would be) written and for whom."""
    out, err = console(), error_console()
    for problem in done.asked.problems():
        err.print(safe(problem.text()), highlight=False, soft_wrap=True)
    returns = done.asked.returns
    if not returns:
        out.print("no items to ask about: no return written")
        return
    if not done.paths:
        for text in done.texts:
            out.file.write(text)
        return
    total = sum(len(ret.rows) for ret in returns)
    verb = "would write" if done.dry_run else "wrote"
    out.print(
        f"{verb} {len(returns)} return(s), {total} row(s), "
        f"to {safe(os.path.dirname(done.paths[0]))}"
        f" (due back {returns[0].deadline.isoformat()})",
        soft_wrap=True,
        highlight=False,
    )
    for ret, path in zip(returns, done.paths, strict=True):
        out.print(
            f"  {safe(os.path.basename(path))}: {len(ret.rows)} row(s) for {safe(ret.owner)}",
            soft_wrap=True,
            highlight=False,
        )


def write_chase(
    folder: str, states: list[Outstanding], by: str, output_format: str, asked_for: str | None
) -> None:
    """``chase``: the returns missing or incomplete in ``folder``, one row per owner
    (``by``: lead or directorate), with how many rows each has answered."""
    behind = [s for s in states if s.state != "complete"]
    columns = [
        Column(by, by.capitalize(), wrap=True),
        Column("state", "State"),
        Column("answered", "Answered", justify="right"),
        Column("rows", "Rows", justify="right"),
        Column("file", "File", wrap=True),
    ]
    title = (
        f"{len(behind)} of {len(states)} returns missing or incomplete in {folder}"
        if states
        else f"no returns expected for {asked_for}"
    )
    write(
        [s.as_dict(by) for s in behind],
        columns,
        output_format,
        title=title,
        empty=f"every return in {folder} is complete",
    )
