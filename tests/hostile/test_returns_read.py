"""Issue 26, the reading side of the quarterly return: what a lead (or anyone holding a
return) can put in the file, and what ``collect`` and ``chase`` make of it. Each case
is listed in tests/hostile/README.md ("Returns read")."""

from __future__ import annotations

import base64

import pytest

from returns_kit import DATA, FOLDER, QUARTER, fill_csv, fill_workbook, git, needs_git

pytestmark = needs_git
openpyxl = pytest.importorskip("openpyxl")


def test_a_formula_cell_is_reported_where_it_is(cli, issued):
    """A formula reads back empty to a reader that does not calculate: an answer typed as
    a formula must be reported at its cell, never taken as no answer."""
    folder, plan = issued
    before = plan.read_bytes()
    path = folder / "head-of-housing.xlsx"
    fill_workbook(
        path,
        {
            "housing:H1": {"New status": '=IF(TRUE,"completed","behind")'},
            "housing:H3": {"Title": "=1+1", "New status": "no change"},
        },
    )
    result = cli("collect", path)
    assert result.exit_code == 1
    assert f'{path}:2:9: error PT507: New status: a formula (=IF(TRUE,"completed","behind"))' in (
        result.stderr
    )
    assert f"{path}:3:5: warning PT507: Title: a formula (=1+1)" in result.stderr
    assert plan.read_bytes() == before


def test_a_csv_cell_neutralised_by_its_writer_reads_back_without_the_quote(cli, issued):
    """spreadsheet_text puts a quote before a leading = + - @; collect takes it off."""
    folder, plan = issued
    path = folder / "head-of-finance.csv"
    fill_csv(
        path,
        {"housing:F1": {"New status": "behind", "New rationale": "'-£2m gap; +1 post"}},
        modified="2026-11-20",
    )
    result = cli("collect", path)
    assert result.exit_code == 0, result.output
    assert "            rationale: -£2m gap; +1 post\n" in plan.read_text()


@pytest.mark.parametrize("control", ["\x7f", "\x1b[31m", "\x00"])
def test_a_control_character_in_a_cell_is_blamed_on_the_cell(cli, issued, control):
    """A DEL in one returned cell aborted the whole collect, blamed on the plan's 1:1."""
    folder, plan = issued
    before = plan.read_bytes()
    path = folder / "head-of-finance.csv"
    fill_csv(path, {"housing:F1": {"New status": "behind", "New rationale": f"Late{control}."}})
    result = cli("collect", path)
    assert result.exit_code == 1
    shown = control.encode("unicode_escape").decode().replace("\\x00", "\\x00")
    assert f"{path}:4:10: error PT508: New rationale: a control character in 'Late" in (
        result.stderr
    )
    assert shown in result.stderr and control not in result.stderr
    assert "plans/housing.yaml" not in result.stderr
    assert "Traceback" not in result.output
    assert plan.read_bytes() == before


# --- what was issued: the sealed record ------------------------------------------------------


def test_a_lead_cannot_answer_for_another_leads_item(cli, issued):
    """Issue 26, 2: an Id changed to another lead's item, New status 'cancelled': was
    applied, exit 0, no warning."""
    folder, plan = issued
    before = plan.read_bytes()
    path = folder / "head-of-finance.csv"
    text = path.read_bytes().decode("utf-8-sig").replace("\r\nF1,housing,", "\r\nH1,housing,")
    path.write_bytes(text.replace(",,,\r\n", ",cancelled,,\r\n").encode())
    result = cli("collect", path)
    assert result.exit_code == 1
    assert f"{path}:4:1: error PT510: Id: 'housing:H1' was not issued to Head of Finance" in (
        result.stderr
    )
    assert plan.read_bytes() == before


def test_as_issued_comes_from_the_record_not_from_cells_a_lead_can_edit(cli, issued, plan_repo):
    """Issue 26, 2: the "as issued" status and due were read from columns the lead can
    edit, so a lead could hide a conflict by typing the item's new values there."""
    folder, plan = issued
    assert cli("update", "F1", "--status", "behind", "--as-of", "2026-11-10").exit_code == 0
    git(plan_repo, "commit", "-q", "-am", "F1 slipped")
    before = plan.read_bytes()
    path = folder / "head-of-finance.csv"
    fill_csv(path, {"housing:F1": {"Status": "behind", "New status": "completed"}})
    result = cli("collect", path)
    assert result.exit_code == 1
    assert "error PT504: housing:F1 changed since the return was issued" in result.stderr
    assert "status 'on-track' is now 'behind'" in result.stderr
    assert f"{path}:4:7: warning PT511: Status: changed to 'behind' (issued as 'on track')" in (
        result.stderr
    )
    assert plan.read_bytes() == before


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_an_altered_or_removed_record_is_refused(cli, issued, suffix):
    folder, plan = issued
    before = plan.read_bytes()
    path = folder / f"head-of-finance{suffix}"
    if suffix == ".csv":
        text = path.read_bytes().decode("utf-8-sig")
        first, rest = text.split("\r\n", 1)
        head, _, record = first.partition(",d:")
        cells = ("d:" + record).split(",")
        cells[1] = (
            "r:"
            + base64.b64encode(
                base64.b64decode(cells[1][2:]).replace(b"Finance", b"Housing")
            ).decode()
        )
        path.write_bytes((head + "," + ",".join(cells) + "\r\n" + rest).encode())
        removed = folder / "removed.csv"
        removed.write_bytes((head + "\r\n" + rest).encode())
    else:
        book = openpyxl.load_workbook(path)
        sheet = book["plantrack issued"]
        sheet["A1"] = "d:" + "0" * 64
        book.save(path)
        del book["plantrack issued"]
        removed = folder / "removed.xlsx"
        book.save(removed)
    for lead_file in (path, removed):
        fill = fill_csv if suffix == ".csv" else fill_workbook
        fill(lead_file, {"housing:F1": {"New status": "completed"}})
    result = cli("collect", path, removed)
    assert result.exit_code == 1
    assert f"{path}: error PT509: the issued record was altered" in result.stderr
    assert f"{removed}: error PT509: no issued record" in result.stderr
    assert plan.read_bytes() == before


def test_a_return_from_another_clone_cannot_be_checked(cli, issued, plan_repo):
    folder, plan = issued
    (plan_repo / ".git" / "plantrack" / "returns.key").unlink()
    path = folder / "head-of-finance.csv"
    fill_csv(path, {"housing:F1": {"New status": "completed"}})
    result = cli("collect", path)
    assert result.exit_code == 1
    assert "error PT509: cannot check what this return was issued with: no key at" in (
        result.stderr
    )


def test_the_key_is_the_owners_alone_and_never_committed(cli, issued, plan_repo):
    key = plan_repo / ".git" / "plantrack" / "returns.key"
    assert key.stat().st_mode & 0o777 == 0o600
    assert len(key.read_bytes().strip()) == 64


def test_an_answer_after_a_renumbering_lands_on_no_other_item(cli, issued, plan_repo):
    """Issue 26, 2: after a renumbering an answer landed on another item, because titles
    were never compared."""
    folder, plan = issued
    text = plan.read_text()
    text = text.replace("id: H1\n", "id: H9\n").replace("id: H3\n", "id: H1\n")
    plan.write_text(text)
    git(plan_repo, "commit", "-q", "-am", "Renumbered")
    before = plan.read_bytes()
    path = folder / "head-of-housing.csv"
    fill_csv(path, {"housing:H1": {"New status": "completed"}})
    result = cli("collect", path)
    assert result.exit_code == 1
    assert "error PT504: housing:H1 changed since the return was issued (commit " in result.stderr
    assert (
        "title 'Repair backlog cleared' is now 'Damp and mould inspections' "
        "(renumbered or retitled?)" in result.stderr
    )
    assert plan.read_bytes() == before


def test_a_workbook_dated_1901_dates_no_answer(cli, issued):
    """Issue 26, 2: a workbook's modified date set to 1901 became as_of: 1901-01-01."""
    folder, plan = issued
    before = plan.read_bytes()
    path = folder / "head-of-finance.xlsx"
    fill_workbook(path, {"housing:F1": {"New status": "completed"}}, modified="1901-01-01")
    result = cli("collect", path)
    assert result.exit_code == 1
    assert (
        f"{path}: error PT509: the file says it was last saved on 1901-01-01, before "
        "Q3 2026/27 began" in result.stderr
    )
    assert plan.read_bytes() == before
    given = cli("collect", path, "--as-of", "1901-01-01")
    assert given.exit_code == 1 and "as_of 1901-01-01 is outside Q3 2026/27" in given.stderr
    assert cli("collect", path, "--as-of", "2026-11-02").exit_code == 0
    assert "as_of: 2026-11-02" in plan.read_text()


def test_a_formula_in_a_returns_record_makes_no_phantom_owner(cli, plan_repo):
    """Issue 26, 1: an owner cell holding a formula read back empty, and chase listed the
    file's name as an owner of its own beside the real one, "missing"."""
    plan = plan_repo / "plans" / "housing.yaml"
    plan.write_text(plan.read_text().replace("Head of Finance", "=SUM(1)+Finance"))
    git(plan_repo, "commit", "-q", "-am", "A lead whose name starts with =")
    assert cli("request", "--quarter", QUARTER, "--lead", "finance").exit_code == 0
    path = plan_repo / "returns" / FOLDER / "sum-1-finance.xlsx"
    book = openpyxl.load_workbook(path)
    record = book["plantrack"]
    for row in record.iter_rows():
        if row[0].value == "owner":
            row[1].value = "=SUM(1)+Finance"  # openpyxl stores it as a formula
    book.save(path)
    rows = cli("chase", "-q", QUARTER, "--lead", "finance", "-f", "csv").stdout.splitlines()
    # The lead's name as chase's CSV writes it: guarded against running as a formula.
    assert rows[1:] == [f"'=SUM(1)+Finance,not answered,0,1,returns/{FOLDER}/sum-1-finance.xlsx"]


def test_given_cells_written_safely_read_back_as_unchanged(cli, plan_repo):
    """A title written with its control character shown (``\\x07``) and a formula-like
    one guarded by a quote are what was issued: no "changed" warning for either."""
    plan = plan_repo / "plans" / "housing.yaml"
    text = plan.read_text().replace("Savings plan agreed", '"=1+1 savings\\a"')
    plan.write_text(text)
    git(plan_repo, "commit", "-q", "-am", "Hostile title")
    assert cli("request", "--quarter", QUARTER, "--lead", "finance", "-f", "csv").exit_code == 0
    path = plan_repo / "returns" / FOLDER / "head-of-finance.csv"
    assert "'=1+1 savings\\x07" in path.read_text(encoding="utf-8-sig")
    fill_csv(path, {"housing:F1": {"New status": "completed"}}, modified="2026-11-20")
    result = cli("collect", path)
    assert result.exit_code == 0, result.output
    assert "PT511" not in result.stderr and "PT504" not in result.stderr


def test_outside_git_the_key_is_kept_beside_the_plans(cli, tmp_path, monkeypatch):
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "housing.yaml").write_bytes((DATA / "housing.yaml").read_bytes())
    monkeypatch.chdir(tmp_path)
    assert cli("request", "--quarter", QUARTER, "--lead", "finance", "-f", "csv").exit_code == 0
    key = plans / ".plantrack-returns.key"
    assert key.stat().st_mode & 0o777 == 0o600
    path = tmp_path / "returns" / FOLDER / "head-of-finance.csv"
    fill_csv(path, {"housing:F1": {"New status": "completed"}}, modified="2026-11-20")
    result = cli("collect", path)
    assert result.exit_code == 0, result.output
    assert "status: completed" in (plans / "housing.yaml").read_text()
    assert not (plans / ".plantrack-edit.lock").exists()
