"""Whole date expressions: tokens -> an ``Expression`` (form and spans), nothing resolved.

The rules of docs/reference/dates.md above the simple forms: "ongoing ...", "from ...", "by ..." and
"no later than ...", "before ...", "... onwards", ranges ("July – November 2021"), either-or
("Aug/Sept 2016") and lists ("Q1 & Q3 26/27"). Simple forms are read by ``terms``.
"""

from __future__ import annotations

from dataclasses import replace

from plantrack.dates.errors import DateError
from plantrack.dates.lexer import Token, TokenKind
from plantrack.dates.recurring import RecurrenceReader
from plantrack.dates.terms import checked_day
from plantrack.dates.tree import Bracket, Expression, Form, Joint, Kind, Span, Term
from plantrack.dates.words import (
    DONE_WORDS,
    GRAMMAR_WORDS,
    LABEL_WORDS,
    MONTHS,
    NO_DEADLINE_PHRASES,
    NO_DEADLINE_WORDS,
    PART_WORDS,
    STARTED_WORDS,
)

_EITHER_KINDS = {Kind.MONTH, Kind.SEASON, Kind.PART_OF_MONTH, Kind.PART_OF_YEAR}
# After "and", words that end a list rather than continue it.
_NOT_A_LIST = ("beyond", "ongoing", "every", "thereafter")

# Words after a leading dash that still start their own rule ("– from July 2016").
_RULE_WORDS = ("ongoing", "from", "by", "end", "until", "to", "before")


class Parser(RecurrenceReader):
    """Recursive descent over one expression's tokens; one method per row of the forms
    table in docs/reference/dates.md."""

    def expression(self) -> Expression:
        """The whole expression, with what its brackets state and how often it recurs."""
        expression = self._expression()
        recurrence, brackets = expression.recurrence, []
        for remark in self.remarks:
            inner = _bracket(remark.text[1:-1], self.year_start)
            if inner is None:
                continue  # a remark, not a date: "(subject to government guidance)"
            if inner.form is Form.ONGOING and inner.recurrence:
                recurrence = recurrence or inner.recurrence  # "31 August (annually)"
            elif inner.form is Form.DATES and not inner.recurrence:
                brackets.append(Bracket(inner, remark.text, remark.position))
        return replace(expression, recurrence=recurrence, brackets=tuple(brackets))

    def _expression(self) -> Expression:
        if not self.tokens:
            raise self.error("empty date", 0, "write e.g. 'Q4 2025/26' or 'ongoing'")
        while self.at(TokenKind.DASH):  # "– July 2016"
            self.take()
            if self.done():
                raise self.error("a dash alone is not a date", 0)
            if not self.at_word(*_RULE_WORDS):
                return self._deadline()
        recurrence = self.recurrence_before()
        if recurrence is not None:
            return self._recurring(recurrence)
        if self.at_word("in", "during", "on") and not self.at_word("the", offset=1):
            self.take()  # "in 2024", "during 2014-15": the window itself
        if self.at_word("for"):
            self._refuse_for_a_month()
        labelled = self._labelled_day()
        if labelled is not None:
            return labelled
        if self.at_word("ongoing"):
            return self._rule_ongoing()
        if self.at_word(*DONE_WORDS):
            return self._done()
        if self.at_word(*STARTED_WORDS):
            self.take()
            if self.done():
                return Expression(Form.ONGOING)
            if self.at_word("in", "on"):
                self.take()
            return self._open_start()
        if self.at_word(*NO_DEADLINE_WORDS) or self._at_no_deadline_phrase():
            return self._ongoing()
        if self.at_word("from", "starting", "since", "commencing"):
            if self.take().text in ("starting", "commencing") and self.at_word("from"):
                self.take()  # "starting from July 2026"
            return self._open_start()
        if self.at_word("by", "until", "to", "till", "through") or self._at_no_later_than():
            if self.take().text == "through" and self.at_word("to"):
                self.take()  # "through to March 2027"
            return self._deadline()
        if self.at_word("between"):
            return self._between()
        if self.at_word("before"):
            self.take()
            spans = self._spans()
            self.expect_end()
            return Expression(Form.BEFORE, spans)
        spans = self._spans()
        if self.at_word("onwards", "onward") or self._at_and_beyond():
            self.take()
            self.expect_end()
            return Expression(Form.OPEN, spans)
        self._labels_after(spans)
        recurrence = self.recurrence_after()
        self.expect_end()  # before resolving: "Q4 25/" is a typo, not a year-less quarter
        return Expression(Form.DATES, spans, recurrence)

    def _recurring(self, recurrence: str) -> Expression:
        """After "Quarterly", "every September" ...: the dates it runs in, or none."""
        if self.at_word("up") and self.at_word("to", offset=1):
            self.take()
        if self.at_word("by", "until", "to", "till"):
            self.take()
            return replace(self._deadline(), recurrence=recurrence)
        if self.at_word("from", "starting"):
            self.take()
            return replace(self._open_start(), recurrence=recurrence)
        if not any(token.is_dated for token in self.rest()):
            month = self._month_named()  # "Annually in March": March of each year
            if month is not None:
                return replace(month, recurrence=recurrence)
            self.index = len(self.tokens)  # "Every August in line with the annual report"
            return Expression(Form.ONGOING, recurrence=recurrence)
        if self.at_word("in", "during"):
            self.take()
        spans = self._spans()
        self.expect_end()
        return Expression(Form.DATES, spans, recurrence)

    def _month_named(self) -> Expression | None:
        """ "in March", "during September", "March": a month with no year that ends the
        expression (taken), or None with nothing taken."""
        start = self.index
        if self.at_word("in", "during"):
            self.take()
        token = self.peek()
        if token is None or token.kind is not TokenKind.WORD or token.text not in MONTHS:
            self.index = start
            return None
        try:
            spans = self._spans()
            self.expect_end()
        except DateError:
            self.index = start
            return None
        return Expression(Form.DATES, spans)

    def _at_and_beyond(self) -> bool:
        """ "2023 and beyond" (takes "and", leaves "beyond"): as "2023 onwards"."""
        if self.at_word("and") and self.at_word("beyond", offset=1):
            self.take()
            return True
        return False

    def _refuse_for_a_month(self) -> None:
        """ "for early 2017" is the window; "in place for April 2026" is ready by 1 April or
        during April, so "for" before a month is refused with both readings."""
        token = self.take()
        if self.at_word(*MONTHS):
            month = self.peek()
            assert month is not None
            name = self.written(month)
            raise self.error(
                f"'for {name} …' is ambiguous: ready by the first day of {name}, or during it?",
                token.position,
                f"write '1 {name.capitalize()} …' or 'by {name} …'",
            )

    def _between(self) -> Expression:
        """ "between December 2024 and February 2025": the range."""
        self.take()
        first = self.term_end_of()
        if not self.at_word("and"):
            raise self.error("'between' needs 'and'", None, "write 'between <date> and <date>'")
        self.take()
        span = Span(first, self.term_end_of(), Joint.TO)
        self.expect_end()
        return Expression(Form.DATES, (span,))

    def _done(self) -> Expression:
        """ "Complete", "Completed January 2016": a status written where the date goes; the
        work is done, so there is no deadline left (a date after it is when it was done).
        "Complete by March 2026" may be an instruction with a deadline: refused."""
        word = self.take()
        if self.at_word("in", "on"):
            self.take()
        if not self.done():
            try:
                spans = self._spans()
            except DateError:
                spans = ()
            if not spans or not self.done():
                raise self.error(
                    f"'{self.written(word)} …': is the work done, or due then?",
                    word.position,
                    "write 'by <date>' for a deadline, or 'complete' and the date in notes",
                )
        return Expression(Form.ONGOING)

    def _labelled_day(self) -> Expression | None:
        """ "CEs Report 11/08/09", "the IJB meeting on 25 June 2020", "End Date 17 October
        2018": words naming an occasion, then one exact day, and nothing else. Only a day (a
        month could be a span the words qualify), and never after words that change what
        the day means ("not", "after", "deferred" ...)."""
        start = self.index
        while self.at(TokenKind.WORD) and (
            self._is_label(self.peek())  # type: ignore[arg-type]
            or (self.at_word("end", "due", "target") and self.at_word("date", offset=1))
        ):
            self.take()
        if self.index == start or not self._at_day():
            self.index = start
            return None
        term = self.term()
        if term.kind is not Kind.DAY or not self.done():
            self.index = start
            return None
        return Expression(Form.DATES, (Span(term),))

    def _is_label(self, token: Token) -> bool:
        return token.text not in GRAMMAR_WORDS or token.text in LABEL_WORDS

    def _at_day(self) -> bool:
        token = self.peek()
        if token is None:
            return False
        if token.kind in (TokenKind.ISO, TokenKind.NUMDATE):
            return True
        return token.kind is TokenKind.NUM and self.at_word(*MONTHS, offset=1)

    def _labels_after(self, spans: tuple[Span, ...]) -> None:
        """ "08.11.2023 Review": words naming the occasion after one exact day are a label."""
        last = spans[-1]
        if len(spans) != 1 or last.last is not None or last.first.kind is not Kind.DAY:
            return
        rest = self.rest()
        if rest and all(t.kind is TokenKind.WORD and t.text not in GRAMMAR_WORDS for t in rest):
            self.index = len(self.tokens)

    def _at_no_later_than(self) -> bool:
        """Takes "no later" of "no later than" and leaves "than" to be taken."""
        if self.at_word("no") and self.at_word("later", offset=1):
            self.take()
            self.take()
            if not self.at_word("than"):
                raise self.error("expected 'no later than'")
            return True
        return False

    def _at_no_deadline_phrase(self) -> bool:
        """ "across the year" (as "throughout the year"): no deadline."""
        return any(
            all(self.at_word(word, offset=i) for i, word in enumerate(phrase))
            for phrase in NO_DEADLINE_PHRASES
        )

    def _rule_ongoing(self) -> Expression:
        """ "ongoing", "ongoing throughout", "ongoing from May 2016", "ongoing to Q4 2025/26"."""
        self.take()
        recurrence = self.recurrence_before()  # "Ongoing quarterly", "ongoing - annually"
        if recurrence is not None:
            return self._recurring(recurrence)
        if self.at_word("from"):
            self.take()
            return self._open_start()
        if self.at_word("to", "until", "till", "by") or self._at_up_to():
            self.take()
            return self._deadline()
        return self._ongoing()

    def _at_up_to(self) -> bool:
        """ "ongoing up to Q4 25/26": leaves "to" to be taken."""
        if self.at_word("up") and self.at_word("to", offset=1):
            self.take()
            return True
        return False

    def _ongoing(self) -> Expression:
        """No window: "ongoing", "TBC", "ongoing for the duration of the pandemic".

        Words may follow, but not a date: "TBC March 2026" or "throughout 2022" would
        otherwise lose a deadline its author wrote down.
        """
        for token in self.rest():
            if token.is_dated:
                raise self.error(
                    f"'{self.written(self.tokens[0])}' with a date: is there a deadline or not?",
                    token.position,
                    "write the date alone, 'ongoing to <date>' for a deadline, or 'ongoing' "
                    "and keep the words in notes",
                )
        return Expression(Form.ONGOING)

    def _deadline(self) -> Expression:
        spans = self._spans()
        recurrence = self.recurrence_after()  # "By end of March annually"
        self.expect_end()
        return Expression(Form.DEADLINE, spans, recurrence)

    def _open_start(self) -> Expression:
        """ "from July 2016" starts then with no deadline; "from July 2016 to March 2017"
        names its end, so it is the range it reads as."""
        spans = self._spans()
        onwards = self.at_word("onwards", "onward")
        if onwards:
            self.take()
        self.expect_end()
        if not onwards and any(span.is_range for span in spans):
            return Expression(Form.DATES, spans)
        return Expression(Form.OPEN, spans)

    # --- several: "Q1 & Q3 26/27", "June 2016, September 2016" ---

    def _spans(self) -> tuple[Span, ...]:
        spans = [self._span()]
        while True:
            if self.at(TokenKind.AMP) or self.at(TokenKind.COMMA) or self._at_and_another():
                self.take()
            elif not (spans[-1].first.kind is Kind.DAY and self.at(TokenKind.NUMDATE)):
                break  # "13.09.2023 08.11.2023": a re-dated cell keeps both; the later wins
            spans.append(self._span())
        return tuple(spans)

    def _at_and_another(self) -> bool:
        """ "Q1 and Q3 26/27", but not "2023 and beyond" or "July 2023 and ongoing"."""
        return self.at_word("and") and not self.at_word(*_NOT_A_LIST, offset=1)

    # --- range: "July – November 2021", "Q1–Q2 26/27", "April to June" ---

    def _span(self) -> Span:
        shared = self._shared_month_or_year()
        if shared is not None:
            return shared
        first = self.term_end_of()
        if self.at(TokenKind.DASH) or self.at_word("to", "until", "till", "through", "thru"):
            word = self.take()
            joint = Joint.DASH if word.kind is TokenKind.DASH else Joint.TO
            if word.text in ("through", "thru") and self.at_word("to"):
                self.take()  # "through to"
            return Span(first, self._right_of(first), joint)
        if self.at(TokenKind.SLASH) or self.at_word("or"):
            slash = self.take()
            last = self.term_end_of()
            self._check_either_or(first, last, slash)
            return Span(first, last, Joint.EITHER)
        return Span(first)

    def _shared_month_or_year(self) -> Span | None:
        """ "7-9 October 2025", "early or mid October": the left names only a day or a part,
        and takes the rest (month, year) from the right as written."""
        token, joint = self.peek(), self.peek(1)
        if token is None or joint is None:
            return None
        joined = joint.kind in (TokenKind.DASH, TokenKind.SLASH) or self.at_word(
            "or", "to", offset=1
        )
        if not joined:
            return None
        if token.kind is TokenKind.NUM and len(token.text) <= 2 and self.at(TokenKind.NUM, 2):
            if not self.at_word(*MONTHS, offset=3) or self.at_word(*MONTHS, offset=1):
                return None
            self.take()
            self.take()
            right = self.term()
            return Span(self._day_like(right, int(token.text), token.position), right, Joint.DASH)
        if (
            token.kind is TokenKind.WORD
            and token.text in PART_WORDS
            and self.at_word(*PART_WORDS, offset=2)
        ):
            self.take()
            either = self.take().kind is TokenKind.SLASH or joint.text == "or"
            right = self.term()
            if right.kind not in (Kind.PART_OF_MONTH, Kind.PART_OF_YEAR):
                raise self.error("'early', 'mid' and 'late' need a month or a year", right.position)
            left = replace(right, part=PART_WORDS[token.text], position=token.position)
            return Span(left, right, Joint.EITHER if either else Joint.DASH)
        return None

    def _day_like(self, right: Term, number: int, position: int) -> Term:
        if right.kind is Kind.DAY and right.day is not None:
            day = checked_day(self.text, right.day.year, right.day.month, number, position)
            return Term(Kind.DAY, position, day=day)
        if right.kind is Kind.DAY_NO_YEAR:
            return Term(Kind.DAY_NO_YEAR, position, number=number, month=right.month)
        raise self.error("a day needs its month", position, "write e.g. '7-9 October 2025'")

    def _right_of(self, first: Term) -> Term:
        """The right of a range; after a year, "2026 to 27" may shorten the second year."""
        token = self.peek()
        short = token is not None and token.kind is TokenKind.NUM and len(token.text) == 2
        if first.year and first.kind is Kind.YEAR and short and not self.at_word(*MONTHS, offset=1):
            token = self.take()
            year = first.year - first.year % 100 + int(token.text)
            year += 100 if year < first.year else 0  # "1999 to 00"
            return Term(Kind.YEAR, token.position, year=year)
        return self.term_end_of()

    def _check_either_or(self, first: Term, last: Term, slash: Token) -> None:
        """ "Aug/Sept 2016" (seed 003) means one month or the other: read as the range.

        Only months or seasons: "2025 / 2026" or "Q1/Q2" could as well mean a financial year
        or a typo, so they are refused rather than guessed.
        """
        if not {first.kind, last.kind} <= _EITHER_KINDS:
            raise self.error(
                "a '/' between dates joins two months or two seasons",
                slash.position,
                "write e.g. 'Aug/Sept 2016', or a range such as 'Q1–Q2 26/27'",
            )


def _bracket(text: str, year_start: int) -> Expression | None:
    """What a bracket states, when it is a date or a recurrence; None for a remark."""
    try:
        return Parser(text, year_start).expression()
    except DateError:
        return None
