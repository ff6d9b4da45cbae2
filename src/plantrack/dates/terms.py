"""The simple forms of docs/reference/dates.md, each read from tokens into one immutable ``Term``.

"9 August 2021", "August 2021", "Q4 25/26", "2025/26", "2022", "Autumn 2016",
"early 2017", "late June 2016", and "end of" any of them. The whole-expression rules
("by", "from", ranges, lists) are in ``grammar``; what a term means in days is ``resolve``'s.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import replace
from datetime import date

from plantrack.dates.calendar import days_in_month, two_digit
from plantrack.dates.errors import DateError
from plantrack.dates.lexer import Cursor, Token, TokenKind
from plantrack.dates.tree import Kind, Term
from plantrack.dates.words import MONTHS, PART_WORDS, QUARTER_WORDS, SEASONS, word_suggestion


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
        while self.at_word("the", "midnight"):
            self.take()  # "by the end of March 2027", "until midnight 17 March 2024"
        if self.at_word("end"):
            start = self.take().position
            if self.at_word("of"):
                self.take()
            return replace(self.term(at_end=True), at_end=True, position=start)
        return self.term()

    def term(self, at_end: bool = False) -> Term:
        token = self.peek()
        if token is None:
            raise self.error("the date stops too early", len(self.text))
        if token.kind is TokenKind.ISO:
            return self._term_iso()
        if token.kind is TokenKind.NUMDATE:
            return self._term_numdate()
        if token.kind in (TokenKind.PAIR, TokenKind.FYPAIR, TokenKind.FY):
            return self._term_fy()
        if token.kind is TokenKind.QUARTER:
            return self._term_quarter()
        if token.kind is TokenKind.NUM:
            return self._term_number()
        if token.kind is TokenKind.WORD:
            return self._term_word(at_end)
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
        """ "30/09/2026", "30.09.2026", "3.9.26": day first, always. Only where the day
        first cannot be a date and the month first can ("4/30/2014", a US export) is it
        read month first: there is then one reading, not two."""
        token = self.take()
        parts = re.split(r"[/.]", token.text)
        day, month, year = (int(p) for p in parts)
        year = two_digit(year) if len(parts[2]) == 2 else year
        if month > 12 and day <= 12 and month <= days_in_month(year, day):
            day, month = month, day
        return Term(
            Kind.DAY, token.position, day=checked_day(self.text, year, month, day, token.position)
        )

    def _term_number(self) -> Term:
        token = self.take()
        digits = re.match(r"\d+", token.text).group()  # type: ignore[union-attr]
        if len(digits) == 4 and not token.text[4:]:
            return Term(Kind.YEAR, token.position, year=int(digits))
        month_token = self.peek()
        if (
            month_token is None
            or month_token.kind is not TokenKind.WORD
            or month_token.text not in MONTHS
        ):
            raise self.error(
                f"'{token.text}' is not a date",
                token.position,
                "write e.g. '9 August 2021' or 'August 2021'",
            )
        self.take()
        year = self._optional_year()
        month = MONTHS[month_token.text]
        short = self.peek()
        if (
            year is None
            and short is not None
            and short.kind is TokenKind.NUM
            and len(short.text) == 2
        ):
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
        return self.fy_span(token, spans=False)[0]

    def fy_span(self, token: Token, spans: bool = True) -> tuple[int, int]:
        """The start year and number of financial years of a pair: "2025/26" is (2025, 1);
        with ``spans``, a dashed multi-year plan period "2024-28" is (2024, 4), ending where
        FY 2027/28 ends, as "2024-25" ends where FY 2024/25 does."""
        digits = re.findall(r"\d+", token.text)
        if len(digits) < 2:  # "FY" followed by a separate pair token
            nxt = self.take()
            if nxt.kind is not TokenKind.PAIR:
                raise self.error("'FY' needs a year pair such as 2025/26", nxt.position)
            return self.fy_span(nxt, spans)
        first, second = two_digit(int(digits[0])), int(digits[1])
        expected = (first + 1) % 100 if len(digits[1]) <= 2 else first + 1
        last = first - first % 100 + second if len(digits[1]) <= 2 else second
        if len(digits[1]) <= 2 and last < first:
            last += 100
        dashed = "/" not in token.text
        if second != expected and spans and dashed and first + 1 < last <= first + 50:
            if self.year_start == 1:
                raise self.error(
                    f"'{token.text}': this plan's financial year is the calendar year",
                    token.position,
                    f"write '{first} – {last}'",
                )
            return first, last - first
        if second != expected:
            raise self.error(
                f"'{token.text}': the two years of a financial year must be consecutive",
                token.position,
                f"write '{first}/{(first + 1) % 100:02d}'" + self._span_hint(first, last),
            )
        if self.year_start == 1:
            raise self.error(
                f"'{token.text}' is a two-year label, but this plan's financial year is the "
                "calendar year",
                token.position,
                f"write '{first + 1}' or '{first}'",
            )
        return first, 1

    def _span_hint(self, first: int, last: int) -> str:
        """For "2024/28": the dashed form that names the financial years 2024/25 to 2027/28."""
        if last <= first + 1 or last > first + 50 or self.year_start == 1:
            return ""
        return (
            f", or '{first}-{last % 100:02d}' for the financial years "
            f"{first}/{(first + 1) % 100:02d} to {last - 1}/{last % 100:02d}"
        )

    def _term_fy(self) -> Term:
        token = self.take()
        if token.kind is TokenKind.FY and self.at(TokenKind.NUM):
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
        month_year = self._month_year(token)
        if month_year is not None:
            return month_year
        fy, years = self.fy_span(token)
        if years == 1 and (self.at(TokenKind.QUARTER) or self.at_word("quarter")):
            # "2025/26 Q4", "2025/26 Quarter 4"
            number = self._quarter_number()
            return Term(Kind.QUARTER, token.position, number=number, fy=fy)
        return Term(Kind.FINANCIAL_YEAR, token.position, fy=fy, years=years)

    def _month_year(self, token: Token) -> Term | None:
        """ "09/26": September 2026, where it can be neither a financial year (09/10) nor
        a day and month (09/08)."""
        match = re.fullmatch(r"(\d\d)/(\d\d)", token.text)
        if match is None:
            return None
        month, year = int(match[1]), int(match[2])
        if not 1 <= month <= 12 or year <= 12 or year == (month + 1) % 100:
            return None
        return Term(Kind.MONTH, token.position, month=month, year=two_digit(year))

    def _quarter_number(self) -> int:
        """ "Q4" or "Quarter 4" -> 4."""
        token = self.take()
        digits = token.text[1:]
        if token.kind is TokenKind.WORD:  # "Quarter 4", "Quarter Two"
            number_token = self.take()
            if number_token.kind is TokenKind.WORD and number_token.text in QUARTER_WORDS:
                digits = str(QUARTER_WORDS[number_token.text])
            elif number_token.kind is not TokenKind.NUM:
                raise self.error(
                    "'Quarter' needs a number 1 to 4",
                    number_token.position,
                    "write e.g. 'Quarter 2' or 'Quarter Two'",
                )
            else:
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
        if self.at_word("of") or (self.at(TokenKind.COMMA) and self._year_follows(1)):
            self.take()  # "quarter four of 2024/25", "quarter 2, 2026 to 2027"
        token = self.peek()
        if token is None:
            return None
        if token.kind is TokenKind.DASH and (
            self.at(TokenKind.PAIR, 1) or self.at(TokenKind.FYPAIR, 1)
        ):
            self.take()
            token = self.take()
            return self.fy_value(token)
        if token.kind in (TokenKind.PAIR, TokenKind.FYPAIR, TokenKind.FY):
            self.take()
            return self.fy_value(token)
        if token.is_year:
            self.take()
            year = int(token.text)
            if self.year_start != 1 and self.gov_uk_year_follows(year):
                return year
            if self.year_start != 1:
                raise self.error(
                    f"'Q{number} {year}' is ambiguous: a quarter needs its financial year",
                    position,
                    f"write 'Q{number} {year}/{(year + 1) % 100:02d}' or "
                    f"'Q{number} {year - 1}/{year % 100:02d}'",
                )
            return year
        return None

    def _year_follows(self, offset: int) -> bool:
        token = self.peek(offset)
        return token is not None and (
            token.is_year or token.kind in (TokenKind.PAIR, TokenKind.FYPAIR, TokenKind.FY)
        )

    def gov_uk_year_follows(self, year: int) -> bool:
        """After "2026": "to 2027" or "to 27" makes the GOV.UK financial year "2026 to 2027"
        (taken); any other year after "to" is left for the range rule to judge."""
        if not self.at_word("to"):
            return False
        nxt = self.peek(1)
        if nxt is None or nxt.kind is not TokenKind.NUM or self.at_word(*MONTHS, offset=2):
            return False
        value = int(nxt.text)
        if value != year + 1 and not (len(nxt.text) == 2 and value == (year + 1) % 100):
            return False
        self.take()
        self.take()
        return True

    # --- months, seasons, parts ---

    def _optional_year(self) -> int | None:
        token = self.peek()
        if token is not None and token.is_year:
            self.take()
            return int(token.text)
        if token is not None and token.kind is TokenKind.YY:  # "Sep ’19"
            self.take()
            return two_digit(int(token.text[1:]))
        return None

    def _spreadsheet_year(self, month: Token) -> int | None:
        """ "Sep-26", as spreadsheets display a month: the dash and two digits touch the
        month, and no month follows (which would make "June-20 July" a range)."""
        dash, number = self.peek(), self.peek(1)
        if (
            dash is None
            or number is None
            or dash.kind is not TokenKind.DASH
            or number.kind is not TokenKind.NUM
        ):
            return None
        touching = dash.position == month.position + len(month.text)
        touching = touching and number.position == dash.position + 1 and len(number.text) == 2
        if not touching or self.at_word(*MONTHS, offset=2):
            return None
        end = number.position + 2
        if end < len(self.text) and self.text[end].isalpha():  # "Sep-26th"
            return None
        self.take()
        self.take()
        return two_digit(int(number.text))

    def _year_after_comma(self) -> int | None:
        """ "August, 2021": a comma before a lone year joins it to the month (a list of
        dates has a date after each comma, and a year alone would swallow the month)."""
        comma, year = self.peek(), self.peek(1)
        if comma is None or comma.kind is not TokenKind.COMMA or year is None or not year.is_year:
            return None
        self.take()
        return self._optional_year()

    def _month_number(self, month: Token) -> Term | None:
        """ "by March 17" (seed 003) is March 2017 to its author and 17 March to others: a
        term the resolver settles only where the plan's year leaves one reading."""
        token = self.peek()
        if token is None or token.kind is not TokenKind.NUM or len(token.text) > 2:
            return None
        name, number, after = calendar.month_name[MONTHS[month.text]], int(token.text), self.peek(1)
        if after is not None and after.is_year:  # "March 2 2026"
            raise self.error(
                f"'{name} {number} {after.text}': the day goes first",
                token.position,
                f"write '{number} {name} {after.text}'",
            )
        self.take()
        return Term(Kind.MONTH_OR_DAY, token.position, number=number, month=MONTHS[month.text])

    def _short_year_follows(self) -> bool:
        token, after = self.peek(), self.peek(1)
        return (
            token is not None
            and token.kind is TokenKind.NUM
            and len(token.text) == 2
            and (after is None or after.kind is not TokenKind.WORD or after.text not in MONTHS)
        )

    def _term_word(self, at_end: bool = False) -> Term:
        token = self.peek()
        assert token is not None
        word = token.text
        if word == "quarter":
            return self._term_quarter()
        if word in MONTHS:
            self.take()
            year = (
                self._optional_year() or self._year_after_comma() or self._spreadsheet_year(token)
            )
            if year is None and at_end and self._short_year_follows():
                year = two_digit(int(self.take().text))  # "end of February 15": 2015
            either = self._month_number(token) if year is None else None
            if either is not None:
                return either
            return Term(Kind.MONTH, token.position, month=MONTHS[word], year=year)
        if word in SEASONS:
            return self._term_season()
        if word in PART_WORDS:
            return self._term_part()
        if word in ("first", "second") and self.at_word("half", offset=1):
            return self._term_half()
        if word in ("w/c", "w/b") or (
            word == "week" and self.at_word("commencing", "beginning", offset=1)
        ):
            return self._term_week()
        raise self.error(
            f"'{self.written(token)}' is not a date", token.position, word_suggestion(word)
        )

    def _term_season(self) -> Term:
        token = self.take()
        nxt = self.peek()
        if nxt is not None and nxt.kind is TokenKind.PAIR and token.text == "winter":
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

    def _term_half(self) -> Term:
        """ "first half of 2027" (January to June), "second half of 2026/27" (October to March
        in an April-start plan)."""
        token = self.take()
        self.take()
        if self.at_word("of"):
            self.take()
        number = 1 if token.text == "first" else 2
        year = self._optional_year()
        if year is not None:
            return Term(Kind.HALF, token.position, number=number, year=year)
        nxt = self.peek()
        if nxt is not None and nxt.kind in (TokenKind.PAIR, TokenKind.FYPAIR, TokenKind.FY):
            self.take()
            return Term(Kind.HALF, token.position, number=number, fy=self.fy_value(nxt))
        raise self.error(
            f"'{token.text} half' needs a year",
            token.position,
            f"write e.g. '{token.text} half of 2027' or '{token.text} half of 2026/27'",
        )

    def _term_week(self) -> Term:
        """ "w/c 7 September 2026", "week commencing 7 September 2026": that week."""
        token = self.take()
        if token.text == "week":
            self.take()
        day = self.term()
        if day.kind not in (Kind.DAY, Kind.DAY_NO_YEAR):
            raise self.error(
                "'w/c' needs the day the week starts",
                day.position,
                "write e.g. 'w/c 7 September 2026'",
            )
        return replace(day, kind=Kind.WEEK if day.kind is Kind.DAY else Kind.WEEK_NO_YEAR)

    def _hyphen_joins(self, token: Token) -> bool:
        """Whether a dash touching ``token`` and a month or year after it make one word."""
        dash, nxt = self.peek(), self.peek(1)
        if dash is None or nxt is None or dash.kind is not TokenKind.DASH:
            return False
        touching = dash.position == token.position + len(token.text)
        touching = touching and nxt.position == dash.position + 1
        return touching and ((nxt.kind is TokenKind.WORD and nxt.text in MONTHS) or nxt.is_year)

    def _term_part(self) -> Term:
        token = self.take()
        part = PART_WORDS[token.text]
        if self._hyphen_joins(token):
            self.take()  # "mid-September", "mid-2027"
        nxt = self.peek()
        if nxt is not None and nxt.kind is TokenKind.WORD and nxt.text in MONTHS:
            self.take()
            year = self._optional_year() or self._year_after_comma()
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
