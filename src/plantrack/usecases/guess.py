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
from datetime import date
from pathlib import Path

from plantrack import dates
from plantrack.errors import PlantrackError
from plantrack.plan.edit import render_scalar
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
# A re-dated tracker keeps the new date beside the first: both go to ``due``, new first.
REVISED = frozenset({"new date", "revised date", "revised target date"})
FOLDED = {
    key: {word: rank for rank, word in enumerate(words)} for key, words in HEADER_WORDS.items()
}
KEY_OF_WORD = {word: key for key, words in HEADER_WORDS.items() for word in words}
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
    near = closest(folded, KEY_OF_WORD, cutoff=NEAR)
    if not near:
        return None
    key = KEY_OF_WORD[near[0]]
    return key, len(FOLDED[key])  # a near spelling ranks after every exact one


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
    header, data = rows[at], rows[at + 1 :]
    candidates: dict[str, list[tuple[int, int]]] = {}  # key -> [(rank, column index)]
    for index, found in placed:
        if found:
            candidates.setdefault(found[0], []).append((found[1], index))
    chosen = {
        key: _chosen(key, candidates[key], header) for key in HEADER_WORDS if key in candidates
    }
    guess = GuessedMap(sheet, line)
    guess.columns = {key: [_name(header, i) for i in indexes] for key, indexes in chosen.items()}
    taken = {index for indexes in chosen.values() for index in indexes}
    width = max(len(row) for row in rows[at:])
    for index in range(width):
        named = index < len(header) and header[index].strip()
        filled = any(index < len(row) and clean(row[index]) for row in data)
        if index not in taken and (named or filled):
            guess.unplaced.append(_name(header, index))
    guess.sections = any(_only_first_filled(row) for row in data)
    if "status" in chosen:
        guess.unknown_statuses = _unknown_statuses(data, chosen["status"][0])
    dated = [*chosen.get("due", []), *chosen.get("original_due", [])]
    cells = [clean(row[i]) for i in dated for row in data if i < len(row)]
    guess.financial_year, guess.yearless = _financial_year([cell for cell in cells if cell])
    return guess


def _chosen(key: str, candidates: list[tuple[int, int]], header: list[str]) -> list[int]:
    """The column(s) a key takes: the most telling header; for ``due``, a re-dated
    tracker's new-date columns first, then that one (the first filled one wins)."""
    if key != "due":
        return [min(candidates)[1]]
    revised = [i for _, i in sorted(candidates) if fold(header[i]) in REVISED]
    others = [(rank, i) for rank, i in candidates if i not in revised]
    return revised + ([min(others)[1]] if others else [])


def _name(header: list[str], index: int) -> str:
    """How the map names a column: its header, or its letter where the header is blank
    or shared with another column (the importer would read the first of those)."""
    name = header[index].strip() if index < len(header) else ""
    shared = [header_key(cell) for cell in header].count(header_key(name)) > 1
    return name if name and not shared else letter_of(index)


def _only_first_filled(row: list[str]) -> bool:
    return bool(row) and bool(clean(row[0])) and not any(clean(cell) for cell in row[1:])


def _unknown_statuses(data: list[list[str]], index: int) -> list[str]:
    """The status words of the sheet plantrack does not know, for a legend to map."""
    unknown: dict[str, None] = {}
    for row in data:
        word = clean(row[index]) if index < len(row) else ""
        if word and len(word) <= 40 and not _only_first_filled(row):
            try:
                BUILT_IN.parse(word)
            except UnknownStatus:
                unknown[word] = None
    return list(unknown)


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


def plan_id_of(sheet: Path) -> str:
    """A plan id from the sheet's file name (lower case, hyphens)."""
    return re.sub(r"[^a-z0-9]+", "-", sheet.stem.lower()).strip("-") or "imported-plan"


def map_path(sheet: Path) -> Path:
    """Where the guide and the hints suggest saving a sheet's map: beside it."""
    return sheet.with_name(f"{sheet.stem}.map.yaml")


def render_map(guess: GuessedMap, then: str = "", today: date | None = None) -> str:
    """The guessed map as YAML with a comment on everything a person must check;
    ``then`` is what to run with it once checked (the command line is the caller's)."""
    title = " ".join(re.split(r"[-_\s]+", guess.sheet.stem)).strip().capitalize()
    lines = [
        f"# A map guessed by plantrack from the header row (line {guess.header_line}) of",
        f"# {_one_line(guess.sheet.name)}. Check every line and the plan's keys"
        + (", then run" if then else "."),
        *([f"#   {_one_line(then)}"] if then else []),
        "plan:",
        f"  id: {plan_id_of(guess.sheet)}",
        f"  title: {_scalar(title or 'Imported plan', 2)}   # as the document titles it",
        _financial_year_line(guess, today or date.today()),
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


def _financial_year_line(guess: GuessedMap, today: date) -> str:
    """Set when the sheet has dates without a year (they need it), else a comment."""
    calendar = dates.FinancialCalendar()
    year = guess.financial_year or calendar.year_label(calendar.year_of(today))
    count = guess.yearless
    dates_without = f"{count} {'date has' if count == 1 else 'dates have'} no year"
    if count and guess.financial_year:
        return f"  financial_year: {year}   # guessed from the dates ({dates_without}): check"
    why = dates_without if count else "dates written without a year"
    return f"  # financial_year: {year}   # for {why}, e.g. 'June', 'Quarter 3'"


def _one_line(text: str) -> str:
    """Text for a comment line: a line break in a file's name would end the comment."""
    return " ".join(text.splitlines())


def _scalar(text: str, indent: int, flow: bool = False) -> str:
    return render_scalar(text, "", indent, flow=flow)
