"""A first map for ``plantrack import``, guessed from a tracker's header row.

Every public body heads its tracker columns its own way ("Lead Officer", "Responsible
officer", "Owner"; "Target date", "Timescale", "By when"; "RAG", "Status"). Writing the
map by hand means reading the sheet and the guide side by side; this proposes one from
the words trackers use, so a person checks a map instead of writing it. Nothing here
imports: the map is shown, saved and checked by a person first, because a wrong guess
(a "Date" column that is the date raised, not the date due) would import quietly.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from plantrack import dates
from plantrack.edit import render_scalar
from plantrack.errors import PlantrackError
from plantrack.plan.status import BUILT_IN, Status, UnknownStatus
from plantrack.suggest import closest
from plantrack.usecases.sheet import clean, header_key, letter_of, read_rows

# The words trackers head each column with, most telling first. Each header is compared
# with its case, spacing and punctuation folded ("Lead Officer(s):" reads "lead officers").
HEADER_WORDS: dict[str, tuple[str, ...]] = {
    "id": ("ref", "reference", "ref no", "action ref", "action no", "no", "number", "id", "item"),
    "theme": ("theme", "priority", "strategic priority", "priority area", "council priority"),
    "objective": ("objective", "objectives", "aim", "outcome", "strategic objective"),
    "title": (
        "action", "actions", "specific action", "key action", "key actions", "action description",
        "description", "task", "activity", "milestone", "deliverable", "what we will do",
    ),
    "lead": (
        "lead", "lead officer", "lead officers", "responsible officer", "owner", "action owner",
        "responsible", "responsibility", "accountable officer", "who", "lead officer service",
    ),
    "directorate": ("directorate", "lead directorate", "service", "service area", "department"),
    "due": (
        "new date", "revised date", "revised target date", "target date", "due date", "due",
        "deadline", "timescale", "timescales", "by when", "target", "completion date", "when",
        "date", "timeframe", "delivery date",
    ),
    "original_due": ("original target date", "original date", "original deadline"),
    "status": ("rag", "rag status", "rag rating", "status", "current status", "rating"),
    "rationale": (
        "update", "progress", "progress update", "latest update", "update on progress",
        "comments", "comment", "commentary", "narrative", "progress to date", "status comment",
    ),
    "measure": (
        "measure", "measures", "success measure", "success measures", "measure of success",
        "measures of success", "outcome measure", "kpi", "performance measure", "success criteria",
    ),
}  # fmt: skip
MANY_COLUMNS = ("due",)  # a re-dated tracker has a new date beside the first: both kept
FOLDED = {
    key: {word: rank for rank, word in enumerate(words)} for key, words in HEADER_WORDS.items()
}
_PUNCTUATION = re.compile(r"[^\w\s]+")
NEAR = 0.85  # "Lead Oficer" is "lead officer"; "Leader" is not "lead"


def fold(header: str) -> str:
    """A header as compared with the words above: case, spacing and punctuation folded."""
    return header_key(_PUNCTUATION.sub(" ", header))


@dataclass
class GuessedMap:
    """What the guess found: which column each key takes, what it could not place."""

    sheet: Path
    header_line: int
    columns: dict[str, list[str]] = field(default_factory=dict)
    unplaced: list[str] = field(default_factory=list)
    sections: bool = False
    unknown_statuses: list[str] = field(default_factory=list)
    financial_year: str | None = None  # the one most dated cells fall in
    yearless: int = 0  # dates written without a year ("June", "Quarter 3")


def key_of(header: str) -> tuple[str, int] | None:
    """The key a header names and how telling it is (0 best), exactly or nearly."""
    folded = fold(header)
    for key, ranks in FOLDED.items():
        if folded in ranks:
            return key, ranks[folded]
    every = {word: key for key, ranks in FOLDED.items() for word in ranks}
    near = closest(folded, every, cutoff=NEAR)
    return (every[near[0]], len(FOLDED[every[near[0]]])) if near else None


def guess_map(sheet: Path) -> GuessedMap:
    """The header row (the first row naming a title column and another known one) and
    the column each key takes: the most telling header where several could serve."""
    rows, lines = read_rows(sheet)
    for at, row in enumerate(rows):
        placed = [(index, key_of(cell)) for index, cell in enumerate(row) if cell.strip()]
        keys = {found[0] for _, found in placed if found}
        if "title" in keys and len(keys) > 1:
            return _guessed(sheet, rows, at, lines[at], placed)
    raise PlantrackError(
        f"{sheet}: no row looks like a header (a column such as 'Action' and another such "
        "as 'Lead officer' or 'Target date')",
        hint="write the map by hand: see 'Importing a spreadsheet tracker' in docs/guide.md",
    )


def _guessed(sheet: Path, rows: list[list[str]], at: int, line: int, placed: list) -> GuessedMap:
    header = rows[at]
    best: dict[str, list[tuple[int, int]]] = {}  # key -> [(rank, column index)]
    for index, found in placed:
        if found:
            best.setdefault(found[0], []).append((found[1], index))
    guess = GuessedMap(sheet, line)
    taken: set[int] = set()
    for key in HEADER_WORDS:  # the map's order, as the guide lists it
        if key not in best:
            continue
        chosen = sorted(best[key]) if key in MANY_COLUMNS else [min(best[key])]
        guess.columns[key] = [header[index].strip() for _, index in chosen]
        taken |= {index for _, index in chosen}
    width = max(len(row) for row in rows[at:])
    for index in range(width):
        name = header[index].strip() if index < len(header) else ""
        filled = any(index < len(row) and clean(row[index]) for row in rows[at + 1 :])
        if index not in taken and (name or filled):
            guess.unplaced.append(name or letter_of(index))
    data = rows[at + 1 :]
    guess.sections = any(_only_first_filled(row) for row in data)
    guess.unknown_statuses = _unknown_statuses(data, header, guess.columns.get("status"))
    due_columns = [*guess.columns.get("due", []), *guess.columns.get("original_due", [])]
    due_cells = [row[i] for i in _indexes(header, due_columns) for row in data if i < len(row)]
    guess.financial_year, guess.yearless = _financial_year([clean(c) for c in due_cells if c])
    return guess


def _indexes(header: list[str], names: list[str]) -> list[int]:
    stripped = [cell.strip() for cell in header]
    return [stripped.index(name) for name in names]


def _financial_year(texts: list[str]) -> tuple[str | None, int]:
    """The financial year (April to March) most dated cells fall in, and how many cells
    are dates without a year: those read only in a plan's ``financial_year``."""
    calendar = dates.FinancialCalendar()
    years: Counter[int] = Counter()
    yearless = 0
    for text in texts:
        try:
            deadline = dates.parse(text).deadline
        except dates.DateError:
            try:
                dates.parse(text, "2000/01")
            except dates.DateError:
                continue  # not a date at all: import reports it
            yearless += 1
            continue
        if deadline is not None:
            years[calendar.year_of(deadline)] += 1
    if not years:
        return None, yearless
    return calendar.year_label(years.most_common(1)[0][0]), yearless


def _only_first_filled(row: list[str]) -> bool:
    return bool(row) and bool(clean(row[0])) and not any(clean(cell) for cell in row[1:])


def _unknown_statuses(data: list[list[str]], header: list[str], named: list[str] | None) -> list:
    """The status words of the sheet plantrack does not know, for a legend to map."""
    if not named:
        return []
    index = [cell.strip() for cell in header].index(named[0])
    unknown: dict[str, None] = {}
    for row in data:
        word = clean(row[index]) if index < len(row) else ""
        if word and "\n" not in word and len(word) <= 40 and not _only_first_filled(row):
            try:
                BUILT_IN.parse(word)
            except UnknownStatus:
                unknown[word] = None
    return list(unknown)


def map_path(sheet: Path) -> Path:
    """Where the guide and the hints suggest saving a sheet's map: beside it."""
    return sheet.with_name(f"{sheet.stem}.map.yaml")


def render_map(guess: GuessedMap) -> str:
    """The guessed map as YAML with a comment on everything a person must check."""
    stem = guess.sheet.stem
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "imported-plan"
    title = " ".join(re.split(r"[-_\s]+", stem)).strip().capitalize() or "Imported plan"
    lines = [
        f"# A map guessed by plantrack from the header row (line {guess.header_line}) of",
        f"# {guess.sheet.name}. Check every line and the plan's keys, then run",
        f"#   plantrack import {guess.sheet} --map {map_path(guess.sheet)} -o plans/{slug}.yaml",
        "plan:",
        f"  id: {slug}",
        f"  title: {_scalar(title, 2)}   # as the document titles it",
        _financial_year_line(guess),
        "columns:",
    ]
    for key, headers in guess.columns.items():
        if len(headers) == 1:
            lines.append(f"  {key}: {_scalar(headers[0], 2)}")
        else:
            shown = ", ".join(_scalar(h, 2, flow=True) for h in headers)
            lines.append(f"  {key}: [{shown}]   # the first filled one wins")
    if guess.sections:
        lines.append("sections: theme   # a row with only its first cell filled starts a theme")
    if guess.unplaced:
        lines.append("ignore:   # columns not imported: map any that matter above")
        lines += [f"  - {_scalar(name, 4)}" for name in guess.unplaced]
    if guess.unknown_statuses:
        lines += [
            "# statuses:   # the sheet's own status words: give each its canonical status",
            f"#             # ({', '.join(s.value for s in Status)}) and uncomment",
        ]
        lines += [f"#   {_scalar(word, 2)}:" for word in guess.unknown_statuses]
    return "\n".join(lines) + "\n"


def _financial_year_line(guess: GuessedMap) -> str:
    """Set when the sheet has dates without a year (they need it), else a comment."""
    year = guess.financial_year or "2026/27"
    if guess.yearless and guess.financial_year:
        return (
            f"  financial_year: {year}   # guessed from the dates: {guess.yearless} have no "
            "year and are read in it; check"
        )
    why = f"{guess.yearless} dates have no year" if guess.yearless else "dates without a year"
    return f"  # financial_year: {year}   # the year of {why} ('June', 'Quarter 3')"


def _scalar(text: str, indent: int, flow: bool = False) -> str:
    return render_scalar(text, "", indent, flow=flow)
