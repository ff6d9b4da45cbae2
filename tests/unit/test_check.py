"""Validation: schema errors mapped to lines, rules beyond the schema, warnings."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import MINIMAL_PLAN
from plantrack.plan.check import validate_document
from plantrack.plan.load import load_text
from plantrack.plan.model import Status, parse_status
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
