"""Recurrence: work that repeats ("Quarterly", "every September", "on a six monthly basis",
"2024-2028 Quarterly", "31 March 2027 and every 3 years thereafter").

Read into a plain label ("quarterly", "every 3 years") kept on the ``Expression``; the
resolver gives such work the window written with it, and no deadline when none is written.
"""

from __future__ import annotations

from plantrack.dates.lexer import TokenKind
from plantrack.dates.terms import TermReader
from plantrack.dates.words import MONTHS, QUARTER_WORDS, RECURRENCE_WORDS

# Verbs a plan writes before how often ("reviewed annually", "monitored quarterly"): the
# recurrence is the date; the verb says what recurs.
_ACTIVITY_WORDS = ("reviewed", "monitored", "reported", "updated", "published", "refreshed")
_NUMBER_WORDS = {**QUARTER_WORDS, "five": 5, "six": 6, "twelve": 12, "two": 2, "three": 3}
_UNITS = {
    "day": "day",
    "days": "day",
    "week": "week",
    "weeks": "week",
    "month": "month",
    "months": "month",
    "quarter": "quarter",
    "quarters": "quarter",
    "year": "year",
    "years": "year",
    "term": "term",
    "terms": "term",
}


class RecurrenceReader(TermReader):
    """The recurrence phrases, before or after the dates they repeat."""

    def recurrence_before(self) -> str | None:
        """ "Quarterly", "every six months", "each year", "on a 6 monthly basis", "twice a
        year", "Every August": a phrase that opens an expression (taken), or None."""
        start = self.index
        if self.at_word(*_ACTIVITY_WORDS):
            self.take()
            label = self.recurrence_before()
            if label is None:
                self.index = start
            return label
        if self.at_word("on") and self.at_word("a", "an", "at", offset=1):
            self.take()
            if self.at_word("at") and self.at_word("least", offset=1):
                self.take()  # "on at least an annual basis"
                self.take()
            if self.at_word("a", "an"):
                self.take()
            label = self._rate()
            if label is not None and self.at_word("basis"):
                self.take()
                return label
            self.index = start
            return None
        if self.at_word("on") and self._rate_follows_with_basis():
            self.take()  # "on 4 yearly basis"
            label = self._rate()
            self.take()
            return label
        label = self._every() or self._times_a() or self._rate()
        if label is None:
            self.index = start
        return label

    def recurrence_after(self) -> str | None:
        """ "... Quarterly", "... annually", "... each year", "... and every 3 years
        thereafter": a phrase that follows the dates it repeats (taken), or None."""
        start = self.index
        if self.at_word("and") and self.at_word("every", "annually", offset=1):
            self.take()
            label = self._every() or self._rate()
            if label is not None and self.at_word("thereafter"):
                self.take()
                return label
            self.index = start
            return None
        label = self._every() or self._rate()
        if label is None:
            self.index = start
        return label

    def _rate_follows_with_basis(self) -> bool:
        return any(self.at_word("basis", offset=offset) for offset in (2, 3))

    def _rate(self) -> str | None:
        """ "quarterly", "annual", "six monthly", "6-monthly", "bi-monthly", "4 yearly"."""
        token = self.peek()
        if token is None:
            return None
        if token.kind is TokenKind.WORD and token.text in RECURRENCE_WORDS:
            self.take()
            return RECURRENCE_WORDS[token.text]
        count = self._count(token.text) if token.kind in (TokenKind.NUM, TokenKind.WORD) else None
        if token.kind is TokenKind.WORD and token.text in ("bi", "half"):
            count = 0
        if count is None:
            return None
        start = self.index
        self.take()
        if self.at(TokenKind.DASH):
            self.take()
        unit = self.peek()
        rates = {"monthly": "month", "yearly": "year", "weekly": "week"}
        if token.text == "bi":
            rates["annually"] = "year"  # "bi-annually" (never "4 annually")
        if unit is None or unit.kind is not TokenKind.WORD or unit.text not in rates:
            self.index = start
            return None
        self.take()
        if token.text == "bi" and unit.text == "annually":
            return "twice a year"  # "bi-annually", as "biannually"
        if token.text == "bi":
            return f"bi-{unit.text}"  # "bi-monthly": every two months or twice a month
        if token.text == "half":
            return "every 6 months"
        return _every(count, rates[unit.text])

    def _every(self) -> str | None:
        """ "every six months", "every 3 years", "each quarter", "every September"."""
        if not self.at_word("every", "each"):
            return None
        start = self.index
        self.take()
        token = self.peek()
        if token is not None and token.kind is TokenKind.WORD and token.text in MONTHS:
            self.take()
            return f"every {self.written(token).capitalize()}"
        count = 1
        if token is not None and self._count(token.text) is not None:
            count = self._count(token.text) or 1
            self.take()
        unit = self.peek()
        if unit is None or unit.kind is not TokenKind.WORD or unit.text not in _UNITS:
            self.index = start
            return None
        self.take()
        return _every(count, _UNITS[unit.text])

    def _times_a(self) -> str | None:
        """ "twice a year", "once a month", "three times a year"."""
        start = self.index
        times = {"once": 1, "twice": 2}.get(self.peek().text if self.peek() else "")
        if times is None:
            return None
        self.take()
        if self.at_word("a", "per", "every") and self.at_word(*_UNITS, offset=1):
            self.take()
            unit = _UNITS[self.take().text]
            return f"every {unit}" if times == 1 else f"twice a {unit}"
        self.index = start
        return None

    @staticmethod
    def _count(text: str) -> int | None:
        if text.isdigit():
            return int(text)
        return _NUMBER_WORDS.get(text)


def _every(count: int, unit: str) -> str:
    names = {"day": "daily", "week": "weekly", "month": "monthly", "year": "annually"}
    if count == 1:
        return "quarterly" if unit == "quarter" else names.get(unit, f"each {unit}")
    if unit == "month" and count == 3:
        return "quarterly"
    return f"every {count} {unit}s"


# --- how often, in months: the step between occurrences ----------------------------------

_UNIT_MONTHS = {"day": 1, "week": 1, "month": 1, "quarter": 3, "term": 4, "year": 12}
# Work more often than monthly is checked once a month: a missed month still shows.
_LABEL_MONTHS = {
    "daily": 1,
    "weekly": 1,
    "monthly": 1,
    "quarterly": 3,
    "annually": 12,
    "bi-monthly": 1,  # every two months or twice a month: the month, which misses neither
    "bi-weekly": 1,
    "bi-yearly": 6,  # twice a year or every two years: the half year, as above
}
MAX_OCCURRENCES = 120  # ten years of monthly occurrences: "2021 - 9998 monthly" stays small


def step_months(label: str) -> int:
    """The months between occurrences of a recurrence label (``RecurrenceReader``'s):
    "quarterly" 3, "twice a year" 6, "every 3 years" 36, "each term" 4, "weekly" 1."""
    if label in _LABEL_MONTHS:
        return _LABEL_MONTHS[label]
    words = label.split()
    if words[0] == "twice" and words[-1] in _UNIT_MONTHS:  # "twice a year"
        return max(1, _UNIT_MONTHS[words[-1]] // 2)
    unit = words[-1].removesuffix("s")
    count = int(words[1]) if len(words) == 3 and words[1].isdigit() else 1
    return max(1, count * _UNIT_MONTHS.get(unit, 12))  # "every September": once a year
