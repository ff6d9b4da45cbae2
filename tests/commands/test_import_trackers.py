"""``plantrack import`` of spreadsheet trackers through the CLI: CSV, TSV, xlsx, what it
warns about and refuses (reading a sheet into a plan: unit/test_importer.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT

EXAMPLES = ROOT / "docs" / "examples"


def test_import_command_writes_nothing_on_failure(cli, tmp_path):
    sheet = tmp_path / "t.csv"
    sheet.write_text("Action,When\nDo it,Q4 25/26\n")
    bad_map = tmp_path / "m.yaml"
    bad_map.write_text("plan: {id: x, title: X}\ncolumns: {title: Action, due: Deadline}\n")
    target = tmp_path / "out.yaml"
    result = cli("import", sheet, "--map", bad_map, "-o", target)
    assert result.exit_code == 1 and "no row holds every mapped header" in result.stderr
    assert not target.exists()


def test_import_command_csv_round_trip(cli, tmp_path, plans_dir):
    sheet = tmp_path / "t.csv"
    sheet.write_text(
        "Tracker 2026\nTheme,Action,When,Who,RAG\n"
        "People,Hire,Q4 25/26,HR,Green\n,Train,Q1 26/27,HR,amber\n"
        "Places,Build,Smarch 2026,Estates,Red\n"
    )
    the_map = tmp_path / "m.yaml"
    the_map.write_text(
        "plan: {id: tracker, title: Tracker, financial_year: 2025/26}\n"
        "columns: {theme: Theme, title: Action, due: When, lead: Who, "
        "status: RAG}\n"
    )
    target = plans_dir / "tracker.yaml"
    result = cli("import", sheet, "--map", the_map, "-o", target)
    # One cell unread: the plan is written, every row in it, and the exit says so.
    assert result.exit_code == 1 and "row 5, column 'When' (C)" in result.stderr
    assert "'Smarch 2026' is not a date" in result.stderr
    assert cli("validate", target).exit_code == 0
    text = target.read_text()
    assert "status: on-track" in text and "status: behind" in text
    assert (
        "title: Build\n" in text and "due: TBC\n" in text and 'notes: "When: Smarch 2026"' in text
    )
    assert cli("import", sheet, "--map", the_map, "-o", target).exit_code == 1  # exists


def import_csv(cli, tmp_path, sheet_text: str, columns: str):
    sheet = tmp_path / "t.csv"
    sheet.write_text(sheet_text)
    the_map = tmp_path / "m.yaml"
    the_map.write_text(
        f"plan: {{id: tracker, title: Tracker, financial_year: 2025/26}}\ncolumns: {columns}\n"
    )
    return cli("import", sheet, "--map", the_map)


def test_import_repeated_theme_and_objective_cells_continue_them(cli, tmp_path):
    """Exports fill every row's theme and objective; the same text is the same node."""
    result = import_csv(
        cli,
        tmp_path,
        "Ref,Theme,Objective,Action,When\n"
        "1.1,Place,Clean streets,Sweep,Q4 25/26\n"
        "1.2,Place,Clean streets,Wash,Q4 25/26\n"
        "1.3,Place,Parks,Plant,Q1 26/27\n",
        "{id: Ref, theme: Theme, objective: Objective, title: Action, due: When}",
    )
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert text.count("title: Place") == 1 and text.count("title: Clean streets") == 1
    assert '- id: "1.1"' in text and '- id: "1.2"' in text and "- id: T1.1\n" in text


def test_import_keeps_text_that_only_looks_like_a_tag(cli, tmp_path):
    result = import_csv(
        cli,
        tmp_path,
        "Action,When\nAges <18 and >65 get <b>free</b> entry,Q4 25/26\n",
        "{title: Action, due: When}",
    )
    assert "title: Ages <18 and >65 get free entry" in result.stdout


def test_import_warnings_name_the_line_and_column_of_the_bad_cell(cli, tmp_path):
    result = import_csv(
        cli,
        tmp_path,
        'Action,When,RAG\n"Two\nlines",Q4 25/26,Green\nThird,Q4 25/26,Purple\n',
        "{title: Action, due: When, status: RAG}",
    )
    assert "t.csv:4:3: warning PT401: row 3, column 'RAG' (C)" in result.stderr
    assert "'Purple' is not a status; kept in notes" in result.stderr
    assert "title: Third" in result.stdout and 'notes: "RAG: Purple"' in result.stdout


def test_import_reads_semicolon_csv_and_names_missing_headers(cli, tmp_path):
    semicolon = import_csv(
        cli, tmp_path, "Action;When\nDo it;Q4 25/26\n", "{title: Action, due: When}"
    )
    assert semicolon.exit_code == 0 and "title: Do it" in semicolon.stdout
    missing = import_csv(
        cli, tmp_path, "Action,When\nDo it,Q4 25/26\n", "{title: Action, due: When, lead: Who}"
    )
    assert missing.exit_code == 1 and "missing 'Who'" in missing.stderr
    assert "'Action'" not in missing.stderr


def test_import_missing_files_are_usage_errors_and_output_folders_are_made(cli, tmp_path):
    missing = cli("import", tmp_path / "nope.csv", "--map", tmp_path / "m.yaml")
    assert missing.exit_code == 2 and missing.stderr.count("nope.csv") == 1
    (tmp_path / "t.csv").write_text("Action,When\nDo it,Q4 25/26\n")
    (tmp_path / "m.yaml").write_text(
        "plan: {id: x, title: X}\ncolumns: {title: Action, due: When}\n"
    )
    target = tmp_path / "new-repo" / "plans" / "x.yaml"
    result = cli("import", tmp_path / "t.csv", "--map", tmp_path / "m.yaml", "-o", target)
    assert result.exit_code == 0 and "title: Do it" in target.read_text()


def test_import_xlsx(tmp_path, cli):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Action", "When"])
    sheet.append(["Do it", "Q4 25/26"])
    path = tmp_path / "t.xlsx"
    book.save(path)
    the_map = tmp_path / "m.yaml"
    the_map.write_text("plan: {id: x, title: X}\ncolumns: {title: Action, due: When}\n")
    out = cli("import", path, "--map", the_map).stdout
    assert "title: Do it" in out and "due: Q4 25/26" in out


def test_unknown_sheet_type_is_a_usage_error(cli, tmp_path):
    the_map = tmp_path / "m.yaml"
    the_map.write_text("plan: {id: x, title: X}\ncolumns: {title: Action}\n")
    (tmp_path / "t.pdf").write_bytes(b"%PDF-1.4\n")
    result = cli("import", Path(tmp_path / "t.pdf"), "--map", the_map)
    assert result.exit_code == 2
    assert (
        "cannot import '.pdf' files" in result.stderr and "use .csv, .tsv or .xlsx" in result.stderr
    )
    missing = cli("import", Path(tmp_path / "gone.csv"), "--map", the_map)
    assert missing.exit_code == 2 and "no such file" in missing.stderr
