"""The committee report (HTML, Markdown) and import from a spreadsheet."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import MINIMAL_PLAN, ROOT
from plantrack.usecases.importer import import_sheet
from plantrack.usecases.sheet import clean

EXAMPLES = ROOT / "docs" / "examples"


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def parse_html(text: str) -> _Collector:
    collector = _Collector()
    collector.feed(text)
    return collector


@pytest.fixture
def hostile_plan(plans_dir):
    text = MINIMAL_PLAN.replace(
        "title: Refresh the reference group", 'title: "<script>alert(1)</script> & more"'
    )
    (plans_dir / "demo.yaml").write_text(text)
    return plans_dir


def test_html_report_is_self_contained_and_escapes_plan_text(cli, hostile_plan, tmp_path):
    target = tmp_path / "report.html"
    result = cli("report", "--plans", hostile_plan, "--quarter", "Q4-25/26", "-o", target)
    assert result.exit_code == 0
    text = target.read_text()
    assert "<script>" not in text and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in text
    assert "http://" not in text.replace("http://www.w3.org/2000/svg", "") and "<link" not in text
    page = parse_html(text)
    assert "script" not in page.tags and "thead" in page.tags
    words = " ".join(page.text)
    assert "Summary by theme" in words and "Overdue (1) as at 1 April 2026" in words
    assert "Revised target dates (1)" not in words  # the revised action has milestones
    assert "@page {\n    size: A4;" in text and "counter(pages)" in text


def test_markdown_report_sections_and_escaping(cli, hostile_plan):
    out = cli(
        "report", "--plans", hostile_plan, "--quarter", "Q4-25/26", "--format", "markdown"
    ).stdout
    assert out.startswith("# Performance report: Q4 2025/26")
    assert "## Demo plan" in out and "## Overdue (1) as at 1 April 2026" in out
    assert "\\<script\\>" in out
    overdue = out.split("## Overdue (1)")[1].split("##")[0]
    assert "| T1.1.a |" in overdue and "| 1 | G on track |" in overdue


def test_report_since_a_revision_lists_changes(cli, tmp_path):
    import subprocess

    repo = tmp_path / "repo"
    (repo / "plans").mkdir(parents=True)
    plan = repo / "plans" / "demo.yaml"
    plan.write_text(MINIMAL_PLAN)
    git = ["git", "-c", "user.name=a", "-c", "user.email=a@example.org"]
    subprocess.run([*git, "init", "-q"], cwd=repo, check=True)
    subprocess.run([*git, "add", "."], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-qm", "start"], cwd=repo, check=True)
    plan.write_text(MINIMAL_PLAN.replace("status: on track", "status: done"))
    out = cli("report", "--plans", repo / "plans", "--since", "HEAD", "--format", "markdown").stdout
    assert "## Changes since HEAD" in out and "### Status changes (1)" in out
    assert "| T1.1.a | Refresh the reference group | G on track | D completed |" in out


def test_committed_sample_report_is_current(cli, monkeypatch, tmp_path):
    from sample_history import build

    build(tmp_path)  # the shipped plans over a made-up quarterly history, as `make report`
    monkeypatch.chdir(tmp_path)
    sample = ROOT / "docs" / "report-sample.html"
    out = cli("report", "--quarter", "Q4-25/26", "--all").stdout
    assert sample.read_text() == out, "docs/report-sample.html is stale: run `make report`"


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("<p>Deliver <i>this</i> now</p> <p>and that</p>", "Deliver this now and that"),
        ("Framework</i> , which", "Framework, which"),
        ("A &amp; B • C", "A & B C"),
    ],
)
def test_clean_removes_conversion_debris(cell, expected):
    assert clean(cell) == expected


def test_import_of_seed_000(tmp_path):
    result = import_sheet(
        EXAMPLES / "inclusion-strategy.tsv", EXAMPLES / "inclusion-strategy.map.yaml"
    )
    # Row 61's date cell holds two schedules: the row is imported all the same, its text
    # kept in notes under the column's name, with no deadline until someone reads it.
    assert result.trackables == 51 and len(result.problems) == 1
    problem = result.problems[0]
    assert problem.line == 61 and "row 61, column 'Target date' (C)" in problem.message
    assert 'notes: "Target date: Q1 & Q3 26/27 Q2 & Q4 26/27"' in result.text
    assert "    title: Working Together\n" in result.text
    from plantrack.plan.load import load_text

    data = load_text(result.text).data
    assert [t["title"] for t in data["themes"]] == [
        "Working Together",
        "Responsive Services",
        "Welcoming Places",
        data["themes"][3]["title"],
    ]
    assert data["themes"][3]["title"].startswith("Employer of Choice")
    objective = data["themes"][1]["objectives"][1]
    assert objective["title"] == (
        "Strengthen equality impact assessments by reviewing the "
        "forms, updating guidance and providing appropriate training"
    )
    assert [a["due"] for a in objective["actions"]] == ["Q3 26/27", "Q4 26/27"]


def test_import_matches_the_hand_made_plan():
    """Same titles, leads and deadlines, row for row; the hand-made plan splits the one
    row the importer keeps as a comment into two milestones, and reads the one lead cell
    that names two posts (T4.2.a) as a list, which the importer keeps as the cell's text."""
    from plantrack.dates import parse
    from plantrack.plan.load import load_file, load_text

    def as_cell(lead):
        return " ".join(lead) if isinstance(lead, list) else lead

    def actions(data):
        return [
            (
                " ".join(a["title"].split()),
                as_cell(a.get("lead")),
                parse(a["due"], "2025/26").deadline,
            )
            for t in data["themes"]
            for o in t["objectives"]
            for a in o["actions"]
            if a.get("due", "TBC") != "TBC"
        ]

    imported = actions(
        load_text(
            import_sheet(
                EXAMPLES / "inclusion-strategy.tsv", EXAMPLES / "inclusion-strategy.map.yaml"
            ).text
        ).data
    )
    made_data = load_file(ROOT / "plans" / "inclusion-strategy-2026-27.yaml").data
    made = actions(made_data)
    assert imported == made and len(made) == 50
    lists = [
        a["lead"]
        for t in made_data["themes"]
        for o in t["objectives"]
        for a in o["actions"]
        if isinstance(a.get("lead"), list)
    ]
    assert lists == [["Head of Human Resources", "Head of Organisational Development"]]


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
    assert cli("import", Path(tmp_path / "t.pdf"), "--map", the_map).exit_code == 2


def test_report_of_plans_in_different_calendars_gives_each_its_own_day(cli, plans_dir):
    """A UK and a July-start plan: 'as at the close of Q3-23/24' is 1 Jan 2024 for one
    and 1 Apr 2024 for the other, so the header names no single day."""
    from unit.test_query import AUSTRALIAN_PLAN

    (plans_dir / "uk.yaml").write_text(MINIMAL_PLAN)
    (plans_dir / "aus.yaml").write_text(AUSTRALIAN_PLAN)
    args = ("report", "--plans", plans_dir, "--quarter", "Q3-23/24", "--format", "markdown")
    text = cli(*args).stdout
    assert "as at the close of Q3-23/24 in each plan's own financial year" in text
    assert "as at 1 April 2024" in text and "as at 1 January 2024" in text
    assert "### Due in" not in text  # nothing falls due next quarter: the section is left out
    single = cli(*args, "--plan", "aus").stdout
    assert "Overdue as at 1 April 2024" in single
