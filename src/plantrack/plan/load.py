"""File bytes to plain data with a position for every key and value.

One pass over libyaml's event stream (``yaml.CSafeLoader``'s C parser) builds
the data and the positions together, and refuses what a plan never needs and
an attacker would use: anchors and aliases (billion laughs), explicit tags
(``!!python/object``), nesting deeper than ``MAX_DEPTH`` (libyaml's composer
segfaults on ~50,000 levels, so we stop at the first event past the cap, before
composing anything), and duplicate keys (PyYAML keeps the last one silently).

Plain scalars stay the text the user wrote, except YAML 1.2's null: the model
converts where it wants a number or a date. So ``NO``, ``off`` and ``y`` stay
words, ``2026-03-31`` stays the string written, ``1:20`` is not 80, and
``id: 3.10`` is the id "3.10", not the float 3.1.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import yaml

from plantrack.errors import Diagnostic, PlantrackError
from plantrack.fileio import MAX_READ, RefusedRead, read_regular, utf8_name
from plantrack.plan.keys import PathKey

MAX_DEPTH = 64
CONFLICT_MARKERS = ("<<<<<<<", "=======", ">>>>>>>")
NULLS = frozenset({"", "~", "null", "Null", "NULL"})
BOM = "\ufeff"


class Loc(NamedTuple):
    """A span in the file: 1-based line and column of its start, end exclusive."""

    line: int
    col: int
    end_line: int
    end_col: int


@dataclass
class Document:
    """One loaded YAML file: its data, and where each part of it is written.

    ``values[path]`` is the span of the node at ``path`` (a tuple of mapping keys
    and list indexes, the same shape as a pydantic error's ``loc``);
    ``keys[path]`` is the span of the key that introduces it; ``styles[path]``
    is the scalar style (``''`` plain, ``'"'``, ``"'"``, ``'|'``, ``'>'``) or
    ``'{'``/``'['`` for a flow collection.
    """

    path: str
    text: str
    data: Any
    values: dict[PathKey, Loc] = field(default_factory=dict)
    keys: dict[PathKey, Loc] = field(default_factory=dict)
    styles: dict[PathKey, str] = field(default_factory=dict)
    has_bom: bool = False

    def locate(self, path: PathKey) -> Loc:
        """The span of ``path``, or of its nearest ancestor that exists."""
        path = tuple(path)
        while path:
            found = self.keys.get(path) or self.values.get(path)
            if found:
                return found
            path = path[:-1]
        return self.values.get((), Loc(1, 1, 1, 1))

    def value_loc(self, path: PathKey) -> Loc:
        """Where the value at ``path`` is written (falls back like ``locate``)."""
        return self.values.get(tuple(path)) or self.locate(path)


class LoadError(PlantrackError):
    """A file that cannot be read as a plan document; carries its Diagnostics
    (several only for duplicate keys, which do not stop the reading)."""

    def __init__(self, diagnostic: Diagnostic, *more: Diagnostic) -> None:
        super().__init__(diagnostic.text(), diagnostics=[diagnostic, *more])
        self.diagnostic = diagnostic


def _fail(file: str, code: str, message: str, line: int = 0, col: int = 0, hint=None):
    raise LoadError(Diagnostic(code, message, file, line, col, hint))


# --- bytes to text -------------------------------------------------------------------


def decode(data: bytes, file: str) -> tuple[str, bool]:
    """UTF-8 with an optional BOM; anything else is a located error."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        _fail(file, "PT002", "file is UTF-16", 1, 1, "save it as UTF-8")
    nul = data.find(b"\x00")
    if nul >= 0:
        line, col = _line_col(data, nul)
        _fail(file, "PT002", "NUL byte in file", line, col, "remove it; plans are UTF-8 text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line, col = _line_col(data, err.start)
        _fail(
            file,
            "PT002",
            f"invalid UTF-8 (byte 0x{data[err.start]:02x})",
            line,
            col,
            "save the file as UTF-8",
        )
    has_bom = text.startswith(BOM)
    return (text[1:] if has_bom else text), has_bom


def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, offset - line_start + 1


def check_conflict_markers(text: str, file: str) -> None:
    """Refuse a file git left half-merged: YAML would read the markers as text."""
    if "<<<<<<<" not in text and "=======" not in text and ">>>>>>>" not in text:
        return
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith(CONFLICT_MARKERS):
            _fail(
                file,
                "PT003",
                f"unresolved merge conflict at line {number}",
                number,
                1,
                "resolve the conflict and remove the <<<<<<< ======= >>>>>>> lines",
            )


# --- events to data --------------------------------------------------------------------


class _Frame:
    """An open mapping or sequence while the event stream is being read."""

    __slots__ = ("container", "path", "key", "is_map", "key_lines")

    def __init__(self, container, path: PathKey, is_map: bool) -> None:
        self.container = container
        self.path = path
        self.key: str | None = None
        self.is_map = is_map
        self.key_lines: dict[str, int] = {}


class _PositionedData:
    """Turns libyaml events into plain data plus positions, refusing unsafe input."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.stack: list[_Frame] = []
        self.root: Any = None
        self.documents = 0
        self.values: dict[PathKey, Loc] = {}
        self.keys: dict[PathKey, Loc] = {}
        self.styles: dict[PathKey, str] = {}
        self.duplicates: list[Diagnostic] = []

    def run(self, text: str) -> Any:
        self.text = text
        parser = yaml.CSafeLoader(text)
        try:
            self._consume(parser)
            if self.duplicates:
                raise LoadError(*self.duplicates)
        except yaml.MarkedYAMLError as err:
            self._syntax_error(err)
        except yaml.YAMLError as err:  # reader errors without a mark
            _fail(self.file, "PT004", f"YAML error: {err}", 1, 1)
        finally:
            parser.dispose()
        return self.root

    def _consume(self, parser) -> None:
        """The hot loop: one pass over the C parser's events (profiled; keep it lean)."""
        scalar, map_start, seq_start = (
            yaml.ScalarEvent,
            yaml.MappingStartEvent,
            yaml.SequenceStartEvent,
        )
        end_events = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
        get_event, stack, values, styles = parser.get_event, self.stack, self.values, self.styles
        new_loc = tuple.__new__
        while True:
            event = get_event()
            kind = type(event)
            if kind is scalar:
                if event.anchor is not None or event.tag is not None:
                    self._check_node(event)
                style = event.style or ""
                value = event.value
                if not style and value in NULLS:
                    value = None
                frame = stack[-1] if stack else None
                if frame is not None and frame.is_map and frame.key is None:
                    self._key(frame, event, value)
                    continue
                start, end = event.start_mark, event.end_mark
                loc = new_loc(Loc, (start.line + 1, start.column + 1, end.line + 1, end.column + 1))
                if frame is None:
                    path: PathKey = ()
                    self.root = value
                elif frame.is_map:
                    path = frame.path + (frame.key,)
                    frame.container[frame.key] = value
                    frame.key = None
                else:
                    path = frame.path + (len(frame.container),)
                    frame.container.append(value)
                values[path] = loc
                if style:
                    styles[path] = style
            elif kind is map_start or kind is seq_start:
                self._start(event, kind is map_start)
            elif kind in end_events:
                self._end(event)
            elif kind is yaml.AliasEvent:
                self._refuse_alias(event)
            elif kind is yaml.DocumentStartEvent:
                self._document(event)
            elif kind is yaml.StreamEndEvent:
                return

    def _document(self, event) -> None:
        self.documents += 1
        if self.documents > 1:
            mark = event.start_mark
            _fail(
                self.file,
                "PT004",
                "more than one YAML document in the file",
                mark.line + 1,
                mark.column + 1,
                "a plan file holds one document: remove '---'",
            )

    def _check_node(self, event) -> None:
        mark = event.start_mark
        if event.anchor is not None:
            _fail(
                self.file,
                "PT005",
                f"anchor '&{event.anchor}' is not allowed",
                mark.line + 1,
                mark.column + 1,
                "write the value out in full",
            )
        if event.tag is not None:
            tag = event.tag.replace("tag:yaml.org,2002:", "!!")
            _fail(
                self.file,
                "PT006",
                f"explicit tag '{tag}' is not allowed",
                mark.line + 1,
                mark.column + 1,
                "remove the tag; plans are plain text",
            )

    def _refuse_alias(self, event) -> None:
        mark = event.start_mark
        _fail(
            self.file,
            "PT005",
            f"alias '*{event.anchor}' is not allowed",
            mark.line + 1,
            mark.column + 1,
            "write the value out in full",
        )

    def _key(self, frame: _Frame, event, value) -> None:
        mark = event.start_mark
        line, col = mark.line + 1, mark.column + 1
        if value is None:
            _fail(self.file, "PT004", "empty mapping key", line, col, "write 'key: value'")
        first = frame.key_lines.get(value)
        if first is not None:
            # Every duplicate in the file is reported, not just the first one.
            self.duplicates.append(
                Diagnostic(
                    "PT008",
                    f"duplicate key '{value}' at line {line} (first at line {first})",
                    self.file,
                    line,
                    col,
                    "keep one of them: YAML tools would silently drop the first",
                )
            )
        frame.key_lines[value] = line
        frame.key = value
        end = event.end_mark
        self.keys[frame.path + (value,)] = tuple.__new__(
            Loc, (line, col, end.line + 1, end.column + 1)
        )

    def _start(self, event, is_map: bool) -> None:
        self._check_node(event)
        parent = self.stack[-1] if self.stack else None
        mark = event.start_mark
        if parent is not None and parent.is_map and parent.key is None:
            _fail(
                self.file,
                "PT004",
                "a mapping key must be plain text",
                mark.line + 1,
                mark.column + 1,
                "write 'key: value'",
            )
        if len(self.stack) >= MAX_DEPTH:
            _too_deep(self.file, mark.line + 1, mark.column + 1)
        path = self._child_path(parent)
        frame = _Frame({} if is_map else [], path, is_map)
        self.values[path] = Loc(mark.line + 1, mark.column + 1, mark.line + 1, mark.column + 1)
        if event.flow_style:
            self.styles[path] = "{" if is_map else "["
        self.stack.append(frame)

    def _end(self, event) -> None:
        frame = self.stack.pop()
        start = self.values[frame.path]
        end = event.end_mark
        self.values[frame.path] = Loc(start.line, start.col, end.line + 1, end.column + 1)
        self._attach(frame.container, frame.path)

    def _child_path(self, parent: _Frame | None) -> PathKey:
        if parent is None:
            return ()
        if parent.is_map:
            return parent.path + (parent.key,)
        return parent.path + (len(parent.container),)

    def _attach(self, value, path: PathKey) -> None:
        if not self.stack:
            self.root = value
            return
        parent = self.stack[-1]
        if parent.is_map:
            parent.container[parent.key] = value
            parent.key = None
        else:
            parent.container.append(value)

    def _syntax_error(self, err: yaml.MarkedYAMLError) -> None:
        mark = err.problem_mark or err.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = err.problem or "syntax error"
        if "maximum nesting depth" in problem:
            # libyaml >= 0.2.6 refuses ~1,000 flow levels itself, and its scanner
            # reads that far ahead before we see the 65th: the same refusal, one message.
            _too_deep(self.file, line, col)
        message = f"YAML syntax error: {problem}"
        if err.context:
            message += f" ({err.context})"
        hint = None
        if "\t" in problem or _char_at(self.text, line, col) == "\t":
            hint = "indent with spaces, not tabs"
        elif "mapping values are not allowed" in problem:
            hint = "quote a value that contains ': '"
        _fail(self.file, "PT004", message, line, col, hint)


def _too_deep(file: str, line: int, col: int) -> None:
    _fail(
        file,
        "PT007",
        f"nesting deeper than {MAX_DEPTH} levels",
        line,
        col,
        "a plan has at most a few levels",
    )


def _char_at(text: str, line: int, col: int) -> str:
    lines = text.split("\n", line)
    if line - 1 < len(lines) and col - 1 < len(lines[line - 1]):
        return lines[line - 1][col - 1]
    return ""


# --- entry points -------------------------------------------------------------------------


def load_text(text: str, file: str = "<string>", has_bom: bool = False) -> Document:
    """Parse decoded text into a Document (raises LoadError)."""
    check_conflict_markers(text, file)
    builder = _PositionedData(file)
    data = builder.run(text)
    return Document(file, text, data, builder.values, builder.keys, builder.styles, has_bom)


def load_bytes(data: bytes, file: str = "<bytes>") -> Document:
    text, has_bom = decode(data, file)
    return load_text(text, file, has_bom)


def read_bytes(path: str | os.PathLike, limit: int = MAX_READ) -> bytes:
    """Read a regular file of at most ``limit`` bytes, turning OS errors into located
    diagnostics. A FIFO, a device (a symlink to ``/dev/zero``) or a huge file is refused
    before it can hang or exhaust the run (:func:`plantrack.fileio.read_regular`)."""
    file = str(path)
    if not utf8_name(file):
        _fail(
            file.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace"),
            "PT001",
            "the file name is not valid UTF-8: not read (git, JSON, CSV and the site "
            "carry names as UTF-8 text)",
            hint="rename it; letters, digits and hyphens read best",
        )
    try:
        return read_regular(path, limit)
    except RefusedRead as err:
        if err.kind == "folder":
            _fail(file, "PT001", "is a directory, not a plan file")
        hint = "plantrack reads only regular files; remove it or replace it with the file"
        if err.kind == "too large":
            hint = "a plan is text of a few hundred kilobytes at most; is this the right file?"
        _fail(file, "PT001", err.strerror, hint=hint)
    except IsADirectoryError:
        _fail(file, "PT001", "is a directory, not a plan file")
    except FileNotFoundError:
        _fail(file, "PT001", "file not found (it may have been moved or deleted)")
    except PermissionError:
        _fail(file, "PT001", "permission denied", hint="make the file readable")
    except OSError as err:
        _fail(file, "PT001", f"cannot read file: {err.strerror or err}")
    raise AssertionError("unreachable")


def load_file(path: str | os.PathLike) -> Document:
    return load_bytes(read_bytes(path), str(path))
