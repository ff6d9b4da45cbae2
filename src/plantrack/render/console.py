"""Consoles that follow the terminal: colour only on a tty and never under
``NO_COLOR``, and a wide, unwrapped layout when piped so that ``grep`` and
``less`` see whole rows."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from plantrack.textsafe import visible_controls

if TYPE_CHECKING:
    from rich.console import Console

PIPED_WIDTH = 200
MIN_WIDTH = 20


def safe(text: object, one_line: bool = False) -> str:
    """Text from a plan file made harmless for a terminal.

    A plan is untrusted input: an escape sequence in a title must not repaint
    the screen (it is shown as ``\\x1b``, :func:`plantrack.textsafe.visible_controls`),
    and rich markup in it must print literally. ``one_line`` shows a line break as
    ``\\n`` too: a message is one line, and a file named ``x\\n::error::…`` must not
    start a line a CI log reads as a workflow command.
    """
    from rich.markup import escape

    return escape(visible_controls(str(text), keep_newlines=not one_line))


def _piped_width() -> int:
    """``$COLUMNS`` when it is a usable width, else 200 (a shell's value may be stale or
    junk; a report must still print)."""
    try:
        given = int(os.environ.get("COLUMNS") or PIPED_WIDTH)
    except ValueError:
        return PIPED_WIDTH
    return max(MIN_WIDTH, given) if given > 0 else PIPED_WIDTH


def _make(stderr: bool) -> Console:
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    is_tty = hasattr(stream, "isatty") and stream.isatty()
    width = None if is_tty else _piped_width()
    made = Console(
        file=stream,
        width=width,
        no_color=bool(os.environ.get("NO_COLOR")),
        color_system="auto" if is_tty else None,
        highlight=False,
        emoji=False,
    )
    made.on_broken_pipe = _reader_gone  # type: ignore[method-assign]
    return made


def _reader_gone() -> None:
    """rich exits 1 when the pipe closes, which reads as a failed check: hand the
    error to the CLI instead, which exits as a piped Unix tool does."""
    raise BrokenPipeError


def console() -> Console:
    """The console for results (stdout)."""
    return _make(stderr=False)


def error_console() -> Console:
    """The console for errors and diagnostics (stderr)."""
    return _make(stderr=True)
