"""``usecases/importer.py``: the example tracker imported row for row as the hand-made
plan has it (the command: commands/test_import.py, test_import_trackers.py)."""

from __future__ import annotations

import pytest

from conftest import ROOT
from plantrack.usecases.importer import import_sheet

EXAMPLES = ROOT / "docs" / "examples"


def test_import_of_seed_000(tmp_path):
    result = import_sheet(
        EXAMPLES / "inclusion-strategy.tsv", EXAMPLES / "inclusion-strategy.map.yaml"
    )
    # Row 61's date cell holds two schedules: the row is imported all the same, its text
    # kept in notes under the column's name, with no deadline until someone reads it.
    assert result.trackables == 51 and len(result.problems) == 1
    problem = result.problems[0]
    assert problem.line == 61 and "row 61, column 'Target date' (C)" in problem.message
    assert 'notes: "Target date: Q1 & Q3 26/27 Q2 & Q4 26/27"' in result.text
    assert "    title: Working Together\n" in result.text
    from plantrack.plan.load import load_text

    data = load_text(result.text).data
    assert [t["title"] for t in data["themes"]] == [
        "Working Together",
        "Responsive Services",
        "Welcoming Places",
        data["themes"][3]["title"],
    ]
    assert data["themes"][3]["title"].startswith("Employer of Choice")
    objective = data["themes"][1]["objectives"][1]
    assert objective["title"] == (
        "Strengthen equality impact assessments by reviewing the "
        "forms, updating guidance and providing appropriate training"
    )
    assert [a["due"] for a in objective["actions"]] == ["Q3 26/27", "Q4 26/27"]


def test_import_matches_the_hand_made_plan():
    """Same titles, leads and deadlines, row for row; the hand-made plan splits the one
    row the importer keeps as a comment into two milestones, and reads the one lead cell
    that names two posts (T4.2.a) as a list, which the importer keeps as the cell's text."""
    from plantrack.dates import parse
    from plantrack.plan.load import load_file, load_text

    def as_cell(lead):
        return " ".join(lead) if isinstance(lead, list) else lead

    def actions(data):
        return [
            (
                " ".join(a["title"].split()),
                as_cell(a.get("lead")),
                parse(a["due"], "2025/26").deadline,
            )
            for t in data["themes"]
            for o in t["objectives"]
            for a in o["actions"]
            if a.get("due", "TBC") != "TBC"
        ]

    imported = actions(
        load_text(
            import_sheet(
                EXAMPLES / "inclusion-strategy.tsv", EXAMPLES / "inclusion-strategy.map.yaml"
            ).text
        ).data
    )
    made_data = load_file(ROOT / "plans" / "inclusion-strategy-2026-27.yaml").data
    made = actions(made_data)
    assert imported == made and len(made) == 50
    lists = [
        a["lead"]
        for t in made_data["themes"]
        for o in t["objectives"]
        for a in o["actions"]
        if isinstance(a.get("lead"), list)
    ]
    assert lists == [["Head of Human Resources", "Head of Organisational Development"]]


# --- written against `make mutate` survivors (tests/README.md, "Mutation testing") -----

TRACKER = (
    "Theme\tObjective\tRef\tAction\tDue\tWas due\tLead\tRAG\tComment\tUpdate\tSpare\t\n"
    "Places\tParks\tP1\tPlant trees\tQ4 25/26\tQ4 25/26\tParks team\tGreen\tfirst\tsecond\tx\ty\n"
    "\tParks\t\tMow lawns\tSmarch 2026\t\tParks team\tAmber\t\tonly update\t\t\n"
    "\tPaths\t\tFix paths\tMarch 2026\t\tRoads\t"
    "Purple status that nobody has ever heard of in any plan at all\t\t\t\t\n"
    "Places\tPaths\t\t\tQ1 26/27\tQ4 25/26\tRoads\tRed\t\t\t\t\n"
    "People\tStaff\t\tTrain staff\t\t\n"
    "Theme\tObjective\tRef\tAction\tDue\tWas due\tLead\tRAG\tComment\tUpdate\tSpare\t\n"
    "People\tStaff\t\tand managers\t\t\t\t\t\t\t\t\n"
    "People\tStaff\t\tHire more\tongoing\t\t\t\t\t\t\t\n"
)
TRACKER_MAP = """\
plan:
  id: demo
  title: Demo plan
  financial_year: 2025/26
columns:
  theme: Theme
  objective: Objective
  id: Ref
  title: Action
  due: Due
  original_due: Was due
  lead: Lead
  status: RAG
  notes: [Comment, Update]
statuses:
  Green: on track
  Amber: behind
  Red: off track
"""
TRACKER_PLAN = """\
# yaml-language-server: $schema=../schemas/plan.schema.json
# Imported by plantrack from tracker.tsv; check it against the source.
plantrack: 1
id: demo
title: Demo plan
financial_year: 2025/26
statuses:
  Green: on track
  Amber: behind
  Red: off track
themes:
  - id: T1
    title: Places
    objectives:
      - id: T1.1
        title: Parks
        actions:
          - id: P1
            title: Plant trees
            lead: Parks team
            due: Q4 25/26
            status: on-track
            notes: "Comment: first; Update: second"
          - id: T1.1.b
            title: Mow lawns
            lead: Parks team
            due: TBC
            status: behind
            notes: "Update: only update; Due: Smarch 2026"
      - id: T1.2
        title: Paths
        actions:
          - id: T1.2.a
            title: Fix paths
            lead: Roads
            due: March 2026
            notes: "RAG: Purple status that nobody has ever heard of in any plan at all"
          - id: T1.2.b
            title: "(row 5: no title in the sheet)"
            lead: Roads
            due: Q1 26/27
            original_due: Q4 25/26
            status: off-track
  - id: T2
    title: People
    objectives:
      - id: T2.1
        title: Staff
        actions:
          - id: T2.1.a
            title: Train staff and managers
            due: TBC
          - id: T2.1.b
            title: Hire more
            due: ongoing
"""


def imported(tmp_path, name: str, sheet: str, sheet_map: str):
    (tmp_path / name).write_text(sheet, encoding="utf-8")
    (tmp_path / "map.yaml").write_text(sheet_map, encoding="utf-8")
    return import_sheet(tmp_path / name, tmp_path / "map.yaml")


def test_a_tracker_becomes_the_plan_row_for_row(tmp_path):
    """Blank and repeated theme and objective cells continue them; ids from the sheet or
    numbered; statuses through the legend; the first of two due columns (an original_due
    equal to due dropped); two notes columns labelled; a repeated header is a page break,
    and the lower-case title after it continues the title before it."""
    result = imported(tmp_path, "tracker.tsv", TRACKER, TRACKER_MAP)
    assert result.text == TRACKER_PLAN
    assert (result.rows_read, result.trackables, result.cells_unread) == (7, 6, 4)


def test_every_cell_not_read_is_reported_where_it_is(tmp_path):
    result = imported(tmp_path, "tracker.tsv", TRACKER, TRACKER_MAP)
    where = str(tmp_path / "tracker.tsv")
    assert [
        (p.code, p.message, p.file, p.line, p.col, p.hint, p.severity) for p in result.problems
    ] == [
        (
            "PT401",
            "row 3, column 'Due' (E): 'Smarch 2026' is not a date: 'Smarch' is not a date;"
            " kept in notes; due set to TBC",
            where,
            3,
            5,
            None,
            "warning",
        ),
        (
            "PT401",
            "row 4, column 'RAG' (H): 'Purple status that nobody has ever heard of in any…'"
            " is not a status; kept in notes",
            where,
            4,
            8,
            None,
            "warning",
        ),
        (
            "PT401",
            "row 5: no text in the title column; a placeholder title is used",
            where,
            5,
            1,
            None,
            "warning",
        ),
        ("PT401", "row 6: no target date; due set to TBC", where, 6, 1, None, "warning"),
        (
            "PT402",
            "columns not imported: 'Spare' (K), column L",
            where,
            1,
            1,
            "map them, or list them under 'ignore:' in the map",
            "warning",
        ),
    ]


SECTIONS = (
    "Action,Due,Notes\n"
    '"Theme 1: Working together",,\n'
    "Talk to people,Q4 25/26,\n"
    '"Ask ""why""\nand listen",Q1 26/27,multi\n'
    '"Priority 2 - Places",,\n'
    "Plant trees,2026-03-31,\n"
    ",,\n"
    "Places,,x\n"
)
SECTIONS_MAP = """\
plan:
  id: demo2
  title: Demo two
  financial_year: 2025/26
columns:
  title: Action
  due: Due
  notes: Notes
sections: theme
"""


def test_section_rows_start_themes_without_their_numbers(tmp_path):
    """A row with only its first cell filled is a theme (its "Theme 1:" or "Priority 2 -"
    dropped), its one objective named after it; one notes column is not labelled; a row
    over two lines is reported at the line it starts on."""
    result = imported(tmp_path, "sections.csv", SECTIONS, SECTIONS_MAP)
    themes = result.text.split("themes:\n")[1]
    assert themes == (
        "  - id: T1\n    title: Working together\n    objectives:\n"
        "      - id: T1.1\n        title: Working together\n        actions:\n"
        "          - id: T1.1.a\n            title: Talk to people\n            due: Q4 25/26\n"
        '          - id: T1.1.b\n            title: Ask "why" and listen\n'
        "            due: Q1 26/27\n            notes: multi\n"
        "  - id: T2\n    title: Places\n    objectives:\n"
        "      - id: T2.1\n        title: Places\n        actions:\n"
        "          - id: T2.1.a\n            title: Plant trees\n            due: 2026-03-31\n"
        "          - id: T2.1.b\n            title: Places\n            due: TBC\n"
        "            notes: x\n"
    )
    assert [(p.message, p.line) for p in result.problems] == [
        ("row 8: no target date; due set to TBC", 9)
    ]
    assert (result.rows_read, result.trackables, result.cells_unread) == (4, 4, 1)


def test_the_plans_keys_are_written_once_in_the_house_order(tmp_path):
    """Whatever order the map gives them in, and a map that names 'plantrack' too."""
    sheet_map = (
        "plan:\n  financial_year: 2025/26\n  plantrack: 1\n  title: Demo\n  id: demo\n"
        "columns:\n  title: Action\n  due: Due\n"
    )
    result = imported(tmp_path, "one.csv", "Action,Due\nA,Q4 25/26\n", sheet_map)
    assert result.text.split("themes:")[0].splitlines()[2:] == [
        "plantrack: 1",
        "id: demo",
        "title: Demo",
        "financial_year: 2025/26",
    ]


def test_a_sheet_without_themes_a_legend_word_and_a_column_named_by_its_letter(tmp_path):
    """No theme or objective column: one of each, named after the plan. A status word only
    the map's legend knows; a blank-header column mapped by its letter, labelled so."""
    sheet_map = (
        "plan:\n  id: demo\n  title: Demo\n  financial_year: 2025/26\n"
        "columns:\n  title: Action\n  notes: [Comment, C]\n  status: State\n"
        "statuses:\n  Sorted: completed\n"
    )
    result = imported(
        tmp_path, "plain.csv", "Action,Comment,,State\nA,c1,c2,Sorted\nB,,,Nearly\n", sheet_map
    )
    assert result.text.split("themes:\n")[1] == (
        "  - id: T1\n    title: Demo\n    objectives:\n"
        "      - id: T1.1\n        title: Demo\n        actions:\n"
        "          - id: T1.1.a\n            title: A\n            due: TBC\n"
        "            status: completed\n"
        '            notes: "Comment: c1; column C: c2"\n'
        "          - id: T1.1.b\n            title: B\n            due: TBC\n"
        '            notes: "State: Nearly"\n'
    )
    assert [(p.message, p.line, p.col) for p in result.problems] == [
        ("row 2: no target date; due set to TBC", 2, 1),
        ("row 3, column 'State' (D): 'Nearly' is not a status; kept in notes", 3, 4),
        ("row 3: no target date; due set to TBC", 3, 1),
    ]


PAGES = (
    "Action,Due,Revised,Lead,Notes\n"
    'Write plan,Q4 25/26,,Ann,"two\nlines"\n'
    "Action,Due,Revised,Lead,Notes\n"
    "iPads for staff,,,Bob,\n"
    "Action,Due,Revised,Lead,Notes\n"
    "Next step,Q1 26/27,,,\n"
    "Action,Due,Revised,Lead,Notes\n"
    "Another,,,Cy,\n"
    ",Smarch 2026,,,a note\n"
    "Revised one,Q4 25/26,Q1 26/27,Dee,\n"
)
PAGES_MAP = """\
plan:
  id: demo
  title: Demo
  financial_year: 2025/26
columns:
  title: Action
  due: [Due, Revised]
  lead: Lead
  notes: Notes
"""


def test_after_a_page_break_only_a_lower_case_or_bare_title_continues(tmp_path):
    """A title starting in lower case continues the one before the break; a capitalised
    one with a due or a lead is an action of its own. The first filled due column wins and
    the columns after it are still read; one notes column and an unread cell share notes;
    a placeholder title names the row, not the line (a cell over two lines comes before)."""
    result = imported(tmp_path, "pages.csv", PAGES, PAGES_MAP)
    assert result.text.split("        actions:\n")[1] == (
        "          - id: T1.1.a\n            title: Write plan iPads for staff\n"
        "            lead: Ann\n            due: Q4 25/26\n            notes: two lines\n"
        "          - id: T1.1.b\n            title: Next step\n            due: Q1 26/27\n"
        "          - id: T1.1.c\n            title: Another\n            lead: Cy\n"
        "            due: TBC\n"
        '          - id: T1.1.d\n            title: "(row 9: no title in the sheet)"\n'
        '            due: TBC\n            notes: "a note; Due: Smarch 2026"\n'
        "          - id: T1.1.e\n            title: Revised one\n            lead: Dee\n"
        "            due: Q4 25/26\n"
    )
    assert [(p.message[:30], p.line, p.col) for p in result.problems] == [
        ("row 8: no target date; due set", 9, 1),
        ("row 9, column 'Due' (B): 'Smar", 10, 2),
        ("row 9: no text in the title co", 10, 1),
    ]


def test_dates_are_read_in_the_maps_calendar_and_a_bad_original_due_is_kept_in_notes(tmp_path):
    """ "Q2" needs the map's financial_year and "Q4 2025" its year_start (a calendar year);
    an original_due that is not a date is kept in notes, as a due would be."""
    sheet_map = (
        "plan:\n  id: demo\n  title: Demo\n  financial_year: 2025/26\n"
        "columns:\n  title: Action\n  due: Due\n  original_due: Was due\n"
    )
    result = imported(tmp_path, "fy.csv", "Action,Due,Was due\nA,Q2,Smarch 2026\n", sheet_map)
    assert result.text.endswith(
        '            title: A\n            due: Q2\n            notes: "Was due: Smarch 2026"\n'
    )
    assert [p.message for p in result.problems] == [
        "row 2, column 'Was due' (C): 'Smarch 2026' is not a date: 'Smarch' is not a date;"
        " kept in notes"
    ]
    sheet_map = (
        "plan:\n  id: demo\n  title: Demo\n  year_start: 1\ncolumns:\n  title: Action\n  due: Due\n"
    )
    result = imported(tmp_path, "calendar.csv", "Action,Due\nA,Q4 2025\n", sheet_map)
    assert result.text.endswith("            title: A\n            due: Q4 2025\n")
    assert result.problems == []


def test_a_cell_is_quoted_whole_up_to_fifty_characters(tmp_path):
    fifty, fifty_one = "x" * 50, "y" * 51
    sheet_map = (
        "plan:\n  id: demo\n  title: Demo\n  financial_year: 2025/26\n"
        "columns:\n  title: Action\n  due: Due\n  status: State\n"
    )
    sheet = f"Action,Due,State\nA,Q2,{fifty}\nB,Q2,{fifty_one}\n"
    result = imported(tmp_path, "long.csv", sheet, sheet_map)
    assert [p.message for p in result.problems] == [
        f"row 2, column 'State' (C): '{fifty}' is not a status; kept in notes",
        f"row 3, column 'State' (C): '{'y' * 50}…' is not a status; kept in notes",
    ]


def test_a_long_title_is_folded_under_its_key(tmp_path):
    sheet_map = (
        "plan:\n  id: demo\n  title: Demo\n  financial_year: 2025/26\n"
        "columns:\n  title: Action\n  due: Due\n"
    )
    title = " ".join(["word"] * 25)
    result = imported(tmp_path, "long.csv", f"Action,Due\n{title},Q2\n", sheet_map)
    first, second = " ".join(["word"] * 15), " ".join(["word"] * 10)  # 88 columns
    assert result.text.endswith(
        f"            title: >-\n              {first}\n              {second}\n"
        "            due: Q2\n"
    )


ONE_MAP = (
    "plan:\n  id: demo\n  title: Demo\n  financial_year: 2025/26\n"
    "columns:\n  title: Action\n  due: Due\n"
)


def test_import_to_writes_a_new_file_and_replaces_one_only_when_forced(tmp_path):
    from plantrack.errors import PlantrackError
    from plantrack.usecases.importer import import_to

    (tmp_path / "one.csv").write_text("Action,Due\nA,Q2\n", encoding="utf-8")
    (tmp_path / "map.yaml").write_text(ONE_MAP, encoding="utf-8")
    sheet, sheet_map = tmp_path / "one.csv", tmp_path / "map.yaml"
    printed = import_to(sheet, sheet_map, None, False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.yaml", "one.csv"]
    output = tmp_path / "plans" / "demo.yaml"  # its folder is made
    assert import_to(sheet, sheet_map, output, False).text == printed.text
    assert output.read_bytes() == printed.text.encode("utf-8")
    output.write_text("kept\n", encoding="utf-8")
    with pytest.raises(PlantrackError) as caught:
        import_to(sheet, sheet_map, output, False)
    assert caught.value.message == f"{output} exists"
    assert (caught.value.hint_template, caught.value.named) == ("use {0} to replace it", ("force",))
    assert output.read_text(encoding="utf-8") == "kept\n"
    import_to(sheet, sheet_map, output, True)
    assert output.read_bytes() == printed.text.encode("utf-8")


def test_a_map_that_makes_an_invalid_plan_is_refused_naming_it(tmp_path):
    from plantrack.errors import PlantrackError

    bad_map = ONE_MAP.replace("title: Demo\n", "title: Demo\n  zeta: extra\n")
    with pytest.raises(PlantrackError) as caught:
        imported(tmp_path, "one.csv", "Action,Due\nA,Q2\n", bad_map)
    assert caught.value.message == "the imported plan (check the map) would not validate"
    assert [d.message for d in caught.value.diagnostics] == ["unknown key 'zeta'"]
