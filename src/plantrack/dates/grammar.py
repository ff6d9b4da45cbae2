"""Whole date expressions: tokens -> an ``Expression`` (form and spans), nothing resolved.

The rules of dates.md above the simple forms: "ongoing ...", "from ...", "by ..." and
"no later than ...", "before ...", "... onwards", ranges ("July – November 2021"), either-or
("Aug/Sept 2016") and lists ("Q1 & Q3 26/27"). Simple forms are read by ``terms``.
"""

from __future__ import annotations

from plantrack.dates.lexer import T, Token
from plantrack.dates.terms import TermReader
from plantrack.dates.tree import Expression, Form, Joint, Kind, Span, Term
from plantrack.dates.words import NO_DEADLINE_PHRASES, NO_DEADLINE_WORDS

# Words after a leading dash that still start their own rule ("– from July 2016").
_RULE_WORDS = ("ongoing", "from", "by", "end", "until", "to", "before")


class Parser(TermReader):
    """Recursive descent over one expression's tokens; one method per row of dates.md."""

    def expression(self) -> Expression:
        if not self.tokens:
            raise self.error("empty date", 0, "write e.g. 'Q4 2025/26' or 'ongoing'")
        while self.at(T.DASH):  # "– July 2016"
            self.take()
            if self.done():
                raise self.error("a dash alone is not a date", 0)
            if not self.at_word(*_RULE_WORDS):
                return self._deadline()
        if self.at_word("ongoing"):
            return self._rule_ongoing()
        if self.at_word(*NO_DEADLINE_WORDS) or self._at_no_deadline_phrase():
            return self._ongoing()
        if self.at_word("from", "starting", "since"):
            self.take()
            return self._open_start()
        if self.at_word("by", "until", "to", "till") or self._at_no_later_than():
            self.take()
            return self._deadline()
        if self.at_word("before"):
            self.take()
            spans = self._spans()
            self.expect_end()
            return Expression(Form.BEFORE, spans)
        spans = self._spans()
        if self.at_word("onwards", "onward"):
            self.take()
            self.expect_end()
            return Expression(Form.OPEN, spans)
        self.expect_end()  # before resolving: "Q4 25/" is a typo, not a year-less quarter
        return Expression(Form.DATES, spans)

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
        self.expect_end()
        return Expression(Form.DEADLINE, spans)

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
        while self.at(T.AMP) or self.at(T.COMMA) or self.at_word("and"):
            self.take()
            spans.append(self._span())
        return tuple(spans)

    # --- range: "July – November 2021", "Q1–Q2 26/27", "April to June" ---

    def _span(self) -> Span:
        first = self.term_end_of()
        if self.at(T.DASH) or self.at_word("to", "until", "till"):
            self.take()
            return Span(first, self.term_end_of(), Joint.THROUGH)
        if self.at(T.SLASH):
            slash = self.take()
            last = self.term_end_of()
            self._check_either_or(first, last, slash)
            return Span(first, last, Joint.EITHER)
        return Span(first)

    def _check_either_or(self, first: Term, last: Term, slash: Token) -> None:
        """ "Aug/Sept 2016" (seed 003) means one month or the other: read as the range.

        Only months or seasons: "2025 / 2026" or "Q1/Q2" could as well mean a financial year
        or a typo, so they are refused rather than guessed.
        """
        if not {first.kind, last.kind} <= {Kind.MONTH, Kind.SEASON}:
            raise self.error(
                "a '/' between dates joins two months or two seasons",
                slash.position,
                "write e.g. 'Aug/Sept 2016', or a range such as 'Q1–Q2 26/27'",
            )
