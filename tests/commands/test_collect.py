"""``collect``: every value checked first, refusals that change no byte, conflicts,
the day of the assessment, and the files a lead might send back instead."""

from __future__ import annotations

import datetime
import shutil

import pytest

from returns_kit import FOLDER, QUARTER, fill_csv, fill_workbook, git, needs_git, set_mtime

pytestmark = needs_git
openpyxl = pytest.importorskip("openpyxl")


def test_a_return_with_a_bad_value_changes_no_byte(cli, issued):
    folder, plan = issued
    before = plan.read_bytes()
    fill_workbook(
        folder / "head-of-housing.xlsx",
        {
            "housing:H1": {"New status": "completed"},  # fine on its own
            "housing:H3": {"New status": "Grean"},
        },
    )
    result = cli("collect", folder / "head-of-housing.xlsx")
    assert result.exit_code == 1
    assert ":3:9: error PT501: New status: 'Grean' is not a status of plan housing" in (
        result.stderr
    )
    assert "did you mean 'green'?" in result.stderr
    assert "nothing applied from this return" in result.stderr
    assert plan.read_bytes() == before


def test_partial_applies_the_good_rows(cli, issued):
    folder, plan = issued
    fill_workbook(
        folder / "head-of-housing.xlsx",
        {"housing:H1": {"New status": "completed"}, "housing:H3": {"Revised date": "Smarch"}},
    )
    result = cli("collect", folder / "head-of-housing.xlsx", "--partial", "--as-of", "2026-11-22")
    assert result.exit_code == 1  # a row was left out: a script must notice
    assert "PT502" in result.stderr
    text = plan.read_text()
    assert "            status: completed\n" in text.split("id: H2")[0]
    assert "Smarch" not in text


def test_a_typed_excel_date_and_the_day_the_workbook_was_saved(cli, issued):
    folder, plan = issued
    fill_workbook(
        folder / "head-of-finance.xlsx",
        {"housing:F1": {"New status": "behind", "Revised date": datetime.datetime(2027, 3, 31)}},
        modified="2026-11-19",
    )
    assert cli("collect", folder / "head-of-finance.xlsx").exit_code == 0
    tail = plan.read_text().split("id: F1")[1]
    assert "due: 2027-03-31\n" in tail and "original_due: Q3 26/27\n" in tail
    assert "as_of: 2026-11-19\n" in tail


def test_as_of_is_never_after_today_and_the_option_wins(cli, issued):
    folder, plan = issued
    path = folder / "head-of-finance.csv"
    fill_csv(path, {"housing:F1": {"New status": "behind"}}, modified="2030-01-01")
    result = cli("collect", path, "--dry-run")
    assert "+            as_of: 2026-11-23" in result.stdout  # PLANTRACK_TODAY
    result = cli("collect", path, "--dry-run", "--as-of", "2026-11-01")
    assert "+            as_of: 2026-11-01" in result.stdout
    set_mtime(path, "2026-11-18")
    assert "+            as_of: 2026-11-18" in cli("collect", path, "--dry-run").stdout


def test_dry_run_prints_the_diff_and_writes_nothing(cli, issued):
    folder, plan = issued
    before = plan.read_bytes()
    path = folder / "head-of-finance.csv"
    fill_csv(path, {"housing:F1": {"New rationale": "Agreed at Cabinet."}}, modified="2026-11-20")
    result = cli("collect", path, "--dry-run")
    assert result.exit_code == 0
    assert result.stdout.startswith("--- plans/housing.yaml\n+++ plans/housing.yaml\n")
    assert "+            rationale: Agreed at Cabinet.\n" in result.stdout
    assert "would update housing:F1: rationale, as_of 2026-11-20" in result.stdout
    assert plan.read_bytes() == before


def test_an_unchanged_csv_applies_nothing(cli, issued):
    folder, plan = issued
    before = plan.read_bytes()
    result = cli("collect", folder / "head-of-finance.csv")
    assert result.exit_code == 0 and "no changes to apply" in result.stdout
    assert plan.read_bytes() == before


def test_a_due_changed_in_git_is_a_conflict(cli, issued, plan_repo):
    folder, plan = issued
    assert cli("update", "F1", "--due", "Q4 26/27").exit_code == 0
    git(plan_repo, "commit", "-q", "-am", "F1 re-dated")
    before = plan.read_bytes()
    path = folder / "head-of-finance.csv"
    fill_csv(path, {"housing:F1": {"New status": "completed"}})
    result = cli("collect", path)
    assert result.exit_code == 1
    assert "error PT504: housing:F1 changed since the return was issued (commit " in result.stderr
    assert "due 'Q3 26/27' is now 'Q4 26/27'" in result.stderr
    assert plan.read_bytes() == before
    forced = cli("collect", path, "--force")
    assert forced.exit_code == 0 and "warning PT504" in forced.stderr
    assert "status: completed" in plan.read_text().split("id: F1")[1]


def test_an_item_answered_in_two_returns(cli, issued):
    folder, plan = issued
    before = plan.read_bytes()
    fill_csv(folder / "head-of-housing.csv", {"housing:C3": {"New status": "on track"}})
    fill_csv(folder / "head-of-communities.csv", {"housing:C3": {"New status": "off track"}})
    result = cli("collect", folder / "head-of-housing.csv", folder / "head-of-communities.csv")
    assert result.exit_code == 1
    assert "PT506: housing:C3 is answered twice: also in" in result.stderr
    assert "nothing written: a refused collect changes no byte" in result.stderr
    assert plan.read_bytes() == before  # a refused collect writes none of the other answers
    partial = cli(
        "collect", *(folder / f"head-of-{n}.csv" for n in ("housing", "communities")), "--partial"
    )
    assert partial.exit_code == 1
    c3 = plan.read_text().split("id: C3")[1]
    assert "status: on track\n" in c3  # the first answer stands, in the plan's own spelling


def test_unknown_ids_and_files_that_are_not_returns(cli, issued, tmp_path):
    folder, plan = issued
    before = plan.read_bytes()
    path = folder / "head-of-finance.csv"
    text = path.read_text(encoding="utf-8-sig").replace("\nF1,housing,", "\nF2,housing,")
    path.write_text(text.replace(",,,\n", ",completed,,\n"), encoding="utf-8")
    notes = tmp_path / "notes.txt"
    notes.write_text("hello")
    book = tmp_path / "other.xlsx"
    openpyxl.Workbook().save(book)
    headless = tmp_path / "headless.csv"
    headless.write_text("Ref,Status\nF1,done\n")
    result = cli("collect", path, notes, book, headless)
    assert result.exit_code == 1
    assert (
        f"{path}:4:1: error PT510: Id: 'housing:F2' was not issued to Head of Finance in this "
        "return" in result.stderr
    )
    assert f"{path}:3:1: warning PT511: housing:F1 ('Savings plan agreed') was issued" in (
        result.stderr
    )
    assert f"{notes}: error PT505: not a return: expected an .xlsx or .csv file" in result.stderr
    assert f"{book}: error PT505: not a return: no sheet 'Return'" in result.stderr
    assert f"{headless}: error PT505: not a return: no row starting with the column" in (
        result.stderr
    )
    assert "nothing applied" not in result.stderr  # no good row was held back
    assert plan.read_bytes() == before


def test_a_semicolon_csv_from_a_european_excel(cli, issued):
    folder, plan = issued
    path = folder / "head-of-finance.csv"
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    rows = [line.replace(",", ";") for line in lines]  # the comment rows too, as Excel does
    rows[3] = rows[3].replace("on track;;;;", "on track;;completed;;")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = cli("collect", path, "--as-of", "2026-11-20")
    assert result.exit_code == 0, result.output
    assert "status: completed" in plan.read_text().split("id: F1")[1]


def test_commit_outside_git_is_refused_before_any_edit(cli, issued, tmp_path):
    folder, plan = issued
    elsewhere = tmp_path / "copy"
    shutil.copytree(plan.parent, elsewhere)
    fill_csv(folder / "head-of-finance.csv", {"housing:F1": {"New status": "completed"}})
    before = (elsewhere / "housing.yaml").read_bytes()
    shutil.rmtree(plan.parent.parent / ".git")
    result = cli("collect", folder / "head-of-finance.csv", "--commit", "--plans", elsewhere)
    assert result.exit_code == 2 and "not inside a git repository" in result.output
    assert (elsewhere / "housing.yaml").read_bytes() == before


def test_commit_takes_only_the_plan_files(cli, issued, plan_repo):
    folder, plan = issued
    (plan_repo / "notes.md").write_text("work in progress\n")
    git(plan_repo, "add", "notes.md")
    fill_csv(folder / "head-of-finance.csv", {"housing:F1": {"New status": "completed"}})
    assert cli("collect", folder / "head-of-finance.csv", "--commit").exit_code == 0
    assert git(plan_repo, "show", "--name-only", "--format=", "HEAD").split() == [
        "plans/housing.yaml"
    ]
    assert "A  notes.md" in git(plan_repo, "status", "--porcelain")


def test_usage_errors(cli, issued):
    folder, _ = issued
    path = folder / "head-of-finance.csv"
    assert cli("collect", path, "--dry-run", "--commit").exit_code == 2
    result = cli("collect", path, "--as-of", "yesterday")
    assert result.exit_code == 2 and "--as-of: 'yesterday' is not an ISO date" in result.output


def test_a_plans_own_legend_is_offered_and_written(cli, plan_repo):
    plan = plan_repo / "plans" / "housing.yaml"
    legend = (
        "statuses:\n  Delivered: completed\n  On Track to deliver: on-track\n"
        "  Some issues: behind\n"
    )
    plan.write_text(plan.read_text().replace("themes:\n", legend + "themes:\n", 1))
    git(plan_repo, "commit", "-q", "-am", "The plan's legend")
    assert cli("request", "--quarter", QUARTER, "--lead", "finance").exit_code == 0
    path = plan_repo / "returns" / FOLDER / "head-of-finance.xlsx"
    lists = openpyxl.load_workbook(path)["Lists"]
    words = [row[0] for row in lists.iter_rows(min_row=2, values_only=True)]
    assert words == ["no change", "Delivered", "On Track to deliver", "Some issues"]
    fill_workbook(path, {"housing:F1": {"New status": "delivered"}}, modified="2026-11-20")
    result = cli("collect", path)
    assert result.exit_code == 0, result.output
    assert "            status: Delivered\n" in plan.read_text().split("id: F1")[1]
    assert cli("validate", "plans").exit_code == 0
    # "completed" means what "Delivered" means in this plan: no change to write.
    fill_workbook(path, {"housing:F1": {"New status": "completed"}}, modified="2026-11-20")
    again = cli("collect", path, "--force")
    assert "no changes to apply" in again.stdout
    assert "            status: Delivered\n" in plan.read_text().split("id: F1")[1]


def test_a_milestone_reporting_its_actions_status_is_no_conflict(cli, plan_repo):
    """A milestone without a status of its own shows its action's (reports read it so);
    the return records that, and collect must compare like with like."""
    plan = plan_repo / "plans" / "housing.yaml"
    milestones = (
        "            status: on track\n"
        "            milestones:\n"
        "              - id: F1-a\n"
        "                title: Options to Cabinet\n"
        "                due: December 2026\n"
    )
    text = plan.read_text()
    plan.write_text(text[: text.rindex("            status: on track\n")] + milestones)
    git(plan_repo, "commit", "-q", "-am", "F1 has a milestone")
    assert cli("request", "--quarter", QUARTER, "--lead", "finance", "-f", "csv").exit_code == 0
    path = plan_repo / "returns" / FOLDER / "head-of-finance.csv"
    assert (
        "F1-a,housing,Finance,Savings plan agreed,Options to Cabinet,December 2026,on track,"
        in path.read_text(encoding="utf-8-sig")
    )
    fill_csv(path, {"housing:F1-a": {"New status": "completed"}}, modified="2026-11-20")
    result = cli("collect", path)
    assert result.exit_code == 0, result.output
    assert "PT504" not in result.output
    assert plan.read_text().endswith(
        "                due: December 2026\n"
        "                status: completed\n"
        "                as_of: 2026-11-20\n"
    )


def test_no_change_rows_leave_the_file_alone(cli, issued):
    """Issue 27, 8: each "no change" row wrote an as_of; it must not touch the file."""
    folder, plan = issued
    before = plan.read_bytes()
    path = folder / "head-of-housing.csv"
    answers = {"housing:H1": {"New status": "no change"}, "housing:H3": {"New status": "behind"}}
    fill_csv(path, answers, modified="2026-11-20")  # H3 is behind already: no change either
    result = cli("collect", path)
    assert result.exit_code == 0, result.output
    assert "no changes to apply" in result.stdout
    assert plan.read_bytes() == before


def test_answers_are_written_in_the_plans_own_spelling(cli, issued):
    """Issue 27, 8: a plan that writes "behind schedule" gets "behind schedule", not the
    canonical "behind"; a status the plan has never written is canonical."""
    folder, plan = issued
    path = folder / "head-of-housing.csv"
    fill_csv(
        path,
        {"housing:H1": {"New status": "Behind"}, "housing:C3": {"New status": "not started"}},
        modified="2026-11-20",
    )
    assert cli("collect", path).exit_code == 0
    text = plan.read_text()
    assert "            status: behind schedule\n" in text.split("id: H1")[1].split("id: H2")[0]
    assert "            status: not-started\n" in text.split("id: C3")[1]


def test_a_revised_date_with_no_deadline_or_in_the_past_is_warned_about(cli, issued):
    """Issue 27, 6: "TBC" took an item out of every overdue list for good, silently."""
    folder, plan = issued
    path = folder / "head-of-housing.csv"
    fill_csv(
        path,
        {
            "housing:H1": {"New status": "behind", "Revised date": "TBC"},
            "housing:H3": {"New status": "behind", "Revised date": "September 2026"},
        },
        modified="2026-11-20",
    )
    result = cli("collect", path)
    assert result.exit_code == 0, result.output
    assert (
        f"{path}:4:11: warning PT502: Revised date: 'TBC' has no deadline: housing:H1 will be in "
        "no overdue list" in result.stderr
    )
    assert f"{path}:5:11: warning PT502: Revised date: 'September 2026' is already past" in (
        result.stderr
    )
    assert "due: TBC " in plan.read_text()  # applied: the officer was told


def test_an_unreadable_date_is_named_once(cli, issued):
    folder, _ = issued
    path = folder / "head-of-finance.csv"
    fill_csv(path, {"housing:F1": {"Revised date": "Smarch"}})
    result = cli("collect", path)
    assert result.exit_code == 1
    assert "Revised date: 'Smarch' is not a date;" in result.stderr
    assert result.stderr.count("Smarch' is not a date") == 1


def test_a_return_belongs_to_its_quarter_whenever_it_is_collected(cli, issued, monkeypatch):
    """Issue 27, 3: a Q3 return collected in January writes Q3's statuses, dated in Q3."""
    folder, plan = issued
    path = folder / "head-of-finance.csv"
    fill_csv(path, {"housing:F1": {"New status": "completed"}}, modified="2027-01-08")
    monkeypatch.setenv("PLANTRACK_TODAY", "2027-01-10")
    result = cli("collect", path)
    assert result.exit_code == 0, result.output
    assert "as_of: 2026-12-31\n" in plan.read_text()  # the quarter's last day, not January's


def test_a_return_for_another_quarter_is_refused(cli, issued):
    """Issue 27, 3 and 4."""
    folder, plan = issued
    before = plan.read_bytes()
    path = folder / "head-of-finance.csv"
    fill_csv(path, {"housing:F1": {"New status": "completed"}})
    result = cli("collect", path, "--quarter", "Q4-26/27")
    assert result.exit_code == 1
    assert f"{path}: error PT509: a return for Q3 2026/27, not for Q4 2026/27" in result.stderr
    assert plan.read_bytes() == before


def test_a_closed_quarter_takes_force(cli, issued, plan_repo):
    """Issue 27, 3: a return for a quarter already closed is refused unless --force."""
    folder, plan = issued
    git(plan_repo, "tag", "-a", "plantrack/2026-27-Q3", "-m", "Q3 signed off")
    before = plan.read_bytes()
    path = folder / "head-of-finance.csv"
    fill_csv(path, {"housing:F1": {"New status": "completed"}}, modified="2026-11-20")
    result = cli("collect", path)
    assert result.exit_code == 1
    assert (
        f"{path}: error PT509: Q3 2026/27 is closed (tag plantrack/2026-27-Q3): its statuses "
        "were signed off; collect with force to change it all the same" in result.stderr
    )
    assert plan.read_bytes() == before
    forced = cli("collect", path, "--force")
    assert forced.exit_code == 0 and "warning PT509: Q3 2026/27 is closed" in forced.stderr
    assert "status: completed" in plan.read_text().split("id: F1")[1]


def test_what_a_lead_types_outside_the_answers_is_reported_and_kept(cli, issued):
    """Issue 27, 4: a date typed over the locked Due, a Comments column, a deleted row."""
    folder, plan = issued
    path = folder / "head-of-housing.xlsx"
    book = openpyxl.load_workbook(path)
    sheet = book["Return"]
    sheet.protection.sheet = False  # no password: anyone can
    sheet["F2"] = "June 2027"  # H1's Due, locked
    sheet["L1"] = "Comments"
    sheet["L2"] = "please ring me"
    sheet["M2"] = "no header here"
    sheet["I2"] = "behind"
    sheet.delete_rows(3)  # H3
    book.save(path)
    result = cli("collect", path, "--commit", "--as-of", "2026-11-20")
    assert result.exit_code == 0, result.output
    err = result.stderr
    assert f"{path}:2:6: warning PT511: Due: changed to 'June 2027' (issued as 'Q3 26/27'); " in err
    assert "to move the date, write it in Revised date" in err
    assert (
        f"{path}:2:12: warning PT511: Comments: 'please ring me' is in a column of its own" in err
    )
    assert f"{path}:2:13: warning PT511: column M: 'no header here'" in err
    assert (
        f"{path}:1:1: warning PT511: housing:H3 ('Damp and mould inspections') was issued in "
        "this return and is missing from it" in err
    )
    text = plan.read_text()
    assert "June 2027" not in text and "please ring me" not in text
    message = git(plan.parent.parent, "log", "-1", "--format=%B")
    assert "Also written in the returns (not applied):\n" in message
    assert "- housing:H1 (Comments): please ring me\n" in message
    assert "- housing:H1 (column M): no header here\n" in message


def test_given_columns_are_compared_by_meaning_not_spelling(cli, issued):
    """Issue 27, 6: a CSV saved by Excel turned "Q3 26/27"-style dates it could read into
    "Oct-21" and respelt words; that is no change, and no conflict."""
    folder, plan = issued
    path = folder / "head-of-finance.csv"
    plan.write_text(
        plan.read_text().replace(
            "due: Q3 26/27\n            status: on track\n",
            "due: October 2026\n            status: on track\n",
        )
    )
    git(plan.parent.parent, "commit", "-q", "-am", "F1 due in October")
    assert cli("request", "-q", QUARTER, "-f", "csv", "--force", "--lead", "finance").exit_code == 0
    fill_csv(
        path,
        {"housing:F1": {"Due": "Oct-26", "Status": "On Track", "New status": "completed"}},
        modified="2026-11-20",
    )
    result = cli("collect", path)
    assert result.exit_code == 0, result.output
    assert "PT511" not in result.stderr and "PT504" not in result.stderr


def test_collect_then_collect_commit(cli, issued, plan_repo):
    """Issue 27, 5: the second run saw its own applied answers as conflicts and committed
    nothing. Applying a return twice is a no-op; --commit then commits what was applied."""
    folder, plan = issued
    path = folder / "head-of-housing.xlsx"
    fill_workbook(
        path,
        {"housing:H1": {"New status": "completed"}, "housing:H3": {"Revised date": "Q1 27/28"}},
        modified="2026-11-20",
    )
    assert cli("collect", path).exit_code == 0
    applied = plan.read_bytes()
    again = cli("collect", path)
    assert again.exit_code == 0 and "no changes to apply" in again.stdout
    assert plan.read_bytes() == applied
    committed = cli("collect", path, "--commit")
    assert committed.exit_code == 0, committed.output
    assert "PT504" not in committed.stderr
    assert "committed " in committed.stdout
    assert git(plan_repo, "status", "--porcelain", "plans") == ""
    message = git(plan_repo, "log", "-1", "--format=%B")
    assert "- housing:H1: status On track -> completed, as_of 2026-11-20" in message
    assert plan.read_bytes() == applied
