"""Editing a plan file with the smallest diff (docs/reference/plan-format.md, "Edits").

The new text is made by splicing: find the value's span from the loader's
positions, render the new scalar in the style of what was there (or of its
neighbours), replace exactly those characters, and insert a missing key on a
new line beside its siblings with their indentation. Every other byte --
comments, key order, quoting, blank lines, CRLF, a BOM -- stays as it was.
No YAML library dumps anything here: a round-tripping dumper would still
reformat lines nobody asked to change. Text in, text out: loading the workspace,
checking the values and writing the file are :mod:`plantrack.usecases.update`'s.
"""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import yaml

from plantrack.plan.keys import ITEM_KEY_ORDER, PathKey
from plantrack.plan.load import Document, Loc
from plantrack.plan.status import BUILT_IN, Vocabulary

FREE_TEXT_KEYS = ("title", "description", "measure", "rationale", "notes")
BLOCK_AFTER = 100  # characters; longer single-line text becomes a folded block
WRAP_AT = 88


@dataclass(frozen=True)
class Splice:
    """Replace ``text[start:end]`` with ``new``."""

    start: int
    end: int
    new: str
    order: int = 0  # among insertions at one offset, lower is written first


@dataclass
class Edit:
    """The splices for one item, made against one document's text."""

    doc: Document
    path: PathKey
    splices: list[Splice] = field(default_factory=list)

    def __post_init__(self) -> None:
        text = self.doc.text
        self.newline = "\r\n" if "\r\n" in text else "\n"
        self.line_starts = [0]
        for index, char in enumerate(text):
            if char == "\n":
                self.line_starts.append(index + 1)

    # --- positions ---------------------------------------------------------------------

    def offset(self, line: int, col: int) -> int:
        """Character offset of a 1-based line and column."""
        if line > len(self.line_starts):
            return len(self.doc.text)
        return self.line_starts[line - 1] + col - 1

    def span(self, loc: Loc) -> tuple[int, int]:
        return self.offset(loc.line, loc.col), self.offset(loc.end_line, loc.end_col)

    @property
    def item(self) -> dict[str, Any]:
        node = self.doc.data
        for part in self.path:
            node = node[part]
        return node

    @property
    def is_flow(self) -> bool:
        return self.doc.styles.get(self.path) == "{"

    @property
    def indent(self) -> int:
        """Column (0-based) of the item's keys, e.g. the ``id`` after ``- ``."""
        return self.doc.keys[self.path + ("id",)].col - 1

    # --- the two kinds of change --------------------------------------------------------

    def set(self, key: str, value: str) -> None:
        """Set ``key`` to the string ``value``: replace it, or insert it."""
        if key in self.item:
            self._replace(key, value)
        else:
            self._insert(key, value, self._neighbour_style(key))

    def copy_value(self, source_key: str, new_key: str) -> None:
        """Insert ``new_key`` with the exact source text of ``source_key``'s value
        (so ``original_due`` keeps the quoting ``due`` had)."""
        loc = self.doc.values[self.path + (source_key,)]
        start, end = self.span(loc)
        raw = self.doc.text[start:end]
        if "\n" in raw.rstrip("\r\n"):
            self._insert(new_key, str(self.item[source_key]), "")
        else:
            self._insert_raw(new_key, raw.rstrip("\r\n"))

    def _replace(self, key: str, value: str) -> None:
        path = self.path + (key,)
        loc = self.doc.values[path]
        start, end = self.span(loc)
        style = self.doc.styles.get(path, "")
        rendered = render_scalar(value, style, self.indent, self.is_flow, self.newline)
        # An empty value ("rationale:") ends at its colon: "rationale:why" would be one word.
        lead = " " if start == end and self.doc.text[start - 1 : start] == ":" else ""
        if style in ("|", ">"):
            # A block's span runs to the next key's line: keep its trailing blank lines.
            old = self.doc.text[start:end]
            trailing = old[len(old.rstrip("\r\n")) :]
            self.splices.append(Splice(start, end, rendered.rstrip("\r\n") + trailing))
        elif rendered.startswith(("|", ">")):
            # The header replaces the value; the body goes after the rest of the line,
            # so a comment after the old value stays where it was.
            header, _, body = rendered.partition(self.newline)
            self.splices.append(Splice(start, end, lead + header))
            self._add_line(self.offset(loc.end_line + 1, 1), body)
        else:
            self.splices.append(Splice(start, end, lead + rendered))

    def _add_line(self, at: int, content: str, order: int = 0) -> None:
        """Insert whole lines at a line start (or at the end of a file with no final newline)."""
        if at >= len(self.doc.text) and self.doc.text and not self.doc.text.endswith("\n"):
            content = self.newline + content.rstrip("\r\n")
        self.splices.append(Splice(at, at, content, order))

    def _neighbour_style(self, key: str) -> str:
        """Quote free text like the sibling before it when that sibling is quoted."""
        if key not in FREE_TEXT_KEYS:
            return ""
        before = self._previous_key(key)
        style = self.doc.styles.get(self.path + (before,), "") if before else ""
        return style if style in ('"', "'") else ""

    def _previous_key(self, key: str) -> str | None:
        rank = ITEM_KEY_ORDER.index(key)
        present = [k for k in self.item if k in ITEM_KEY_ORDER and ITEM_KEY_ORDER.index(k) < rank]
        return max(present, key=ITEM_KEY_ORDER.index) if present else None

    def _insert(self, key: str, value: str, style: str) -> None:
        rendered = render_scalar(value, style, self.indent, self.is_flow, self.newline)
        self._insert_raw(key, rendered)

    def _insert_raw(self, key: str, rendered: str) -> None:
        if self.is_flow:
            loc = self.doc.values[self.path]
            close = self.offset(loc.end_line, loc.end_col) - 1
            self.splices.append(
                Splice(close, close, f", {key}: {rendered}", ITEM_KEY_ORDER.index(key))
            )
            return
        at = self._line_after(self._previous_key(key) or "id")
        line = " " * self.indent + f"{key}: {rendered}"
        if not line.endswith("\n"):
            line += self.newline
        self._add_line(at, line, ITEM_KEY_ORDER.index(key))

    def _line_after(self, key: str) -> int:
        """Offset of the line after ``key``'s value (and its trailing comment).

        A block value's span already runs to the start of the next key's line.
        """
        loc = self.doc.values.get(self.path + (key,)) or self.doc.keys[self.path + (key,)]
        if loc.end_col == 1 and loc.end_line > loc.line:
            return self.offset(loc.end_line, 1)
        if loc.end_line < len(self.line_starts):
            return self.offset(loc.end_line + 1, 1)
        return len(self.doc.text)

    # --- result -------------------------------------------------------------------------

    def apply(self) -> str:
        text = self.doc.text
        for splice in sorted(self.splices, key=lambda s: (s.start, s.end, s.order), reverse=True):
            text = text[: splice.start] + splice.new + text[splice.end :]
        return text


# --- rendering scalars ------------------------------------------------------------------


def render_scalar(
    value: str, style: str = "", indent: int = 0, flow: bool = False, newline: str = "\n"
) -> str:
    """``value`` as YAML source in the wanted style, falling back to double quotes.

    Every candidate is proven by parsing it back in the same context: a value
    that YAML would read as something else (``no``, ``1.10``, ``a: b``) is quoted.
    """
    candidates = []
    wants_block = "\n" in value or (len(value) > BLOCK_AFTER and not flow)
    if wants_block and not flow:
        candidates.append(_block(value, indent, newline))
    if style == "'":
        candidates.append("'" + value.replace("'", "''") + "'")
    if style in ("", "|", ">") and not wants_block:  # a short value leaves block style
        candidates.append(value)
    candidates.append(_double(value))
    for candidate in candidates:
        if _reads_back(candidate, value, indent, flow):
            return candidate
    return _double(value)


def _double(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _block(value: str, indent: int, newline: str) -> str:
    pad = " " * (indent + 2)
    if "\n" in value:
        chomp = "|" if value.endswith("\n") else "|-"
        lines = value[:-1].split("\n") if value.endswith("\n") else value.split("\n")
        body = newline.join(pad + line if line else "" for line in lines)
        return f"{chomp}{newline}{body}{newline}"
    wrapped = textwrap.wrap(
        value, width=max(WRAP_AT - len(pad), 40), break_long_words=False, break_on_hyphens=False
    )
    return ">-" + newline + newline.join(pad + line for line in wrapped) + newline


def _reads_back(candidate: str, value: str, indent: int, flow: bool) -> bool:
    if flow:
        snippet = "{k: " + candidate + "}"
    else:
        snippet = " " * indent + "k: " + candidate
        if not candidate.endswith("\n"):
            snippet += "\n"
    try:
        loaded = yaml.load(snippet.replace("\r\n", "\n"), Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        return False
    if not isinstance(loaded, dict):
        return False
    read = loaded.get("k")
    # plantrack reads a plain ISO date as the text written (load.py), so it may stay plain.
    return read == value or (isinstance(read, date) and read.isoformat() == value)


# --- splicing new values in ---------------------------------------------------------------


def splice_values(
    doc: Document, path: PathKey, values: dict[str, str], vocabulary: Vocabulary = BUILT_IN
):
    """The new text and the changes made (key -> (old, new)); unchanged values are skipped
    (a status is unchanged when the old word means the same in the plan's ``vocabulary``)."""
    edit = Edit(doc, path)
    item = edit.item
    changes: dict[str, tuple[Any, str]] = {}
    for key, value in values.items():
        old = item.get(key)
        if _same(key, old, value, vocabulary):
            continue
        if key == "due" and "original_due" not in item and old:
            edit.copy_value("due", "original_due")
            changes["original_due"] = (None, str(old))
        edit.set(key, value)
        changes[key] = (old, value)
    return edit.apply(), changes


def _same(key: str, old: Any, new: str, vocabulary: Vocabulary) -> bool:
    """Already so: a status in another accepted spelling is the same status."""
    if old is None:
        return False
    if key == "status":
        return vocabulary.same(old, new)
    return str(old) == new
