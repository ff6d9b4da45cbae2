"""``plan/edit.py``: a value written as a YAML scalar that reads back as the same text, and
splices that change only the characters asked for (the golden files: test_update.py).

The tests after ``test_render_scalar`` were written against ``make mutate`` survivors
(tests/README.md, "Mutation testing"): each fixes one choice of the splicer exactly."""

from __future__ import annotations

import pytest

from plantrack.plan.edit import Edit, render_scalar, splice_values
from plantrack.plan.load import load_text
from plantrack.plan.status import Status, Vocabulary


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


# --- rendering ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "style", "flow", "expected"),
    [
        ("yes", "'", False, "'yes'"),  # single quotes kept where they were
        ("one", "|", False, "one"),  # a short value leaves block style
        ("one", ">", False, "one"),
        ("café: x", "", False, '"café: x"'),  # double quotes keep letters, not \\u escapes
        ("café", '"', False, '"café"'),
        ("a, b", "", False, "a, b"),
        ("a, b", "", True, '"a, b"'),  # a comma ends a value inside { }
        ("a\nb", "", True, '"a\\nb"'),  # no block inside { }
        ("a" * 120, "", True, "a" * 120),  # nor for a long value
    ],
)
def test_render_scalar_in_its_context(value, style, flow, expected):
    assert render_scalar(value, style, 0, flow) == expected


def test_a_block_at_the_top_level_is_indented_by_two():
    assert render_scalar("a\nb") == "|-\n  a\n  b\n"


def test_a_hundred_characters_stay_on_the_line_and_more_become_a_folded_block():
    assert render_scalar("a" * 100) == "a" * 100
    assert render_scalar("a" * 101, "", 4) == ">-\n      " + "a" * 101 + "\n"


def test_a_folded_block_wraps_at_88_columns_with_its_indent():
    value = "a" * 80 + " bb " + "c" * 40  # "a…a bb" is 83 characters: one too many
    assert render_scalar(value, "", 4) == ">-\n      " + "a" * 80 + "\n      bb " + "c" * 40 + "\n"
    shorter = "a" * 79 + " bb " + "c" * 40  # 82 with its pad of 6: fits
    assert (
        render_scalar(shorter, "", 4) == ">-\n      " + "a" * 79 + " bb\n      " + "c" * 40 + "\n"
    )


def test_a_deep_folded_block_still_gets_forty_characters_a_line():
    pad = " " * 62
    value = "a" * 38 + " bb " + "c" * 80  # "a…a bb" is 41 characters
    assert render_scalar(value, "", 60) == f">-\n{pad}{'a' * 38}\n{pad}bb\n{pad}{'c' * 80}\n"
    fits = "a" * 37 + " bb " + "c" * 80
    assert render_scalar(fits, "", 60) == f">-\n{pad}{'a' * 37} bb\n{pad}{'c' * 80}\n"


def test_a_folded_block_breaks_neither_long_words_nor_hyphens():
    long_word = "x " + "y" * 110
    assert render_scalar(long_word, "", 4) == ">-\n      x\n      " + "y" * 110 + "\n"
    hyphen = "a" * 75 + " well-known " + "c" * 30
    assert render_scalar(hyphen, "", 4) == (
        ">-\n      " + "a" * 75 + "\n      well-known " + "c" * 30 + "\n"
    )


@pytest.mark.parametrize(
    ("value", "newline", "expected"),
    [
        ("a\nb", "\n", "|-\n    a\n    b\n"),
        ("a\n\nb\n", "\n", "|\n    a\n\n    b\n"),  # a blank line has no trailing spaces
        ("a\nb", "\r\n", "|-\r\n    a\r\n    b\r\n"),
    ],
)
def test_line_breaks_make_a_literal_block_that_keeps_them(value, newline, expected):
    assert render_scalar(value, "", 2, False, newline) == expected


# --- splicing -----------------------------------------------------------------------------

ITEM = "id: p\nactions:\n  - id: A1\n"


def spliced(text: str, values: dict[str, str], vocabulary: Vocabulary | None = None):
    doc = load_text(text)
    if vocabulary is None:
        return splice_values(doc, ("actions", 0), values)
    return splice_values(doc, ("actions", 0), values, vocabulary)


def test_a_file_without_a_final_line_break_is_edited_on_its_last_line():
    text = ITEM + "    status: open"
    assert spliced(text, {"status": "done"}) == (
        ITEM + "    status: done",
        {"status": ("open", "done")},
    )
    assert spliced(text, {"rationale": "why"})[0] == ITEM + "    status: open\n    rationale: why"
    assert spliced(text, {"status": "done", "rationale": "why"})[0] == (
        ITEM + "    status: done\n    rationale: why"
    )
    assert (
        spliced(text, {"rationale": "Plan X"})[0]
        == ITEM + "    status: open\n    rationale: Plan X"
    )


def test_a_crlf_file_gets_crlf_lines():
    text = (ITEM + "    status: open\n").replace("\n", "\r\n")
    new, _ = spliced(text, {"rationale": "why", "notes": "a\nb"})
    assert new == text + "    rationale: why\r\n    notes: |-\r\n      a\r\n      b\r\n"


@pytest.mark.parametrize(
    ("before", "key", "inserted"),
    [
        ('    title: "Quoted"\n', "description", '    description: "x"\n'),
        ("    title: 'Quoted'\n", "description", "    description: 'x'\n"),
        ('    title: "Quoted"\n', "measure", '    measure: "x"\n'),
        ('    status: "open"\n', "rationale", '    rationale: "x"\n'),
        ('    rationale: "why"\n', "notes", '    notes: "x"\n'),
        ("    rationale: |\n      why\n", "notes", "    notes: x\n"),  # only quotes are copied
        ('    due: "Q4 25/26"\n', "status", "    status: x\n"),  # not free text
    ],
)
def test_new_free_text_is_quoted_like_the_sibling_before_it(before, key, inserted):
    new, _ = spliced(ITEM + before, {key: "x"})
    assert new == ITEM + before + inserted


def test_a_new_title_is_quoted_like_a_quoted_id():
    text = 'id: p\nactions:\n  - id: "A1"\n'
    assert spliced(text, {"title": "x"})[0] == text + '    title: "x"\n'


def test_a_key_goes_after_the_last_sibling_that_comes_before_it_in_key_order():
    text = ITEM + "    status: open\n    title: T\n    notes: n\n"
    assert spliced(text, {"description": "d"})[0] == (
        ITEM + "    status: open\n    title: T\n    description: d\n    notes: n\n"
    )
    assert spliced(ITEM + "    notes: n\n", {"title": "T"})[0] == (
        ITEM + "    title: T\n    notes: n\n"
    )


def test_a_key_after_a_block_goes_after_the_block_and_its_blank_lines():
    text = ITEM + "    rationale: |\n      why\n\n    notes: n\n"
    assert spliced(text, {"as_of": "2026-03-31"})[0] == (
        ITEM + "    rationale: |\n      why\n\n    as_of: 2026-03-31\n    notes: n\n"
    )


def test_a_key_after_a_two_line_plain_value_goes_after_both_lines():
    text = ITEM + "    title: a long\n      title\n    notes: n\n"
    assert spliced(text, {"due": "Q4 25/26"})[0] == (
        ITEM + "    title: a long\n      title\n    due: Q4 25/26\n    notes: n\n"
    )


def test_keys_added_to_a_flow_item_keep_key_order():
    text = "id: p\nactions:\n  - {id: A1, title: T}\n"
    new, _ = spliced(text, {"rationale": "why", "status": "done"})
    assert new == "id: p\nactions:\n  - {id: A1, title: T, status: done, rationale: why}\n"


def test_a_long_value_replacing_a_plain_one_keeps_the_comment_on_its_line():
    text = ITEM + "    rationale: short  # note\n    notes: n\n"
    new, _ = spliced(text, {"rationale": "word " * 25 + "end"})
    assert new == (
        ITEM + "    rationale: >-  # note\n"
        "      word word word word word word word word word word word word word word word word\n"
        "      word word word word word word word word word end\n    notes: n\n"
    )


def test_a_short_value_replacing_a_block_keeps_the_blank_lines_after_it():
    text = ITEM + "    rationale: |\n      one\n      two\n\n    notes: n\n"
    assert (
        spliced(text, {"rationale": "short"})[0] == ITEM + "    rationale: short\n\n    notes: n\n"
    )


def test_revising_due_keeps_the_first_due_as_written():
    text = ITEM + "    due: 'Q4 25/26'  # agreed\n"
    new, changes = spliced(text, {"due": "Q1 26/27"})
    assert new == ITEM + "    due: 'Q1 26/27'  # agreed\n    original_due: 'Q4 25/26'\n"
    assert changes == {"original_due": (None, "Q4 25/26"), "due": ("Q4 25/26", "Q1 26/27")}


def test_the_first_due_is_copied_to_its_last_letter():
    new, _ = spliced(ITEM + "    due: see annex X\n", {"due": "Q1 26/27"})
    assert new == ITEM + "    due: Q1 26/27\n    original_due: see annex X\n"


def test_a_two_line_due_is_kept_as_its_value():
    text = ITEM + "    due: Q4\n      25/26\n    status: open\n"
    new, _ = spliced(text, {"due": "Q1 26/27"})
    assert new == ITEM + "    due: Q1 26/27\n    original_due: Q4 25/26\n    status: open\n"


def test_due_is_copied_only_the_first_time_and_only_when_there_was_one():
    text = ITEM + "    due: Q4 25/26\n    original_due: Q3 25/26\n"
    new, changes = spliced(text, {"due": "Q1 26/27"})
    assert new == ITEM + "    due: Q1 26/27\n    original_due: Q3 25/26\n"
    assert changes == {"due": ("Q4 25/26", "Q1 26/27")}
    new, changes = spliced(ITEM + "    title: T\n", {"due": "Q1 26/27"})
    assert new == ITEM + "    title: T\n    due: Q1 26/27\n"
    assert changes == {"due": (None, "Q1 26/27")}


def test_a_value_already_so_is_not_written():
    text = ITEM + "    status: on track\n    notes: same\n"
    assert spliced(text, {"status": "On Track", "notes": "same"}) == (text, {})
    assert spliced(text, {"notes": "Same"})[1] == {"notes": ("same", "Same")}
    assert spliced(text, {"status": "on track", "notes": "new"})[1] == {"notes": ("same", "new")}
    legend = Vocabulary({"grand": Status.ON_TRACK})
    assert spliced(ITEM + "    status: grand\n", {"status": "on track"}, legend)[1] == {}
    assert spliced(ITEM + "    status: grand\n", {"status": "on track"})[1] == {
        "status": ("grand", "on track")
    }


def test_offsets_count_from_one_and_past_the_end_is_the_end():
    edit = Edit(load_text(ITEM + "    status: open"), ("actions", 0))
    assert edit.offset(1, 1) == 0
    assert edit.offset(4, 5) == len(ITEM) + 4
    assert edit.offset(5, 1) == len(ITEM + "    status: open")
    assert edit.indent == 4


@pytest.mark.parametrize(
    ("before", "value", "after"),
    [
        ("    rationale:\n", "why", "    rationale: why\n"),
        ("    rationale:  # none yet\n", "why", "    rationale: why  # none yet\n"),
        ("    rationale: \n", "why", "    rationale: why \n"),  # its space is kept
        ("    rationale:\n", "a\nb", "    rationale: |-\n      a\n      b\n"),
        ("    rationale: ~\n", "why", "    rationale: why\n"),
    ],
)
def test_an_empty_value_is_written_after_its_colon_and_a_space(before, value, after):
    """Found by mutation testing: "rationale:" with no value ends at its colon, and
    "rationale:why" would be one plain scalar, not the key and its value."""
    assert spliced(ITEM + before + "    notes: n\n", {"rationale": value})[0] == (
        ITEM + after + "    notes: n\n"
    )
    assert spliced("id: p\nactions:\n  - {id: A1, rationale: }\n", {"rationale": value})[0] == (
        "id: p\nactions:\n  - {id: A1, rationale: " + render_scalar(value, "", 0, True) + "}\n"
    )


@pytest.mark.parametrize("values", [{"notes": "n", "title": "T"}, {"title": "T", "notes": "n"}])
def test_an_empty_last_value_of_a_flow_item_is_written_before_the_keys_added(values):
    """The empty value and the new keys are spliced in at the same offset (the '}')."""
    text = "id: p\nactions:\n  - {id: A1, notes: }\n"
    assert spliced(text, values)[0] == "id: p\nactions:\n  - {id: A1, notes: n, title: T}\n"


@pytest.mark.parametrize("header", ["|", ">"])
def test_a_block_ending_in_x_is_replaced_whole_by_a_value_ending_in_x(header):
    text = ITEM + f"    rationale: {header}\n      Plan X\n\n    notes: n\n"
    assert spliced(text, {"rationale": "Plan B or X"})[0] == (
        ITEM + "    rationale: Plan B or X\n\n    notes: n\n"
    )
