"""`plantrack import` loses nothing: every row kept, unread cells kept in notes and
reported, several columns per key, columns by letter, a legend from the map."""

from __future__ import annotations

from conftest import ROOT, unwrapped
from plantrack.plan.load import load_text

EXAMPLES = ROOT / "docs" / "examples"


def run_import(cli, tmp_path, sheet_text: str, map_text: str):
    sheet = tmp_path / "log.csv"
    sheet.write_text(sheet_text)
    the_map = tmp_path / "log.map.yaml"
    the_map.write_text(
        "plan: {id: log, title: Board action log, financial_year: 2026/27}\n" + map_text
    )
    return cli("import", sheet, "--map", the_map)


def actions_of(text: str) -> list[dict]:
    data = load_text(text).data
    return [a for t in data["themes"] for o in t["objectives"] for a in o["actions"]]


BOARD_LOG = (
    ",Ref,Action,Lead,TARGET DATE,NEW DATE,Stage,Percentage complete,Status\n"
    "x,B1,Publish the estates strategy,Director of Estates,September 2026,March 2027,"
    "In progress,88%,Some issues - narrative disclosure\n"
    "y,B2,Review the risk register,Company Secretary,Q2 26/27,,Scoping,10%,Delivered\n"
    "z,B3,Agree the workforce plan,Director of People,sometime soon,,,,"
    "Awaiting sign-off from the ICB\n"
)
BOARD_MAP = (
    "columns:\n"
    "  id: Ref\n"
    "  title: Action\n"
    "  lead: Lead\n"
    "  due: [NEW DATE, TARGET DATE]\n"
    "  original_due: TARGET DATE\n"
    "  notes: [Stage, Percentage complete]\n"
    "  status: Status\n"
    "statuses:\n"
    "  Some issues - narrative disclosure: behind\n"
    "  Delivered: completed\n"
)


def test_a_board_log_keeps_every_row_and_says_what_it_could_not_read(cli, tmp_path):
    result = run_import(cli, tmp_path, BOARD_LOG, BOARD_MAP)
    assert result.exit_code == 1  # not every cell was read: never a silent success
    rows = {a["id"]: a for a in actions_of(result.stdout)}
    assert list(rows) == ["B1", "B2", "B3"]
    # NEW DATE wins; TARGET DATE is kept as original_due only where it differs.
    assert rows["B1"]["due"] == "March 2027" and rows["B1"]["original_due"] == "September 2026"
    assert rows["B2"]["due"] == "Q2 26/27" and "original_due" not in rows["B2"]
    # Several columns into notes, each labelled; the legend gives the words their meaning.
    assert rows["B1"]["notes"] == "Stage: In progress; Percentage complete: 88%"
    assert rows["B1"]["status"] == "behind" and rows["B2"]["status"] == "completed"
    # B3: neither its date nor its status could be read; both kept, both reported.
    assert rows["B3"]["due"] == "TBC" and "status" not in rows["B3"]
    assert rows["B3"]["notes"] == (
        "TARGET DATE: sometime soon; Status: Awaiting sign-off from the ICB"
    )
    assert "row 4, column 'TARGET DATE' (E): 'sometime soon' is not a date" in result.stderr
    assert "due set to TBC" in result.stderr
    assert "row 4, column 'Status' (I): 'Awaiting sign-off from the ICB' is not a status" in (
        result.stderr
    )
    # The blank-headed first column is data the map does not use: named, not dropped silently.
    assert "columns not imported: column A" in result.stderr
    assert "imported 3 actions from 3 rows; 2 cells could not be read" in result.stderr
    # The legend travels into the plan, and the plan validates.
    assert "statuses:\n  Some issues - narrative disclosure: behind\n" in result.stdout


def test_a_column_with_a_blank_header_is_named_by_its_letter(cli, tmp_path):
    result = run_import(
        cli,
        tmp_path,
        BOARD_LOG,
        BOARD_MAP.replace("  id: Ref\n", "  id: A\n") + "ignore: [Ref]\n",
    )
    assert [a["id"] for a in actions_of(result.stdout)] == ["x", "y", "z"]
    assert "columns not imported" not in result.stderr


def test_a_header_name_wins_over_a_letter(cli, tmp_path):
    sheet = "Action,When,B\nDo it,Q4 26/27,the B column\n"
    result = run_import(cli, tmp_path, sheet, "columns: {title: Action, due: When, notes: B}\n")
    assert result.exit_code == 0, result.stderr
    assert actions_of(result.stdout)[0]["notes"] == "the B column"


def test_unmapped_columns_are_named_in_one_warning_unless_ignored(cli, tmp_path):
    sheet = "Action,When,Owner,RAG\nDo it,Q4 26/27,Ann,Green\n"
    warned = run_import(cli, tmp_path, sheet, "columns: {title: Action, due: When}\n")
    assert warned.stderr.count("columns not imported") == 1
    assert "columns not imported: 'Owner' (C), 'RAG' (D)" in warned.stderr
    assert warned.exit_code == 1
    quiet = run_import(
        cli, tmp_path, sheet, "columns: {title: Action, due: When}\nignore: [Owner, RAG]\n"
    )
    assert quiet.exit_code == 0 and "columns not imported" not in quiet.stderr


def test_every_cell_read_exits_zero(cli, tmp_path):
    result = run_import(
        cli,
        tmp_path,
        "Action,When,RAG\nDo it,Q4 26/27,Green\n",
        "columns: {title: Action, due: When, status: RAG}\n",
    )
    assert result.exit_code == 0 and "could not be read" not in result.stderr
    assert actions_of(result.stdout)[0]["status"] == "on-track"


def test_a_row_without_a_title_is_kept_under_a_placeholder(cli, tmp_path):
    result = run_import(
        cli,
        tmp_path,
        "Action,When\n,Q4 26/27\nReal,Q1 26/27\n",
        "columns: {title: Action, due: When}\n",
    )
    titles = [a["title"] for a in actions_of(result.stdout)]
    assert titles == ["(row 2: no title in the sheet)", "Real"]
    assert result.exit_code == 1 and "row 2: no text in the title column" in result.stderr


def test_the_published_nhs_board_log_example(cli, tmp_path, plans_dir):
    target = plans_dir / "hey.yaml"
    result = cli(
        "import",
        EXAMPLES / "hull-and-east-yorkshire-hospitals-action-log.csv",
        "--map",
        EXAMPLES / "hull-and-east-yorkshire-hospitals-action-log.map.yaml",
        "-o",
        target,
    )
    assert result.exit_code == 1  # free-text status comments cannot be read as statuses
    rows = {a["id"]: a for a in actions_of(target.read_text())}
    assert list(rows) == ["01.05", "02.05", "05.05", "06.05", "4.01", "3.01"]
    assert rows["01.05"]["due"] == "14 Aug" and rows["01.05"]["original_due"] == "June"
    assert rows["01.05"]["notes"] == (
        "STATUS/COMMENT: Reorganised to Aug due to lack of available time"
    )
    assert rows["3.01"]["due"] == "11 Sep" and rows["3.01"]["status"] == "not-started"
    assert cli("validate", target).exit_code == 0
    late = cli("overdue", "--plans", plans_dir, "--as-of", "2012-09-01", "--format", "json")
    # 01.05 was re-dated to 14 August: overdue by 1 September, from its new date.
    assert '"id": "01.05"' in late.stdout and '"id": "3.01"' not in late.stdout


def test_guess_map_prints_a_map_that_import_then_takes(cli, tmp_path):
    sheet = tmp_path / "tracker.csv"
    sheet.write_text(
        "Ref,Action,Lead Officer,Target Date,RAG,Update\n"
        "1.1,Publish the equality objectives,Head of Policy,Q2 2026/27,Green,Published\n"
        "1.2,Train all managers,HR Manager,By March 2027,Amber,Behind: vacancies\n"
    )
    guessed = cli("import", sheet, "--guess-map")
    assert guessed.exit_code == 0 and "check every line" in guessed.stderr
    assert "  due: Target Date\n  status: RAG\n" in guessed.stdout
    the_map = tmp_path / "tracker.map.yaml"
    the_map.write_text(guessed.stdout)
    imported = cli("import", sheet, "--map", the_map)
    assert imported.exit_code == 0, imported.stderr
    assert [a["status"] for a in actions_of(imported.stdout)] == ["on-track", "behind"]


def test_import_without_a_map_says_how_to_get_one(cli, tmp_path):
    sheet = tmp_path / "tracker.csv"
    sheet.write_text("Action,Lead\nDo it,Head of HR\n")
    missing = cli("import", sheet)
    assert missing.exit_code == 2 and "--map: give the map" in missing.stderr
    said = unwrapped(missing.stderr)  # a long path may wrap the hint
    assert f"--guess-map > {tmp_path / 'tracker.map.yaml'}" in said
    both = cli("import", sheet, "--guess-map", "--map", sheet)
    assert both.exit_code == 2 and "imports nothing" in both.stderr and both.stdout == ""


def test_the_commands_offered_take_a_sheet_named_with_spaces(cli, tmp_path):
    import os
    import shlex

    sheet = tmp_path / "Council Tracker 2025.csv"
    sheet.write_text("Action,Lead officer\nDo it,Head of HR\n")
    quoted = f"'{sheet}'" if os.name == "nt" else shlex.quote(str(sheet))
    guessed = cli("import", sheet, "--guess-map")
    run = next(line for line in guessed.stdout.splitlines() if "plantrack import" in line)
    assert f"plantrack import {quoted} --map " in run
    if os.name != "nt":  # a POSIX shell reads the line back into the same names
        words = shlex.split(run.lstrip("# "))
        assert words[2] == str(sheet) and words[4] == str(sheet.with_suffix(".map.yaml"))
    missing = cli("import", sheet)
    assert f"plantrack import {quoted} --guess-map" in unwrapped(missing.stderr)


def test_an_unreadable_sheet_is_reported_once_with_its_diagnostic(cli, tmp_path):
    sheet = tmp_path / "tracker.csv"
    sheet.write_bytes("Action,Lead\nDo it,Head of HR\n".encode("utf-16"))
    for args in (["--guess-map"], ["--map", EXAMPLES / "inclusion-strategy.map.yaml"]):
        result = cli("import", sheet, *args)
        assert result.exit_code == 1 and result.stderr.count("PT002") == 1, result.stderr
        assert "cannot read the sheet" in result.stderr and "save it as UTF-8" in result.stderr


def test_windows_paths_are_quoted_for_powershell(monkeypatch):
    """PowerShell expands $ inside double quotes; single quotes are literal there."""
    from pathlib import PureWindowsPath

    from plantrack.commands.import_ import _quoted

    monkeypatch.setattr("os.name", "nt")
    assert _quoted(PureWindowsPath(r"C:\plans\tracker-2025.csv")) == r"C:\plans\tracker-2025.csv"
    assert _quoted(PureWindowsPath(r"C:\My plans\Plan $2025 (Jo's).csv")) == (
        r"'C:\My plans\Plan $2025 (Jo''s).csv'"
    )
