"""Financial calendars and the date grammar of dates.md.

Council plans write target dates as people say them ("Q4 25/26", "Autumn
2016", "by March 2017", "July – November 2021", "Ongoing"). ``dateutil``'s
parser guesses at such text, so plantrack reads it with a small explicit
grammar instead: a tokeniser that keeps each token's position in the text,
then one rule per form of the dates.md table. A refusal is a ``DateError``
carrying the column where reading stopped and a suggested fix.

Pure standard library plus ``dateutil.relativedelta``; no Typer, rich or
pydantic, so the CLI, validation and reports share exactly one reading.
"""

from __future__ import annotations

import calendar
import difflib
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from dateutil.relativedelta import relativedelta

MAX_LENGTH = 200
MIN_YEAR, MAX_YEAR = 1000, 9998
MAX_QUARTERS = 40

MONTHS: dict[str, int] = {}
for _number, _name in enumerate(calendar.month_name):
    if _number:
        MONTHS[_name.lower()] = _number
        MONTHS[_name[:3].lower()] = _number
MONTHS["sept"] = 9

SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
PART_OF_YEAR = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}
PART_OF_MONTH = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
# Words that mean "no deadline" on their own ("ongoing" is a rule: it may go on "from ...").
NO_DEADLINE_WORDS = ("throughout", "n/a", "na", "tbc", "tba", "continuous", "continuing")


class DateError(ValueError):
    """A date expression that cannot be read, with where and how to fix it."""

    def __init__(self, text: str, position: int, message: str, suggestion: str | None = None):
        self.text = text
        self.position = max(0, position)
        self.message = message
        self.suggestion = suggestion
        hint = f"; {suggestion}" if suggestion else ""
        super().__init__(f"{message} (at column {self.position + 1}){hint}")


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
    raise DateError(str(value), 0, f"'{value}' is not a month", _month_suggestion(text))


def _month_suggestion(word: str) -> str | None:
    names = [calendar.month_name[m].lower() for m in range(1, 13)]
    close = difflib.get_close_matches(word.lower(), names, n=1, cutoff=0.6)
    return f"did you mean '{close[0].capitalize()}'?" if close else None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


# --- quarters and calendars ---------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Quarter:
    """A financial quarter: FY starting in ``start_year``, quarter ``number`` 1-4."""

    start_year: int
    number: int
    year_start: int = 4

    @property
    def first_day(self) -> date:
        # Month arithmetic by hand: reports call this for every row (profiled).
        months = self.year_start - 1 + 3 * (self.number - 1)
        return date(self.start_year + months // 12, months % 12 + 1, 1)

    @property
    def last_day(self) -> date:
        months = self.year_start - 1 + 3 * self.number
        return date(self.start_year + months // 12, months % 12 + 1, 1) - timedelta(days=1)

    def next(self) -> Quarter:
        if self.number == 4:
            return Quarter(self.start_year + 1, 1, self.year_start)
        return Quarter(self.start_year, self.number + 1, self.year_start)

    def previous(self) -> Quarter:
        if self.number == 1:
            return Quarter(self.start_year - 1, 4, self.year_start)
        return Quarter(self.start_year, self.number - 1, self.year_start)

    def label(self) -> str:
        """The label as plans write it: "Q4 2025/26" (or "Q4 2026" in a calendar-year FY)."""
        return _quarter_label(self.start_year, self.number, self.year_start)

    def __str__(self) -> str:
        return self.label()

    @classmethod
    def parse(cls, text: str, year_start: int = 4) -> Quarter:
        """A quarter written as in plans: Q4-25/26, Q4 2025/26, Quarter 4 2025/26, 2025/26 Q4."""
        reader = _Reader(str(text), None, year_start)
        term = reader.single_term()
        if term.kind != "quarter":
            raise DateError(
                str(text), 0, f"'{text}' is not a financial quarter", "write e.g. 'Q4 2025/26'"
            )
        if term.fy is None:
            raise DateError(
                str(text),
                term.position,
                "a quarter needs its financial year",
                "write e.g. 'Q4 2025/26'",
            )
        quarter = cls(term.fy, term.value, year_start)
        if not MIN_YEAR <= quarter.start_year <= MAX_YEAR:
            raise DateError(
                str(text),
                term.position,
                "the year is out of range",
                f"write a year between {MIN_YEAR} and {MAX_YEAR}",
            )
        return quarter

    @classmethod
    def containing(cls, day: date, year_start: int = 4) -> Quarter:
        return FinancialCalendar(year_start).quarter_of(day)

    @classmethod
    def current(cls, year_start: int = 4, today: date | None = None) -> Quarter:
        return cls.containing(today or date.today(), year_start)


@dataclass(frozen=True)
class FinancialCalendar:
    """Financial years starting on the first of ``year_start`` (April in the UK)."""

    year_start: int = 4

    def year_of(self, day: date) -> int:
        return day.year if day.month >= self.year_start else day.year - 1

    def quarter_of(self, day: date) -> Quarter:
        start_year = self.year_of(day)
        months = (day.month - self.year_start) % 12
        return Quarter(start_year, months // 3 + 1, self.year_start)

    def quarter(self, start_year: int, number: int) -> Quarter:
        return Quarter(start_year, number, self.year_start)

    def year_bounds(self, start_year: int) -> tuple[date, date]:
        first = date(start_year, self.year_start, 1)
        return first, first + relativedelta(years=1) - timedelta(days=1)

    def year_label(self, start_year: int) -> str:
        if self.year_start == 1:
            return str(start_year)
        return f"{start_year}/{(start_year + 1) % 100:02d}"

    def parse_year(self, text: str | int) -> int:
        """ "2025/26", "25/26", "2025-26", "FY 2025/26" (or "2026" when year_start=1)."""
        if isinstance(text, int):
            return text
        reader = _Reader(str(text), None, self.year_start)
        term = reader.single_term()
        if term.kind == "fy":
            return term.value
        if term.kind == "year" and self.year_start == 1:
            return term.value
        raise DateError(
            str(text),
            0,
            f"'{text}' is not a financial year",
            f"write e.g. '{self.year_label(2025)}'",
        )


@lru_cache(maxsize=1024)
def _quarter_label(start_year: int, number: int, year_start: int) -> str:
    """Reports label every row's quarter; the few distinct labels are made once."""
    return f"Q{number} {FinancialCalendar(year_start).year_label(start_year)}"


# --- windows ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Window:
    """How an expression is read: first and last day, deadline, quarters touched."""

    text: str
    start: date | None
    end: date | None
    deadline: date | None
    quarters: tuple[Quarter, ...] = ()
    open: bool = False
    parts: tuple[tuple[date, date], ...] = field(default_factory=tuple)

    def explain(self) -> str:
        if self.start is None and self.end is None:
            return "ongoing: no window, no deadline"
        first = _day(self.start) if self.start else "…"
        last = _day(self.end) if self.end else "open"
        deadline = f"deadline {_day(self.deadline)}" if self.deadline else "no deadline"
        quarters = ", ".join(q.label() for q in self.quarters)
        return f"{first} – {last}, {deadline}" + (f" ({quarters})" if quarters else "")


def _day(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def _quarters_between(start: date, end: date, year_start: int) -> tuple[Quarter, ...]:
    calendar_ = FinancialCalendar(year_start)
    found = []
    quarter = calendar_.quarter_of(start)
    while quarter.first_day <= end and len(found) < MAX_QUARTERS:
        found.append(quarter)
        quarter = quarter.next()
    return tuple(found)


# --- tokens ---------------------------------------------------------------------------------

_TOKEN = re.compile(
    r"""
    (?P<remark>\([^()]*\))
  | (?P<iso>\d{4}-\d{2}-\d{2})(?![\d/-])
  | (?P<numdate>\d{1,2}/\d{1,2}/\d{4})(?![\d/])
  | (?P<fypair>fy\s?\d{2,4}\s?[/\-–—]\s?\d{2,4})
  | (?P<pair>\d{2,4}[/\-–—]\d{2,4})(?![\d/])
  | (?P<fy>fy)(?![a-z])
  | (?P<quarter>q\d+)(?![a-z])
  | (?P<num>\d+)(?:st|nd|rd|th)?(?![a-z])
  | (?P<word>n/a|[a-z]+)
  | (?P<dash>[-–—])
  | (?P<amp>&|\+)
  | (?P<comma>[,;])
  | (?P<slash>/)
  | (?P<dot>\.)
  | (?P<space>\s+)
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    position: int


def tokenise(text: str) -> list[Token]:
    """Tokens of ``text`` (lower-cased) with their offsets; remarks in (...) dropped."""
    tokens = []
    lowered = text.lower()
    position = 0
    while position < len(lowered):
        match = _TOKEN.match(lowered, position)
        if match is None:
            raise DateError(text, position, f"unexpected '{text[position]}' in a date")
        kind = match.lastgroup or ""
        if kind == "pair" and _is_year_span(match.group(kind)):
            tokens.extend(_year_span_tokens(match.group(kind), position))
        elif kind not in ("space", "remark", "dot"):
            tokens.append(Token(kind, match.group(kind), position))
        position = match.end()
    return tokens


def _is_dated(token: Token) -> bool:
    """Whether a token alone shows a date was written: a year, a day, a year pair, a quarter."""
    if token.kind in ("iso", "numdate", "pair", "fypair", "quarter"):
        return True
    return token.kind == "num" and len(token.text) == 4


def _is_year_span(pair: str) -> bool:
    """ "2021-2025": two calendar years joined by a dash, not a financial year (those are
    consecutive, "2025-2026"), so read as the range "2021 – 2025" is."""
    first, separator, second = pair[:4], pair[4:5], pair[5:]
    return (
        len(pair) == 9
        and separator != "/"
        and first.isdigit()
        and second.isdigit()
        and int(second) != int(first) + 1
    )


def _year_span_tokens(pair: str, position: int) -> list[Token]:
    return [
        Token("num", pair[:4], position),
        Token("dash", pair[4], position + 4),
        Token("num", pair[5:], position + 5),
    ]


# --- terms: one dated thing, perhaps missing its year --------------------------------------


@dataclass
class Term:
    """A simple form before its year is settled (a range may lend it one)."""

    kind: str  # day, month, quarter, fy, year, season, part_year, part_month
    value: int = 0
    month: int = 0
    year: int | None = None  # calendar year, when written
    fy: int | None = None  # financial year start, when written (quarters, seasons 2016/17)
    part: str = ""
    at_end: bool = False  # "end (of) ...": the last day of the window
    alternative: bool = False  # the right of "Aug/Sept": one or the other, not an end date
    day: date | None = None
    position: int = 0

    @property
    def has_year(self) -> bool:
        return self.year is not None or self.fy is not None or self.kind in ("day", "year")


def _two_digit(year: int) -> int:
    return year + (2000 if year < 70 else 1900) if year < 100 else year


# --- the reader ----------------------------------------------------------------------------


class _Reader:
    """Recursive descent over tokens; each ``_rule_*``/``_term_*`` is a row of dates.md."""

    def __init__(self, text: str, financial_year: int | None, year_start: int) -> None:
        self.text = text
        self.financial_year = financial_year
        self.year_start = year_start
        self.tokens = tokenise(text)
        self.index = 0

    # --- token helpers ---

    def peek(self, offset: int = 0) -> Token | None:
        at = self.index + offset
        return self.tokens[at] if at < len(self.tokens) else None

    def take(self) -> Token:
        token = self.peek()
        if token is None:
            raise self.error("the date stops too early", len(self.text))
        self.index += 1
        return token

    def at_word(self, *words: str) -> bool:
        token = self.peek()
        return token is not None and token.kind == "word" and token.text in words

    def done(self) -> bool:
        return self.index >= len(self.tokens)

    def error(self, message: str, position: int | None = None, suggestion: str | None = None):
        if position is None:
            token = self.peek()
            position = token.position if token else len(self.text)
        return DateError(self.text, position, message, suggestion)

    def expect_end(self) -> None:
        if not self.done():
            token = self.peek()
            assert token is not None
            raise self.error(
                f"unexpected '{token.text}'", token.position, _word_suggestion(token.text)
            )

    # --- whole expressions ---

    def window(self) -> Window:
        if not self.tokens:
            raise self.error("empty date", 0, "write e.g. 'Q4 2025/26' or 'ongoing'")
        while self.peek() is not None and self.peek().kind == "dash":  # "– July 2016"
            self.take()
            if self.done():
                raise self.error("a dash alone is not a date", 0)
            if not self.at_word("ongoing", "from", "by", "end", "until", "to", "before"):
                return self._deadline_of(self._ranges())
        if self.at_word("ongoing"):
            return self._rule_ongoing()
        if self.at_word(*NO_DEADLINE_WORDS):
            return self._ongoing()
        if self.at_word("from", "starting", "since"):
            self.take()
            return self._open_start()
        if self.at_word("by", "until", "to", "till") or self._at_no_later_than():
            self.take()
            return self._deadline_of(self._ranges())
        if self.at_word("before"):
            self.take()
            return self._rule_before()
        ranges = self._ranges()
        if self.at_word("onwards", "onward"):
            self.take()
            self.expect_end()
            return self._open(self._resolve_all(ranges)[0])
        self.expect_end()  # before resolving: "Q4 25/" is a typo, not a year-less quarter
        return self._make(self._resolve_all(ranges))

    def _at_no_later_than(self) -> bool:
        if self.at_word("no") and self.peek(1) and self.peek(1).text == "later":
            self.take()
            self.take()
            if not self.at_word("than"):
                raise self.error("expected 'no later than'")
            return True
        return False

    def _rule_ongoing(self) -> Window:
        """ "ongoing", "ongoing throughout", "ongoing from May 2016", "ongoing to Q4 2025/26"."""
        self.take()
        if self.at_word("from"):
            self.take()
            return self._open_start()
        if self.at_word("to", "until", "till", "by") or self._at_up_to():
            self.take()
            return self._deadline_of(self._ranges())
        return self._ongoing()

    def _at_up_to(self) -> bool:
        """ "ongoing up to Q4 25/26": leaves "to" to be taken."""
        if self.at_word("up") and self.peek(1) is not None and self.peek(1).text == "to":
            self.take()
            return True
        return False

    def _ongoing(self) -> Window:
        """No window: "ongoing", "TBC", "ongoing for the duration of the pandemic".

        Words may follow, but not a date: "TBC March 2026" or "throughout 2022" would
        otherwise lose a deadline its author wrote down.
        """
        for token in self.tokens[self.index :]:
            if _is_dated(token):
                first = self.tokens[0]
                word = self.text[first.position : first.position + len(first.text)]
                raise self.error(
                    f"'{word}' with a date: is there a deadline or not?",
                    token.position,
                    "write the date alone, 'ongoing to <date>' for a deadline, or 'ongoing' "
                    "and keep the words in notes",
                )
        return Window(self.text, None, None, None, (), True, ())

    def _open_start(self) -> Window:
        """ "from July 2016" starts then with no deadline; "from July 2016 to March 2017"
        names its end, so it is the range it reads as."""
        ranges = self._ranges()
        onwards = self.at_word("onwards", "onward")
        if onwards:
            self.take()
        self.expect_end()
        parts = self._resolve_all(ranges)
        if not onwards and any(len(terms) > 1 and not terms[-1].alternative for terms in ranges):
            return self._make(parts)
        return self._open(parts[0])

    def _open(self, part: tuple[date, date]) -> Window:
        start = part[0]
        quarters = (FinancialCalendar(self.year_start).quarter_of(start),)
        return Window(self.text, start, None, None, quarters, True, (part,))

    def _rule_before(self) -> Window:
        ranges = self._ranges()
        self.expect_end()
        deadline = self._resolve_all(ranges)[0][0] - timedelta(days=1)
        quarters = (FinancialCalendar(self.year_start).quarter_of(deadline),)
        return Window(self.text, None, deadline, deadline, quarters, False, ((deadline,) * 2,))

    def _deadline_of(self, ranges: list[list[Term]]) -> Window:
        self.expect_end()
        deadline = max(end for _, end in self._resolve_all(ranges))
        quarters = (FinancialCalendar(self.year_start).quarter_of(deadline),)
        return Window(self.text, None, deadline, deadline, quarters, False, ((deadline, deadline),))

    def _make(self, parts: list[tuple[date, date]]) -> Window:
        start = min(first for first, _ in parts)
        end = max(last for _, last in parts)
        quarters: list[Quarter] = []
        for first, last in parts:
            for quarter in _quarters_between(first, last, self.year_start):
                if quarter not in quarters:
                    quarters.append(quarter)
        return Window(
            self.text, start, end, end, tuple(quarters[:MAX_QUARTERS]), False, tuple(parts)
        )

    # --- several: "Q1 & Q3 26/27", "June 2016, September 2016" ---

    def _ranges(self) -> list[list[Term]]:
        ranges = [self._range_terms()]
        while self.peek() is not None and (
            self.peek().kind in ("amp", "comma") or self.at_word("and")
        ):
            self.take()
            ranges.append(self._range_terms())
        return ranges

    def _resolve_all(self, ranges: list[list[Term]]) -> list[tuple[date, date]]:
        lender = ranges[-1][-1]
        return [self._resolve_range(terms, lender) for terms in ranges]

    # --- range: "July – November 2021", "Q1–Q2 26/27", "April to June" ---

    def _range_terms(self) -> list[Term]:
        terms = [self._term_end_of()]
        token = self.peek()
        if token is not None and (token.kind == "dash" or self.at_word("to", "until", "till")):
            self.take()
            terms.append(self._term_end_of())
        elif token is not None and token.kind == "slash":
            self.take()
            terms.append(self._term_end_of())
            self._check_either_or(terms, token)
            terms[-1].alternative = True
        return terms

    def _check_either_or(self, terms: list[Term], slash: Token) -> None:
        """ "Aug/Sept 2016" (seed 003) means one month or the other: read as the range.

        Only months or seasons: "2025 / 2026" or "Q1/Q2" could as well mean a financial year
        or a typo, so they are refused rather than guessed.
        """
        kinds = {term.kind for term in terms}
        if not kinds <= {"month", "season"}:
            raise self.error(
                "a '/' between dates joins two months or two seasons",
                slash.position,
                "write e.g. 'Aug/Sept 2016', or a range such as 'Q1–Q2 26/27'",
            )

    def _resolve_range(self, terms: list[Term], lender: Term) -> tuple[date, date]:
        right = terms[-1]
        if not right.has_year and lender is not right:
            self._lend(lender, right)
        if len(terms) == 1:
            return self.resolve(right)
        left = terms[0]
        if not left.has_year:
            self._lend(right, left)
        first, _ = self.resolve(left)
        _, last = self.resolve(right)
        if last < first:
            raise self.error(
                "the range ends before it starts", left.position, "write the earlier date first"
            )
        return first, last

    def _lend(self, lender: Term, borrower: Term) -> None:
        """A year written only on the right applies to the left too (dates.md, range)."""
        if lender.fy is not None and lender.kind in ("quarter", "fy"):
            if borrower.kind in ("quarter",):
                borrower.fy = lender.fy
            else:
                borrower.fy = lender.fy  # months read inside that financial year
            return
        year = (
            lender.year
            if lender.year is not None
            else (
                lender.value if lender.kind == "year" else lender.day.year if lender.day else None
            )
        )
        if year is None:
            return
        lender_month = lender.month or (lender.day.month if lender.day else 12)
        if borrower.kind in ("month", "part_month", "season", "day_no_year"):
            later = borrower.month > lender_month
            borrower.year = year - 1 if later else year

    # --- "end June 2016", "end of Q2 26/27" ---

    def _term_end_of(self) -> Term:
        if self.at_word("end"):
            start = self.take().position
            if self.at_word("of"):
                self.take()
            term = self._term()
            term.at_end = True
            term.position = start
            return term
        return self._term()

    # --- simple forms ---

    def single_term(self) -> Term:
        term = self._term()
        self.expect_end()
        return term

    def _term(self) -> Term:
        token = self.peek()
        if token is None:
            raise self.error("the date stops too early", len(self.text))
        rule = {
            "iso": self._term_iso,
            "numdate": self._term_numdate,
            "pair": self._term_fy,
            "fypair": self._term_fy,
            "fy": self._term_fy,
            "quarter": self._term_quarter,
            "num": self._term_number,
        }.get(token.kind)
        if rule:
            return rule()
        if token.kind == "word":
            return self._term_word()
        raise self.error(f"unexpected '{token.text}'")

    def _term_iso(self) -> Term:
        token = self.take()
        try:
            day = date.fromisoformat(token.text)
        except ValueError:
            raise self.error(
                f"'{token.text}' is not a date", token.position, "write YYYY-MM-DD"
            ) from None
        return Term("day", day=day, position=token.position)

    def _term_numdate(self) -> Term:
        token = self.take()
        day, month, year = (int(p) for p in token.text.split("/"))
        return Term("day", day=self._checked_day(year, month, day, token), position=token.position)

    def _checked_day(self, year: int, month: int, day: int, token: Token) -> date:
        try:
            return date(year, month, day)
        except ValueError:
            if not 1 <= month <= 12:
                raise self.error(
                    f"there is no month {month}", token.position, "write the day first: DD/MM/YYYY"
                ) from None
            raise self.error(
                f"not a date: {calendar.month_name[month]} {year} has no day {day}", token.position
            ) from None

    def _fy_value(self, token: Token) -> int:
        """The start year of "2025/26", "25/26", "2025-26", "FY25/26"; consecutive only."""
        digits = re.findall(r"\d+", token.text)
        if len(digits) < 2:  # "FY" followed by a separate pair token
            nxt = self.take()
            if nxt.kind != "pair":
                raise self.error("'FY' needs a year pair such as 2025/26", nxt.position)
            return self._fy_value(nxt)
        first, second = _two_digit(int(digits[0])), int(digits[1])
        expected = (first + 1) % 100 if len(digits[1]) <= 2 else first + 1
        consecutive = second == expected
        if not consecutive:
            raise self.error(
                f"'{token.text}': the two years of a financial year must be consecutive",
                token.position,
                f"write '{first}/{(first + 1) % 100:02d}'",
            )
        if self.year_start == 1:
            raise self.error(
                f"'{token.text}' is a two-year label, but this plan's financial year is the "
                "calendar year",
                token.position,
                f"write '{first + 1}' or '{first}'",
            )
        return first

    def _term_fy(self) -> Term:
        token = self.take()
        if token.kind == "fy" and self.peek() is not None and self.peek().kind == "num":
            year = self.take()
            value = int(year.text)
            if self.year_start != 1:
                raise self.error(
                    f"'FY {year.text}' is ambiguous: the financial year starting or ending in "
                    f"{value}?",
                    token.position,
                    f"write 'FY {value - 1}/{value % 100:02d}' or "
                    f"'FY {value}/{(value + 1) % 100:02d}'",
                )
            return Term("year", value=value, position=token.position)
        fy = self._fy_value(token)
        if self.peek() is not None and (self.peek().kind == "quarter" or self.at_word("quarter")):
            quarter = self._term_quarter(allow_year=False)  # "2025/26 Q4", "2025/26 Quarter 4"
            quarter.fy = fy
            quarter.position = token.position
            return quarter
        return Term("fy", value=fy, fy=fy, position=token.position)

    def _quarter_number(self, token: Token, digits: str) -> int:
        number = int(digits)
        if not 1 <= number <= 4:
            raise self.error(
                f"'Q{number}' is not a quarter: a year has quarters 1 to 4",
                token.position,
                "write Q1, Q2, Q3 or Q4",
            )
        return number

    def _term_quarter(self, allow_year: bool = True) -> Term:
        token = self.take()
        digits = token.text[1:]
        if token.kind == "word":  # "Quarter 4"
            number_token = self.take()
            if number_token.kind != "num":
                raise self.error("'Quarter' needs a number 1 to 4", number_token.position)
            digits = number_token.text
        number = self._quarter_number(token, digits)
        term = Term("quarter", value=number, position=token.position)
        if allow_year:
            self._quarter_year(term)
        return term

    def _quarter_year(self, term: Term) -> None:
        """The financial year after a quarter: "26/27", "2025/26", "FY25/26", or (Jan FY) "2026"."""
        token = self.peek()
        if token is None:
            return
        if (
            token.kind == "dash"
            and self.peek(1) is not None
            and self.peek(1).kind in ("pair", "fypair")
        ):
            self.take()
            token = self.peek()
        if token.kind in ("pair", "fypair", "fy"):
            self.take()
            term.fy = self._fy_value(token)
        elif token.kind == "num" and len(token.text) == 4:
            self.take()
            year = int(token.text)
            if self.year_start != 1:
                raise self.error(
                    f"'Q{term.value} {year}' is ambiguous: a quarter needs its financial year",
                    term.position,
                    f"write 'Q{term.value} {year}/{(year + 1) % 100:02d}' or "
                    f"'Q{term.value} {year - 1}/{year % 100:02d}'",
                )
            term.fy = year

    def _term_number(self) -> Term:
        token = self.take()
        digits = re.match(r"\d+", token.text).group()  # type: ignore[union-attr]
        if len(digits) == 4 and not token.text[4:]:
            return Term("year", value=int(digits), year=int(digits), position=token.position)
        month_token = self.peek()
        if month_token is None or month_token.kind != "word" or month_token.text not in MONTHS:
            raise self.error(
                f"'{token.text}' is not a date",
                token.position,
                "write e.g. '9 August 2021' or 'August 2021'",
            )
        self.take()
        year = self._optional_year()
        month = MONTHS[month_token.text]
        short = self.peek()
        if year is None and short is not None and short.kind == "num" and len(short.text) == 2:
            full, name = _two_digit(int(short.text)), calendar.month_name[month]
            raise self.error(
                f"'{short.text}': write the year in full",
                short.position,
                f"write '{int(digits)} {name} {full}'",
            )
        if year is None:
            term = Term("day_no_year", value=int(digits), month=month, position=token.position)
            return term
        return Term(
            "day", day=self._checked_day(year, month, int(digits), token), position=token.position
        )

    def _refuse_month_number(self, month: Token) -> None:
        """ "by March 17" (seed 003) is March 2017 to its author and 17 March to others."""
        token = self.peek()
        if token is None or token.kind != "num" or len(token.text) > 2:
            return
        name, number, after = calendar.month_name[MONTHS[month.text]], int(token.text), self.peek(1)
        if after is not None and after.kind == "num" and len(after.text) == 4:  # "March 2 2026"
            raise self.error(
                f"'{name} {number} {after.text}': the day goes first",
                token.position,
                f"write '{number} {name} {after.text}'",
            )
        year = _two_digit(number)
        raise self.error(
            f"'{name} {number}' is ambiguous: {name} {year} or {number} {name}?",
            token.position,
            f"write '{name} {year}' or '{number} {name} {year}'",
        )

    def _optional_year(self) -> int | None:
        token = self.peek()
        if token is not None and token.kind == "num" and len(token.text) == 4:
            self.take()
            return int(token.text)
        return None

    def _year_after_comma(self) -> int | None:
        """ "August, 2021": a comma before a lone year joins it to the month (a list of
        dates has a date after each comma, and a year alone would swallow the month)."""
        comma, year = self.peek(), self.peek(1)
        if comma is None or comma.kind != "comma" or year is None:
            return None
        if year.kind != "num" or len(year.text) != 4:
            return None
        self.take()
        return self._optional_year()

    def _term_word(self) -> Term:
        token = self.peek()
        assert token is not None
        word = token.text
        if word == "quarter":
            return self._term_quarter()
        if word in MONTHS:
            self.take()
            year = self._optional_year() or self._year_after_comma()
            if year is None:
                self._refuse_month_number(token)
            return Term("month", month=MONTHS[word], year=year, position=token.position)
        if word in SEASONS:
            return self._term_season()
        if word in PART_OF_YEAR:
            return self._term_part()
        written = self.text[token.position : token.position + len(word)]
        raise self.error(f"'{written}' is not a date", token.position, _word_suggestion(word))

    def _term_season(self) -> Term:
        token = self.take()
        term = Term("season", month=SEASONS[token.text], position=token.position)
        nxt = self.peek()
        if nxt is not None and nxt.kind == "pair" and token.text == "winter":
            self.take()
            term.year = self._fy_pair_first(nxt)
        else:
            term.year = self._optional_year()
        return term

    def _fy_pair_first(self, token: Token) -> int:
        digits = re.findall(r"\d+", token.text)
        first = _two_digit(int(digits[0]))
        second = int(digits[1])
        if second not in ((first + 1) % 100, first + 1):
            raise self.error("the two years must be consecutive", token.position)
        return first

    def _term_part(self) -> Term:
        token = self.take()
        nxt = self.peek()
        if nxt is not None and nxt.kind == "word" and nxt.text in MONTHS:
            self.take()
            return Term(
                "part_month",
                month=MONTHS[nxt.text],
                part=token.text,
                year=self._optional_year(),
                position=token.position,
            )
        year = self._optional_year()
        if year is None:
            raise self.error(
                f"'{token.text}' needs a year or a month",
                token.position,
                f"write e.g. '{token.text} 2017' or '{token.text} June 2016'",
            )
        return Term("part_year", year=year, part=token.text, position=token.position)

    # --- from a term to days ---

    def resolve(self, term: Term) -> tuple[date, date]:
        first, last = self._resolve_window(term)
        if term.at_end:
            return last, last
        return first, last

    def _resolve_window(self, term: Term) -> tuple[date, date]:
        if term.kind == "day" and term.day:
            return term.day, term.day
        if term.kind == "year":
            return date(term.value, 1, 1), date(term.value, 12, 31)
        if term.kind == "fy":
            return FinancialCalendar(self.year_start).year_bounds(term.value)
        if term.kind == "quarter":
            quarter = Quarter(self._fy_for(term), term.value, self.year_start)
            return quarter.first_day, quarter.last_day
        if term.kind == "part_year":
            first_month, last_month = PART_OF_YEAR[term.part]
            return date(term.year, first_month, 1), _month_end(term.year, last_month)
        year = self._calendar_year(term)
        if term.kind == "month":
            return date(year, term.month, 1), _month_end(year, term.month)
        if term.kind == "day_no_year":
            return (
                self._checked_day(year, term.month, term.value, Token("", "", term.position)),
            ) * 2
        if term.kind == "season":
            first = date(year, term.month, 1)
            return first, first + relativedelta(months=3) - timedelta(days=1)
        if term.kind == "part_month":
            first_day, last_day = PART_OF_MONTH[term.part]
            last_day = min(last_day, calendar.monthrange(year, term.month)[1])
            return date(year, term.month, first_day), date(year, term.month, last_day)
        raise self.error("not a date", term.position)

    def _fy_for(self, term: Term) -> int:
        if term.fy is not None:
            return term.fy
        if self.financial_year is None:
            raise self.error(
                "a year-less quarter needs the plan's financial_year",
                term.position,
                "add 'financial_year: 2025/26' to the plan, or write the year, e.g. 'Q4 2025/26'",
            )
        return self.financial_year

    def _calendar_year(self, term: Term) -> int:
        """The calendar year of a month-like term: written, lent, or inside the FY."""
        if term.year is not None:
            return term.year
        fy = term.fy if term.fy is not None else self.financial_year
        if fy is None:
            raise self.error(
                "a date without a year needs the plan's financial_year",
                term.position,
                "add 'financial_year: 2025/26' to the plan, or write the year, e.g. 'June 2026'",
            )
        return fy if term.month >= self.year_start else fy + 1


def _word_suggestion(word: str) -> str | None:
    choices = (
        [calendar.month_name[m].lower() for m in range(1, 13)]
        + list(SEASONS)
        + ["quarter", "ongoing", "early", "mid", "late", "end", "from", "by", "until"]
    )
    close = difflib.get_close_matches(word.lower(), choices, n=1, cutoff=0.6)
    if close and close[0] != word.lower():
        return f"did you mean '{close[0].capitalize() if close[0] in MONTHS else close[0]}'?"
    return "write e.g. 'Q4 2025/26', 'March 2027', 'Autumn 2016' or 'ongoing'"


# --- the entry points ------------------------------------------------------------------------


def _year_start(value: int | str) -> int:
    return parse_month(value)


def _financial_year(value: str | int | None, year_start: int) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, int):
        return value
    return FinancialCalendar(year_start).parse_year(str(value))


def parse(
    text: str | date, financial_year: str | int | None = None, year_start: int | str = 4
) -> Window:
    """Read a date expression in a plan's calendar; ``DateError`` if it is not one."""
    start_month = _year_start(year_start)
    if isinstance(text, date):
        if not MIN_YEAR <= text.year <= MAX_YEAR:
            raise _year_out_of_range(text.isoformat())
        quarters = (FinancialCalendar(start_month).quarter_of(text),)
        return Window(text.isoformat(), text, text, text, quarters, False, ((text, text),))
    return _parse_cached(str(text), financial_year, start_month)


@lru_cache(maxsize=4096)
def _parse_cached(text: str, financial_year: str | int | None, year_start: int) -> Window:
    if len(text) > MAX_LENGTH:
        raise DateError(
            text,
            MAX_LENGTH,
            f"too long for a date ({len(text)} characters)",
            "keep the date short and put the words in notes",
        )
    fy = _financial_year(financial_year, year_start)
    reader = _Reader(text, fy, year_start)
    if not reader.tokens and "(" in text:  # "(April to June)": the remark is the date
        inner = text.strip().strip("()")
        if inner and inner != text:
            return _parse_cached(inner, financial_year, year_start)
    try:
        window = reader.window()
    except DateError:
        raise
    except (ValueError, OverflowError):  # a year no calendar can hold, e.g. 0000 or 9999
        raise _year_out_of_range(text) from None
    if not _years_in_range(window):  # "1/1/0001", "before 1 January 1000"
        raise _year_out_of_range(text)
    return window


def _years_in_range(window: Window) -> bool:
    days = [day for part in window.parts for day in part]
    return all(MIN_YEAR <= day.year <= MAX_YEAR for day in days)


def _year_out_of_range(text: str) -> DateError:
    return DateError(
        text,
        0,
        "not a date: the year is out of range",
        f"write a year between {MIN_YEAR} and {MAX_YEAR}",
    )


def as_at_day(
    quarter: str | None = None,
    as_of: str | date | None = None,
    year_start: int = 4,
    today: date | None = None,
) -> date:
    """Day D of plan-format.md "Overdue": the day after the quarter, the date, or today."""
    if quarter and as_of:
        raise DateError(str(quarter), 0, "give a quarter or a date, not both")
    if quarter:
        return Quarter.parse(quarter, year_start).last_day + timedelta(days=1)
    if isinstance(as_of, date):
        return as_of
    if as_of:
        try:
            return date.fromisoformat(str(as_of).strip())
        except ValueError:
            raise DateError(
                str(as_of), 0, f"'{as_of}' is not an ISO date", "write YYYY-MM-DD, e.g. 2026-03-31"
            ) from None
    return today or date.today()


__all__ = [
    "DateError",
    "FinancialCalendar",
    "MONTHS",
    "Quarter",
    "Window",
    "as_at_day",
    "parse",
    "parse_month",
    "tokenise",
]
