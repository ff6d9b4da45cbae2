"""``usecases/sheet.py``: cells cleaned of what conversion to a spreadsheet left behind."""

from __future__ import annotations

import pytest

from plantrack.usecases.sheet import clean


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("<p>Deliver <i>this</i> now</p> <p>and that</p>", "Deliver this now and that"),
        ("Framework</i> , which", "Framework, which"),
        ("A &amp; B • C", "A & B C"),
    ],
)
def test_clean_removes_conversion_debris(cell, expected):
    assert clean(cell) == expected
