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


# --- written against `make mutate` survivors (tests/README.md, "Mutation testing") -----

POSITIONED = (
    "id: a\nlist: [x, \"y\"]\nmap: {k: v}\nblock: |\n  text\nfolded: >\n  f\nq: 's'\n"
    "items:\n  - id: 1\n    t: u\n"
)


def test_every_key_value_and_style_has_its_span():
    doc = load_text(POSITIONED)
    assert doc.values == {
        ("id",): (1, 5, 1, 6),
        ("list", 0): (2, 8, 2, 9),
        ("list", 1): (2, 11, 2, 14),
        ("list",): (2, 7, 2, 15),
        ("map", "k"): (3, 10, 3, 11),
        ("map",): (3, 6, 3, 12),
        ("block",): (4, 8, 6, 1),
        ("folded",): (6, 9, 8, 1),
        ("q",): (8, 4, 8, 7),
        ("items", 0, "id"): (10, 9, 10, 10),
        ("items", 0, "t"): (11, 8, 11, 9),
        ("items", 0): (10, 5, 12, 1),
        ("items",): (10, 3, 12, 1),
        (): (1, 1, 12, 1),
    }
    assert doc.keys[("id",)] == (1, 1, 1, 3) and doc.keys[("items", 0, "t")] == (11, 5, 11, 6)
    assert doc.keys[("map", "k")] == (3, 7, 3, 8) and ("items", 0) not in doc.keys
    assert doc.styles == {
        ("list", 1): '"',
        ("list",): "[",
        ("map",): "{",
        ("block",): "|",
        ("folded",): ">",
        ("q",): "'",
    }


def test_locate_falls_back_to_the_nearest_ancestor_then_the_top():
    doc = load_text(POSITIONED)
    assert doc.locate(("items", 0, "t")) == (11, 5, 11, 6)  # the key
    assert doc.locate(("items", 0, "missing", "deeper")) == (10, 5, 12, 1)
    assert doc.locate(("nothing",)) == (1, 1, 12, 1)
    assert doc.value_loc(("items", 0, "t")) == (11, 8, 11, 9)
    assert doc.value_loc(("items", 0, "zz")) == (10, 5, 12, 1)
    assert load_text("").locate(("a",)) == (1, 1, 1, 1)
    assert load_text("x\n").data == "x" and load_text("x\n").locate(("a",)) == (1, 1, 1, 2)


@pytest.mark.parametrize("null", ["Null", "NULL", "~", "null"])
def test_only_plain_nulls_are_null(null):
    assert load_text(f"a: {null}\nb: '{null}'\nc: [{null}]\n").data == {
        "a": None,
        "b": null,
        "c": [None],
    }


DIAGNOSTICS = [
    (b"id: a\n<<<<<<< HEAD\n", "PT003", "unresolved merge conflict at line 2", 2, 1),
    (b"id: a\n=======\n", "PT003", "unresolved merge conflict at line 2", 2, 1),
    (b"id: a\n>>>>>>> b\n", "PT003", "unresolved merge conflict at line 2", 2, 1),
    ("id: a\ntitle: \u00ff\x00\n".encode(), "PT002", "NUL byte in file", 2, 10),
    (b"\x00id: a\n", "PT002", "NUL byte in file", 1, 1),
    (b"\n\x00", "PT002", "NUL byte in file", 2, 1),
    (b"\xfe\xff\x00i", "PT002", "file is UTF-16", 1, 1),
    (b"\xff\xfeid", "PT002", "file is UTF-16", 1, 1),
    (b"id: a\ntitle: caf\xe9\n", "PT002", "invalid UTF-8 (byte 0xe9)", 2, 11),
    (b"id: a\n---\nid: b\n", "PT004", "more than one YAML document in the file", 2, 1),
    (b"a: &x 1\n", "PT005", "anchor '&x' is not allowed", 1, 4),
    (b"a: [&x 1]\n", "PT005", "anchor '&x' is not allowed", 1, 5),
    (b"&x a: 1\n", "PT005", "anchor '&x' is not allowed", 1, 1),
    (b"a: *x\n", "PT005", "alias '*x' is not allowed", 1, 4),
    (b"a: !!str 3\n", "PT006", "explicit tag '!!str' is not allowed", 1, 4),
    (b"a: !custom x\n", "PT006", "explicit tag '!custom' is not allowed", 1, 4),
    (b"a: !!map {}\n", "PT006", "explicit tag '!!map' is not allowed", 1, 4),
    (b"~: x\n", "PT004", "empty mapping key", 1, 1),
    (b"? [a]\n: x\n", "PT004", "a mapping key must be plain text", 1, 3),
    (b"? {a: 1}\n: x\n", "PT004", "a mapping key must be plain text", 1, 3),
    (
        b"a: b: c\n",
        "PT004",
        "YAML syntax error: mapping values are not allowed in this context",
        1,
        5,
    ),
    (
        b"a: [1\n",
        "PT004",
        "YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence)",
        2,
        1,
    ),
    (
        b'a: "\\q"\n',
        "PT004",
        "YAML syntax error: found unknown escape character (while parsing a quoted scalar)",
        1,
        5,
    ),
    (b"id: a\nid: b\n", "PT008", "duplicate key 'id' at line 2 (first at line 1)", 2, 1),
]
HINTS = {
    "PT003": "resolve the conflict and remove the <<<<<<< ======= >>>>>>> lines",
    "NUL byte in file": "remove it; plans are UTF-8 text",
    "file is UTF-16": "save it as UTF-8",
    "invalid UTF-8 (byte 0xe9)": "save the file as UTF-8",
    "more than one YAML document in the file": "a plan file holds one document: remove '---'",
    "PT005": "write the value out in full",
    "PT006": "remove the tag; plans are plain text",
    "empty mapping key": "write 'key: value'",
    "a mapping key must be plain text": "write 'key: value'",
    "YAML syntax error: mapping values are not allowed in this context": (
        "quote a value that contains ': '"
    ),
    "PT008": "keep one of them: YAML tools would silently drop the first",
}


@pytest.mark.parametrize(("data", "code", "message", "line", "col"), DIAGNOSTICS)
def test_each_refusal_has_its_code_message_place_and_hint(data, code, message, line, col):
    diagnostic = error_of(data)
    assert (diagnostic.code, diagnostic.message) == (code, message)
    assert (diagnostic.file, diagnostic.line, diagnostic.col) == ("x.yaml", line, col)
    assert diagnostic.hint == HINTS.get(message, HINTS.get(code))


def test_markers_not_at_a_line_start_and_a_leading_document_marker_are_text():
    assert load_text("id: a\n <<<<<<< b\n").data == {"id": "a <<<<<<< b"}
    assert load_text("id: a =======\n").data == {"id": "a ======="}
    assert load_text("---\nid: a\n").data == {"id": "a"}


def test_a_tab_gets_its_hint_where_the_parser_stops_on_it():
    diagnostic = error_of("a:\n\t- b\n")
    assert (diagnostic.line, diagnostic.col, diagnostic.hint) == (
        2,
        1,
        "indent with spaces, not tabs",
    )
    assert error_of("a:\n  - b\n c: d\n").hint is None


def test_a_reader_error_without_a_place_is_still_located(monkeypatch):
    import yaml

    from plantrack.plan import load

    def broken(*args, **kwargs):
        raise yaml.YAMLError("broken stream")

    monkeypatch.setattr(load._PositionedData, "_consume", broken)
    diagnostic = error_of("id: a\n")
    assert (diagnostic.code, diagnostic.message) == ("PT004", "YAML error: broken stream")
    assert (diagnostic.line, diagnostic.col) == (1, 1)


@pytest.mark.parametrize(
    ("error", "shown", "place", "hint"),
    [
        ({}, "YAML syntax error: syntax error", (1, 1), None),
        (
            {"problem": "found a \t", "problem_mark": (1, 2), "context": "while reading"},
            "YAML syntax error: found a \t (while reading)",
            (2, 3),
            "indent with spaces, not tabs",
        ),
        ({"context_mark": (0, 4)}, "YAML syntax error: syntax error", (1, 5), None),
    ],
)
def test_a_syntax_error_without_a_problem_or_a_place_is_still_shown(
    monkeypatch, error, shown, place, hint
):
    import yaml

    from plantrack.plan import load

    marks = {
        key: yaml.Mark("x", 0, *value, None, None)
        for key, value in error.items()
        if key.endswith("_mark")
    }
    words = {key: value for key, value in error.items() if not key.endswith("_mark")}

    def broken(*args, **kwargs):
        raise yaml.MarkedYAMLError(**words, **marks)

    monkeypatch.setattr(load._PositionedData, "_consume", broken)
    diagnostic = error_of("id: a\nb: c\n")
    assert (diagnostic.code, diagnostic.message, diagnostic.hint) == ("PT004", shown, hint)
    assert (diagnostic.line, diagnostic.col) == place


@pytest.mark.parametrize(
    ("raised", "message", "hint"),
    [
        (IsADirectoryError(21, "Is a directory"), "is a directory, not a plan file", None),
        (
            FileNotFoundError(2, "No such file"),
            "file not found (it may have been moved or deleted)",
            None,
        ),
        (PermissionError(13, "Permission denied"), "permission denied", "make the file readable"),
        (OSError(5, "Input/output error"), "cannot read file: Input/output error", None),
        (OSError("no strerror"), "cannot read file: no strerror", None),
    ],
)
def test_each_os_error_is_a_located_refusal(tmp_path, monkeypatch, raised, message, hint):
    from plantrack.plan import load

    def refuse(path, limit):
        raise raised

    monkeypatch.setattr(load, "read_regular", refuse)
    with pytest.raises(LoadError) as caught:
        load_file(tmp_path / "p.yaml")
    diagnostic = caught.value.diagnostic
    assert (diagnostic.code, diagnostic.message, diagnostic.hint) == ("PT001", message, hint)
    assert diagnostic.file == str(tmp_path / "p.yaml") and (diagnostic.line, diagnostic.col) == (
        0,
        0,
    )


def test_a_folder_or_a_huge_file_is_refused_before_reading(tmp_path):
    with pytest.raises(LoadError) as caught:
        load_file(tmp_path)
    assert caught.value.diagnostic.message == "is a directory, not a plan file"
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: b\n" * 10)
    from plantrack.plan.load import read_bytes

    with pytest.raises(LoadError) as caught:
        read_bytes(big, limit=20)
    assert caught.value.diagnostic.hint == (
        "a plan is text of a few hundred kilobytes at most; is this the right file?"
    )
    assert read_bytes(big, limit=50) == b"a: b\n" * 10


def test_defaults_name_the_source_and_assume_no_bom():
    assert load_text("id: a\n").path == "<string>" and not load_text("id: a\n").has_bom
    assert load_bytes(b"id: a\n").path == "<bytes>"


def test_too_deep_nesting_says_how_deep_a_plan_goes():
    assert error_of(flow(64)).hint == "a plan has at most a few levels"


def test_a_tab_ending_its_line_gets_the_hint():
    assert error_of("a:\n\t").hint == "indent with spaces, not tabs"


def test_a_file_name_not_in_utf8_is_refused_shown_with_escapes(tmp_path):
    name = str(tmp_path / "caf\udcff.yaml")
    with pytest.raises(LoadError) as caught:
        load_file(name)
    diagnostic = caught.value.diagnostic
    assert (diagnostic.code, diagnostic.file) == ("PT001", str(tmp_path / "caf") + "\\xff.yaml")
    assert diagnostic.message == (
        "the file name is not valid UTF-8: not read (git, JSON, CSV and the site carry names"
        " as UTF-8 text)"
    )
    assert diagnostic.hint == "rename it; letters, digits and hyphens read best"


def test_a_fifo_is_refused_unread(tmp_path):
    import os

    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    os.mkfifo(tmp_path / "pipe.yaml")
    with pytest.raises(LoadError) as caught:
        load_file(tmp_path / "pipe.yaml")
    diagnostic = caught.value.diagnostic
    assert (diagnostic.code, diagnostic.message, diagnostic.hint) == (
        "PT001",
        "not a regular file but a FIFO (named pipe): not read",
        "plantrack reads only regular files; remove it or replace it with the file",
    )
    with pytest.raises(LoadError) as caught:
        load_file(tmp_path)
    assert caught.value.diagnostic.code == "PT001"
