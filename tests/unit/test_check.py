"""Validation: schema errors mapped to lines, rules beyond the schema, warnings."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import MINIMAL_PLAN
from plantrack.plan.load import load_text
from plantrack.plan.model import Status, parse_status
from plantrack.plan.schema_errors import validate_document
from plantrack.workspace import load_folder

TODAY = date(2026, 11, 23)


def diagnostics_of(tmp_path, text: str, name: str = "p.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_folder([path], TODAY).diagnostics


def codes(found) -> list[str]:
    return [d.code for d in found]


def test_minimal_plan_is_valid(tmp_path):
    assert diagnostics_of(tmp_path, MINIMAL_PLAN) == []


def test_unknown_key_points_at_the_key_and_suggests(tmp_path):
    text = MINIMAL_PLAN.replace("            status: on track", "            stauts: on track")
    [found] = diagnostics_of(tmp_path, text)
    assert found.code == "PT101"
    assert (found.line, found.col) == (17, 13)
    assert found.message == "unknown key 'stauts'"
    assert found.hint == "did you mean 'status'?"


def test_missing_key_points_at_its_parent(tmp_path):
    text = MINIMAL_PLAN.replace("        title: Talk to communities\n", "")
    [found] = diagnostics_of(tmp_path, text)
    assert found.code == "PT102" and "'title'" in found.message and found.line == 11


def test_an_entry_of_a_list_is_named_by_its_list_not_its_index(tmp_path):
    """pydantic locates list entries by index: '1' must not read as a key called '1'."""
    text = MINIMAL_PLAN.replace("lead: Head of Service", "lead: [Head of Service, null]")
    [found] = diagnostics_of(tmp_path, text)
    assert found.message == "item 2 of 'lead' must be text, found nothing"
    [theme] = diagnostics_of(tmp_path, "plantrack: 1\nid: x\ntitle: X\nthemes:\n  - x\n")
    assert theme.message == "item 1 of 'themes' must be a mapping of keys, found text"
    assert (theme.line, theme.col) == (5, 5)


@pytest.mark.parametrize(
    "spelling",
    ["Behind schedule", "behind-schedule", "BEHIND SCHEDULE", "behind_schedule", "Amber"],
)
def test_status_spellings_normalise(spelling):
    assert parse_status(spelling) is Status.BEHIND


def test_completed_ongoing_with_slash_and_spaces():
    assert parse_status("Completed / Ongoing") is Status.COMPLETED_ONGOING


def test_bad_status_lists_the_canonical_values(tmp_path):
    text = MINIMAL_PLAN.replace("status: on track", "status: nearly there")
    [found] = diagnostics_of(tmp_path, text)
    assert found.code == "PT104" and found.line == 17
    assert "on-track" in found.message and "completed-ongoing" in found.message


def test_lead_as_string_or_list_becomes_a_list():
    doc = load_text(MINIMAL_PLAN.replace("lead: Head of Service", "lead: [A, B]"))
    plan, problems = validate_document(doc)
    assert problems == [] and plan.themes[0].lead == ["A", "B"]
    plan, _ = validate_document(load_text(MINIMAL_PLAN))
    assert plan.themes[0].lead == ["Head of Service"]


@pytest.mark.parametrize("plan_id", ["Demo", "-demo", "demo plan", "démo"])
def test_plan_id_pattern(tmp_path, plan_id):
    found = diagnostics_of(tmp_path, MINIMAL_PLAN.replace("id: demo", f"id: '{plan_id}'"))
    assert codes(found) == ["PT105"]


def test_empty_file_and_top_level_list(tmp_path):
    assert codes(diagnostics_of(tmp_path, "")) == ["PT009"]
    assert codes(diagnostics_of(tmp_path, "- a\n- b\n")) == ["PT010"]


def test_duplicate_item_id(tmp_path):
    text = MINIMAL_PLAN.replace("id: T1.1.b-2", "id: T1.1.b-1")
    [found] = diagnostics_of(tmp_path, text)
    assert found.code == "PT201" and "first at line 25" in found.message


def test_link_that_does_not_resolve_suggests(tmp_path):
    text = MINIMAL_PLAN.replace(
        "            status: on track\n",
        "            status: on track\n            links: [T1.1.c]\n",
    )
    [found] = diagnostics_of(tmp_path, text)
    assert found.code == "PT203" and found.line == 18 and "did you mean 'T1.1" in (found.hint or "")


def test_links_across_plans_resolve(tmp_path):
    other = MINIMAL_PLAN.replace("id: demo", "id: other").replace(
        "            status: on track\n",
        "            status: on track\n            links: ['demo:T1.1.b']\n",
    )
    (tmp_path / "a.yaml").write_text(MINIMAL_PLAN)
    (tmp_path / "b.yaml").write_text(other)
    assert load_folder([tmp_path], TODAY).diagnostics == []


def test_a_named_file_is_checked_against_the_plans_beside_it(tmp_path):
    """A pre-commit hook names only staged files: links into unchanged plans resolve,
    a reused plan id is caught, and the neighbours' own errors are not reported."""
    linking = MINIMAL_PLAN.replace("id: demo", "id: other").replace(
        "            status: on track\n",
        "            status: on track\n            links: ['demo:T1.1.b', 'demo:T9']\n",
    )
    (tmp_path / "a.yaml").write_text(MINIMAL_PLAN)
    (tmp_path / "b.yaml").write_text(linking)
    (tmp_path / "c.yaml").write_text(
        MINIMAL_PLAN.replace("id: demo", "id: broken").replace(
            "status: on track", "stauts: on track"
        )
    )
    found = load_folder([tmp_path / "b.yaml"], TODAY).diagnostics
    assert [(d.code, d.file, d.message) for d in found] == [
        ("PT203", str(tmp_path / "b.yaml"), "link 'demo:T9' does not resolve")
    ]
    (tmp_path / "d.yaml").write_text(MINIMAL_PLAN)  # the same plan id as a.yaml
    [reused] = load_folder([tmp_path / "d.yaml"], TODAY).diagnostics
    assert reused.code == "PT202" and reused.file == str(tmp_path / "d.yaml")


def test_duplicate_plan_id_across_files(tmp_path):
    (tmp_path / "a.yaml").write_text(MINIMAL_PLAN)
    (tmp_path / "b.yaml").write_text(MINIMAL_PLAN)
    assert codes(load_folder([tmp_path], TODAY).diagnostics) == ["PT202"]


def test_original_due_equal_to_due(tmp_path):
    text = MINIMAL_PLAN.replace("original_due: Q2 26/27", "original_due: q3 26/27")
    assert codes(diagnostics_of(tmp_path, text)) == ["PT204"]


def test_unreadable_due_is_located_at_the_bad_word(tmp_path):
    text = MINIMAL_PLAN.replace("due: July 2026", "due: Smarch 2026")
    [found] = diagnostics_of(tmp_path, text)
    assert found.code == "PT205" and found.line == 27 and found.col == 22
    assert "March" in (found.hint or found.message)


def test_action_without_milestones_needs_due(tmp_path):
    text = MINIMAL_PLAN.replace("            due: Q4 25/26\n", "")
    assert codes(diagnostics_of(tmp_path, text)) == ["PT206"]


def test_warnings_stale_future_and_rationale_without_status(tmp_path):
    text = (
        MINIMAL_PLAN.replace(
            "financial_year: 2025/26", "financial_year: 2025/26\nas_of: 2026-10-01"
        )
        .replace(
            "                due: October 2026\n",
            "                due: October 2026\n                rationale: Drafted.\n",
        )
        .replace(
            "due: Q4 25/26\n            status: on track",
            "due: Q4 24/25\n            status: on track",
        )
    )
    found = diagnostics_of(tmp_path, text)
    assert {d.code for d in found} == {"PT301", "PT303"}
    assert all(d.severity == "warning" for d in found)
    future = MINIMAL_PLAN.replace(
        "financial_year: 2025/26", "financial_year: 2025/26\nas_of: 2027-01-01"
    )
    assert "PT302" in codes(diagnostics_of(tmp_path, future))


def test_every_error_in_every_file_is_reported(tmp_path):
    (tmp_path / "a.yaml").write_text(
        MINIMAL_PLAN.replace("status: on track", "stauts: x").replace(
            "title: Demo plan", "titel: Demo plan"
        )
    )
    (tmp_path / "b.yaml").write_text("id: a\nid: b\n")
    found = load_folder([tmp_path], TODAY).diagnostics
    assert sorted((d.file.rsplit("/", 1)[-1], d.code) for d in found) == [
        ("a.yaml", "PT101"),
        ("a.yaml", "PT101"),
        ("a.yaml", "PT102"),
        ("b.yaml", "PT008"),
    ]


def test_a_schema_error_does_not_hide_duplicate_ids_or_bad_dates(tmp_path):
    """One run shows everything: a typo'd key, then a reused id and a bad date below it."""
    text = (
        MINIMAL_PLAN.replace("status: on track", "stauts: on track")
        .replace("id: T1.1.b-2", "id: T1.1.a")
        .replace("due: July 2026", "due: Smarch 2026")
    )
    found = diagnostics_of(tmp_path, text)
    assert [(d.code, d.line) for d in found] == [("PT101", 17), ("PT205", 27), ("PT201", 29)]
    assert found[2].message == "duplicate id 'T1.1.a' (first at line 14)"


def test_a_schema_error_does_not_hide_links_or_a_reused_plan_id(tmp_path):
    (tmp_path / "a.yaml").write_text(MINIMAL_PLAN)
    broken = MINIMAL_PLAN.replace("status: on track", "stauts: on track").replace(
        "            rationale: Venue booking delayed.\n",
        "            rationale: Venue booking delayed.\n            links: [T1.1.a, T9, x:y]\n",
    )
    (tmp_path / "b.yaml").write_text(broken)  # also reuses the plan id 'demo'
    found = [
        (d.code, d.file.rsplit("/", 1)[-1]) for d in load_folder([tmp_path], TODAY).diagnostics
    ]
    assert sorted(found) == [
        ("PT101", "b.yaml"),
        ("PT202", "b.yaml"),
        ("PT203", "b.yaml"),
        ("PT203", "b.yaml"),
    ]


# --- mutation testing (tests/README.md): each test below fails for a one-line bug -----

HINT_SAME = "remove original_due, or set due to the revised target date"
NOT_A_DATE = ("'Smarch' is not a date", "did you mean 'March'?")
UNEXPECTED = "write e.g. 'Q4 2025/26', 'March 2027', 'Autumn 2016' or 'ongoing'"
STATUSES = (
    "not-started, in-progress, on-track, behind, off-track, on-hold, completed,"
    " completed-ongoing, cancelled"
)
ACTION_KEYS = (
    "as_of, cabinet_member, description, directorate, due, id, lead, links, measure,"
    " milestones, notes, original_due, public, rationale, status, title"
)


def _edit(*pairs: str) -> str:
    text = MINIMAL_PLAN
    for old, new in zip(pairs[::2], pairs[1::2], strict=True):
        assert old in text, old
        text = text.replace(old, new)
    return text


# (what is changed in MINIMAL_PLAN, then every diagnostic as (code, line, col, message,
# hint, severity)): each says where, what is wrong and what would be right.
DIAGNOSTICS = {
    "unknown key, nothing close": (
        _edit("            status: on track", "            zzzzzz: on track"),
        [("PT101", 17, 13, "unknown key 'zzzzzz'", f"allowed keys: {ACTION_KEYS}", "error")],
    ),
    "missing key of an objective": (
        _edit("        title: Talk to communities\n", ""),
        [
            ("PT102", 11, 9, "missing required key 'title'", "add 'title: ...' to this objective")
            + ("error",)
        ],
    ),
    "missing key of the plan": (
        _edit("title: Demo plan\n", ""),
        [("PT102", 2, 1, "missing required key 'title'", "add 'title: ...' to this plan", "error")],
    ),
    "format version": (
        _edit("plantrack: 1", "plantrack: 2"),
        [("PT103", 2, 12, "format version must be 1", "write 'plantrack: 1'", "error")],
    ),
    "plan id": (
        _edit("id: demo", "id: Demo"),
        [
            ("PT105", 3, 5, "plan id 'Demo' is not allowed")
            + ("use lowercase letters, digits and hyphens, e.g. 'inclusion-strategy-2026'",)
            + ("error",)
        ],
    ),
    "text given a list": (
        _edit("title: Demo plan", "title: [a, b]"),
        [
            ("PT103", 4, 8, "'title' must be text, found a list")
            + ("write a single line of text (quote it if it contains ': ')", "error")
        ],
    ),
    "text given a mapping": (
        _edit("title: Demo plan", "title: {a: 1}"),
        [
            ("PT103", 4, 8, "'title' must be text, found a mapping")
            + ("write a single line of text (quote it if it contains ': ')", "error")
        ],
    ),
    "a status not known": (
        _edit("status: on track", "status: on trak"),
        [
            (
                "PT104",
                17,
                21,
                "unknown status 'on trak'; did you mean 'On track'?; use one of: " + STATUSES,
                None,
                "error",
            )
        ],
    ),
    "a status not text": (
        _edit("status: on track", "status: [a]"),
        [("PT104", 17, 21, "status must be text; use one of: " + STATUSES, None, "error")],
    ),
    "plan id not text": (
        _edit("id: demo", "id: [a]"),
        [
            ("PT103", 3, 5, "'id' must be text, found a list")
            + ("write a single line of text (quote it if it contains ': ')", "error")
        ],
    ),
    "text given a list, in a theme": (
        _edit("title: Working together", "title: [a, b]"),
        [
            ("PT103", 8, 12, "'title' must be text, found a list")
            + ("write a single line of text (quote it if it contains ': ')", "error")
        ],
    ),
    "a legend given a list": (
        _edit("financial_year: 2025/26", "financial_year: 2025/26\nstatuses: [a]"),
        [("PT103", 6, 11, "'statuses' must be a mapping of keys, found a list", None, "error")],
    ),
    "a day that is not one": (
        _edit("financial_year: 2025/26", "financial_year: 2025/26\nas_of: soon"),
        [("PT103", 6, 8, "'as_of': 'soon' is not an ISO date; write YYYY-MM-DD", None, "error")],
    ),
    "a duplicate id": (
        _edit("id: T1.1.b-2", "id: T1.1.b-1"),
        [
            ("PT201", 29, 21, "duplicate id 'T1.1.b-1' (first at line 25)")
            + ("ids must be unique within a plan", "error")
        ],
    ),
    "empty text": (
        _edit("title: Demo plan", "title: ''"),
        [("PT103", 4, 8, "'title' must not be empty", None, "error")],
    ),
    "a list given a mapping": (
        "plantrack: 1\nid: x\ntitle: X\nthemes: {a: 1}\n",
        [("PT103", 4, 9, "'themes' must be a list, found a mapping", None, "error")],
    ),
    "entries given text": (
        "plantrack: 1\nid: x\ntitle: X\nthemes: [x]\n",
        [
            ("PT103", 4, 10, "item 1 of 'themes' must be a mapping of keys, found text")
            + ("each entry of the list starts with '- id: ...'", "error")
        ],
    ),
    "empty file": (
        "",
        [
            ("PT009", 1, 1, "empty file")
            + ("a plan needs at least 'plantrack: 1', 'id' and 'title'", "error")
        ],
    ),
    "top level a list": (
        "- a\n",
        [
            ("PT010", 1, 1, "the top level must be a mapping of plan keys, found a list")
            + ("start the file with 'plantrack: 1', 'id: ...', 'title: ...'", "error")
        ],
    ),
    "no due and no milestones": (
        _edit("            due: Q4 25/26\n", ""),
        [
            ("PT206", 14, 13, "an action without milestones needs 'due'")
            + ("add 'due: ...' (a date expression)", "error")
        ],
    ),
    "no due but milestones": (_edit("            due: Q3 26/27\n", ""), []),
    "original_due written as due": (
        _edit("original_due: Q2 26/27", "original_due: q3 26/27"),
        [("PT204", 21, 27, "original_due is the same as due", HINT_SAME, "error")],
    ),
    "original_due a deadline only, spaced and cased otherwise": (
        _edit(
            "due: Q3 26/27",
            "due: By March 2027",
            "original_due: Q2 26/27",
            "original_due: by  march 2027",
        ),
        [("PT204", 21, 27, "original_due is the same as due", HINT_SAME, "error")],
    ),
    "original_due the same window in other words": (
        _edit("original_due: Q2 26/27", "original_due: October to December 2026"),
        [("PT204", 21, 27, "original_due is the same as due", HINT_SAME, "error")],
    ),
    "a bad date plain": (
        _edit("due: July 2026", "due: Q4 25/26 banana"),
        [("PT205", 27, 31, "'due': unexpected 'banana'", UNEXPECTED, "error")],
    ),
    "a bad date double-quoted": (
        _edit("due: July 2026", 'due: "Q4 25/26 banana"'),
        [("PT205", 27, 32, "'due': unexpected 'banana'", UNEXPECTED, "error")],
    ),
    "a bad date single-quoted": (
        _edit("due: July 2026", "due: 'Q4 25/26 banana'"),
        [("PT205", 27, 32, "'due': unexpected 'banana'", UNEXPECTED, "error")],
    ),
    "a bad date folded: at its start": (
        _edit("due: July 2026", "due: >-\n                  Q4 25/26 banana"),
        [("PT205", 27, 22, "'due': unexpected 'banana'", UNEXPECTED, "error")],
    ),
    "a bad date over two plain lines: at its start": (
        _edit("due: July 2026", "due: Q4 25/26\n                  banana"),
        [("PT205", 27, 22, "'due': unexpected 'banana'", UNEXPECTED, "error")],
    ),
    "a bad due and a bad original_due": (
        _edit(
            "due: Q3 26/27",
            "due: Smarch 2027",
            "original_due: Q2 26/27",
            "original_due: Smarch 2026",
        ),
        [
            ("PT205", 20, 18, "'due': " + NOT_A_DATE[0], NOT_A_DATE[1], "error"),
            ("PT205", 21, 27, "'original_due': " + NOT_A_DATE[0], NOT_A_DATE[1], "error"),
        ],
    ),
    "as_of today": (
        _edit(
            "                due: July 2026\n",
            "                due: July 2026\n                as_of: 2026-11-23\n",
        ),
        [],
    ),
    "as_of tomorrow": (
        _edit(
            "                due: July 2026\n",
            "                due: July 2026\n                as_of: 2026-11-24\n",
        ),
        [
            (
                "PT302",
                28,
                24,
                "as_of 2026-11-24 is in the future",
                "use the date of the review",
                "warning",
            )
        ],
    ),
    "the plan's as_of tomorrow": (
        _edit(
            "financial_year: 2025/26",
            "financial_year: 2025/26\nas_of: 2026-11-24",
            "due: Q4 25/26",
            "due: Q4 26/27",
        ),
        [
            (
                "PT302",
                6,
                8,
                "as_of 2026-11-24 is in the future",
                "use the date of the review",
                "warning",
            )
        ],
    ),
    "rationale without status": (
        _edit(
            "                due: October 2026\n",
            "                due: October 2026\n                rationale: Drafted.\n",
        ),
        [("PT303", 32, 28, "rationale without a status", "add 'status: ...'", "warning")],
    ),
    "stale": (
        _edit(
            "financial_year: 2025/26",
            "financial_year: 2025/26\nas_of: 2026-10-01",
            "due: Q4 25/26",
            "due: Q4 24/25",
        ),
        [
            (
                "PT301",
                18,
                21,
                "status looks stale: on-track but the deadline 2025-03-31 passed"
                " more than a quarter before as_of 2026-10-01",
                "review the status",
                "warning",
            )
        ],
    ),
}


@pytest.mark.parametrize("case", DIAGNOSTICS)
def test_each_diagnostic_says_where_what_and_what_would_be_right(tmp_path, case):
    text, expected = DIAGNOSTICS[case]
    found = [
        (d.code, d.line, d.col, d.message, d.hint, d.severity)
        for d in diagnostics_of(tmp_path, text)
    ]
    assert found == expected


def _refused(*pairs: str) -> str:
    """MINIMAL_PLAN edited, with a typo'd key that makes the schema refuse it."""
    return _edit("status: on track", "stauts: on track", *pairs)


def test_a_refused_plan_reads_its_dates_in_its_own_calendar(tmp_path):
    calendar_year = _refused("financial_year: 2025/26", "year_start: January")
    found = [(d.code, d.line) for d in diagnostics_of(tmp_path, calendar_year)]
    assert found == [("PT205", 16), ("PT101", 17), ("PT205", 20), ("PT205", 21)]
    assert diagnostics_of(tmp_path, calendar_year)[0].message.startswith("'due': '25/26' is a two")
    quarter_of_its_year = _refused("due: July 2026", "due: Q2")  # Q2 of financial_year
    assert codes(diagnostics_of(tmp_path, quarter_of_its_year)) == ["PT101"]
    # Q4 of an April year is January to March (of a May year, February to April).
    april = _refused("due: July 2026", "due: Quarter 4 (January to March 2026)")
    assert codes(diagnostics_of(tmp_path, april)) == ["PT101"]


def test_a_refused_plan_without_a_financial_year_still_has_its_dates_checked(tmp_path):
    text = _refused("financial_year: 2025/26\n", "", "due: July 2026", "due: Smarch 2026")
    assert [(d.code, d.line) for d in diagnostics_of(tmp_path, text)] == [
        ("PT101", 16),
        ("PT205", 26),
    ]


def test_a_refused_plan_has_its_original_due_checked_and_each_bad_date_once(tmp_path):
    original = _refused("original_due: Q2 26/27", "original_due: Smarch 2026")
    assert [(d.code, d.line) for d in diagnostics_of(tmp_path, original)] == [
        ("PT101", 17),
        ("PT205", 21),
    ]
    # A milestone's empty due is the schema's complaint (not also a date's); the bad
    # date after it is still found.
    empty = _refused("due: July 2026", "due: ''", "due: October 2026", "due: Smarch 2026")
    assert [(d.code, d.line) for d in diagnostics_of(tmp_path, empty)] == [
        ("PT101", 17),
        ("PT103", 27),
        ("PT205", 31),
    ]


def test_a_bad_calendar_does_not_hide_the_plans_other_errors(tmp_path):
    text = _edit(
        "financial_year: 2025/26",
        "financial_year: 2025/26\nperiod: Smarch 2026",
        "id: T1.1.b-2",
        "id: T1.1.b-1",
    )
    assert [(d.code, d.line, d.col) for d in diagnostics_of(tmp_path, text)] == [
        ("PT205", 6, 9),
        ("PT201", 30, 21),
    ]
    assert diagnostics_of(tmp_path, text)[0].message == "'period': 'Smarch' is not a date"
    both = _edit(
        "financial_year: 2025/26",
        "financial_year: 2025/27\nperiod: 2025/26",
    )
    first, second, *_ = diagnostics_of(tmp_path, both)
    assert (first.line, first.message[:18], second.line) == (5, "'financial_year': ", 6)


def _many_ids(count: int, tail: str = "") -> str:
    actions = "".join("          - {id: A, title: T, due: Q4 25/26}\n" for _ in range(count))
    return (
        "plantrack: 1\nid: p\ntitle: P\nthemes:\n  - id: T\n    title: T\n    objectives:\n"
        "      - id: O\n        title: O\n        actions:\n" + actions + tail
    )


def test_a_hundred_problems_are_all_shown_and_more_are_counted(tmp_path):
    exactly = diagnostics_of(tmp_path, _many_ids(101))  # 100 duplicates of the first
    assert len(exactly) == 100 and codes(exactly) == ["PT201"] * 100
    over = diagnostics_of(tmp_path, _many_ids(103))
    assert codes(over) == ["PT201"] * 100 + ["PT011"]
    assert (over[-1].line, over[-1].col) == (over[-2].line, over[-2].col) == (111, 18)
    assert over[-1].message == "2 more problem(s) in this file not shown"
    assert over[-1].hint == "fix the ones above and run plantrack validate again"
    assert over[-1].severity == "error"


def test_more_problems_that_are_only_warnings_are_counted_as_warnings(tmp_path):
    rationale = "".join(
        f"          - {{id: R{n}, title: T, due: Q4 25/26, rationale: x}}\n" for n in range(3)
    )
    found = diagnostics_of(tmp_path, _many_ids(101, rationale))
    assert codes(found) == ["PT201"] * 100 + ["PT011"]
    assert found[-1].message == "3 more problem(s) in this file not shown"
    assert found[-1].severity == "warning"


def test_text_about_to_be_written_must_load_and_have_no_errors():
    from plantrack.errors import PlantrackError
    from plantrack.plan.check import require_valid_text

    warned = _edit(
        "                due: October 2026\n",
        "                due: October 2026\n                rationale: x\n",
    )
    assert require_valid_text(warned, "p.yaml", TODAY, "the update").data["id"] == "demo"
    with pytest.raises(PlantrackError, match="^the update would not validate$") as refused:
        require_valid_text(_edit("id: T1.1.b-2", "id: T1.1.a"), "p.yaml", TODAY, "the update")
    assert codes(refused.value.diagnostics) == ["PT201"]
    with pytest.raises(PlantrackError, match="^the import would not validate$") as refused:
        require_valid_text(_edit("status: on track", "stauts: x"), "p.yaml", TODAY, "the import")
    assert codes(refused.value.diagnostics) == ["PT101"]
    with pytest.raises(PlantrackError, match="^the update would not load$"):
        require_valid_text("a: [", "p.yaml", TODAY, "the update")
    bom = require_valid_text(MINIMAL_PLAN, "p.yaml", TODAY, "the update")
    assert not bom.has_bom
