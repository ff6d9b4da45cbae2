"""Plan text made safe for where it goes next: a spreadsheet, Markdown, a terminal.

Every text in a plan, a return or a legend may have been written by anyone, and the
places our outputs land act on some characters: a spreadsheet runs a cell that
starts with ``=`` as a formula, a Markdown renderer turns ``[x](url)`` into a link
and ``<img onerror=…>`` into markup, and a terminal obeys ESC sequences. Each rule is
written once, here, at the bottom of the house, so every output (CSV, xlsx returns,
Markdown, tables, the site's open data) applies the same one.
"""

from __future__ import annotations

import re

# OWASP, "CSV Injection": a cell whose first character is one of these is read as a
# formula by Excel, LibreOffice and Google Sheets (tab and CR too, which some of them
# strip before looking). Prefixing a single quote makes the cell plain text in all
# three; the quote shows in a text editor, and collect strips it again.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TEXT_MARK = "'"

# C0 controls except line feed and tab, DEL, the C1 controls (0x80-0x9f: a terminal
# takes 0x9b as ESC [), and the bidirectional overrides and isolates that make text
# display in an order other than the one it is read in ("Trojan Source").
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

# What a Markdown renderer acts on inside a line: backslash escapes, emphasis, code,
# links and images, HTML tags and entities, strikethrough, and a table's cell
# separator. Each is escaped with a backslash, which CommonMark defines for every
# ASCII punctuation character, so the text reads exactly as written. Punctuation that
# only means something at the start of a line (a heading's #, a list's - or 1.) is
# escaped only there, and parentheses are inert once brackets are escaped (no link can
# open): "2026-03-31" and "1 (33%) done" stay readable in the Markdown source.
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]<>|~&])")
_LINE_START = re.compile(r"^([#+\-=]|\d{1,9}[.)](?=\s|$))")


def spreadsheet_text(value: str) -> str:
    """``value`` as a spreadsheet shows it but can never run it: a leading quote when
    it starts with a formula character (see :data:`FORMULA_STARTS`)."""
    if value.startswith(FORMULA_STARTS):
        return TEXT_MARK + value
    return value


def from_spreadsheet_text(value: str) -> str:
    """The text :func:`spreadsheet_text` was given: its leading quote taken off again
    where it guarded a formula character, and nowhere else."""
    if value.startswith(TEXT_MARK) and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def visible_controls(text: str, *, keep_newlines: bool = True) -> str:
    """Control characters shown as escapes (``\\x1b``), so a terminal, a CSV reader or
    a job summary shows them instead of obeying them; tabs and (unless told
    otherwise) line feeds are left as they are."""
    shown = _CONTROLS.sub(_escape_control, text)
    if not keep_newlines:
        shown = shown.replace("\n", "\\n")
    return shown


def _escape_control(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def markdown_text(text: str, line_start: bool = False) -> str:
    """One line of plain text as Markdown that renders to exactly that text: every
    character Markdown or HTML could act on escaped, control characters visible, and
    line breaks as spaces (a table cell and a list item are one line).

    ``line_start=True`` for text that begins a line of the document: a heading's ``#``,
    a list's ``-`` or ``1.`` and a rule's ``---`` act only there, so only there are
    they escaped ("+92 days" in a table cell stays as written)."""
    # Leading spaces dropped: four of them would make the line a code block.
    one_line = " ".join(visible_controls(text).splitlines()).lstrip()
    escaped = _MARKDOWN_SPECIALS.sub(r"\\\1", one_line)
    return _LINE_START.sub(_escape_line_start, escaped) if line_start else escaped


def _escape_line_start(match: re.Match[str]) -> str:
    """A heading's #, a list's - or + (or a rule's ---), an ordered list's 1. made
    literal."""
    mark = match.group(1)
    if mark[-1] in ".)":
        return f"{mark[:-1]}\\{mark[-1]}"
    return f"\\{mark}"


def csv_text(value: object) -> str:
    """A CSV cell for a report: text with its control characters shown and a formula
    start neutralised (:func:`spreadsheet_text`); a number as itself, so a negative
    count of days stays a number a spreadsheet can sum."""
    text = "" if value is None else str(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return text
    return spreadsheet_text(visible_controls(text))
