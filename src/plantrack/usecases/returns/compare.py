"""What a lead changed outside the answer columns, found by comparing a returned file
with its verified issued record (:mod:`.issued`).

Only ``New status``, ``New rationale`` and ``Revised date`` are read; anything else a
lead types would otherwise be dropped without a word (a date typed over the locked
``Due``, a ``Comments`` column, a deleted row). Each is reported as a warning at its
cell, and what an added column says is kept as a note for the commit message. Given
columns are compared by meaning, not spelling: a spreadsheet that turned "October
2021" into "Oct-21", or "On track" into "on track", changed nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from plantrack.dates import DateError, parse
from plantrack.errors import Diagnostic
from plantrack.textsafe import visible_controls
from plantrack.usecases.returns.form import FILL_IN, GIVEN, canonical_status
from plantrack.usecases.returns.issued import Issued, IssuedRow
from plantrack.usecases.returns.read import FilledReturn, FilledRow

READ_ONLY_HINT = f"only {', '.join(FILL_IN)} are read; the change is not applied"


@dataclass(frozen=True)
class Note:
    """Text a lead wrote in a column of their own: kept for the commit message."""

    ref: str
    column: str  # its header, or "column J"
    text: str


def warning(path: str, message: str, line: int = 0, col: int = 0, hint=None) -> Diagnostic:
    return Diagnostic("PT511", message, path, line, col, hint, "warning")


def _given(row: IssuedRow) -> dict[str, str]:
    """The issued row by column name (:data:`GIVEN`): Id is the item's own id."""
    item = row.ref.removeprefix(row.plan + ":")
    values = (item, row.plan, row.theme, row.action, row.title, row.due, row.status, row.rationale)
    return dict(zip(GIVEN, values, strict=True))


def changed_cells(found: FilledReturn, row: FilledRow, issued: IssuedRow, plan) -> list:
    """A warning for each locked cell of ``row`` whose meaning is not what was issued."""
    found_problems = []
    for name, then in _given(issued).items():
        if name == "Id" or name not in row.columns:
            continue
        now = row.cells.get(name, "")
        if same_meaning(name, then, now, plan):
            continue
        shown = visible_controls(now) if now else "(empty)"
        hint = READ_ONLY_HINT
        if name == "Due":
            hint = "to move the date, write it in Revised date; " + READ_ONLY_HINT
        found_problems.append(
            warning(
                found.path,
                f"{name}: changed to '{shown}' (issued as '{then}')",
                row.line,
                row.columns[name],
                hint,
            )
        )
    return found_problems


def same_meaning(name: str, then: str, now: str, plan) -> bool:
    """Whether a given cell still says what was issued."""
    then, now = " ".join(then.split()), " ".join(now.split())
    if now in (then, " ".join(visible_controls(then).split())):  # as written: controls shown
        return True
    if name == "Status":
        return canonical_status(then, plan) == canonical_status(now, plan) is not None
    if name == "Due" and then and now:
        return _window(then, plan) == _window(now, plan) is not None
    return False


def _window(text: str, plan):
    try:
        window = parse(text, plan.financial_year, plan.year_start)
    except DateError:
        return None
    return (window.start, window.end, window.deadline)


def added_columns(found: FilledReturn) -> tuple[list, list[Note]]:
    """A warning for each cell of a column the return did not have, and its text."""
    problems, notes = [], []
    for row in found.rows:
        for number, text in row.extra.items():
            header = found.header[number - 1] if number <= len(found.header) else ""
            label = header or f"column {_letter(number)}"
            problems.append(
                warning(
                    found.path,
                    f"{label}: '{visible_controls(text)}' is in a column of its own",
                    row.line,
                    number,
                    "not read into the plans; kept in the commit message of collect",
                )
            )
            notes.append(Note(row.ref, label, text))
    return problems, notes


def missing_rows(found: FilledReturn, issued: Issued) -> list:
    """A warning for each issued row the return no longer has."""
    present = {row.ref for row in found.rows}
    return [
        warning(
            found.path,
            f"{row.ref} ('{row.title}') was issued in this return and is missing from it",
            found.header_line,
            1,
            "not answered: ask the lead, or collect it next quarter",
        )
        for row in issued.rows
        if row.ref not in present
    ]


def _letter(number: int) -> str:
    text = ""
    while number:
        number, rest = divmod(number - 1, 26)
        text = chr(65 + rest) + text
    return text
