"""The vocabulary of date expressions, and the "did you mean" offered when a word is not in it.

One table per kind of word, so the lexer, the grammar and the suggestions agree on what a
month, a season or a part of a year is called.
"""

from __future__ import annotations

import calendar
from enum import Enum

from plantrack.dates.errors import DateError
from plantrack.suggest import closest, did_you_mean

MONTHS: dict[str, int] = {}
for _number, _name in enumerate(calendar.month_name):
    if _number:
        MONTHS[_name.lower()] = _number
        MONTHS[_name[:3].lower()] = _number
MONTHS["sept"] = 9

MONTH_NAMES = [calendar.month_name[m].lower() for m in range(1, 13)]

# "Quarter Two", "quarter four": quarters spelt out.
QUARTER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4}

# The first month of each season (a season is three months).
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}


class Part(Enum):
    """ "early", "mid" or "late": a third of a year or of a month."""

    EARLY = "early"
    MID = "mid"
    LATE = "late"


PART_OF_YEAR = {Part.EARLY: (1, 4), Part.MID: (5, 8), Part.LATE: (9, 12)}
PART_OF_MONTH = {Part.EARLY: (1, 10), Part.MID: (11, 20), Part.LATE: (21, 31)}
PART_WORDS = {part.value: part for part in Part}

# Words that mean "no deadline" on their own ("ongoing" is a rule: it may go on "from ...").
NO_DEADLINE_WORDS = ("throughout", "n/a", "na", "tbc", "tba", "continuous", "continuing")
# "across the year" says what "throughout the year" does.
NO_DEADLINE_PHRASES = (("across", "the", "year"),)

# One word that says how often work recurs, and how plantrack labels it.
RECURRENCE_WORDS = {
    "quarterly": "quarterly",
    "monthly": "monthly",
    "annually": "annually",
    "annual": "annually",
    "yearly": "annually",
    "biannually": "twice a year",
    "biannual": "twice a year",
    "biennially": "every 2 years",
    "biennial": "every 2 years",
    "weekly": "weekly",
    "fortnightly": "every 2 weeks",
    "termly": "each term",
}

# A status written where the date goes: done, so no deadline is left.
DONE_WORDS = ("complete", "completed", "done", "achieved")
# Under way: "Started" alone has no deadline, "Started March 2026" starts then.
STARTED_WORDS = ("started", "begun", "underway")

# Every word the grammar gives a meaning; a word outside it before an exact day is a label
# ("Board 06/10/09"), unless it is one that changes what the day means.
GRAMMAR_WORDS = frozenset(
    [*MONTHS, *SEASONS, *(part.value for part in Part), *QUARTER_WORDS, *NO_DEADLINE_WORDS]
    + [
        "ongoing",
        "from",
        "starting",
        "since",
        "commencing",
        "by",
        "until",
        "to",
        "till",
        "through",
        "thru",
        "before",
        "after",
        "end",
        "of",
        "and",
        "or",
        "between",
        "in",
        "during",
        "on",
        "for",
        "the",
        "no",
        "later",
        "than",
        "not",
        "never",
        "onwards",
        "onward",
        "beyond",
        "up",
        "quarter",
        "half",
        "first",
        "second",
        "w/c",
        "w/b",
        "week",
        "commencing",
        "beginning",
        "midnight",
        "every",
        "each",
        "annually",
        "quarterly",
        "monthly",
        "yearly",
        "biannually",
        "weekly",
        "basis",
        "a",
        "an",
        "twice",
        "thereafter",
        "year",
        "years",
        "month",
        "months",
        "weeks",
        "days",
        "day",
        "within",
        "approximately",
        "approx",
        "around",
        "about",
        "circa",
        "following",
        "deferred",
        "postponed",
        "delayed",
        "cancelled",
        "superseded",
        "was",
        "revised",
        "earliest",
        "latest",
        "at",
        "least",
        "next",
        "last",
        "this",
        "new",
        "old",
        "previous",
    ]
)
# Words that say a day is not (or no longer) the deadline: never a label before it.
GRAMMAR_WORDS |= frozenset(
    [
        "originally",
        "previously",
        "formerly",
        "moved",
        "rescheduled",
        "replaced",
        "slipped",
        "extended",
        "except",
        "excluding",
        "unless",
        "pending",
        "subject",
    ]
)
# Grammar words that may still open a label before a day ("the IJB meeting on ...").
LABEL_WORDS = frozenset(["the", "on", "at", "date", "for"])

_SUGGESTED = (
    MONTH_NAMES
    + list(SEASONS)
    + [
        "quarter",
        "ongoing",
        "early",
        "mid",
        "late",
        "end",
        "from",
        "by",
        "until",
    ]
)
GENERIC_HINT = "write e.g. 'Q4 2025/26', 'March 2027', 'Autumn 2016' or 'ongoing'"


def parse_month(value: str | int) -> int:
    """ "April", "apr" or 4 -> 4 (for ``year_start``)."""
    if isinstance(value, bool):
        raise DateError(str(value), 0, f"'{value}' is not a month")
    if isinstance(value, int):
        if 1 <= value <= 12:
            return value
        raise DateError(str(value), 0, f"{value} is not a month number (1-12)")
    text = str(value).strip().lower()
    if text.isdigit() and 1 <= int(text) <= 12:
        return int(text)
    if text in MONTHS:
        return MONTHS[text]
    raise DateError(str(value), 0, f"'{value}' is not a month", month_suggestion(text))


def month_suggestion(word: str) -> str | None:
    """ "Febuary" -> "did you mean 'February'?"; None when no month is close."""
    return did_you_mean(word.lower(), MONTH_NAMES, shown=str.capitalize)


def word_suggestion(word: str) -> str:
    """The fix offered for a word that is not a date: the nearest known word, or examples."""
    # Nearer than other hints: "Jnue" is June (0.75), but "Every" is not "early" (0.6).
    close = closest(word.lower(), _SUGGESTED, cutoff=0.7)
    if close and close[0] != word.lower():
        return f"did you mean '{close[0].capitalize() if close[0] in MONTHS else close[0]}'?"
    return GENERIC_HINT
