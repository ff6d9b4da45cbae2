"""The seed plans in plans/: their shape pinned against counts taken from the source
documents, spot checks of rows, and the reports they must support."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date

import pytest

from conftest import ROOT
from plantrack.dates import parse
from plantrack.workspace import load_folder

PLANS = ROOT / "plans"

# plan id: (themes, objectives, actions, milestones, trackables), counted in the documents.
# The improvement plan's 99 dated bullets are 100 milestones: bullet 1.1.g holds two dates.
SHAPES = {
    "inclusion-strategy-2026-27": (4, 22, 51, 2, 52),
    "year-ahead-delivery-plan-2023": (1, 4, 12, 7, 17),
    "equality-plan-2022-23": (3, 8, 11, 24, 24),
    "improvement-plan-phase-2-2016-17": (4, 20, 20, 100, 100),
    "year-ahead-plan-2021-22": (7, 26, 51, 52, 81),
}


@pytest.fixture(scope="module")
def workspace():
    return load_folder([PLANS], date(2026, 11, 23))


def test_every_plan_validates_without_errors(workspace):
    assert workspace.errors == []
    assert len(workspace.files) >= len(SHAPES)


def plan_of(workspace, plan_id):
    loaded = workspace.plan(plan_id)
    assert loaded is not None, f"{plan_id} is missing from plans/"
    return loaded.plan


@pytest.mark.parametrize("plan_id", sorted(SHAPES))
def test_shape(workspace, plan_id):
    plan = plan_of(workspace, plan_id)
    objectives = [o for t in plan.themes for o in t.objectives]
    actions = [a for o in objectives for a in o.actions]
    milestones = [m for a in actions for m in a.milestones]
    rows = [r for r in workspace.rows if r.plan == plan_id]
    assert (len(plan.themes), len(objectives), len(actions), len(milestones), len(rows)) == SHAPES[
        plan_id
    ]


@pytest.mark.parametrize("plan_id", sorted(SHAPES))
def test_modeline_header_and_unique_ids(plan_id):
    text = (PLANS / f"{plan_id}.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schemas/plan.schema.json\n# ")
    ids = [
        line.split("id:", 1)[1].strip().strip('"')
        for line in text.splitlines()
        if line.strip().startswith(("- id:", "id:"))
    ]
    assert len(ids) == len(set(ids))


# plan id, item id, title starts with, lead (one post, or the list of posts a cell names),
# due as written, deadline (or None).
ROWS = [
    (
        "inclusion-strategy-2026-27",
        "T1.1.a",
        "Refresh the community reference group",
        "Head of Organisational Development",
        "Q4 25/26",
        date(2026, 3, 31),
    ),
    (
        "inclusion-strategy-2026-27",
        "T2.6.i",
        "Appointment of inclusion lead for Rotherham Music",
        "Service Director of Culture, Sport and Tourism",
        "Q1 26/27",
        date(2026, 6, 30),
    ),
    (
        "inclusion-strategy-2026-27",
        "T4.2.a",
        "Promote workforce diversity in underrepresented areas",
        ["Head of Human Resources", "Head of Organisational Development"],
        "Q4 26/27",
        date(2027, 3, 31),
    ),
    (
        "inclusion-strategy-2026-27",
        "T4.2.b-1",
        "Cultural engagement to be delivered by OD",
        "Head of Organisational Development",
        "Q1 & Q3 26/27",
        date(2026, 12, 31),
    ),
    (
        "inclusion-strategy-2026-27",
        "T4.2.c",
        "Explore establishing a reporting mechanism",
        "Head of Human Resources",
        "Q2 26/27",
        date(2026, 9, 30),
    ),
    (
        "year-ahead-delivery-plan-2023",
        "3.1",
        "Obtain sign off of our Written Statement",
        "Assistant Director Education and Skills",
        "Quarter 4",
        date(2024, 3, 31),
    ),
    (
        "year-ahead-delivery-plan-2023",
        "3.5.b",
        "Open a second two-bedroom home.",
        "Assistant Director, Planning, Regeneration and Transport",
        "Quarter 2",
        date(2023, 9, 30),
    ),
    (
        "year-ahead-delivery-plan-2023",
        "3.11.a",
        "UPLIFT: Rotherham Skate and Arts Festival",
        "Assistant Director, Culture, Sport and Tourism",
        "ongoing to Quarter 4 2025/26",
        date(2026, 3, 31),
    ),
    (
        "improvement-plan-phase-2-2016-17",
        "2.1.d",
        "Consultation with stakeholders, partners",
        "Justin Homer, Head of Policy, Improvement & Partnerships",
        "July to September 2016",
        date(2016, 9, 30),
    ),
    (
        "improvement-plan-phase-2-2016-17",
        "1.1.a",
        "Rolling forward programme of SLT engagement",
        "Tracey Parkin, HR Manager (People and OD)",
        "ongoing from May 2016",
        None,
    ),
    (
        "improvement-plan-phase-2-2016-17",
        "17.1.f",
        "Demonstrable impact in measures",
        "Karen Hanson, Assistant Director, Community Safety and Street Scene",
        "by March 2017",
        date(2017, 3, 31),
    ),
    (
        "equality-plan-2022-23",
        "A1.a",
        "Launch support offer",
        None,
        "April to June",
        date(2022, 6, 30),
    ),
    (
        "equality-plan-2022-23",
        "A4.a",
        "Diversity profile of elected members",
        None,
        "July to December",
        date(2022, 12, 31),
    ),
    (
        "equality-plan-2022-23",
        "A10.c",
        "Review and agree proposals for Members L&D programme.",
        None,
        "January to March 2023",
        date(2023, 3, 31),
    ),
]


@pytest.mark.parametrize(
    ("plan_id", "item_id", "title", "lead", "due", "deadline"),
    ROWS,
    ids=[f"{r[0]}:{r[1]}" for r in ROWS],
)
def test_spot_checks(workspace, plan_id, item_id, title, lead, due, deadline):
    [row] = [r for r in workspace.rows if r.plan == plan_id and r.id == item_id]
    assert row.title.startswith(title)
    assert row.lead == (lead if isinstance(lead, list) else [lead] if lead else [])
    assert row.due == due and row.deadline == deadline
    plan = plan_of(workspace, plan_id)
    assert parse(due, plan.financial_year, plan.year_start).deadline == deadline


def test_improvement_plan_leads_inherit_and_links_resolve(workspace):
    plan = plan_of(workspace, "improvement-plan-phase-2-2016-17")
    objective = plan.themes[2].objectives[1]
    assert objective.id == "13" and objective.lead == [
        "Ian Thomas, Strategic Director for Children & Young People's Services"
    ]
    assert plan.themes[0].objectives[2].actions[0].links == ["16", "19"]


def test_year_ahead_plan_statuses_as_reported(workspace):
    """Status values as written in the tracker, counted in the document: 80 of its 81
    rows have one (T5.1.a's is "n/a"), T5.4.a.2's recovered from its scrambled page."""
    text = (PLANS / "year-ahead-plan-2021-22.yaml").read_text(encoding="utf-8")
    written = Counter(
        line.split("status:", 1)[1].strip()
        for line in text.splitlines()
        if line.strip().startswith("status:")
    )
    assert written == {
        "Completed": 31,
        "On track": 12,
        "Completed / ongoing": 10,
        "Behind schedule": 8,
        "Completed / Ongoing": 7,
        "Off track": 5,
        "Completed/ ongoing": 4,
        "Completed/ Ongoing": 2,
        "Completed - ongoing": 1,
    }
    rows = [r for r in workspace.rows if r.plan == "year-ahead-plan-2021-22"]
    assert Counter(r.status.value for r in rows if r.status) == {
        "completed": 31,
        "completed-ongoing": 24,
        "on-track": 12,
        "behind": 8,
        "off-track": 5,
    }
    # 15 revised target dates printed as such, and T7.4.a's, given in its rationale.
    revised = [r for r in rows if r.original_due]
    assert len(revised) == 16
    century = next(r for r in rows if r.id == "T3.1.b")
    assert (century.original_due, century.due) == ("December 2021", "April 2022")


def test_links_and_measures_are_used(workspace):
    rows = {(r.plan, r.id): r for r in workspace.rows}
    assert rows[("year-ahead-delivery-plan-2023", "3.3")].links == ["O2"]
    assert rows[("equality-plan-2022-23", "A3.a")].measure is None  # measure is the action's
    equality = plan_of(workspace, "equality-plan-2022-23")
    assert equality.themes[0].objectives[0].actions[0].measure.startswith("Service user")


def test_list_json_gives_one_row_per_trackable(cli):
    for plan_id, shape in SHAPES.items():
        rows = json.loads(
            cli("list", "--plans", PLANS, "--plan", plan_id, "--format", "json").stdout
        )
        assert len(rows) == shape[4]
        assert Counter(r["kind"] for r in rows)["milestone"] == shape[3]


def test_inclusion_strategy_overdue_at_the_end_of_q4_25_26(cli):
    """Due by 31 March 2026 and not done (no statuses are reported in the document)."""
    rows = json.loads(
        cli(
            "overdue",
            "--plans",
            PLANS,
            "--quarter",
            "Q4-25/26",
            "--plan",
            "inclusion-strategy-2026-27",
            "--format",
            "json",
        ).stdout
    )
    assert rows and all(r["deadline"] <= "2026-03-31" for r in rows)
    assert {r["quarter"] for r in rows} == {"Q4 2025/26"}
    assert len(rows) == 24
    everything = json.loads(
        cli("overdue", "--plans", PLANS, "-q", "Q4-25/26", "--format", "json", "--all").stdout
    )
    assert {r["plan"] for r in everything} > {"inclusion-strategy-2026-27"}
    older = [r for r in everything if r["plan"] != "inclusion-strategy-2026-27"]
    assert all(r["deadline"] <= "2026-03-31" for r in older)
    # The one item of another plan due in that quarter: the CCOC 2025 programme's row.
    assert [(r["plan"], r["id"]) for r in older if r["deadline"] == "2026-03-31"] == [
        ("year-ahead-delivery-plan-2023", "3.11.a")
    ]


# Corrections after a line-by-line read of each plan against its source document (issue 17).
# Each test pins a corrected value, so an edit that undoes one fails.


def item_of(workspace, plan_id, item_id):
    """The plan's own item (not the reported row): its notes and fields as written."""
    plan = plan_of(workspace, plan_id)
    for theme in plan.themes:
        for objective in theme.objectives:
            for action in objective.actions:
                for found in (action, *action.milestones):
                    if found.id == item_id:
                        return found
    raise AssertionError(f"{plan_id}:{item_id} is missing")


ORGANISATIONS = {
    "inclusion-strategy-2026-27": "Rotherham Metropolitan Borough Council",
    "year-ahead-delivery-plan-2023": "Rotherham Metropolitan Borough Council",
    "improvement-plan-phase-2-2016-17": "Rotherham Metropolitan Borough Council",
    "year-ahead-plan-2021-22": "Rotherham Metropolitan Borough Council",
    "equality-plan-2022-23": "Wokingham Borough Council",
}


@pytest.mark.parametrize("plan_id", sorted(ORGANISATIONS))
def test_each_plan_names_its_own_council(workspace, plan_id):
    """Seed 004 never names its council; its priorities are Wokingham's, word for word."""
    plan = plan_of(workspace, plan_id)
    assert plan.organisation == ORGANISATIONS[plan_id]
    header = (PLANS / f"{plan_id}.yaml").read_text(encoding="utf-8").split("\nplantrack:")[0]
    assert ORGANISATIONS[plan_id].split()[0] in header
    other = {"Rotherham", "Wokingham"} - {ORGANISATIONS[plan_id].split()[0]}
    assert not other & set(header.split()) and not other & set((plan.source or "").split())


def test_readme_names_both_councils():
    """Four seeds are Rotherham's and one is Wokingham's; the tour of plans/ says so."""
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert "four of Rotherham Metropolitan Borough Council" in readme
    assert "Wokingham Borough Council's Equality Plan 2021-2025" in readme
    assert "five real plans of Rotherham" not in readme


def test_equality_plan_is_wokinghams_tackling_inequality_together(workspace):
    plan = plan_of(workspace, "equality-plan-2022-23")
    assert plan.source.startswith(
        'Wokingham Borough Council, Equality Plan 2021-2025 "Tackling Inequality Together"'
    )


def test_equality_plan_a4_is_dated_by_its_cells_bracketed_period(workspace):
    """A4's cell is laid out as A5.a's: two sentences, then one "(July to December)"."""
    rows = {r.id: r for r in workspace.rows if r.plan == "equality-plan-2022-23"}
    assert rows["A4.a"].due == rows["A4.b"].due == "July to December"
    assert rows["A4.a"].deadline == date(2022, 12, 31)
    assert rows["A5.a"].due == "April to June"


def test_equality_plan_keeps_the_sources_across_the_year(workspace):
    """The source says "across the year" (A3.a, A5.b), and "throughout the year" (A10.a):
    each due date keeps the source's words."""
    rows = {r.id: r for r in workspace.rows if r.plan == "equality-plan-2022-23"}
    for item_id in ("A3.a", "A5.b"):
        assert "across the year" in rows[item_id].title
        assert (rows[item_id].due, rows[item_id].deadline) == ("across the year", None)
    assert rows["A10.a"].due == "throughout the year"


def test_inclusion_strategy_t4_2_rows_in_source_order(workspace):
    """Rows 60-62 of the source: the two-post lead cell is a list; "Targeted activity"
    (two dated bullets) is printed before the harassment reporting row."""
    plan = plan_of(workspace, "inclusion-strategy-2026-27")
    objective = next(o for t in plan.themes for o in t.objectives if o.id == "T4.2")
    assert [(a.id, a.title.split()[0]) for a in objective.actions] == [
        ("T4.2.a", "Promote"),
        ("T4.2.b", "Targeted"),
        ("T4.2.c", "Explore"),
    ]
    assert objective.actions[0].lead == [
        "Head of Human Resources",
        "Head of Organisational Development",
    ]
    assert [(m.id, m.due) for m in objective.actions[1].milestones] == [
        ("T4.2.b-1", "Q1 & Q3 26/27"),
        ("T4.2.b-2", "Q2 & Q4 26/27"),
    ]


def test_inclusion_strategy_keeps_the_sources_repeated_bullet_and_says_so(workspace):
    action = item_of(workspace, "inclusion-strategy-2026-27", "T3.2.a")
    bullet = "600 children and young people to attend group sessions"
    assert action.title.count(bullet) == 2
    assert "twice" in action.notes


def test_delivery_plan_3_11_has_its_rows_timescale(workspace):
    """ "Ongoing to Quarter 4 2025" sits in the row with 3.11's own text: Q4 read as the
    document's other quarters are (financial; "2023" is FY 2023/24), so FY 2025/26."""
    action = item_of(workspace, "year-ahead-delivery-plan-2023", "3.11")
    assert action.due == "ongoing to Quarter 4 2025/26"
    assert '"Ongoing to Quarter 4 2025"' in action.notes and "FY 2025/26" in action.notes
    plan = plan_of(workspace, "year-ahead-delivery-plan-2023")
    assert parse(action.due, plan.financial_year).deadline == date(2026, 3, 31)
    rows = {r.id: r for r in workspace.rows if r.plan == "year-ahead-delivery-plan-2023"}
    assert rows["3.11.a"].deadline == date(2026, 3, 31)
    assert rows["3.11.b"].due == rows["3.11.c"].due == "Quarter 1"


def test_improvement_plan_1_1_g_is_two_milestones(workspace):
    """ "Workforce Strategy – draft ready for consultation by end of July and final strategy
    available in October 2016": the draft is the milestone the summary table lists."""
    action = item_of(workspace, "improvement-plan-phase-2-2016-17", "1.1")
    assert [m.id for m in action.milestones][6:8] == ["1.1.g-1", "1.1.g-2"]
    rows = {r.id: r for r in workspace.rows if r.plan == "improvement-plan-phase-2-2016-17"}
    draft, final = rows["1.1.g-1"], rows["1.1.g-2"]
    assert draft.title == "Workforce Strategy – draft ready for consultation"
    assert (draft.due, draft.deadline) == ("by end of July", date(2016, 7, 31))
    assert final.title == "Workforce Strategy – final strategy available"
    assert (final.due, final.deadline) == ("October 2016", date(2016, 10, 31))
    assert (
        "end July 2016" in item_of(workspace, "improvement-plan-phase-2-2016-17", "1.1.g-1").notes
    )


def test_improvement_plan_garbled_objective_titles_say_what_is_uncertain(workspace):
    plan = plan_of(workspace, "improvement-plan-phase-2-2016-17")
    objectives = {o.id: o for t in plan.themes for o in t.objectives}
    assert objectives["1"].title.startswith("Enhanced capacity of senior staff")
    assert "Effective Professional Officers" in objectives["1"].notes
    assert objectives["5"].title.startswith("Broader, Cabinet and Opposition capacity")
    assert '"Leader"' in objectives["5"].notes and "uncertain" in objectives["5"].notes


def test_year_ahead_plan_scrambled_hope_and_confidence_page(workspace):
    """Page 2 of Hope and Confidence: six date cells and six status cells, paired as they
    are printed together; none left over, none used twice."""
    rows = {r.id: r for r in workspace.rows if r.plan == "year-ahead-plan-2021-22"}
    got = {i: (rows[i].due, rows[i].status.value) for i in ("T5.2.a.1", "T5.4.a.2", "T5.4.b.1")}
    assert got == {
        "T5.2.a.1": ("June – November 2021", "completed-ongoing"),
        "T5.4.b.1": ("July 2021", "completed-ongoing"),
        "T5.4.a.2": ("July – November 2021", "on-track"),
    }
    page = ("T5.2.a.1", "T5.3.a.1", "T5.3.a.2", "T5.4.a.1", "T5.4.a.2", "T5.4.b.1")
    assert Counter(rows[i].due for i in page)["July – November 2021"] == 2
    zonal = item_of(workspace, "year-ahead-plan-2021-22", "T5.4.a.2")
    assert zonal.rationale.startswith("Established work programme. Over 130 areas")
    assert "not legible" not in zonal.notes and "scrambled" in zonal.notes
    roundup = item_of(workspace, "year-ahead-plan-2021-22", "T5.2.a.1")
    assert '"Ongoing June – November 2021"' in roundup.notes and "scrambled" in roundup.notes


def test_year_ahead_plan_revised_dates_from_rationales(workspace):
    rows = {r.id: r for r in workspace.rows if r.plan == "year-ahead-plan-2021-22"}
    greasbrough = rows["T7.4.a"]
    assert (greasbrough.due, greasbrough.original_due) == ("June 2022", "January 2021 - June 2021")
    assert greasbrough.deadline == date(2022, 6, 30)
    pocket_park = item_of(workspace, "year-ahead-plan-2021-22", "T3.2.f")
    assert (pocket_park.original_due, pocket_park.due) == ("September 2021", "June 2022")
    assert "March 2022" in pocket_park.notes


def test_year_ahead_plan_ongoing_with_a_period_is_read_one_way(workspace):
    """ "Ongoing (March 2022)", "Ongoing July November 2021", ...: the period is the due
    date, the words as written are in notes."""
    as_written = {
        "T1.1.b.2": ("July – November 2021", "Ongoing July November 2021"),
        "T1.3.b.2": ("November 2021", "Ongoing November 2021"),
        "T2.3.a.2": ("March 2022", "Ongoing (March 2022)"),
        "T2.3.a.3": ("June – November 2021", "Ongoing June-November 2021"),
        "T5.1.a": ("June – November 2021", "Ongoing (June – November 2021)"),
        "T5.2.a.1": ("June – November 2021", "Ongoing June – November 2021"),
    }
    for item_id, (due, words) in as_written.items():
        item = item_of(workspace, "year-ahead-plan-2021-22", item_id)
        assert item.due == due and f'as written: "{words}"' in item.notes, item_id


def test_year_ahead_plan_placements_follow_the_outcome_labels(workspace):
    """An activity belongs to the last outcome label printed before its heading: Century
    business centre is printed before T3.2's label; T1.1.b's heading before T1.2's."""
    plan = plan_of(workspace, "year-ahead-plan-2021-22")
    objectives = {o.id: o for t in plan.themes for o in t.objectives}
    assert [a.id for a in objectives["T3.1"].actions] == ["T3.1.a", "T3.1.b"]
    assert objectives["T3.1"].actions[1].title.startswith("Start construction of new Century")
    assert objectives["T3.2"].actions[0].title.startswith("Develop and submit bids")
    ward = next(a for a in objectives["T1.1"].actions if a.id == "T1.1.b")
    assert [m.id for m in ward.milestones] == ["T1.1.b.1", "T1.1.b.2", "T1.1.b.3"]
    for milestone in ward.milestones[1:]:
        assert "T1.2" in milestone.notes
