"""The rules of plantrack.textsafe, with the attacks they stop."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plantrack.textsafe import (
    csv_text,
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
        ("<img src=x onerror=alert(1)>", r"\<img src=x onerror=alert(1)\>"),
        ("[Approved by CEO](https://evil)", r"\[Approved by CEO\](https://evil)"),
        ("a | b", r"a \| b"),
        ("*bold* _em_ `code`", r"\*bold\* \_em\_ \`code\`"),
        ("two\nlines", "two lines"),
    ],
)
def test_markdown_text_escapes_what_a_renderer_acts_on(attack: str, escaped: str) -> None:
    assert markdown_text(attack) == escaped


@pytest.mark.parametrize(
    ("attack", "escaped"),
    [
        ("# Heading", r"\# Heading"),
        ("- list item", r"\- list item"),
        ("+ list item", r"\+ list item"),
        ("---", r"\---"),
        ("12. ordered", r"12\. ordered"),
        ("1) ordered", r"1\) ordered"),
        ("    code block", "code block"),
        ("&lt;script&gt;", r"\&lt;script\&gt;"),
        ("~~struck~~", r"\~\~struck\~\~"),
        ("back\\slash", r"back\\slash"),
        ("a\x1b[31mred", r"a\\x1b\[31mred"),
        ("right\u202eto left", r"right\\u202eto left"),
    ],
)
def test_markdown_text_escapes_line_starts_entities_and_controls(attack, escaped) -> None:
    assert markdown_text(attack, line_start=True) == escaped


@pytest.mark.parametrize("inline", ["+92 days", "- none", "# 3", "12. x"])
def test_line_starts_are_left_alone_inside_a_line(inline: str) -> None:
    assert markdown_text(inline) == inline


@pytest.mark.parametrize("plain", ["2026-03-31", "3.11.a", "1 (33%) done", "Q4 25/26", "a # b"])
def test_markdown_text_leaves_what_renders_as_written_alone(plain: str) -> None:
    assert markdown_text(plain, line_start=True) == plain


# --- properties: what a real CommonMark renderer makes of the escaped text ---------------------

markdown_it = pytest.importorskip("markdown_it")  # rich's own dependency
RENDERER = markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"])
TAG = re.compile(r"<[^>]*>")


def _rendered_text(markdown: str) -> tuple[str, str]:
    """The HTML, and the text it shows (tags dropped, entities read)."""
    out = RENDERER.render(markdown)
    return out, " ".join(html.unescape(TAG.sub(" ", out)).split())


@given(st.text())
def test_markdown_text_renders_as_the_text_written(text: str) -> None:
    out, shown = _rendered_text(markdown_text(text, line_start=True))
    assert shown == " ".join(visible_controls(text).split())
    # Nothing but a paragraph: no heading, list, rule, code, link, image, emphasis or tag.
    assert set(re.findall(r"<(\w+)", out)) <= {"p"}


@given(st.text(), st.text())
def test_a_markdown_cell_stays_in_its_column(first: str, second: str) -> None:
    table = f"| a | b |\n| --- | --- |\n| {markdown_text(first)} | {markdown_text(second)} |\n"
    out = RENDERER.render(table)
    body = out.split("<tbody>")[1] if "<tbody>" in out else ""
    cells = re.findall(r"<td>(.*?)</td>", body, re.S)
    assert len(cells) == 2
    shown = [" ".join(html.unescape(TAG.sub(" ", cell)).split()) for cell in cells]
    assert shown == [" ".join(visible_controls(t).split()) for t in (first, second)]


@given(st.text())
def test_a_csv_cell_never_starts_a_formula_nor_holds_a_control(text: str) -> None:
    cell = csv_text(text)
    assert not cell.startswith(("=", "+", "-", "@", "\r")) or cell.startswith("'")
    assert cell.startswith("'") or not cell.startswith("\t")
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", cell)


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        (-3, "-3"),
        (2.5, "2.5"),
        ("-3", "'-3"),
        ('=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'),
        ("\x1b[2J", r"\x1b[2J"),
        ("\r=1", r"\x0d=1"),
        ("\t=1", "'\t=1"),
        (None, ""),
        (True, "True"),
    ],
)
def test_csv_text_neutralises_text_and_keeps_numbers(value, cell) -> None:
    assert csv_text(value) == cell


def test_controls_beyond_latin_1_are_shown_with_four_digits() -> None:
    assert visible_controls("a\u2066b\u2069") == "a\\u2066b\\u2069"
