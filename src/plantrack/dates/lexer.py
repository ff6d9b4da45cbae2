"""Date text -> tokens that keep their column, and a cursor the grammar reads them with.

One regular expression names every kind of token; a remark in parentheses, spaces and full
stops are dropped here so the grammar never sees them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from plantrack.dates.errors import DateError


class TokenKind(Enum):
    """Token kinds (the group names of ``_TOKEN``)."""

    REMARK = "remark"
    ISO = "iso"
    NUMDATE = "numdate"
    YY = "yy"
    FYPAIR = "fypair"
    PAIR = "pair"
    FY = "fy"
    QUARTER = "quarter"
    NUM = "num"
    WORD = "word"
    DASH = "dash"
    AMP = "amp"
    COMMA = "comma"
    SLASH = "slash"
    DOT = "dot"
    SPACE = "space"


_TOKEN = re.compile(
    r"""
    (?P<remark>\([^()]*\))
  | (?P<iso>\d{4}-\d{2}-\d{2})(?![\d/-])
  | (?P<numdate>\d{1,2}(?P<sep>[/.])\d{1,2}(?P=sep)(?:\d{4}|\d{2}))(?![\d/])(?!\.\d)
  | (?P<yy>['‘’`]\d{2})(?!\d)
  | (?P<fypair>fy\s?\d{2,4}\s?[/\-–—]\s?\d{2,4})
  | (?P<pair>\d{2,4}[/\-–—]`?\d{2,4})(?![\d/])
  | (?P<fy>fy)(?![a-z])
  | (?P<quarter>q\d+)(?![a-z])
  | (?P<num>\d+)(?:st|nd|rd|th)?(?![a-z])
  | (?P<word>n/a|w/c|w/b|[a-z]+)
  | (?P<dash>[-–—→])
  | (?P<amp>&|\+)
  | (?P<comma>[,;])
  | (?P<slash>/)
  | (?P<dot>\.)
  | (?P<space>\s+)
    """,
    re.VERBOSE,
)
_DROPPED = (TokenKind.SPACE, TokenKind.REMARK, TokenKind.DOT)


@dataclass(frozen=True)
class Token:
    kind: TokenKind
    text: str  # lower-cased
    position: int

    @property
    def is_year(self) -> bool:
        """A four-digit number on its own ("2026"), not "26" or "9th"."""
        return self.kind is TokenKind.NUM and len(self.text) == 4 and self.text.isdigit()

    @property
    def is_dated(self) -> bool:
        """Whether this token alone shows a date was written: a year, a day, a pair, a quarter."""
        if self.kind in (
            TokenKind.ISO,
            TokenKind.NUMDATE,
            TokenKind.PAIR,
            TokenKind.FYPAIR,
            TokenKind.QUARTER,
            TokenKind.YY,
        ):
            return True
        return self.kind is TokenKind.NUM and len(self.text) == 4


def tokenise(text: str, remarks: list[Token] | None = None) -> list[Token]:
    """Tokens of ``text`` (lower-cased) with their offsets; remarks in (...) left out, or
    put in ``remarks`` (with their written case) when it is given."""
    tokens = []
    lowered = text.lower()
    position = 0
    while position < len(lowered):
        match = _TOKEN.match(lowered, position)
        if match is None:
            raise DateError(text, position, f"unexpected '{text[position]}' in a date")
        kind = TokenKind(match.lastgroup)
        value = match.group(match.lastgroup or "")
        if kind is TokenKind.PAIR and _is_year_span(value):
            tokens.extend(_year_span_tokens(value, position))
        elif kind is TokenKind.REMARK and remarks is not None:
            remarks.append(Token(kind, text[position : match.end()], position))
        elif kind not in _DROPPED:
            tokens.append(Token(kind, value, position))
        position = match.end()
    return tokens


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
        Token(TokenKind.NUM, pair[:4], position),
        Token(TokenKind.DASH, pair[4], position + 4),
        Token(TokenKind.NUM, pair[5:], position + 5),
    ]


class Cursor:
    """A position in the tokens of one expression, with the errors that point into it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.remarks: list[Token] = []
        self.tokens = tokenise(text, self.remarks)
        self.index = 0

    def peek(self, offset: int = 0) -> Token | None:
        at = self.index + offset
        return self.tokens[at] if at < len(self.tokens) else None

    def take(self) -> Token:
        token = self.peek()
        if token is None:
            raise self.error("the date stops too early", len(self.text))
        self.index += 1
        return token

    def at(self, kind: TokenKind, offset: int = 0) -> bool:
        token = self.peek(offset)
        return token is not None and token.kind is kind

    def at_word(self, *words: str, offset: int = 0) -> bool:
        token = self.peek(offset)
        return token is not None and token.kind is TokenKind.WORD and token.text in words

    def done(self) -> bool:
        return self.index >= len(self.tokens)

    def rest(self) -> list[Token]:
        return self.tokens[self.index :]

    def written(self, token: Token) -> str:
        """The token as the author wrote it (tokens are lower-cased)."""
        return self.text[token.position : token.position + len(token.text)]

    def error(
        self, message: str, position: int | None = None, suggestion: str | None = None
    ) -> DateError:
        if position is None:
            token = self.peek()
            position = token.position if token else len(self.text)
        return DateError(self.text, position, message, suggestion)
