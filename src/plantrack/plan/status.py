"""Statuses: the canonical values, their RAG colours and every accepted spelling.

Kept apart from the pydantic models so that reports served from the cache,
completion and the date-free parts of the CLI never import pydantic.

Public bodies disagree on what a word means (one trust's "Green" means done,
another colours "On Track" amber), so the built-in spellings are only the
default: a plan's own legend (:class:`Vocabulary` built with ``legend=``)
wins over them for that plan.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from enum import Enum

from plantrack.suggest import did_you_mean


class Status(str, Enum):
    """Canonical statuses; files may use any accepted spelling (``SPELLINGS``)."""

    NOT_STARTED = "not-started"
    IN_PROGRESS = "in-progress"
    ON_TRACK = "on-track"
    BEHIND = "behind"
    OFF_TRACK = "off-track"
    ON_HOLD = "on-hold"
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


# The colour each state carries in reports. "In progress" and "on hold" carry no RAG
# judgement of their own (the body reported progress, not whether it is on time): grey.
RAG = {
    Status.NOT_STARTED: "grey",
    Status.IN_PROGRESS: "grey",
    Status.ON_TRACK: "green",
    Status.BEHIND: "amber",
    Status.OFF_TRACK: "red",
    Status.ON_HOLD: "grey",
    Status.COMPLETED: "blue",
    Status.COMPLETED_ONGOING: "blue",
    Status.CANCELLED: "grey",
}


def rag_of(value: object) -> str | None:
    """The RAG colour of a canonical status value (``"behind"`` -> ``"amber"``); None for
    anything else (no status, or the text of an old revision that is not one)."""
    status = _BY_VALUE.get(value) if isinstance(value, str) else None
    return RAG[status] if status is not None else None


# Done statuses are never overdue; every other state is, once its deadline has passed.
DONE = frozenset({Status.COMPLETED, Status.COMPLETED_ONGOING, Status.CANCELLED})
# Worst first: the order reports sort by inside a group.
SEVERITY = [
    Status.OFF_TRACK,
    Status.BEHIND,
    Status.ON_HOLD,
    Status.NOT_STARTED,
    Status.IN_PROGRESS,
    Status.ON_TRACK,
    Status.COMPLETED_ONGOING,
    Status.COMPLETED,
    Status.CANCELLED,
]

# The words public bodies print, by meaning (docs/reference/plan-format.md, Statuses).
# Collected from published trackers; "Not due" and "Pending" mean work has not begun,
# "Not achieved" and "Not completed" that a deadline was missed, "Closed" that the action
# was delivered.
SPELLINGS: dict[Status, tuple[str, ...]] = {
    Status.NOT_STARTED: ("Not started", "Not yet started", "Not due", "Not yet due", "Pending"),
    Status.IN_PROGRESS: ("In progress", "Ongoing", "Underway", "Started"),
    Status.ON_TRACK: ("On track", "On target", "Green", "G"),
    Status.BEHIND: ("Behind schedule", "Behind", "Amber", "A", "Delayed", "At risk", "Slipped"),
    Status.OFF_TRACK: (
        "Off track",
        "Off target",
        "Red",
        "R",
        "Not achieved",
        "Not completed",
        "Not met",
    ),
    Status.ON_HOLD: ("On hold", "Deferred", "Suspended", "Paused"),
    Status.COMPLETED: (
        "Completed",
        "Complete",
        "Done",
        "Achieved",
        "Fully achieved",
        "Delivered",
        "Implemented",
        "Closed",
        "Blue",
        "B",
    ),
    Status.COMPLETED_ONGOING: (
        "Completed / Ongoing",
        "Completed - ongoing",
        "Complete and ongoing",
    ),
    Status.CANCELLED: ("Cancelled", "Withdrawn", "Will not be delivered", "Deleted"),
}

_BY_VALUE = {status.value: status for status in Status}
_SEPARATORS = re.compile(r"[\s\-_/]+")


def squash(text: str) -> str:
    """Spelling key: case, spaces, hyphens, underscores and slashes ignored."""
    return _SEPARATORS.sub("", text).lower()


_BY_SPELLING: dict[str, Status] = {}
for _status, _words in SPELLINGS.items():
    for _word in (_status.value, *_words):
        _BY_SPELLING[squash(_word)] = _status

CANONICAL = ", ".join(s.value for s in Status)
SPELLING_WORDS = tuple(word for words in SPELLINGS.values() for word in words)


class UnknownStatus(ValueError):
    """A status word neither the plan's legend nor the built-in spellings know."""


class Vocabulary:
    """The words one plan may use for a status: its legend first, then the built-ins.

    ``legend`` maps the plan's own words (as its document prints its key) to canonical
    statuses; matching ignores case and separators, as the built-ins do.
    """

    def __init__(self, legend: Mapping[str, Status] | None = None) -> None:
        self.legend = dict(legend or {})
        self._by_word = {**_BY_SPELLING, **{squash(w): s for w, s in self.legend.items()}}

    def parse(self, value: str | Status) -> Status:
        """The canonical Status a word stands for in this plan; UnknownStatus otherwise."""
        if isinstance(value, Status):
            return value
        found = self._by_word.get(squash(str(value)))
        if found is None:
            raise UnknownStatus(f"{self.unknown(str(value))}; use one of: {self.accepted()}")
        return found

    def unknown(self, value: str) -> str:
        """ "unknown status 'on trak'; did you mean 'on track'?": the nearest word this
        plan accepts (its legend's, a built-in spelling or a canonical value), if any."""
        spellings = [*self.legend, *(s.value for s in Status), *SPELLING_WORDS]
        by_lower = {word.lower(): word for word in reversed(spellings)}  # first one wins
        near = did_you_mean(value.lower(), by_lower, shown=lambda word: by_lower[word])
        return f"unknown status '{value}'" + (f"; {near}" if near else "")

    def written(self, value: str) -> str:
        """How a tool writes ``value`` into this plan: the legend's own spelling of one of
        its words, else the canonical value (UnknownStatus for a word neither knows)."""
        key = squash(value)
        for word in self.legend:
            if squash(word) == key:
                return word
        return self.parse(value).value

    def same(self, old: object, new: str) -> bool:
        """Whether two words mean the same status in this plan (so an edit is not needed)."""
        try:
            return self.parse(str(old)) is self.parse(new)
        except UnknownStatus:
            return False

    def accepted(self) -> str:
        """What a message lists: the legend's words first, then the canonical values."""
        return ", ".join([*self.legend, *(s.value for s in Status)])

    def words(self) -> list[str]:
        """The words to offer a person choosing a status (a drop-down, completion)."""
        return list(self.legend) or [s.value for s in Status]


BUILT_IN = Vocabulary()


def parse_status(value: str | Status, legend: Mapping[str, Status] | None = None) -> Status:
    """Any accepted spelling (or legend word) to its canonical Status; ValueError otherwise."""
    return (Vocabulary(legend) if legend else BUILT_IN).parse(value)


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
