"""usecases/returns.py on its own: file names, reading cells and returns, the commit message."""

from __future__ import annotations

import datetime

from plantrack.usecases.returns import (
    FilledReturn,
    describe_changes,
    item_ref,
    quarter_folder,
    read_return,
    slug,
    unique_stems,
)
from plantrack.usecases.returns.read import _cell


def test_safe_predictable_names():

    assert slug("Head of Housing") == "head-of-housing"
    assert slug("Service Director of Culture, Sport & Tourism") == (
        "service-director-of-culture-sport-and-tourism"
    )
    assert slug("../../etc/passwd") == "etc-passwd"
    assert slug("Directeur général") == "directeur-general"
    assert slug("???") == "return"
    assert len(slug("word " * 40)) <= 60
    # Slugs that collide each get a hash of the exact name, whatever the order.
    assert unique_stems(["A.B", "A B", "c"]) == ["a-b-4b861d", "a-b-fea4c5", "c"]
    assert unique_stems(["c", "A B", "A.B"]) == ["c", "a-b-fea4c5", "a-b-4b861d"]
    # A hashed name meeting another slug: both get a longer hash.
    assert unique_stems(["A.B", "A B", "a b 4b861d"]) == [
        "a-b-4b861d8bb4a8",
        "a-b-fea4c5",
        "a-b-4b861d-fe5454213257",
    ]
    assert quarter_folder("Q3 2026/27") == "Q3-2026-27"
    assert quarter_folder("Q4 2026") == "Q4-2026"


def test_a_row_names_its_item_by_plan_and_id():
    assert item_ref("H1", "housing") == "housing:H1"
    assert item_ref("housing:H1", "housing") == "housing:H1"  # a return of format 1
    assert item_ref("1:20", "p") == "p:1:20"  # an id with a colon is still the item's own
    assert (item_ref("", "housing"), item_ref("H1", "")) == ("", "H1")


def test_cells_read_as_a_lead_typed_them():
    assert _cell(None) == ""
    assert _cell(datetime.datetime(2027, 3, 31, 0, 0)) == "2027-03-31"
    assert _cell(datetime.date(2027, 3, 31)) == "2027-03-31"
    assert _cell(2027.0) == "2027"
    assert _cell("  Behind\n schedule ") == "Behind schedule"


def test_a_csv_return_records_its_meta_and_rows(tmp_path):
    path = tmp_path / "head-of-x.csv"
    path.write_text(
        "# plantrack return,quarter: Q3 2026/27,owner: Head of X,commit: abc\n"
        "# a hint row\n"
        "Id,Plan,Title,Due,Status,Rationale,New status,New rationale,Revised date\n"
        'p:1,p,"Two\nlines",Q3 26/27,behind,,no change,,\n'
        "p:2,p,T,Q4 26/27,,,,,\n",
        encoding="utf-8",
    )
    found = read_return(path)
    assert found.problems == []
    assert (found.owner, found.meta["commit"]) == ("Head of X", "abc")
    assert [(r.line, r.ref, r.cells["Status"], r.no_change, r.answered) for r in found.rows] == [
        (4, "p:1", "behind", True, True),
        (6, "p:2", "", False, False),  # the line after a two-line cell
    ]
    assert found.answered == 1


def test_an_unnamed_return_is_known_by_its_file_name():
    assert FilledReturn("returns/Q3/head-of-y.xlsx", {}).owner == "head-of-y"


def test_the_commit_message_names_each_change():
    changes = {
        "status": ("behind", "completed"),
        "rationale": ("Old.", "New."),
        "original_due": (None, "Q3 26/27"),
        "due": ("Q3 26/27", "Q4 26/27"),
        "as_of": (None, "2026-11-20"),
    }
    assert describe_changes(changes) == (
        "status behind -> completed, rationale, due Q3 26/27 -> Q4 26/27, as_of 2026-11-20"
    )
