"""The simple forms of dates.md, each read from tokens into one immutable ``Term``.

"9 August 2021", "August 2021", "Q4 25/26", "2025/26", "2022", "Autumn 2016",
"early 2017", "late June 2016", and "end of" any of them. The whole-expression rules
("by", "from", ranges, lists) are in ``grammar``; what a term means in days is ``resolve``'s.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import replace
from datetime import date

from plantrack.dates.calendar import two_digit
from plantrack.dates.errors import DateError
from plantrack.dates.lexer import Cursor, T, Token
from plantrack.dates.tree import Kind, Term
from plantrack.dates.words import MONTHS, PART_WORDS, SEASONS, word_suggestion


def checked_day(text: str, year: int, month: int, day: int, position: int) -> date:
    """The day, or a ``DateError`` saying why there is none ("31 February 2026")."""
    try:
        return date(year, month, day)
    except ValueError:
        if not 1 <= month <= 12:
            raise DateError(
                text, position, f"there is no month {month}", "write the day first: DD/MM/YYYY"
            ) from None
        raise DateError(
            text, position, f"not a date: {calendar.month_name[month]} {year} has no day {day}"
        ) from None


class TermReader(Cursor):
    """Reads terms; ``year_start`` matters because a two-year label is refused in a
    calendar-year plan and a quarter's single year is accepted only there."""

    def __init__(self, text: str, year_start: int) -> None:
        super().__init__(text)
        self.year_start = year_start

    def expect_end(self) -> None:
        token = self.peek()
        if token is not None:
            raise self.error(
                f"unexpected '{token.text}'", token.position, word_suggestion(token.text)
            )

    def single_term(self) -> Term:
        term = self.term()
        self.expect_end()
        return term

    def term_end_of(self) -> Term:
        """ "end June 2016", "end of Q2 26/27": the last day of what follows."""
        if self.at_word("end"):
            start = self.take().position
            if self.at_word("of"):
                self.take()
            return replace(self.term(), at_end=True, position=start)
        return self.term()

    def term(self) -> Term:
        token = self.peek()
        if token is None:
            raise self.error("the date stops too early", len(self.text))
        if token.kind is T.ISO:
            return self._term_iso()
        if token.kind is T.NUMDATE:
            return self._term_numdate()
        if token.kind in (T.PAIR, T.FYPAIR, T.FY):
            return self._term_fy()
        if token.kind is T.QUARTER:
            return self._term_quarter()
        if token.kind is T.NUM:
            return self._term_number()
        if token.kind is T.WORD:
            return self._term_word()
        raise self.error(f"unexpected '{token.text}'")

    # --- days ---

    def _term_iso(self) -> Term:
        token = self.take()
        try:
            day = date.fromisoformat(token.text)
        except ValueError:
            raise self.error(
                f"'{token.text}' is not a date", token.position, "write YYYY-MM-DD"
            ) from None
        return Term(Kind.DAY, token.position, day=day)

    def _term_numdate(self) -> Term:
        token = self.take()
        day, month, year = (int(p) for p in token.text.split("/"))
        return Term(
            Kind.DAY, token.position, day=checked_day(self.text, year, month, day, token.position)
        )

    def _term_number(self) -> Term:
        token = self.take()
        digits = re.match(r"\d+", token.text).group()  # type: ignore[union-attr]
        if len(digits) == 4 and not token.text[4:]:
            return Term(Kind.YEAR, token.position, year=int(digits))
        month_token = self.peek()
        if month_token is None or month_token.kind is not T.WORD or month_token.text not in MONTHS:
            raise self.error(
                f"'{token.text}' is not a date",
                token.position,
                "write e.g. '9 August 2021' or 'August 2021'",
            )
        self.take()
        year = self._optional_year()
        month = MONTHS[month_token.text]
        short = self.peek()
        if year is None and short is not None and short.kind is T.NUM and len(short.text) == 2:
            full, name = two_digit(int(short.text)), calendar.month_name[month]
            raise self.error(
                f"'{short.text}': write the year in full",
                short.position,
                f"write '{int(digits)} {name} {full}'",
            )
        if year is None:
            return Term(Kind.DAY_NO_YEAR, token.position, number=int(digits), month=month)
        day = checked_day(self.text, year, month, int(digits), token.position)
        return Term(Kind.DAY, token.position, day=day)

    # --- financial years and quarters ---

    def fy_value(self, token: Token) -> int:
        """The start year of "2025/26", "25/26", "2025-26", "FY25/26"; consecutive only."""
        digits = re.findall(r"\d+", token.text)
        if len(digits) < 2:  # "FY" followed by a separate pair token
            nxt = self.take()
            if nxt.kind is not T.PAIR:
                raise self.error("'FY' needs a year pair such as 2025/26", nxt.position)
            return self.fy_value(nxt)
        first, second = two_digit(int(digits[0])), int(digits[1])
        expected = (first + 1) % 100 if len(digits[1]) <= 2 else first + 1
        if second != expected:
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
        if token.kind is T.FY and self.at(T.NUM):
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
            return Term(Kind.YEAR, token.position, year=value)
        fy = self.fy_value(token)
        if self.at(T.QUARTER) or self.at_word("quarter"):
            # "2025/26 Q4", "2025/26 Quarter 4"
            number = self._quarter_number()
            return Term(Kind.QUARTER, token.position, number=number, fy=fy)
        return Term(Kind.FINANCIAL_YEAR, token.position, fy=fy)

    def _quarter_number(self) -> int:
        """ "Q4" or "Quarter 4" -> 4."""
        token = self.take()
        digits = token.text[1:]
        if token.kind is T.WORD:  # "Quarter 4"
            number_token = self.take()
            if number_token.kind is not T.NUM:
                raise self.error("'Quarter' needs a number 1 to 4", number_token.position)
            digits = number_token.text
        number = int(digits)
        if not 1 <= number <= 4:
            raise self.error(
                f"'Q{number}' is not a quarter: a year has quarters 1 to 4",
                token.position,
                "write Q1, Q2, Q3 or Q4",
            )
        return number

    def _term_quarter(self) -> Term:
        position = self.peek().position  # type: ignore[union-attr]
        number = self._quarter_number()
        return Term(Kind.QUARTER, position, number=number, fy=self._quarter_year(number, position))

    def _quarter_year(self, number: int, position: int) -> int | None:
        """The financial year after a quarter: "26/27", "2025/26", "FY25/26", or (Jan FY) "2026"."""
        token = self.peek()
        if token is None:
            return None
        if token.kind is T.DASH and (self.at(T.PAIR, 1) or self.at(T.FYPAIR, 1)):
            self.take()
            token = self.take()
            return self.fy_value(token)
        if token.kind in (T.PAIR, T.FYPAIR, T.FY):
            self.take()
            return self.fy_value(token)
        if token.is_year:
            self.take()
            year = int(token.text)
            if self.year_start != 1:
                raise self.error(
                    f"'Q{number} {year}' is ambiguous: a quarter needs its financial year",
                    position,
                    f"write 'Q{number} {year}/{(year + 1) % 100:02d}' or "
                    f"'Q{number} {year - 1}/{year % 100:02d}'",
                )
            return year
        return None

    # --- months, seasons, parts ---

    def _optional_year(self) -> int | None:
        token = self.peek()
        if token is not None and token.is_year:
            self.take()
            return int(token.text)
        return None

    def _year_after_comma(self) -> int | None:
        """ "August, 2021": a comma before a lone year joins it to the month (a list of
        dates has a date after each comma, and a year alone would swallow the month)."""
        comma, year = self.peek(), self.peek(1)
        if comma is None or comma.kind is not T.COMMA or year is None or not year.is_year:
            return None
        self.take()
        return self._optional_year()

    def _refuse_month_number(self, month: Token) -> None:
        """ "by March 17" (seed 003) is March 2017 to its author and 17 March to others."""
        token = self.peek()
        if token is None or token.kind is not T.NUM or len(token.text) > 2:
            return
        name, number, after = calendar.month_name[MONTHS[month.text]], int(token.text), self.peek(1)
        if after is not None and after.is_year:  # "March 2 2026"
            raise self.error(
                f"'{name} {number} {after.text}': the day goes first",
                token.position,
                f"write '{number} {name} {after.text}'",
            )
        year = two_digit(number)
        raise self.error(
            f"'{name} {number}' is ambiguous: {name} {year} or {number} {name}?",
            token.position,
            f"write '{name} {year}' or '{number} {name} {year}'",
        )

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
            return Term(Kind.MONTH, token.position, month=MONTHS[word], year=year)
        if word in SEASONS:
            return self._term_season()
        if word in PART_WORDS:
            return self._term_part()
        raise self.error(
            f"'{self.written(token)}' is not a date", token.position, word_suggestion(word)
        )

    def _term_season(self) -> Term:
        token = self.take()
        nxt = self.peek()
        if nxt is not None and nxt.kind is T.PAIR and token.text == "winter":
            self.take()  # "Winter 2016/17"
            year = self._fy_pair_first(nxt)
        else:
            year = self._optional_year()
        return Term(Kind.SEASON, token.position, month=SEASONS[token.text], year=year)

    def _fy_pair_first(self, token: Token) -> int:
        digits = re.findall(r"\d+", token.text)
        first = two_digit(int(digits[0]))
        second = int(digits[1])
        if second not in ((first + 1) % 100, first + 1):
            raise self.error("the two years must be consecutive", token.position)
        return first

    def _term_part(self) -> Term:
        token = self.take()
        part = PART_WORDS[token.text]
        nxt = self.peek()
        if nxt is not None and nxt.kind is T.WORD and nxt.text in MONTHS:
            self.take()
            year = self._optional_year()
            return Term(
                Kind.PART_OF_MONTH, token.position, month=MONTHS[nxt.text], part=part, year=year
            )
        year = self._optional_year()
        if year is None:
            raise self.error(
                f"'{token.text}' needs a year or a month",
                token.position,
                f"write e.g. '{token.text} 2017' or '{token.text} June 2016'",
            )
        return Term(Kind.PART_OF_YEAR, token.position, year=year, part=part)
