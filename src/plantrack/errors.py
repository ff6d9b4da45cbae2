"""The one problem type users see (``Diagnostic``) and the one exception
(``PlantrackError``) that crosses from the core to the CLI.

Keeping both here means every message, from a YAML syntax error to a stale
status warning, carries the same fields: code, file, line, column, message,
and a hint that says what would be right.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]
MAX_MESSAGE = 300

# Exit codes (docs/reference/commands.md).
EXIT_FAILED = 1
EXIT_USAGE = 2


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One located problem in one file."""

    code: str
    message: str
    file: str = ""
    line: int = 0
    col: int = 0
    hint: str | None = None
    severity: Severity = "error"

    def __post_init__(self) -> None:
        # A 10 MB value quoted in a message must not flood the terminal or the CI log.
        for name in ("message", "hint"):
            text = getattr(self, name)
            if text and len(text) > MAX_MESSAGE:
                cut = f"{text[:MAX_MESSAGE]}… ({len(text):,} characters)"
                object.__setattr__(self, name, cut)

    @property
    def where(self) -> str:
        """``file:line:col`` (or as much of it as is known)."""
        if not self.file:
            return ""
        if not self.line:
            return self.file
        return f"{self.file}:{self.line}:{self.col or 1}"

    def text(self) -> str:
        """The one-line form: ``file:line:col: error PT101: message; hint``."""
        head = f"{self.where}: " if self.where else ""
        hint = f"; {self.hint}" if self.hint else ""
        return f"{head}{self.severity} {self.code}: {self.message}{hint}"

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


class PlantrackError(Exception):
    """A failure to report to the user as a message and an exit code, never a traceback."""

    def __init__(
        self,
        message: str,
        exit_code: int = EXIT_FAILED,
        diagnostics: list[Diagnostic] | None = None,
        hint: str | None = None,
        named: tuple[str, ...] = (),
    ) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code
        self.diagnostics = diagnostics or []
        # A hint may mention values the caller can give, as {0}, {1}: ``named`` are the
        # core's names for them, which the CLI replaces by their flags.
        self.named = named
        self.hint_template = hint
        self.hint = hint.format(*named) if hint and named else hint


class UsageError(PlantrackError):
    """Bad options or arguments: exit 2."""

    def __init__(self, message: str, hint: str | None = None, named: tuple[str, ...] = ()) -> None:
        super().__init__(message, EXIT_USAGE, hint=hint, named=named)


class BadValue(PlantrackError):
    """A value given to the core (a quarter, a day, a status, a grouping...) that it
    cannot use: exit 2.

    The core names the value by what it is (``name``: ``quarter``, ``as_of``,
    ``status``), never by a command-line flag: ``overdue(rows, AsAt(...))`` called
    from a script gets "quarter Q5: ...". The CLI (``plantrack.cli.flags``) writes the
    flag in its place. ``value`` is shown after the name when given.
    """

    def __init__(
        self, name: str, reason: str, value: str | None = None, hint: str | None = None
    ) -> None:
        self.name = name
        self.value = value
        self.reason = reason
        super().__init__(self.described_as(name), EXIT_USAGE, hint=hint)

    def described_as(self, label: str) -> str:
        """The message with ``label`` (the value's name, or a flag) in front."""
        head = f"{label} {self.value}" if self.value is not None else label
        return f"{head}: {self.reason}"
