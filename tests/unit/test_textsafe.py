"""The rules of plantrack.textsafe, with the attacks they stop."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plantrack.textsafe import (
    from_spreadsheet_text,
    markdown_text,
    spreadsheet_text,
    visible_controls,
)


@pytest.mark.parametrize(
    "attack",
    ["=1+1", "+SUM(A1)", "-2+3", "@SUM(A1)", "\t=1", "\r=1", '=WEBSERVICE("http://evil/")'],
)
def test_a_formula_start_is_made_text(attack: str) -> None:
    assert spreadsheet_text(attack) == "'" + attack


@pytest.mark.parametrize("plain", ["Head of Housing", "", "1+1", "a=b", "'quoted"])
def test_plain_text_is_unchanged(plain: str) -> None:
    assert spreadsheet_text(plain) == plain


@given(st.text())
def test_the_spreadsheet_guard_round_trips(text: str) -> None:
    assert from_spreadsheet_text(spreadsheet_text(text)) == text


def test_controls_are_shown_not_obeyed() -> None:
    assert visible_controls("a\x1b[31mb\x7fc\x9bd") == "a\\x1b[31mb\\x7fc\\x9bd"
    assert visible_controls("line\nnext\ttab") == "line\nnext\ttab"
    assert visible_controls("line\nnext", keep_newlines=False) == "line\\nnext"


@given(st.text())
def test_no_control_character_survives(text: str) -> None:
    shown = visible_controls(text)
    assert not any(ord(c) < 32 and c not in "\n\t" or 0x7F <= ord(c) <= 0x9F for c in shown)


@pytest.mark.parametrize(
    ("attack", "escaped"),
    [
        ("<img src=x onerror=alert(1)>", r"\<img src=x onerror=alert\(1\)\>"),
        ("[Approved by CEO](https://evil)", r"\[Approved by CEO\]\(https://evil\)"),
        ("a | b", r"a \| b"),
        ("*bold* _em_ `code`", r"\*bold\* \_em\_ \`code\`"),
        ("two\nlines", "two lines"),
    ],
)
def test_markdown_text_escapes_what_a_renderer_acts_on(attack: str, escaped: str) -> None:
    assert markdown_text(attack) == escaped
