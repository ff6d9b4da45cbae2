"""Days and quarters named once, read in each plan's calendar."""

from __future__ import annotations

from datetime import date

import pytest

from plantrack.errors import BadValue
from plantrack.period import parse_day


def test_a_day_is_read_as_iso_text():
    assert parse_day(" 2026-03-31 ") == date(2026, 3, 31)


@pytest.mark.parametrize("text", ["20261201", "2026W201", "2026-W20-1", "2026-3-31", "31/03/2026"])
def test_only_yyyy_mm_dd_is_a_day_on_every_python(text):
    """Python 3.11's fromisoformat also takes week dates and basic forms, 3.10 does not:
    the CLI accepts the same days on both."""
    with pytest.raises(BadValue, match=rf"^deadline: '{text}' is not an ISO date"):
        parse_day(text, "deadline")
