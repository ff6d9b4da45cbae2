"""A first map for `plantrack import`, guessed from the header row of a tracker."""

from __future__ import annotations

import pytest

from conftest import ROOT
from plantrack.errors import PlantrackError
from plantrack.usecases.guess import guess_map, key_of, render_map
from plantrack.usecases.importer import import_sheet
from plantrack.usecases.sheet import SheetMap

HULL = ROOT / "docs" / "examples" / "hull-and-east-yorkshire-hospitals-action-log.csv"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (  # a council tracker
            "Ref,Action,Lead Officer,Target Date,RAG,Update",
            {"id": ["Ref"], "title": ["Action"], "lead": ["Lead Officer"],
             "due": ["Target Date"], "status": ["RAG"], "rationale": ["Update"]},
        ),
        (  # an equality action plan, with case, plurals and punctuation of its own
            "Objective,Key actions,Lead officer(s),Timescales,Success measures,Progress:",
            {"objective": ["Objective"], "title": ["Key actions"], "lead": ["Lead officer(s)"],
             "due": ["Timescales"], "measure": ["Success measures"], "rationale": ["Progress:"]},
        ),
        (  # a board action log re-dated in a second column: the new date wins
            "NO,PAPER,ACTION,LEAD,TARGET DATE,NEW DATE,STATUS/COMMENT",
            {"id": ["NO"], "title": ["ACTION"], "lead": ["LEAD"],
             "due": ["NEW DATE", "TARGET DATE"], "rationale": ["STATUS/COMMENT"]},
        ),
        (  # re-dated in "revised" columns: each goes before the first target date
            "Action,Target date,Revised date,Revised target date",
            {"title": ["Action"], "due": ["Revised date", "Revised target date", "Target date"]},
        ),
        (  # a misspelt header is still read; of two status columns the RAG rating wins
            "Priority,Task,Responsable officer,By when,Status,RAG rating,Comments",
            {"theme": ["Priority"], "title": ["Task"], "lead": ["Responsable officer"],
             "due": ["By when"], "status": ["RAG rating"], "rationale": ["Comments"]},
        ),
    ],
)  # fmt: skip
def test_headers_trackers_use_are_placed(tmp_path, header, expected):
    sheet = tmp_path / "tracker.csv"
    sheet.write_text(header + "\n" + ",".join("x" for _ in header.split(",")) + "\n")
    assert guess_map(sheet).columns == expected


def test_the_header_row_is_found_below_a_title_and_columns_left_over_are_named(tmp_path):
    sheet = tmp_path / "plan.csv"
    sheet.write_text(
        "Appendix 2: Action Plan 2026/27,,,\n,,,\n"
        "Action,Lead officer,Date raised,\nDo it,Head of HR,2026-01-01,stray note\n"
    )
    guess = guess_map(sheet)
    assert guess.header_line == 3
    assert guess.columns == {"title": ["Action"], "lead": ["Lead officer"]}
    assert guess.unplaced == ["Date raised", "D"]  # a blank header is named by its letter


def test_a_sheet_without_a_header_row_is_refused_with_the_way_on(tmp_path):
    sheet = tmp_path / "numbers.csv"
    sheet.write_text("1,2,3\n4,5,6\n")
    with pytest.raises(PlantrackError) as refused:
        guess_map(sheet)
    assert str(refused.value) == (
        f"{sheet}: no row looks like a header (a column such as 'Action' and another such "
        "as 'Lead officer' or 'Target date')"
    )
    assert refused.value.hint == (
        "write the map by hand: see 'Importing a spreadsheet tracker' in docs/guide.md"
    )


def test_the_guessed_map_imports_every_row_of_a_published_log(tmp_path):
    """Saved as it is, the guess is a map import takes: every row becomes an action and
    the plan validates (import proves it); section rows start themes."""
    the_map = tmp_path / "log.map.yaml"
    the_map.write_text(render_map(guess_map(HULL)))
    loaded = SheetMap.load(the_map)
    assert loaded.sections == "theme" and loaded.ignore == ["PAPER"]
    result = import_sheet(HULL, the_map)
    guided = import_sheet(HULL, HULL.with_name(HULL.stem + ".map.yaml"))  # the guide's map
    assert result.trackables == guided.trackables == 6  # every action of the log


def test_headers_yaml_would_misread_are_quoted(tmp_path):
    sheet = tmp_path / "odd.csv"
    sheet.write_text('"No","Action:","# Lead","Yes","Date: raised"\n1,Do it,Head of HR,y,z\n')
    the_map = tmp_path / "odd.map.yaml"
    the_map.write_text(render_map(guess_map(sheet)))
    loaded = SheetMap.load(the_map)
    assert loaded.columns["id"] == ["No"] and loaded.columns["title"] == ["Action:"]
    assert loaded.columns["lead"] == ["# Lead"] and loaded.ignore == ["Yes", "Date: raised"]


def test_status_words_plantrack_does_not_know_are_offered_for_a_legend(tmp_path):
    sheet = tmp_path / "rag.csv"
    sheet.write_text("Action,Status\nA,Green\nB,Some issues\nC,Some issues\nD,Ongoing - see note\n")
    text = render_map(guess_map(sheet))
    assert "#   Some issues:\n#   Ongoing - see note:\n" in text and "Green:" not in text
    assert "columns:\n  title: Action\n  status: Status\n" in text
    assert (
        "# statuses:   # the sheet's own status words: give each its canonical status\n"
        "#             # (not-started, in-progress, on-track, behind, off-track, on-hold, "
        "completed, completed-ongoing, cancelled) and uncomment\n"
    ) in text


def test_the_financial_year_is_guessed_when_dates_lack_a_year(tmp_path):
    """The NHS log writes "June" and "30 Sept" beside "17.7.12": the year-less dates need
    the plan's financial_year, guessed from the dated ones and set, marked for checking."""
    guess = guess_map(HULL)
    assert guess.financial_year == "2012/13" and guess.yearless > 0
    assert "\n  financial_year: 2012/13   # guessed from the dates" in render_map(guess)
    dated = tmp_path / "dated.csv"
    dated.write_text("Action,Target date\nA,Q4 2026/27\nB,June 2026\nC,March 2026\n")
    guess = guess_map(dated)
    assert (guess.financial_year, guess.yearless) == ("2026/27", 0)  # two of three dates
    assert "\n  # financial_year: 2026/27" in render_map(guess)  # not needed: a comment


def test_a_shared_or_blank_header_is_named_by_its_letter_and_a_plain_date_stays_out(tmp_path):
    """Two columns headed "Date" would both read as the first; a plain "Date" is often the
    day an action was raised, so it never joins the target date."""
    sheet = tmp_path / "log.csv"
    sheet.write_text(
        "Action,Target date,Date,Date,\nA,March 2026,1 Jan 2024,2 Jan 2024,x\n"
        "B,June 2025,3 Jan 2024,4 Jan 2024,\n"
    )
    guess = guess_map(sheet)
    assert guess.columns == {"title": ["Action"], "due": ["Target date"]}
    assert guess.unplaced == ["C", "D", "E"]
    assert guess.financial_year == "2025/26"  # from the target dates, not the raised ones


def test_with_no_date_to_go_by_the_year_offered_is_todays():
    from datetime import date

    from plantrack.usecases.guess import GuessedMap

    text = render_map(GuessedMap(HULL, 1, {"title": ["ACTION"]}), today=date(2030, 5, 1))
    assert "  # financial_year: 2030/31   # for dates written without a year" in text
    one = render_map(
        GuessedMap(HULL, 1, {"title": ["ACTION"]}, yearless=1, financial_year="2012/13")
    )
    assert "(1 date has no year)" in one


# Every header word the guess knows, written as trackers write them (case, spacing and
# punctuation vary), as many as the vocabulary has: a word dropped or misspelt there leaves
# a column unplaced, and a word added there needs its header here.
KNOWN_HEADERS = {
    "id": ["Ref", "Reference", "Ref. No", "Action ref", "Action No.", "No", "Number", "ID", "Item"],
    "theme": ["Theme", "Priority", "Strategic priority", "Priority area", "Council priority"],
    "objective": ["Objective", "Objectives", "Aim", "Outcome", "Strategic objective"],
    "title": [
        "Action", "Actions", "Specific action", "Key action", "Key actions",
        "Action description", "Description", "Task", "Activity", "Milestone", "Deliverable",
        "What we will do",
    ],
    "lead": [
        "Lead", "Lead officer", "Lead Officers", "Responsible officer", "Owner", "Action owner",
        "Responsible", "Responsibility", "Accountable officer", "Who", "Lead officer / service",
    ],
    "directorate": ["Directorate", "Lead directorate", "Service", "Service area", "Department"],
    "due": [
        "New date", "Revised date", "Revised target date", "Target date", "Due date", "Due",
        "Deadline", "Timescale", "Timescales", "By when?", "Target", "Completion date", "When",
        "Date", "Timeframe", "Delivery date",
    ],
    "original_due": ["Original target date", "Original date", "Original deadline"],
    "status": ["RAG", "RAG status", "RAG rating", "Status", "Current status", "Rating"],
    "rationale": [
        "Update", "Progress", "Progress update", "Latest update", "Update on progress",
        "Comments", "Comment", "Commentary", "Narrative", "Progress to date", "Status comment",
    ],
    "measure": [
        "Measure", "Measures", "Success measure", "Success measures", "Measure of success",
        "Measures of success", "Outcome measure", "KPI", "Performance measure",
        "Success criteria",
    ],
}  # fmt: skip


@pytest.mark.parametrize(
    ("header", "key"), [(h, key) for key, headers in KNOWN_HEADERS.items() for h in headers]
)
def test_every_header_word_places_its_column(header, key):
    found = key_of(header)
    assert found is not None and found[0] == key
    assert found[1] < len(KNOWN_HEADERS[key])  # known exactly, not only nearly


@pytest.mark.parametrize(("header", "key"), [("Lead Oficer", "lead"), ("Targett date", "due")])
def test_a_nearly_known_header_is_placed_below_every_exact_one(header, key):
    assert key_of(header) == (key, len(KNOWN_HEADERS[key]))


@pytest.mark.parametrize("header", ["Leader", "Notes", "Date raised", "Paper", ""])
def test_a_header_unlike_any_known_word_is_not_placed(header):
    assert key_of(header) is None


def test_the_header_row_names_a_title_and_another_known_column(tmp_path):
    """A title row ("Actions") names only a title; a legend row ("Status, Date") names no
    title: neither is the header."""
    sheet = tmp_path / "plan.csv"
    sheet.write_text("Actions,,\nStatus,Date,\nAction,Lead officer,Due\nDo it,Head of HR,2026\n")
    guess = guess_map(sheet)
    assert guess.header_line == 3
    assert guess.columns == {"title": ["Action"], "lead": ["Lead officer"], "due": ["Due"]}


def test_rows_shorter_or_longer_than_the_header_and_columns_left_empty(tmp_path):
    """A named column with no data is still offered to ignore; a blank, empty one is not;
    a cell beyond the header is named by its letter; short rows are read as they are."""
    sheet = tmp_path / "ragged.csv"
    sheet.write_text(
        "Action,Lead officer,Notes,,,Original target date\nDo it,Head of HR\n"
        "Again,Head of HR,,,,June 2026,stray\nThird,x,,,\n"
    )
    guess = guess_map(sheet)
    assert guess.columns == {
        "title": ["Action"], "lead": ["Lead officer"], "original_due": ["Original target date"]
    }  # fmt: skip
    assert guess.unplaced == ["Notes", "G"]
    assert guess.financial_year == "2026/27"  # an original date dates the plan too


def test_only_short_one_line_status_words_of_action_rows_are_offered(tmp_path):
    """A legend maps words; a note in the status column (longer than 40 letters), a blank
    cell, a short row or a section row is not one."""
    forty, longer = "w" * 40, "w" * 41
    sheet = tmp_path / "rag.csv"
    sheet.write_text(
        f"Action,Lead,Status\nA,x,Slipping\nC,x,{forty}\nD,x,{longer}\nE,x,\nF,x\nTheme two,,\n"
    )
    assert guess_map(sheet).unknown_statuses == ["Slipping", forty]


@pytest.mark.parametrize(
    ("texts", "year", "yearless"),
    [
        (["March 2026", "see note", "June 2026", "Quarter 3", "June", "Q4 2026/27"], "2026/27", 2),
        (["TBC", "ongoing"], None, 0),
        (["June"], None, 1),
    ],
)
def test_the_year_most_dates_fall_in_and_the_dates_without_one_are_counted(
    tmp_path, texts, year, yearless
):
    """Words that are no date ("see note") are passed over, not the end of the column."""
    sheet = tmp_path / "dated.csv"
    sheet.write_text("Action,Target date\n" + "".join(f"A,{text}\n" for text in texts))
    guess = guess_map(sheet)
    assert (guess.financial_year, guess.yearless) == (year, yearless)
    if year and yearless:
        assert f"# guessed from the dates ({yearless} dates have no year): check\n" in (
            render_map(guess)
        )


@pytest.mark.parametrize(
    ("name", "plan_id", "title"),
    [
        ("Council Action Plan (2026) v2.csv", "council-action-plan-2026-v2",
         "Council action plan (2026) v2"),
        ("equality_action-plan.xlsx", "equality-action-plan", "Equality action plan"),
        ("(draft).csv", "draft", "(draft)"),
        ("---.csv", "imported-plan", "Imported plan"),
        ("Pay, grading plan.csv", "pay-grading-plan", "Pay, grading plan"),
    ],
)  # fmt: skip
def test_the_plan_id_and_title_are_offered_from_the_file_name(tmp_path, name, plan_id, title):
    from plantrack.usecases.guess import GuessedMap

    text = render_map(GuessedMap(tmp_path / name, 1, {"title": ["Action"]}))
    assert f"\nplan:\n  id: {plan_id}\n  title: {title}   # as the document titles it\n" in text
    assert text.startswith(
        f"# A map guessed by plantrack from the header row (line 1) of\n# {name}. Check every "
        "line and the plan's keys.\nplan:\n"
    )  # with nothing to run after, no "then run"
    then = render_map(GuessedMap(tmp_path / name, 1, {}), then="plantrack import x --map y")
    assert (
        "Check every line and the plan's keys, then run\n#   plantrack import x --map y\n" in then
    )


def test_headers_written_on_two_lines_are_kept_as_written(tmp_path):
    """A header cell may hold a line break: the map names it whole, in each place a
    header goes (one column, a list of columns, the columns ignored)."""
    sheet = tmp_path / "log.csv"
    sheet.write_text(
        'Action,"Lead\nofficer","Revised\ndate",Target date,"Notes\nhere"\nA,B,C,D,E\n'
    )
    text = render_map(guess_map(sheet))
    assert "\n  lead: |-\n    Lead\n    officer\n" in text
    assert '\n  due: ["Revised\\ndate", Target date]   # the first filled one wins\n' in text
    assert "\n  - |-\n      Notes\n      here\n" in text
    (tmp_path / "log.map.yaml").write_text(text)
    loaded = SheetMap.load(tmp_path / "log.map.yaml")
    assert loaded.columns["lead"] == ["Lead\nofficer"]
    assert loaded.columns["due"] == ["Revised\ndate", "Target date"]
    assert loaded.ignore == ["Notes\nhere"]
