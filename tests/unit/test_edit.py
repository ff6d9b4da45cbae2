"""``edit.py``: a value written as a YAML scalar that reads back as the same text."""

from __future__ import annotations

import pytest

from plantrack.plan.edit import render_scalar


@pytest.mark.parametrize(
    ("value", "style", "expected"),
    [
        ("completed", "", "completed"),
        ("no", "", '"no"'),
        ("1.10", "", '"1.10"'),
        ("a: b", "", '"a: b"'),
        ("it's", "'", "'it''s'"),
        ("x", '"', '"x"'),
        ("2026-03-31", "", "2026-03-31"),
    ],
)
def test_render_scalar(value, style, expected):
    assert render_scalar(value, style) == expected
