"""The sealed record of what a return was issued with (usecases/returns/issued.py), the
comparison of given cells by meaning (compare.py), and the plans' edit lock (fileio)."""

from __future__ import annotations

import datetime
import os
from types import SimpleNamespace

import pytest

from plantrack.errors import PlantrackError
from plantrack.fileio import edit_lock
from plantrack.usecases.returns import Return, ReturnRow
from plantrack.usecases.returns.compare import same_meaning
from plantrack.usecases.returns.issued import (
    CHUNK,
    RecordError,
    embed_text,
    read_key,
    seal,
    verify,
)

KEY = b"k" * 64
PLAN = SimpleNamespace(financial_year="2026/27", year_start=4, statuses={})


def a_return(rows: int) -> Return:
    day = datetime.date(2026, 11, 23)
    ret = Return("Head of X", "Q3 2026/27", "lead", day, day, "abc")
    ret.rows = [
        ReturnRow(f"p:{n}", "p", f"Title {n} " + "x" * 80, "Q3 26/27", "on track", "Why " * 20)
        for n in range(rows)
    ]
    return ret


def test_a_big_record_fits_spreadsheet_cells_and_verifies(tmp_path):
    cells = seal(a_return(500), KEY)
    assert len(cells) > 3  # split: no cell near a spreadsheet's 32,767 characters
    assert all(len(cell) <= CHUNK + 2 for cell in cells)
    assert all(cell[:2] in ("d:", "r:") for cell in cells)  # never a number, date, formula
    issued = verify(tuple(cells), KEY, tmp_path / "key")
    assert (issued.owner, issued.quarter, len(issued.rows)) == ("Head of X", "Q3 2026/27", 500)
    assert issued.row("p:7").title.startswith("Title 7 ")
    assert issued.row("p:500") is None


def test_any_change_to_the_record_or_the_key_fails(tmp_path):
    cells = seal(a_return(3), KEY)
    changed = list(cells)
    changed[1] = changed[1][:-5] + ("A" if changed[1][-5] != "A" else "B") + changed[1][-4:]
    for bad, key in ((tuple(changed), KEY), (tuple(cells), b"another key")):
        with pytest.raises(RecordError, match="the issued record was altered"):
            verify(bad, key, tmp_path / "key")
    with pytest.raises(RecordError, match="no issued record"):
        verify((), KEY, tmp_path / "key")


def test_the_record_goes_on_the_first_row_and_no_row_moves():
    text = "# plantrack return,owner: X\r\n# hint\r\nId,Plan\r\np:1,p\r\n"
    sealed = embed_text(text, ["d:ab", "r:cd"])
    assert sealed.splitlines()[1:] == text.splitlines()[1:]
    assert sealed.startswith("# plantrack return,owner: X,d:ab,r:cd\r\n")


def test_the_key_is_made_once_owner_only(tmp_path):
    path = tmp_path / "git" / "plantrack" / "returns.key"
    assert read_key(path) is None
    key = read_key(path, create=True)
    assert key and read_key(path) == key and read_key(path, create=True) == key
    assert os.stat(path).st_mode & 0o777 == 0o600


@pytest.mark.parametrize(
    "name, then, now, same",
    [
        ("Due", "October 2026", "Oct-26", True),  # Excel's rewrite of a date it could read
        ("Due", "2026-10-31", "31/10/2026", True),
        ("Due", "March 2027", "June 2027", False),
        ("Due", "Q3 26/27", "", False),
        ("Status", "On track", "on-track", True),
        ("Status", "on track", "behind", False),
        ("Title", "Repairs  done", " Repairs done ", True),
        ("Title", "Bell\x07", "Bell\\x07", True),  # written with the control shown
        ("Title", "Repairs done", "Repairs undone", False),
    ],
)
def test_given_cells_compare_by_meaning(name, then, now, same):
    assert same_meaning(name, then, now, PLAN) is same


def test_the_edit_lock_is_one_at_a_time(tmp_path):
    lock = tmp_path / ".git" / "plantrack" / "edit.lock"
    with edit_lock(lock):
        assert lock.read_text().split()[0] == str(os.getpid())
        with (
            pytest.raises(PlantrackError, match="being edited by another plantrack"),
            edit_lock(lock),
        ):
            pass
        assert lock.exists()  # the refused attempt left the holder's lock alone
    assert not lock.exists()
