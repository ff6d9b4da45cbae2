"""Statuses: the canonical values, their RAG colours and every accepted spelling.

Kept apart from the pydantic models so that reports served from the cache,
completion and the date-free parts of the CLI never import pydantic.
"""

from __future__ import annotations

import re
from enum import Enum


class Status(str, Enum):
    """Canonical statuses; files may use any accepted spelling (``SPELLINGS``)."""

    NOT_STARTED = "not-started"
    ON_TRACK = "on-track"
    BEHIND = "behind"
    OFF_TRACK = "off-track"
    COMPLETED = "completed"
    COMPLETED_ONGOING = "completed-ongoing"
    CANCELLED = "cancelled"

    @property
    def rag(self) -> str:
        return RAG[self]

    @property
    def done(self) -> bool:
        return self in DONE

    def __str__(self) -> str:
        return self.value


RAG = {
    Status.NOT_STARTED: "grey",
    Status.ON_TRACK: "green",
    Status.BEHIND: "amber",
    Status.OFF_TRACK: "red",
    Status.COMPLETED: "blue",
    Status.COMPLETED_ONGOING: "blue",
    Status.CANCELLED: "grey",
}


def rag_of(value: object) -> str | None:
    """The RAG colour of a canonical status value (``"behind"`` -> ``"amber"``); None for
    anything else (no status, or the text of an old revision that is not one)."""
    status = _BY_VALUE.get(value) if isinstance(value, str) else None
    return RAG[status] if status is not None else None


DONE = frozenset({Status.COMPLETED, Status.COMPLETED_ONGOING, Status.CANCELLED})
# Worst first: the order reports sort by inside a group.
SEVERITY = [
    Status.OFF_TRACK,
    Status.BEHIND,
    Status.NOT_STARTED,
    Status.ON_TRACK,
    Status.COMPLETED_ONGOING,
    Status.COMPLETED,
    Status.CANCELLED,
]

SPELLINGS: dict[Status, tuple[str, ...]] = {
    Status.NOT_STARTED: ("Not started", "Not yet started"),
    Status.ON_TRACK: ("On track", "Green", "G"),
    Status.BEHIND: ("Behind schedule", "Behind", "Amber", "A", "Delayed", "At risk", "Slipped"),
    Status.OFF_TRACK: ("Off track", "Red", "R"),
    Status.COMPLETED: ("Completed", "Complete", "Done", "Achieved", "Blue", "B"),
    Status.COMPLETED_ONGOING: (
        "Completed / Ongoing",
        "Completed - ongoing",
        "Complete and ongoing",
    ),
    Status.CANCELLED: ("Cancelled", "Withdrawn", "Will not be delivered", "Deleted"),
}

_BY_VALUE = {status.value: status for status in Status}
_SEPARATORS = re.compile(r"[\s\-_/]+")


def _squash(text: str) -> str:
    """Spelling key: case, spaces, hyphens, underscores and slashes ignored."""
    return _SEPARATORS.sub("", text).lower()


_BY_SPELLING: dict[str, Status] = {}
for _status, _words in SPELLINGS.items():
    for _word in (_status.value, *_words):
        _BY_SPELLING[_squash(_word)] = _status

CANONICAL = ", ".join(s.value for s in Status)


def parse_status(value: str | Status) -> Status:
    """Any accepted spelling to its canonical Status; ValueError listing them otherwise."""
    if isinstance(value, Status):
        return value
    found = _BY_SPELLING.get(_squash(str(value)))
    if found is None:
        raise ValueError(f"unknown status '{value}'; use one of: {CANONICAL}")
    return found


def spelling_pattern() -> str:
    """A regular expression (ECMA-262 and Python alike) matching exactly the texts
    :func:`parse_status` accepts: each spelling with any case and any separators, so an
    editor reading the JSON schema agrees with ``plantrack validate``."""
    separators = r"[\s\-_/]*"
    words = sorted(_BY_SPELLING, key=lambda word: (-len(word), word))
    alternatives = ("".join(_either_case(char) + separators for char in word) for word in words)
    return f"^{separators}(?:{'|'.join(alternatives)})$"


def _either_case(char: str) -> str:
    if char.isalpha():
        return f"[{char.lower()}{char.upper()}]"
    return re.escape(char)


def accepted_spellings() -> list[str]:
    """Every spelling the schema offers an editor (canonical first)."""
    words = [s.value for s in Status]
    for spellings in SPELLINGS.values():
        words.extend(w for w in spellings if w not in words)
    return words
