"""``usecases/importer.py``: the example tracker imported row for row as the hand-made
plan has it (the command: commands/test_import.py, test_import_trackers.py)."""

from __future__ import annotations

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
