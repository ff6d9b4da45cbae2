"""Financial calendars and the date grammar of docs/reference/dates.md.

Council plans write target dates as people say them ("Q4 25/26", "Autumn 2016", "by March
2017", "July – November 2021", "Ongoing"). ``dateutil``'s parser guesses at such text, so
plantrack reads it with a small explicit grammar instead, in layers (each imports only those
above it in this list):

- ``errors``: ``DateError``, carrying the column where reading stopped and a suggested fix;
- ``calendar``: ``Quarter``, ``FinancialCalendar`` (no parsing);
- ``words``: the vocabulary (months, seasons, parts) and "did you mean" suggestions;
- ``lexer``: text -> tokens that keep their column;
- ``tree``, ``terms``, ``grammar``: tokens -> an immutable ``Expression``;
- ``window``, ``resolve``: expression + calendar -> ``Window`` (year lending, end of, ranges);
- ``read``: the entry points re-exported here.

Pure standard library plus ``dateutil.relativedelta``; no Typer, rich or pydantic, so the
CLI, validation and reports share exactly one reading.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from plantrack.dates.calendar import MAX_QUARTERS, MAX_YEAR, MIN_YEAR, FinancialCalendar, Quarter
from plantrack.dates.errors import DateError

if TYPE_CHECKING:
    from plantrack.dates.lexer import Token, tokenise
    from plantrack.dates.read import (
        MAX_LENGTH,
        as_at_day,
        parse,
        parse_financial_year,
        parse_quarter,
    )
    from plantrack.dates.window import Window
    from plantrack.dates.words import MONTHS, SEASONS, parse_month

# The grammar loads on first use (PEP 562): a report served from the cache for today's
# quarters needs the calendar, never the parser (bench/README.md, C).
_LAZY = {
    "Token": "lexer",
    "tokenise": "lexer",
    "MAX_LENGTH": "read",
    "as_at_day": "read",
    "parse": "read",
    "parse_financial_year": "read",
    "parse_quarter": "read",
    "Window": "window",
    "MONTHS": "words",
    "SEASONS": "words",
    "parse_month": "words",
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'plantrack.dates' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"plantrack.dates.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "DateError",
    "FinancialCalendar",
    "MAX_LENGTH",
    "MAX_QUARTERS",
    "MAX_YEAR",
    "MIN_YEAR",
    "MONTHS",
    "Quarter",
    "SEASONS",
    "Token",
    "Window",
    "as_at_day",
    "parse",
    "parse_financial_year",
    "parse_month",
    "parse_quarter",
    "tokenise",
]
