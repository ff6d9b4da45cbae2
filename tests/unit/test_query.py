"""The query layer on its own: the overdue rule, filters, calendars, summary counts."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import MINIMAL_PLAN, dedent
from plantrack.plan.model import Status
from plantrack.rows.period import AsAt
from plantrack.rows.period import QuarterName as Q
from plantrack.rows.query import Filters, overdue, select, summarise, upcoming
from plantrack.workspace import load_folder

TODAY = date(2026, 11, 23)

EDGE_PLAN = dedent("""
    plantrack: 1
    id: edge
    title: Edge cases
    financial_year: 2025/26
    themes:
      - id: T1
        title: Theme one
        lead: Alice
        directorate: Place
        objectives:
          - id: O1
            title: Objective one
            actions:
              - {id: A1, title: Due on the quarter's last day, due: 2026-03-31}
              - {id: A2, title: Done early, due: Q3 25/26, status: completed}
              - {id: A3, title: Cancelled, due: Q3 25/26, status: withdrawn}
              - {id: A4, title: No deadline, due: ongoing}
              - {id: A5, title: Open start, due: from May 2025}
              - {id: A6, title: Red and late, due: Q3 25/26, status: red, lead: Bob}
              - {id: A7, title: Amber and late, due: December 2025, status: amber}
              - {id: A8, title: Completed ongoing, due: Q1 25/26, status: Completed / Ongoing}
      - id: T2
        title: Theme two
        lead: Carol
        objectives:
          - id: O2
            title: Objective two
            actions:
              - {id: B1, title: Next year, due: Q2 26/27, status: on track}
              - {id: B2, title: Last year, due: Q4 24/25}
    """)

AUSTRALIAN_PLAN = dedent("""
    plantrack: 1
    id: aus
    title: Australian plan
    financial_year: 2023/24
    year_start: July
    themes:
      - id: T1
        title: Only theme
        objectives:
          - id: O1
            title: Only objective
            actions:
              - {id: X1, title: Due in December 2023, due: December 2023}
              - {id: X2, title: Due in March 2024, due: March 2024}
    """)


@pytest.fixture
def rows(tmp_path):
    (tmp_path / "edge.yaml").write_text(EDGE_PLAN)
    workspace = load_folder([tmp_path], TODAY).require_valid()
    return workspace.rows


def ids(found) -> list[str]:
    return [getattr(item, "row", item).id for item in found]


def test_due_on_the_quarter_end_is_overdue_at_the_close_of_the_quarter(rows):
    found = {late.row.id: late for late in overdue(rows, AsAt(Q("Q4-25/26")))}
    assert found["A1"].days_overdue == 1 and found["A1"].as_at == date(2026, 4, 1)


def test_due_on_the_day_is_not_overdue_as_of_that_day(rows):
    assert "A1" not in ids(overdue(rows, AsAt(day=date.fromisoformat("2026-03-31"))))
    assert "A1" in ids(overdue(rows, AsAt(day=date.fromisoformat("2026-04-01"))))


def test_done_statuses_and_no_deadline_are_never_overdue(rows):
    found = ids(overdue(rows, AsAt(day=date.fromisoformat("2030-01-01"))))
    for never in ("A2", "A3", "A4", "A5", "A8"):
        assert never not in found


def test_overdue_is_grouped_by_quarter_oldest_first_worst_first(rows):
    found = overdue(rows, AsAt(Q("Q4 2025/26")))
    assert ids(found) == ["B2", "A6", "A7", "A1"]
    assert [late.quarter.label() for late in found] == [
        "Q4 2024/25",
        "Q3 2025/26",
        "Q3 2025/26",
        "Q4 2025/26",
    ]


def test_without_options_d_is_today(rows):
    assert "B1" not in ids(overdue(rows, today=date(2026, 9, 30)))
    assert "B1" in ids(overdue(rows, today=date(2026, 10, 1)))


def test_filters(rows):
    assert ids(select(rows, Filters(lead="bob"))) == ["A6"]
    assert len(select(rows, Filters(lead="ALICE"))) == 7
    assert ids(select(rows, Filters(statuses=(Status.BEHIND, Status.OFF_TRACK)))) == ["A6", "A7"]
    assert ids(select(rows, Filters(themes=("T2",)))) == ["B1", "B2"]
    assert len(select(rows, Filters(directorate="place"))) == 8
    assert select(rows, Filters(plans=("other",))) == []


def test_upcoming_in_a_quarter_excludes_done(rows):
    assert ids(upcoming(rows, Q("Q3 25/26"))) == ["A6", "A7"]
    assert ids(upcoming(rows, today=date(2026, 5, 1), following=True)) == ["B1"]


def test_inheritance_is_resolved_when_indexed(rows):
    by_id = {row.id: row for row in rows}
    assert by_id["A1"].lead == ["Alice"] and by_id["A6"].lead == ["Bob"]
    assert by_id["B1"].directorate is None and by_id["A1"].directorate == "Place"
    assert by_id["A6"].status is Status.OFF_TRACK


def test_mixed_calendars_read_the_quarter_in_each_plan(tmp_path):
    (tmp_path / "uk.yaml").write_text(MINIMAL_PLAN)
    (tmp_path / "aus.yaml").write_text(AUSTRALIAN_PLAN)
    rows = load_folder([tmp_path], TODAY).require_valid().rows
    aus = [row for row in rows if row.plan == "aus"]
    # Q3 23/24 is Jan-Mar 2024 in a July-start year.
    assert ids(upcoming(aus, Q("Q3-23/24"))) == ["X2"]
    assert ids(overdue(aus, AsAt(Q("Q3-23/24")))) == ["X1", "X2"]
    assert ids(overdue(aus, AsAt(Q("Q2-23/24")))) == ["X1"]


def test_one_quarter_label_across_calendars_is_one_group_worst_first(tmp_path):
    """UK Q3 23/24 is Oct-Dec 2023, Australian Q3 23/24 Jan-Mar 2024: one group, by status."""
    uk = dedent("""
        plantrack: 1
        id: uk
        title: UK plan
        themes:
          - id: U
            title: Only theme
            objectives:
              - id: UO
                title: Only objective
                actions:
                  - {id: U1, title: On track but late, due: December 2023, status: on track}
        """)
    (tmp_path / "uk.yaml").write_text(uk)
    (tmp_path / "aus.yaml").write_text(AUSTRALIAN_PLAN)
    rows = load_folder([tmp_path], TODAY).require_valid().rows
    found = overdue(rows, AsAt(day=date.fromisoformat("2024-06-01")))
    assert [(late.quarter.label(), late.row.id) for late in found] == [
        ("Q2 2023/24", "X1"),
        ("Q3 2023/24", "X2"),  # not reported: worse than on track, though due later
        ("Q3 2023/24", "U1"),
    ]


def test_summary_counts(rows):
    summary = summarise(rows, by="theme", quarter=Q("Q4 25/26"), today=TODAY)
    first, second = summary.groups
    assert (first.total, first.done, first.overdue) == (8, 3, 3)
    assert first.counts == {
        "off_track": 1,
        "behind": 1,
        "on_track": 0,
        "unrated": 0,
        "not_started": 0,
        "no_status": 3,
        "done": 3,
    }
    assert first.in_progress == 2
    assert (second.total, second.overdue, second.due_next) == (2, 1, 0)
    assert summary.total.total == 10 and summary.total.overdue == 4
    by_lead = summarise(rows, by="lead", today=TODAY)
    assert sorted(g.key for g in by_lead.groups) == ["Alice", "Bob", "Carol"]


def test_every_status_is_in_exactly_one_count_and_none_has_its_own():
    from plantrack.plan.status import Status
    from plantrack.rows.counts import COUNTS, count_of

    for status in [*Status, None]:
        assert sum(status in count.statuses for count in COUNTS) == 1, status
    assert count_of(None).key == "no_status" and count_of(Status.NOT_STARTED).key == "not_started"
    assert count_of(Status.IN_PROGRESS).key == count_of(Status.ON_HOLD).key == "unrated"
    assert {c.key for c in COUNTS if c.statuses & {s for s in Status if s.done}} == {"done"}


def test_the_summary_sentence_reads_as_a_council_writes_it():
    from plantrack.rows.query import Group, sentence

    group = Group("total", "Total", total=81, done=54, overdue=6)
    group.counts.update(done=54, on_track=12, behind=8, off_track=5, no_status=2)
    assert sentence(group, "at the close of Q3 2021/22") == (
        "81 trackables: 54 done (67%), 25 in progress — 12 on track, 8 behind, 5 off track"
        " — 2 with no status; 6 overdue at the close of Q3 2021/22"
    )
    quiet = Group("total", "Total", total=3, done=0, overdue=0)
    quiet.counts.update(not_started=1, no_status=2)
    assert sentence(quiet, "today") == (
        "3 trackables: 0 done (0%), 1 not started, 2 with no status; 0 overdue today"
    )


# --- mutation testing (tests/README.md): each test below fails for a one-line bug -----


def test_a_directorate_filter_never_matches_a_row_without_one(rows):
    assert ids(select(rows, Filters(directorate="x"))) == []
    assert ids(select(rows, Filters(themes=("T2",), directorate="e"))) == []


def _actions(tmp_path, *actions: str):
    """Rows of a one-objective plan with these actions (flow mappings)."""
    lines = "\n".join(f"              - {action}" for action in actions)
    (tmp_path / "p.yaml").write_text(
        dedent("""
            plantrack: 1
            id: p
            title: P
            themes:
              - id: T
                title: Theme
                objectives:
                  - id: O
                    title: Objective
                    actions:
            """)
        + lines
        + "\n"
    )
    return load_folder([tmp_path], TODAY).require_valid().rows


def test_inside_a_quarter_and_status_the_longest_overdue_comes_first(tmp_path):
    rows = _actions(
        tmp_path,
        "{id: A, title: A, due: 2025-11-30, status: behind}",
        "{id: B, title: B, due: 2025-10-31, status: behind}",
        "{id: C, title: C, due: 2025-12-31, status: behind}",
    )
    found = overdue(rows, AsAt(Q("Q4 25/26")))
    assert [(late.row.id, late.days_overdue) for late in found] == [
        ("B", 152),
        ("A", 122),
        ("C", 91),
    ]


def test_due_on_a_quarters_first_or_last_day_is_due_in_it(tmp_path):
    rows = _actions(
        tmp_path,
        "{id: A, title: A, due: 2025-12-31}",
        "{id: B, title: B, due: 2026-01-01}",
        "{id: C, title: C, due: 2026-03-31}",
        "{id: D, title: D, due: 2026-04-01}",
    )
    assert ids(upcoming(rows, Q("Q4 25/26"))) == ["B", "C"]


def _ended(period_ends: dict[str, str | None], quarter: str) -> list[str]:
    from types import SimpleNamespace

    from plantrack.rows.query import ended_plans

    infos = [SimpleNamespace(id=plan, period_end=end) for plan, end in period_ends.items()]
    rows = [SimpleNamespace(plan=plan, year_start=4) for plan in period_ends]
    return ended_plans(infos, rows, AsAt(Q(quarter)), TODAY)


def test_a_plan_ends_once_its_period_is_over_before_the_quarter_starts():
    plans = {"open": None, "before": "2026-03-31", "on-the-day": "2026-04-01", "x": "2026-06-30"}
    assert _ended(plans, "Q1 26/27") == ["before"]  # still reported in its last quarter
    assert _ended(plans, "Q2 26/27") == ["before", "on-the-day", "x"]


def test_summary_counts_no_deadline_and_due_next_quarter(rows):
    summary = summarise(rows, by="theme", quarter=Q("Q3 25/26"), today=TODAY)
    first, second = summary.groups
    assert (first.no_deadline, second.no_deadline) == (2, 0)  # A4 ongoing, A5 open-ended
    assert (first.due_next, second.due_next) == (1, 0)  # A1, due in Q4 25/26 and not done
    assert summary.total.no_deadline == 2 and summary.total.due_next == 1


def test_a_group_as_json():
    from plantrack.rows.query import Group

    empty = Group("k", "Label")
    assert empty.progress == 0.0
    group = Group("edge:T1", "Theme one", total=3, done=1, overdue=2, due_next=1, no_deadline=1)
    group.counts.update(done=1, behind=2)
    assert group.as_dict() == {
        "group": "edge:T1",
        "title": "Theme one",
        "total": 3,
        "done": 1,
        "progress": 0.3333,
        "overdue": 2,
        "due_next_quarter": 1,
        "no_deadline": 1,
        "in_progress": 2,
        "off_track": 0,
        "behind": 2,
        "on_track": 0,
        "unrated": 0,
        "not_started": 0,
        "no_status": 0,  # and "done", the count of done, is the total's done
        "redated": 0,
        "average_slip_days": None,
    }


def test_the_summary_sentence_for_one_and_for_none():
    from plantrack.rows.query import Group, sentence

    one = Group("total", "Total", total=1, done=1)
    one.counts.update(done=1)
    assert sentence(one, "today") == "1 trackable: 1 done (100%); 0 overdue today"
    none = Group("total", "Total")
    assert sentence(none, "today") == "0 trackables: 0 done (0%); 0 overdue today"
    unrated = Group("total", "Total", total=2)
    unrated.counts.update(unrated=2)
    assert sentence(unrated, "today") == (
        "2 trackables: 0 done (0%), 2 in progress — 2 unrated; 0 overdue today"
    )


def test_groups_by_each_grouping_with_their_keys_and_labels(rows, tmp_path):
    def keys(by, some=rows, **kwargs):
        return [(g.key, g.label) for g in summarise(some, by=by, today=TODAY, **kwargs).groups]

    assert keys("objective") == [("edge:O1", "Objective one"), ("edge:O2", "Objective two")]
    assert keys("directorate") == [("Place", "Place"), ("(no directorate)", "(no directorate)")]
    assert summarise(rows, today=TODAY).by == "theme"
    assert [g.key for g in summarise(rows, today=TODAY).groups] == ["edge:T1", "edge:T2"]
    assert summarise(rows, today=TODAY).total.label == "Total"
    # Plan titles name plan groups only, never a lead or directorate of the same name.
    assert keys("directorate", plan_titles={"Place": "A plan"})[0] == ("Place", "Place")
    assert keys("plan", plan_titles={"edge": "Edge cases"}) == [("edge", "Edge cases")]
    (tmp_path / "aus.yaml").write_text(AUSTRALIAN_PLAN)
    aus = load_folder([tmp_path / "aus.yaml"], TODAY).require_valid().rows
    assert keys("lead", aus) == [("(no lead)", "(no lead)")]


def test_an_unknown_grouping_names_the_ones_there_are(rows):
    from plantrack.errors import BadValue

    with pytest.raises(BadValue) as refused:
        summarise(rows, by="colour", today=TODAY)
    assert refused.value.name == "by" and refused.value.value == "colour"
    assert refused.value.reason == "group by one of theme, objective, lead, directorate, plan"


def test_the_words_headers_colours_and_letters_of_each_count():
    """What tables, legends and sentences print for each count (colour never alone)."""
    from plantrack.rows.counts import COUNTS

    assert [(c.key, c.words, c.header, c.rag, c.letter) for c in COUNTS] == [
        ("off_track", "off track", "Off track", "red", "R"),
        ("behind", "behind", "Behind", "amber", "A"),
        ("on_track", "on track", "On track", "green", "G"),
        ("unrated", "unrated (in progress or on hold)", "Unrated", "grey", "U"),
        ("not_started", "not started", "Not started", "grey", "N"),
        ("no_status", "no status", "No status", "grey", "\u2013"),
        ("done", "done", "Done", "blue", "D"),
    ]
