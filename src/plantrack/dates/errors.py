"""The one error of the date grammar, shared by every layer of ``plantrack.dates``."""

from __future__ import annotations


class DateError(ValueError):
    """A date expression that cannot be read, with where and how to fix it.

    A ``ValueError`` so callers validating plan values can treat it like any bad value;
    ``position`` is the 0-based column where reading stopped, for file:line:col messages.
    """

    def __init__(self, text: str, position: int, message: str, suggestion: str | None = None):
        self.text = text
        self.position = max(0, position)
        self.message = message
        self.suggestion = suggestion
        hint = f"; {suggestion}" if suggestion else ""
        super().__init__(f"{message} (at column {self.position + 1}){hint}")
