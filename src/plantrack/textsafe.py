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

# C0 controls except line feed and tab, DEL, and the C1 controls (0x80-0x9f: a
# terminal takes 0x9b as ESC [).
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

# What a Markdown renderer acts on inside a line: escapes, emphasis, code, links and
# images, HTML, headings, lists, strikethrough, autolinks, and a table's cell
# separator. Each is escaped with a backslash, which CommonMark defines for every
# ASCII punctuation character, so the text reads exactly as written.
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~&\"'])")


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
    shown = _CONTROLS.sub(lambda match: f"\\x{ord(match.group()):02x}", text)
    if not keep_newlines:
        shown = shown.replace("\n", "\\n")
    return shown


def markdown_text(text: str) -> str:
    """One line of plain text as Markdown that renders to exactly that text: every
    character Markdown or HTML could act on escaped, control characters visible, and
    line breaks as spaces (a table cell and a list item are one line)."""
    one_line = " ".join(visible_controls(text).split("\n"))
    return _MARKDOWN_SPECIALS.sub(r"\\\1", one_line)
