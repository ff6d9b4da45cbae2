"""``plantrack site`` over real git repositories: the folder it writes, what ``public:
false`` withholds, reproducible bytes, escaping, the organisation's brand, and the
output folder it refuses. The browser checks (axe-core, 320 px) are in
``acceptance/test_site_browser.py``."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from conftest import MINIMAL_PLAN, unwrapped
from gitkit import git, needs_git

pytestmark = needs_git

PAGES = ("index.html", "data.html", "accessibility.html", "plans/demo.html")

# MINIMAL_PLAN with a withheld theme, action and milestone: each carries a word found
# nowhere else, so a leak anywhere in the site is a substring.
WITHHELD = (
    MINIMAL_PLAN.replace(
        "              - id: T1.1.b-2\n",
        "              - id: T1.1.b-3\n"
        "                title: Hushmilestone booked\n"
        "                due: August 2026\n"
        "                public: false\n"
        "              - id: T1.1.b-2\n",
    ).replace(
        "          - id: T1.1.b\n",
        "          - id: T1.1.z\n"
        "            title: Hushaction for staff only\n"
        "            due: Q1 25/26\n"
        "            status: off track\n"
        "            rationale: Hushreason\n"
        "            public: false\n"
        "          - id: T1.1.b\n",
    )
    + "  - id: T9\n"
    "    title: Hushtheme internal\n"
    "    public: false\n"
    "    objectives:\n"
    "      - id: T9.1\n"
    "        title: Hushobjective\n"
    "        actions:\n"
    "          - id: T9.1.a\n"
    "            title: Hushitem\n"
    "            due: Q2 25/26\n"
    "            status: behind\n"
)
SECRETS = ("Hushmilestone", "Hushaction", "Hushreason", "Hushtheme", "Hushobjective", "Hushitem")


def commit(repo: Path, when: str, text: str, message: str = "update") -> str:
    (repo / "plans" / "demo.yaml").write_text(text, encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", message, when=when)
    return git(repo, "rev-parse", "HEAD").strip()


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Path:
    """The demo plan committed in Q1 and Q3 2025/26 (T1.1.a behind, then on track), the
    last commit on 20 November 2025; the test runs inside the repository."""
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "plans").mkdir()
    commit(tmp_path, "2025-05-10T10:00:00+01:00", MINIMAL_PLAN.replace("on track", "behind"))
    commit(tmp_path, "2025-11-20T10:00:00+00:00", MINIMAL_PLAN)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def build(cli, *args: str, folder: str = "public"):
    done = cli("site", "-o", folder, *args)
    return done


def read(repo: Path, name: str, folder: str = "public") -> str:
    return (repo / folder / name).read_text(encoding="utf-8")


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


# --- the folder ---------------------------------------------------------------------------


def test_writes_index_plan_pages_statement_and_open_data(cli, repo):
    done = build(cli)
    assert done.exit_code == 0, done.output
    names = set(files_of(repo / "public"))
    assert {*PAGES, "open-data.csv", "open-data.json", "style.css"} <= names
    index = read(repo, "index.html")
    for link in ('href="open-data.csv"', 'href="open-data.json"', 'href="data.html"'):
        assert link in index
    assert 'href="plans/demo.html"' in index
    for page in PAGES:
        text = read(repo, page)
        assert re.search(r'<a href="(\.\./)?accessibility\.html"', text), page
        assert '<html lang="en">' in text and 'href="#main"' in text and 'id="main"' in text


def test_default_quarter_is_the_last_closed_before_the_commit_day(cli, repo):
    build(cli)
    # The last commit is in Q3 2025/26 (20 November 2025): Q2 is the last one closed.
    assert "As at the close of Q2 2025/26" in read(repo, "index.html")
    build(cli, "--quarter", "Q3 25/26")
    assert "As at the close of Q3 2025/26" in read(repo, "index.html")


def test_a_quarter_close_tag_names_the_default_quarter(cli, repo):
    git(repo, "tag", "-a", "plantrack/2025-26-Q1", "-m", "close", "HEAD~1")
    build(cli)
    index = read(repo, "index.html")
    assert "As at the close of Q1 2025/26" in index
    # The trend reads the tagged close only: one row, the plan as tagged (T1.1.a behind).
    trend = index.split('id="trend-caption"')[1].split("</table>")[0]
    assert trend.count('<th scope="row">') == 1 and "Q1 2025/26" in trend


def test_counts_use_the_summary_vocabulary_and_the_trend_has_a_table(cli, repo):
    build(cli, "--quarter", "Q3 25/26")
    index = read(repo, "index.html")
    for header in ("Off track", "Behind", "On track", "Unrated", "Not started", "No status"):
        assert f'<th scope="col" class="num">{header}</th>' in index
    trend = index.split('id="trend-caption"')[1].split("</table>")[0]
    rows = re.findall(r'<tr><th scope="row">(Q\d \d{4}/\d\d)</th>(.*?)</tr>', trend)
    assert [quarter for quarter, _ in rows] == ["Q1 2025/26", "Q2 2025/26", "Q3 2025/26"]
    numbers = [re.findall(r">(\d+)<", cells) for _, cells in rows]
    # Off track, behind, on track, unrated, not started, no status, done, total, overdue:
    # in Q1 T1.1.a was behind; by Q3 it was on track (4 trackables, one done).
    assert numbers[0][:3] == ["0", "2", "0"] and numbers[2][:3] == ["0", "1", "1"]
    assert "<svg" in index and 'aria-labelledby="trend-title"' in index
    # The sentence's "done (25%)" counts cancelled items too, and the page says so once.
    assert index.count("Done includes cancelled items as well as completed ones.") == 1


def test_plan_page_shows_the_tree_with_statuses_in_words_and_each_actions_history(cli, repo):
    build(cli, "--quarter", "Q3 25/26")
    page = read(repo, "plans/demo.html")
    for words in ("Working together", "Talk to communities", "Refresh the reference group"):
        assert words in page
    assert "Venue agreed" in page and "Invitations sent" in page  # milestones
    assert "Q2 26/27 (the original date)" in page and "Venue booking delayed." in page
    assert "Head of Service" in page  # the lead as the plan names it, inherited
    history = page.split('id="item-T1.1.a-history"')[1].split("</table>")[0]
    assert re.findall(r'<th scope="row">(.*?)</th><td>(.*?)</td>', history)[0][0] == "Q1 2025/26"
    assert "behind" in history.split("Q2 2025/26")[0] and "on track" in history.split("Q3")[1]


def test_links_between_items_become_links(cli, repo):
    text = MINIMAL_PLAN.replace(
        "            status: on track\n",
        "            status: on track\n            links: T1.1.b\n",
    )
    commit(repo, "2025-11-21T10:00:00+00:00", text)
    build(cli)
    assert '<a href="#item-T1.1.b">' in read(repo, "plans/demo.html")


# --- public: false -----------------------------------------------------------------------


def test_public_false_withholds_the_item_and_all_below_it_everywhere(cli, repo):
    commit(repo, "2025-11-21T10:00:00+00:00", WITHHELD)
    assert cli("validate", "plans").exit_code == 0
    done = build(cli, "--quarter", "Q3 25/26")
    assert done.exit_code == 0, done.output
    for name, content in files_of(repo / "public").items():
        for secret in SECRETS:
            assert secret.encode() not in content, f"{secret} leaks into {name}"
    rows = list(csv.DictReader(io.StringIO(read(repo, "open-data.csv"))))
    assert [row["id"] for row in rows] == ["T1.1.a", "T1.1.b-1", "T1.1.b-2"]
    assert len(json.loads(read(repo, "open-data.json"))["items"]) == 3
    index = read(repo, "index.html")
    assert index.count('<td class="num">3</td>') >= 1  # the plan's total leaves them out
    assert "3 actions and milestones" in index


def test_public_plan_false_leaves_the_whole_plan_out(cli, repo):
    hidden = MINIMAL_PLAN.replace("id: demo\n", "id: other\npublic: false\n").replace(
        "Demo plan", "Hushplan"
    )
    (repo / "plans" / "other.yaml").write_text(hidden, encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "other", when="2025-11-21T10:00:00+00:00")
    build(cli)
    assert not (repo / "public" / "plans" / "other.html").exists()
    assert all(b"Hushplan" not in c for c in files_of(repo / "public").values())


def test_the_paper_and_the_terminal_reports_are_unchanged_by_public_false(cli, repo):
    commit(repo, "2025-11-21T10:00:00+00:00", WITHHELD)
    with_key = [cli(*args).output for args in REPORTS]
    # The same plan with each key made a comment: the same lines, no key.
    commit(repo, "2025-11-22T10:00:00+00:00", WITHHELD.replace("public: false", "# public"))
    without = [cli(*args).output for args in REPORTS]
    assert with_key == without
    assert "Hushaction" in with_key[0] and "Hushitem" in with_key[1]


REPORTS = (
    ("report", "--quarter", "Q3 25/26", "--format", "markdown"),
    ("list", "--format", "csv"),
    ("summary", "--format", "json"),
    ("overdue", "--format", "json"),
)


# --- reproducible -----------------------------------------------------------------------


def test_two_builds_of_one_commit_are_byte_identical_whatever_the_day(cli, repo, monkeypatch):
    first = build(cli, folder="one")
    assert first.exit_code == 0, first.output
    monkeypatch.setenv("PLANTRACK_TODAY", "2027-06-30")  # another day: same site
    build(cli, folder="two")
    one, two = files_of(repo / "one"), files_of(repo / "two")
    assert one.keys() == two.keys() and len(one) >= 8
    assert one == two
    sha = git(repo, "rev-parse", "--short=7", "HEAD").strip()
    assert (
        f"Generated from commit <code>{sha}</code>, on the day of that commit: 20 November 2025"
        in (read(repo, "index.html", "one"))
    )


def test_uncommitted_changes_are_said(cli, repo):
    (repo / "plans" / "demo.yaml").write_text(MINIMAL_PLAN.replace("Demo plan", "Draft"))
    build(cli)
    assert "with changes not yet committed" in read(repo, "index.html")


# --- escaping -----------------------------------------------------------------------------

HOSTILE = (
    MINIMAL_PLAN.replace("Refresh the reference group", "<script>alert(1)</script>")
    .replace("Venue agreed", "'=HYPERLINK(\"http://evil\")'")
    .replace("Invitations sent", "'@SUM(A1)'")
    .replace("status: on track", "status: <b>Great</b>")
    .replace(
        "financial_year: 2025/26\n",
        "financial_year: 2025/26\nstatuses:\n  <b>Great</b>: on track\n",
    )
)


def test_plan_text_and_legend_words_are_escaped_and_csv_formulas_neutralised(cli, repo):
    commit(repo, "2025-11-21T10:00:00+00:00", HOSTILE)
    done = build(cli)
    assert done.exit_code == 0, done.output
    for name in PAGES:
        text = read(repo, name)
        assert "<script>" not in text and "<b>Great" not in text, name
    page = read(repo, "plans/demo.html")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&lt;b&gt;Great&lt;/b&gt;" in page
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(read(repo, "open-data.csv")))}
    assert rows["T1.1.b-1"]["title"] == '\'=HYPERLINK("http://evil")'
    assert rows["T1.1.b-2"]["title"] == "'@SUM(A1)"
    items = {i["id"]: i for i in json.loads(read(repo, "open-data.json"))["items"]}
    assert items["T1.1.b-1"]["title"] == '=HYPERLINK("http://evil")'  # JSON as written
    assert "OWASP" in read(repo, "data.html")


# --- open data ----------------------------------------------------------------------------


def test_open_data_is_utf8_with_a_header_iso_dates_and_a_column_page(cli, repo):
    build(cli, "--quarter", "Q3 25/26")
    raw = (repo / "public" / "open-data.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"))))
    header = rows[0]
    assert header[:3] == ["plan", "plan_title", "id"] and len(rows) == 4
    record = dict(zip(header, rows[1], strict=True))
    assert record["deadline"] == "2026-03-31" and record["status"] == "on-track"
    data = json.loads(read(repo, "open-data.json"))
    assert data["columns"] == header and data["items"][0]["deadline"] == "2026-03-31"
    columns = read(repo, "data.html")
    for name in header:
        assert f"<code>{name}</code>" in columns


# --- nothing from the network --------------------------------------------------------------


def test_no_page_loads_anything_from_elsewhere(cli, repo):
    build(cli)
    for name, content in files_of(repo / "public").items():
        text = content.decode("utf-8", "replace")
        loads = re.findall(r'(?:src|href)="([^"]*)"|url\(([^)]*)\)|@import', text)
        for found in loads:
            value = "".join(found) if isinstance(found, tuple) else found
            link = re.search(r'<a [^>]*href="' + re.escape(value), text)
            assert link or not re.match(r"^(?:[a-z]+:)?//", value), f"{name} loads {value}"
        assert "<script" not in text, name


# --- the organisation ---------------------------------------------------------------------


def test_brand_name_contact_logo_and_a_colour_adjusted_for_contrast(cli, repo):
    (repo / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    (repo / "plantrack-site.yaml").write_text(
        "organisation: Northtown Council\ncontact: access@northtown.example\n"
        "logo: logo.svg\ncolour: '#ffcc00'\n"
    )
    done = build(cli)
    assert done.exit_code == 0, done.output
    assert "colour #ffcc00 has a contrast of 1.5:1" in done.output
    used = re.search(r"uses (#[0-9a-f]{6})", done.output).group(1)
    assert f"background: {used}" in read(repo, "style.css")
    index = read(repo, "index.html")
    assert "Northtown Council" in index and 'src="logo.svg"' in index
    assert (repo / "public" / "logo.svg").exists()
    assert 'href="mailto:access@northtown.example"' in read(repo, "accessibility.html")


def test_without_configuration_the_statement_shows_a_clear_placeholder(cli, repo):
    build(cli)
    statement = read(repo, "accessibility.html")
    assert "Contact not set." in statement and "plantrack-site.yaml" in statement
    assert "WCAG" in statement and "2.2" in statement and "axe-core" in statement
    assert "320 CSS pixels" in statement


def test_a_bad_site_configuration_names_file_and_line(cli, repo):
    (repo / "plantrack-site.yaml").write_text("organisation: X\ncolor: red\nlogo: none.png\n")
    done = build(cli)
    assert done.exit_code == 1
    assert re.search(r"plantrack-site\.yaml:2:1: error PT901: unknown key 'color'", done.output)
    assert re.search(r"plantrack-site\.yaml:3:1: .*logo file 'none.png' not found", done.output)
    assert not (repo / "public").exists()


# --- the output folder ---------------------------------------------------------------------


def test_a_folder_with_other_files_is_refused_and_left_alone(cli, repo):
    (repo / "docs").mkdir()
    (repo / "docs" / "notes.txt").write_text("mine")
    done = build(cli, folder="docs")
    assert done.exit_code == 2 and "did not write" in done.output
    assert [p.name for p in (repo / "docs").iterdir()] == ["notes.txt"]


def test_a_rebuild_removes_the_page_of_a_plan_no_longer_published(cli, repo):
    (repo / "plans" / "other.yaml").write_text(MINIMAL_PLAN.replace("id: demo", "id: other"))
    build(cli)
    assert (repo / "public" / "plans" / "other.html").exists()
    (repo / "plans" / "other.yaml").unlink()
    build(cli)
    assert not (repo / "public" / "plans" / "other.html").exists()
    assert (repo / "public" / "plans" / "demo.html").exists()


def test_an_edited_marker_never_removes_a_file_outside_the_site(cli, repo, tmp_path):
    """The marker (.plantrack-site) lists what the last build wrote, to remove what this
    one does not write; anyone may edit it: a name leading out, absolute or through a
    link inside the folder is never removed, and a marker that is not text is refused."""
    build(cli)
    outside = tmp_path / "precious"
    outside.mkdir()
    (outside / "keep.txt").write_text("mine")
    (repo / "public" / "elsewhere").symlink_to(outside)
    marker = repo / "public" / ".plantrack-site"
    marker.write_text(
        marker.read_text() + f"../plans/demo.yaml\n{outside / 'keep.txt'}\nelsewhere/keep.txt\n"
    )
    assert build(cli).exit_code == 0
    assert (outside / "keep.txt").read_text() == "mine"
    assert (repo / "plans" / "demo.yaml").exists()
    marker.write_bytes(b"index.html\n\xff\xfe\n")
    refused = build(cli)
    assert refused.exit_code == 2 and "is not UTF-8 text" in unwrapped(refused.output)


# --- init: the example configuration and the publishing workflow ---------------------------


def test_init_writes_a_site_configuration_the_site_reads_and_a_pages_workflow(cli, tmp_path):
    import yaml

    from plantrack import __version__

    repo = tmp_path / "repo"
    assert cli("init", repo).exit_code == 0
    workflow = yaml.safe_load((repo / ".github" / "workflows" / "site.yml").read_text())
    assert workflow[True]["push"]["branches"] == ["main"]  # YAML 1.1 reads "on" as true
    build_steps = workflow["jobs"]["build"]["steps"]
    runs = " ".join(step.get("run", "") for step in build_steps)
    uses = [step.get("uses", "") for job in workflow["jobs"].values() for step in job["steps"]]
    assert f'pip install "plantrack-milestones=={__version__}"' in runs
    assert "plantrack site -o public" in runs
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    assert build_steps[0]["with"]["fetch-depth"] == 0  # the history is the trend
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "init", when="2026-05-01T10:00:00+01:00")
    done = cli("site", "--plans", repo / "plans", "-o", repo / "public")
    assert done.exit_code == 0, done.output
    assert "Example Borough Council" in (repo / "public" / "index.html").read_text()


@pytest.mark.parametrize("written", ["False", "FALSE", "'false'"])
def test_every_way_the_model_reads_false_withholds(cli, repo, written):
    text = WITHHELD.replace("public: false", f"public: {written}").replace(
        "- id: T1.1.a\n", "- id: '3.10'\n"
    )
    commit(repo, "2025-11-21T10:00:00+00:00", text)
    assert cli("validate", "plans").exit_code == 0
    assert build(cli).exit_code == 0
    for name, content in files_of(repo / "public").items():
        assert not any(secret.encode() in content for secret in SECRETS), name
    rows = list(csv.DictReader(io.StringIO(read(repo, "open-data.csv"))))
    assert [row["id"] for row in rows] == ["3.10", "T1.1.b-1", "T1.1.b-2"]  # not 3.1


def test_the_github_actions_page_shows_the_workflow_init_writes():
    from conftest import ROOT
    from plantrack.cli.scaffold import template

    page = (ROOT / "docs" / "github-actions.md").read_text(encoding="utf-8")
    assert template("site-workflow.yml") in page


def test_last_updated_is_the_last_commit_changing_the_item(cli, repo):
    build(cli)
    page = read(repo, "plans/demo.html")

    def updated(item: str) -> str:
        facts = page.split(f'id="item-{item}"')[1]
        return re.search(r"<dt>Last updated</dt><dd>(.*?)</dd>", facts).group(1)

    assert updated("T1.1.a") == "20 November 2025"  # its status changed then
    assert updated("T1.1.b-1") == "10 May 2025"  # unchanged since the plan was added


def test_the_home_page_and_trend_count_ended_plans_as_every_report_does(cli, repo):
    """Issue 27: the home page said 181 trackables and 65 overdue where summary and the
    paper said 81 and 10: it counted a plan that ended years ago. Its sentence, overdue
    list and trend follow the one ended-plans rule; the ended plan keeps its own table."""
    old = MINIMAL_PLAN.replace("id: demo", "id: old").replace("title: Demo plan", "title: Old")
    old = old.replace(
        "financial_year: 2025/26", "period: April 2016 to March 2017\nfinancial_year: 2016/17"
    )
    old = old.replace("status: on track", "status: off track").replace("Q4 25/26", "Q4 16/17")
    (repo / "plans" / "old.yaml").write_text(old, encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "An ended plan", when="2025-11-21T10:00:00+00:00")
    built = build(cli, "--quarter", "Q3 25/26")
    assert built.exit_code == 0, built.output
    index = read(repo, "index.html")
    said = index.split("<p>3 actions and milestones: ")[1].split("</p>")[0]  # demo's, not six
    assert "off track" not in said and "; 0 overdue" in said
    ended = index.split('id="ended-heading"')[1].split("</section>")[0]
    assert 'href="plans/old.html"' in ended and "not in the numbers above" in ended
    overdue = index.split('id="overdue-heading"')[1].split("</section>")[0]
    assert "plans/old.html" not in overdue
    trend = index.split('id="trend-caption"')[1].split("</table>")[0]
    totals = re.findall(r'<td class="num">(\d+)</td><td class="num">\d+</td></tr>', trend)
    assert totals == ["3", "3", "3"]
