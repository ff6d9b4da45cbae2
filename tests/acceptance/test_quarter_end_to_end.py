"""One quarter, end to end (issue 27): two quarters of the Rotherham Year Ahead Plan
2021/22 in a real git repository, with the ended 2016/17 plan beside it, returns
answered after the quarter ended, a close, a late answer after the close, and the next
quarter. Every number the commands and the paper print must agree, and the Q3 paper
rebuilt in April must be the paper made at the close, byte for byte.

The timeline (PLANTRACK_TODAY moves; every commit and tag is dated):

- 20 Sep 2021: the plans committed (Q2).
- 20 Dec 2021: ``request`` for Q3, due back 3 January.
- 7 Jan 2022: the returns (CSV, two rows answered "no change", and one workbook with
  a comment typed in a column of the lead's own) collected and committed, then
  ``close Q3-21/22``.
- 10 Jan 2022: one lead's late return, refused as Q3 is closed, then taken with
  ``--force`` (it shows as a change in Q4).
- 15 Feb 2022: an edit in Q4; 6 Apr 2022: Q4's returns; 8 Apr: ``close Q4-21/22``.
- 20 Apr 2022: the Q3 paper made again, and the public site built.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from gitkit import GIT_ENV, author_env, git, needs_git
from returns_kit import fill_csv, ref_of, set_modified

pytestmark = needs_git
ROOT = Path(__file__).resolve().parents[2]
PLAN = "year-ahead-plan-2021-22"
ENDED = "improvement-plan-phase-2-2016-17"
LEADS = {  # theme title -> the lead written under it (the published plan names none)
    "Thriving Neighbourhoods": "Head of Neighbourhoods",
    "Better Health and Wellbeing": "Head of Public Health",
    "Economic recovery": "Head of Economic Development",
    "New ways of working": "Head of Customer Services",
    "Hope and Confidence": "Head of Communities",
    "Cross cutting": "Head of Policy",
    "Outstanding actions from original plan": "Head of Policy",
}
Q3_ANSWERS = {  # answered in the Q3 returns: id -> new status
    "T3.2.d": "Completed",  # due November 2021: overdue at Q3's end until this answer
    "T5.4.a.2": "Completed",
    "T1.4.d.2": "Off track",
}
NO_CHANGE = ("T1.4.d.1", "T5.4.a.1")  # answered "no change": nothing is written
LATE_ANSWER = ("T2.5.a.4", "Behind schedule")  # Public Health's, after the close
STRAY = "Funding confirmed in December; see the Cabinet report."  # typed beside an answer
STRAY_DUE = "June 2022"  # typed over the locked Due of the item answered in the workbook


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Path:
    """The two plans committed on 20 September 2021; the test runs inside the repo."""
    root = tmp_path / "council"
    (root / "plans").mkdir(parents=True)
    text = (ROOT / "plans" / f"{PLAN}.yaml").read_text(encoding="utf-8")
    for title, lead in LEADS.items():
        text = text.replace(f"    title: {title}\n", f"    title: {title}\n    lead: {lead}\n", 1)
    (root / "plans" / f"{PLAN}.yaml").write_text(text, encoding="utf-8")
    shutil.copy(ROOT / "plans" / f"{ENDED}.yaml", root / "plans")
    for key, value in {**GIT_ENV, **author_env("Clerk")}.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("HOME", str(root))
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "The plans", when="2021-09-20T10:00:00+01:00", author="Clerk")
    monkeypatch.chdir(root)
    return root


def on(monkeypatch, day: str, clock: str = "09:00:00+00:00") -> None:
    """Today is ``day``, and what git makes now (commits, tags) is dated then."""
    monkeypatch.setenv("PLANTRACK_TODAY", day)
    monkeypatch.setenv("GIT_COMMITTER_DATE", f"{day}T{clock}")
    monkeypatch.setenv("GIT_AUTHOR_DATE", f"{day}T{clock}")


def set_status(repo: Path, item: str, status: str) -> None:
    """An edit by hand: the status line of ``item`` (the first after its id)."""
    path = repo / "plans" / f"{PLAN}.yaml"
    text = path.read_text(encoding="utf-8")
    at = text.index(f"- id: {item}\n")
    found = re.compile(r"status: [^\n]*").search(text, at)
    assert found is not None
    path.write_text(text[: found.start()] + f"status: {status}" + text[found.end() :])


def commit_all(repo: Path, message: str) -> str:
    git(repo, "commit", "-q", "-am", message)  # dated by on()
    return git(repo, "rev-parse", "HEAD").strip()


def json_of(cli, *args) -> object:
    result = cli(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def paper(cli, quarter: str, output: str = "markdown") -> str:
    result = cli("report", "--quarter", quarter, "--format", output)
    assert result.exit_code == 0, result.output
    return result.stdout


def section(text: str, heading: str) -> str:
    start = text.index(f"## {heading}")
    end = text.find("\n## ", start + 1)
    return text[start : end if end > 0 else None]


def paper_numbers(text: str) -> tuple[int, int]:
    """(trackables, overdue) as the paper's summary says them."""
    total = re.search(r"Of (\d+) actions and milestones", text)
    late = re.search(r"\*\*(\d+) (?:is|are) overdue\*\*", text)
    assert total and late, text[:600]
    return int(total.group(1)), int(late.group(1))


def trend_row(text: str, quarter: str) -> list[str]:
    """The cells of the paper's trend row for ``quarter`` (quarter, counts.., total, overdue)."""
    line = next(x for x in section(text, "Trend").splitlines() if x.startswith(f"| {quarter}"))
    return [cell.strip() for cell in line.strip("|").split("|")]


def changed_ids(text: str) -> set[str]:
    """The item ids in the paper's status changes."""
    if "### Status changes" not in text:
        return set()
    part = text[text.index("### Status changes") :].split("\n\n###")[0].split("\n## ")[0]
    return {
        cells[0].strip().replace("\\.", ".")
        for line in part.splitlines()[4:]
        if line.startswith("|") and (cells := line.strip("|").split("|"))
    }


def test_one_quarter_end_to_end(cli, repo, monkeypatch):
    # --- Q3: request, returns after the quarter ends, close ---------------------------------
    on(monkeypatch, "2021-12-20")
    asked = cli("request", "--quarter", "Q3-21/22", "--format", "csv", "--deadline", "2022-01-03")
    assert asked.exit_code == 0, asked.output
    folder = repo / "returns" / "Q3-2021-22"
    # Ended plans are no one's business any more: no return is made from the 2016/17 plan.
    assert all(ENDED not in path.read_text() for path in folder.iterdir())
    # Economic Development asked for a workbook instead.
    lead = "Head of Economic Development"
    as_book = cli("request", "-q", "Q3-21/22", "--lead", lead, "-o", "books", "-f", "xlsx")
    assert as_book.exit_code == 0, as_book.output
    book = repo / "books" / "Q3-2021-22" / "head-of-economic-development.xlsx"
    (folder / "head-of-economic-development.csv").unlink()  # one return per lead
    on(monkeypatch, "2022-01-07")
    dropped = None
    for item, status in Q3_ANSWERS.items():
        if item.startswith("T3."):  # answered in the workbook, with a lead's stray edits
            dropped = _fill_book(book, f"{PLAN}:{item}", status, comment=STRAY)
        else:
            answer = {f"{PLAN}:{item}": {"New status": status}}
            fill_csv(_lead_file(folder, item), answer, modified="2022-01-05")
    for item in NO_CHANGE:
        answer = {f"{PLAN}:{item}": {"New status": "no change"}}
        fill_csv(_lead_file(folder, item), answer, modified="2022-01-05")
    filled = sorted(str(p.relative_to(repo)) for p in folder.iterdir())
    collected = cli("collect", *filled, str(book.relative_to(repo)), "--commit")
    assert collected.exit_code == 0, collected.output
    assert all(f"{item}:" in collected.stdout for item in Q3_ANSWERS), collected.output
    assert git(repo, "status", "--porcelain", "plans").strip() == ""
    # Nothing a lead wrote is lost unseen: the stray comment is named at its cell, and
    # kept in the commit message; the date typed over the locked Due and the row deleted
    # are named, and neither changes the plan.
    assert "warning PT511: Comments: 'Funding confirmed" in collected.stderr
    assert f"- {PLAN}:T3.2.d (Comments): {STRAY}\n" in git(repo, "log", "-1", "--format=%B")
    assert f"PT511: Due: changed to '{STRAY_DUE}' (issued as 'November 2021')" in (collected.stderr)
    assert f"PT511: {dropped} (" in collected.stderr and "is missing from it" in collected.stderr
    plan = (repo / "plans" / f"{PLAN}.yaml").read_text(encoding="utf-8")
    assert "due: November 2021\n" in plan.split("- id: T3.2.d\n")[1].split("- id:")[0]
    # diff leads with a summary. "No change" answers write nothing, not even an as_of.
    review = json_of(cli, "diff", "HEAD~1", "HEAD")
    assert review["sentence"] == "3 status changes, 3 as_of changes beside others"
    assert {c["id"] for c in review["changes"]} == set(Q3_ANSWERS)
    table = cli("diff", "HEAD~1", "HEAD").stdout
    assert table.startswith(review["sentence"] + "\n"), table

    summary = json_of(cli, "summary", "--quarter", "Q3-21/22")
    closing = cli("close", "Q3-21/22")
    assert closing.exit_code == 0, closing.output
    assert "plantrack/2021-22-Q3" in closing.stdout
    # The guide's "Closing a quarter" shows this very close (all but the commit id).
    guide = (ROOT / "docs" / "guide.md").read_text(encoding="utf-8")
    shown = guide[guide.index("$ plantrack close Q3-21/22\n") :].split("```")[0].splitlines()
    assert [re.sub("commit [0-9a-f]{12}", "commit X", line) for line in shown[1:]] == [
        re.sub("commit [0-9a-f]{12}", "commit X", line) for line in closing.stdout.splitlines()
    ]
    assert "missing or incomplete" in closing.stderr  # not every lead answered: a warning
    q3_at_close = paper(cli, "Q3-21/22")
    q3_html_at_close = paper(cli, "Q3-21/22", "html")
    trend_at_close = {p["quarter"]: p for p in json_of(cli, "trend", "--from", "Q2-21/22")}

    # Every count agrees: summary, the paper's summary, its trend, and trend.
    total, late = summary["total"]["total"], summary["total"]["overdue"]
    assert total == 81  # the 2016/17 plan (100 trackables, ended 2017) is in no count
    assert paper_numbers(q3_at_close) == (total, late)
    q3_row = trend_row(q3_at_close, "Q3 2021/22")
    assert q3_row[-2:] == [str(total), str(late)]
    q3 = trend_at_close["Q3 2021/22"]
    assert (q3["total"], q3["overdue"], q3["tag"]) == (total, late, "plantrack/2021-22-Q3")
    assert q3["ended"] == [ENDED]
    counts = {key: summary["total"][key] for key in q3["counts"]}
    assert q3["counts"] == counts  # the same keys, the same numbers
    # The returns answered in January count in Q3, not as of the last commit in December.
    assert trend_at_close["Q2 2021/22"]["tag"] is None
    assert set(Q3_ANSWERS) <= changed_ids(section(q3_at_close, "Changes this quarter"))
    # Q3's returns made T3.2.d (due November 2021) done: it is not overdue at Q3's close.
    assert "T3\\.2\\.d" not in section(q3_at_close, "Overdue")
    # The paper names each change's lead and each exception's.
    assert set(Q3_ANSWERS) == lead_of(section(q3_at_close, "Changes this quarter")).keys()
    assert lead_of(section(q3_at_close, "Changes this quarter"))["T3.2.d"] == lead
    assert lead_of(section(q3_at_close, "Exceptions"))["T1.4.d.2"] == "Head of Neighbourhoods"

    # Ended plans: one rule, every command (--all shows them).
    assert {row["plan"] for row in json_of(cli, "list")} == {PLAN}
    everything = json_of(cli, "trend", "--from", "Q3-21/22", "--to", "Q3-21/22", "--all")
    assert everything[0]["total"] == total + 100 and everything[0]["ended"] == []
    chased = cli("chase", "--quarter", "Q3-21/22", "--format", "json")
    assert ENDED not in chased.stdout and "(no lead)" not in chased.stdout

    # --- after the close: a late answer, Q4 -------------------------------------------------
    on(monkeypatch, "2022-01-10")
    late = _lead_file(folder, LATE_ANSWER[0])
    answer = {f"{PLAN}:{LATE_ANSWER[0]}": {"New status": LATE_ANSWER[1]}}
    fill_csv(late, answer, modified="2022-01-10")
    plan_before = (repo / "plans" / f"{PLAN}.yaml").read_bytes()
    too_late = cli("collect", str(late.relative_to(repo)), "--commit")
    assert too_late.exit_code == 1  # Q3 is signed off: said, and nothing changed
    assert "PT509: Q3 2021/22 is closed (tag plantrack/2021-22-Q3)" in too_late.stderr
    assert (repo / "plans" / f"{PLAN}.yaml").read_bytes() == plan_before
    assert git(repo, "rev-list", "--count", "HEAD").strip() == "2"
    forced = cli("collect", str(late.relative_to(repo)), "--commit", "--force")
    assert forced.exit_code == 0, forced.output
    assert f"{LATE_ANSWER[0]}:" in forced.stdout
    refused = cli("close", "Q3-21/22")  # a closed quarter is never moved silently
    assert refused.exit_code == 1 and "--force" in refused.stderr
    on(monkeypatch, "2022-02-15")
    set_status(repo, "T2.3.a.2", "Completed")
    commit_all(repo, "Q4: an item done")
    on(monkeypatch, "2022-04-06")
    set_status(repo, "T2.5.a.3", "Behind schedule")
    commit_all(repo, "Q4 returns")
    on(monkeypatch, "2022-04-08")
    assert cli("close", "Q4-21/22").exit_code == 0
    q4_summary = json_of(cli, "summary", "--quarter", "Q4-21/22")
    q4_paper = paper(cli, "Q4-21/22")
    q4_changes = changed_ids(section(q4_paper, "Changes this quarter"))
    # Q4's changes are the difference between the two closes: Q3's are not repeated.
    assert q4_changes == {LATE_ANSWER[0], "T2.3.a.2", "T2.5.a.3"}
    assert paper_numbers(q4_paper) == (q4_summary["total"]["total"], q4_summary["total"]["overdue"])
    assert trend_row(q4_paper, "Q3 2021/22") == q3_row  # Q3 as closed, not as now

    # --- April: the Q3 paper made again is the paper made at the close ------------------------
    on(monkeypatch, "2022-04-20")
    assert paper(cli, "Q3-21/22") == q3_at_close
    assert paper(cli, "Q3-21/22", "html") == q3_html_at_close
    later = {p["quarter"]: p for p in json_of(cli, "trend", "--from", "Q2-21/22")}
    assert later["Q3 2021/22"] == trend_at_close["Q3 2021/22"]
    assert later["Q4 2021/22"]["tag"] == "plantrack/2021-22-Q4"

    # By April the 2021/22 plan has ended too: a listing of today shows neither plan.
    assert json_of(cli, "list") == []
    assert {row["plan"] for row in json_of(cli, "list", "--all")} == {PLAN, ENDED}

    # --- the public site, built at the end of the cycle ------------------------------------
    built = cli("site", "-o", "site")
    assert built.exit_code == 0, built.output
    index = (repo / "site" / "index.html").read_text(encoding="utf-8")
    assert "As at the close of Q4 2021/22" in index  # the last quarter closed
    q4 = q4_summary["total"]
    # The plan's row on the home page: total, each count, overdue, as summary says them.
    row = next(r for r in re.findall(r"<tr>(.*?)</tr>", index) if f"plans/{PLAN}.html" in r)
    numbers = [int(n) for n in re.findall(r'<td class="num">(\d+)</td>', row)]
    keys = ["off_track", "behind", "on_track", "unrated", "not_started", "no_status", "done"]
    assert numbers == [q4["total"], *(q4[key] for key in keys), q4["overdue"]]
    # The page's sentence is summary's, of the same trackables, the same day.
    assert q4_summary["sentence"].split(";")[0].replace("trackables", "actions and milestones") in (
        index
    )
    assert f"; {q4['overdue']} overdue as at the close of Q4 2021/22." in index
    assert f"<p>{q4['overdue']} actions and milestones are past their deadline" in index
    assert paper_numbers(q4_paper) == (q4["total"], q4["overdue"])
    # Its trend: each quarter closed (the site reads tagged closes only, where there are
    # any), as trend and the paper count it: ended plans left out.
    trend = index.split('id="trend-caption"')[1].split("</table>")[0]
    shown = re.findall(r'<tr><th scope="row">(Q\d \d{4}/\d\d)</th>(.*?)</tr>', trend)
    assert [quarter for quarter, _ in shown] == ["Q3 2021/22", "Q4 2021/22"]
    for quarter, cells in shown:
        point = later[quarter]
        numbers = [int(n) for n in re.findall(r">(\d+)<", cells)]
        assert numbers == [*(point["counts"][k] for k in keys), point["total"], point["overdue"]]
    # The open data says the same, item by item.
    data = json.loads((repo / "site" / "open-data.json").read_text(encoding="utf-8"))
    assert (data["quarter"], data["as_at"]) == ("Q4 2021/22", q4_summary["as_at"])
    mine = [r for r in data["items"] if r["plan"] == PLAN]
    assert len(mine) == q4["total"]
    assert {key: sum(r["count"] == key for r in mine) for key in keys} == {k: q4[k] for k in keys}
    assert sum(r["overdue"] for r in mine) == q4["overdue"]
    by_id = {r["id"]: r for r in mine}
    assert by_id[LATE_ANSWER[0]]["status"] == "behind"  # the forced late answer is there


def lead_of(text: str) -> dict[str, str]:
    """Each item id in a paper section's tables -> its Lead cell."""
    found: dict[str, str] = {}
    columns = None
    for line in text.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if not line.startswith("|"):
            columns = None
        elif "Lead" in cells and "Id" in cells:
            columns = (cells.index("Id"), cells.index("Lead"))
        elif columns and not set("".join(cells)) <= set(":- "):
            found[cells[columns[0]].replace("\\.", ".")] = cells[columns[1]]
    return found


def _fill_book(path: Path, ref: str, status: str, comment: str) -> str:
    """Answer ``ref`` in a workbook as the lead of issue 27 did: the sheet unprotected,
    ``comment`` in a column of their own, a date typed over the locked Due, and the last
    other row deleted; the ref of that row."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(path)
    sheet = book["Return"]
    sheet.protection.sheet = False  # no password: anyone can
    header = [cell.value for cell in sheet[1]]
    extra = sheet.max_column + 1
    sheet.cell(1, extra, "Comments")
    refs = {row[0].row: ref_of(header, [c.value for c in row]) for row in sheet.iter_rows(2)}
    for number, found in refs.items():
        if found == ref:
            sheet.cell(number, header.index("New status") + 1, status)
            sheet.cell(number, header.index("Due") + 1, STRAY_DUE)
            sheet.cell(number, extra, comment)
    last = max(number for number, found in refs.items() if found != ref)
    sheet.delete_rows(last)
    book.save(path)
    set_modified(path, "2022-01-05")
    return refs[last]


def _lead_file(folder: Path, item: str) -> Path:
    """The return that asks about ``item``."""
    for path in sorted(folder.iterdir()):
        if f"\n{item},{PLAN}," in path.read_text(encoding="utf-8-sig"):
            return path
    raise AssertionError(f"no return asks about {item}")
