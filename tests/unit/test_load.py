"""The loader: positions, YAML 1.1 surprises, and every refusal, located."""

from __future__ import annotations

import pytest

from plantrack.plan.load import LoadError, load_bytes, load_file, load_text


def error_of(text: str | bytes):
    with pytest.raises(LoadError) as caught:
        if isinstance(text, bytes):
            load_bytes(text, "x.yaml")
        else:
            load_text(text, "x.yaml")
    return caught.value.diagnostic


def test_positions_of_keys_and_values_are_one_based():
    doc = load_text("id: a\nthemes:\n  - id: T1\n    title: One\n", "p.yaml")
    assert doc.data == {"id": "a", "themes": [{"id": "T1", "title": "One"}]}
    assert doc.keys[("themes", 0, "title")][:2] == (4, 5)
    assert doc.values[("themes", 0, "title")][:2] == (4, 12)
    assert doc.values[("themes", 0)][:2] == (3, 5)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("NO", "NO"),
        ("off", "off"),
        ("y", "y"),
        ("yes", "yes"),
        ("true", "true"),
        ("2026-03-31", "2026-03-31"),
        ("1:20", "1:20"),
        ("3.10", "3.10"),
        ("0x1F", "0x1F"),
        ("1", "1"),
        ("~", None),
        ("null", None),
        ("", None),
        ("'3.1'", "3.1"),
    ],
)
def test_plain_scalars_stay_the_text_written(written, expected):
    assert load_text(f"v: {written}\n").data == {"v": expected}


def test_duplicate_key_names_both_lines():
    diagnostic = error_of("id: a\ntitle: x\nid: b\n")
    assert diagnostic.code == "PT008"
    assert (diagnostic.line, diagnostic.col) == (3, 1)
    assert "'id'" in diagnostic.message and "line 1" in diagnostic.message


def test_duplicate_key_in_a_nested_mapping():
    diagnostic = error_of("themes:\n  - id: T1\n    status: a\n    status: b\n")
    assert diagnostic.code == "PT008" and diagnostic.line == 4


def test_billion_laughs_is_refused_at_the_first_anchor():
    bomb = 'a: &a ["lol","lol"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: [*b,*b,*b,*b,*b,*b,*b,*b]\n'
    diagnostic = error_of(bomb)
    assert diagnostic.code == "PT005" and diagnostic.line == 1


@pytest.mark.parametrize(
    "text",
    ["a: !!python/object/apply:os.system ['echo pwned']\n", "a: !custom x\n", "a: !!str 3\n"],
)
def test_explicit_tags_are_refused_never_run(text, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    diagnostic = error_of(text)
    assert diagnostic.code == "PT006" and diagnostic.line == 1
    assert "tag" in diagnostic.message


def test_merge_conflict_markers_name_the_line():
    diagnostic = error_of("id: a\n<<<<<<< HEAD\nstatus: x\n=======\nstatus: y\n>>>>>>> b\n")
    assert diagnostic.code == "PT003"
    assert diagnostic.message == "unresolved merge conflict at line 2"


# The cap is a documented number (64 levels, the root mapping included), written
# here as a literal: a test computed from MAX_DEPTH would follow a wrong cap.
CAP_MESSAGE = "nesting deeper than 64 levels"


def flow(levels: int) -> str:
    """``a:`` holding ``levels`` nested flow lists (the root mapping is one more level)."""
    return "a: " + "[" * levels + "]" * levels + "\n"


def block(levels: int) -> str:
    """``a:`` holding ``levels`` nested block lists, all on line 2."""
    return "a:\n" + "- " * levels + "x\n"


@pytest.mark.parametrize("nest", [flow, block])
def test_sixty_four_levels_load_and_sixty_five_are_refused_where_they_start(nest):
    assert load_text(nest(63)).data is not None  # 64 levels with the root mapping
    diagnostic = error_of(nest(64))
    assert (diagnostic.code, diagnostic.message) == ("PT007", CAP_MESSAGE)
    # The 65th level opens at the 64th '[' after "a: " (column 67), or the 64th "- "
    # of line 2 (column 127).
    where = (1, 67) if nest is flow else (2, 127)
    assert (diagnostic.line, diagnostic.col) == where


@pytest.mark.parametrize("levels", [1_000, 20_000, 100_000])
@pytest.mark.parametrize("nest", [flow, block])
def test_very_deep_nesting_gets_the_same_refusal_whoever_stops_it(nest, levels):
    """libyaml 0.2.6 refuses 1,000 flow levels in its scanner, before our cap sees the
    65th; the user still gets one code and one message, on the deep line."""
    diagnostic = error_of(nest(levels))
    assert (diagnostic.code, diagnostic.message) == ("PT007", CAP_MESSAGE)
    assert diagnostic.line == (1 if nest is flow else 2) and diagnostic.col > 64


def test_invalid_utf8_names_line_and_column():
    diagnostic = error_of(b"id: a\ntitle: caf\xe9\n")
    assert diagnostic.code == "PT002" and (diagnostic.line, diagnostic.col) == (2, 11)


def test_utf8_bom_is_accepted_and_remembered():
    doc = load_bytes("\ufeffid: a\n".encode(), "x.yaml")
    assert doc.data == {"id": "a"} and doc.has_bom


def test_utf16_is_refused_with_advice():
    diagnostic = error_of("id: a\n".encode("utf-16"))
    assert diagnostic.code == "PT002" and "UTF-8" in diagnostic.hint


def test_yaml_syntax_error_is_located_and_tabs_explained():
    diagnostic = error_of("themes:\n\t- id: T1\n")
    assert diagnostic.code == "PT004" and diagnostic.line == 2
    assert "tab" in (diagnostic.hint or "").lower()


def test_multiple_documents_are_refused():
    assert error_of("id: a\n---\nid: b\n").code == "PT004"


def test_missing_file_is_a_located_error(tmp_path):
    with pytest.raises(LoadError) as caught:
        load_file(tmp_path / "nope.yaml")
    assert caught.value.diagnostic.code == "PT001"


def test_empty_file_loads_as_nothing():
    assert load_text("").data is None


def test_every_duplicate_key_in_a_file_is_reported():
    with pytest.raises(LoadError) as caught:
        load_text("id: a\ntitle: x\nid: b\nthemes:\n  - id: T1\n    title: A\n    title: B\n", "x")
    assert [(d.code, d.line) for d in caught.value.diagnostics] == [("PT008", 3), ("PT008", 7)]
