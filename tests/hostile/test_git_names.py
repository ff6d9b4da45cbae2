"""Issue 26, item 7: a plan file whose name holds a line break desynchronised
``git cat-file --batch`` (one name a line): ``diff`` then hid another plan's status
change, or called it removed. Every git output plantrack reads that lists names is now
NUL-separated (``-z``), names with a line break are read by argument, and every name
handed to git is literal (``--literal-pathspecs``): ``g[1].yaml`` is not a pattern that
also matches ``g1.yaml``. Each reader of git is replayed here on plans named with a line
break, a tab, quotes, non-ASCII letters, glob characters and the separators plantrack
once split git's output on (docs/reference/plan-format.md, "File names")."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path

import pytest

from conftest import MINIMAL_PLAN, posix_only
from gitkit import git, needs_git
from plantrack.git import gitlog

ODD = "plan-a\nb.yaml"  # a name git, and any POSIX file system, accepts

# plan id -> file name under plans/; each plan's T1.1.a goes off track on its own day in
# Q2 2025/26 (July-September), in the order listed.
NAMES = {
    "p-line": "a\nb.yaml",
    "p-tab": "t\tab.yaml",
    "p-quote": "q\"uo'te.yaml",
    "p-utf8": "é日本.yaml",
    "p-glob": "g[1].yaml",
    "p-g1": "g1.yaml",  # what the pattern g[1].yaml would match
    "p-sep": "r\x1es\x1f.yaml",  # the record and field separators once used
}
CHANGED_ON = {plan: f"2025-{7 + i // 9:02d}-{1 + i % 9 * 3:02d}" for i, plan in enumerate(NAMES)}
pytestmark = [needs_git, posix_only]


def make_repo(repo: Path) -> Path:
    """Every plan added on 1 May 2025 (Q1), then one commit per plan, "status <plan>",
    on its CHANGED_ON day, turning its T1.1.a from on track to off track."""
    (repo / "plans").mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    for plan, name in NAMES.items():
        (repo / "plans" / name).write_text(MINIMAL_PLAN.replace("id: demo", f"id: {plan}", 1))
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "plans", when="2025-05-01T12:00:00+00:00")
    for plan, name in NAMES.items():
        path = repo / "plans" / name
        path.write_text(path.read_text().replace("status: on track", "status: off track", 1))
        git(repo, "commit", "-q", "-am", f"status {plan}", when=f"{CHANGED_ON[plan]}T12:00:00Z")
    return repo


@pytest.fixture(scope="module")
def named(tmp_path_factory) -> Path:
    """The repository of :func:`make_repo`, shared by the tests that only read it."""
    return make_repo(tmp_path_factory.mktemp("names") / "repo")


def test_a_line_break_in_a_plan_name_hides_no_change(cli, tmp_path, monkeypatch):
    repo = tmp_path / "repo"
    (repo / "plans").mkdir(parents=True)
    git(repo, "init", "-q")
    plain = repo / "plans" / "plan-d.yaml"
    plain.write_text(MINIMAL_PLAN)
    (repo / "plans" / ODD).write_text(MINIMAL_PLAN.replace("id: demo", "id: odd-name", 1))
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "plans")
    plain.write_text(MINIMAL_PLAN.replace("status: on track", "status: off track", 1))
    git(repo, "commit", "-q", "-am", "status")
    monkeypatch.chdir(repo)
    result = cli("diff", "HEAD~1", "HEAD", "--format", "json")
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "off" in text and "removed" not in text
    json.loads(text)


@pytest.mark.parametrize("plan", NAMES)
def test_history_reads_each_version_of_a_plan_whatever_its_name(cli, named, plan):
    result = cli("history", f"{plan}:T1.1.a", "--plans", named / "plans", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["subject"], r["status"], r["file"]) for r in rows] == [
        ("plans", "on-track", f"plans/{NAMES[plan]}"),  # not git's quoted "plans/a\nb.yaml"
        (f"status {plan}", "off-track", f"plans/{NAMES[plan]}"),  # nor g1.yaml's commit
    ]


def test_diff_names_every_change_and_its_file(cli, named, monkeypatch):
    monkeypatch.chdir(named)
    result = cli("diff", "HEAD~7", "HEAD", "--format", "json")
    assert result.exit_code == 0, result.output
    changes = json.loads(result.stdout)["changes"]
    assert sorted((c["plan"], c["id"], c["change"], c["new"], c["file"]) for c in changes) == [
        (plan, "T1.1.a", "status", "off-track", f"plans/{name}")
        for plan, name in sorted(NAMES.items())
    ]


def test_trend_counts_every_plan_at_each_close(cli, named):
    result = cli("trend", "--plans", named / "plans", "--to", "Q2 25/26", "--format", "json")
    assert result.exit_code == 0, result.output
    counts = {
        q["quarter"]: (q["counts"]["off_track"], q["total"]) for q in json.loads(result.stdout)
    }
    assert counts == {"Q1 2025/26": (0, 3 * len(NAMES)), "Q2 2025/26": (len(NAMES), 3 * len(NAMES))}


def test_stale_dates_each_item_by_the_commit_that_changed_it(cli, named, monkeypatch):
    monkeypatch.setenv("PLANTRACK_TODAY", "2025-10-15")
    result = cli("list", "--plans", named / "plans", "--stale", "--format", "csv", "--no-cache")
    assert result.exit_code == 0, result.output
    rows = csv.DictReader(io.StringIO(result.stdout))
    updated = {r["plan"]: r["updated"] for r in rows if r["id"] == "T1.1.a"}
    assert updated == CHANGED_ON


def test_close_and_the_site_history_read_every_plan(cli, tmp_path, monkeypatch):
    repo = make_repo(tmp_path / "repo")
    site = tmp_path / "site"
    monkeypatch.chdir(repo)
    before = cli("site", "--plans", "plans", "-o", site, "--quarter", "Q2 25/26")  # no close yet
    assert before.exit_code == 0, before.output
    untagged = {plan: item_history(site, plan) for plan in NAMES}
    monkeypatch.setenv("GIT_COMMITTER_NAME", "Ada")
    monkeypatch.setenv("GIT_COMMITTER_EMAIL", "ada@example.org")
    closed = cli("close", "Q2 25/26", "--plans", "plans")
    assert closed.exit_code == 0, closed.output
    assert f"{3 * len(NAMES)} trackables" in closed.stdout
    assert f"{len(NAMES)} off track" in closed.stdout
    after = cli("site", "--plans", "plans", "-o", site, "--quarter", "Q2 25/26")  # at the tag
    assert after.exit_code == 0, after.output
    for plan in NAMES:  # with a close tagged, the site shows the tagged closes
        assert untagged[plan] == [("Q1 2025/26", "on track"), ("Q2 2025/26", "off track")]
        assert item_history(site, plan) == [("Q2 2025/26", "off track")], plan


def item_history(site: Path, plan: str) -> list[tuple[str, str]]:
    """(quarter, status in words) of T1.1.a's history table on ``plan``'s page."""
    page = (site / "plans" / f"{plan}.html").read_text()
    table = page.split('id="item-T1.1.a-history"')[1].split("</table>")[0]
    rows = re.findall(r'<th scope="row">(.*?)</th><td>(.*?)</td>', table)
    return [(quarter, re.sub(r"<[^>]*>", "", cell).split(maxsplit=1)[1]) for quarter, cell in rows]


def test_a_tag_message_holding_separators_and_line_breaks_still_names_its_close(named, tmp_path):
    """Tag messages are anyone's free text: once split on \\x1e and \\x1f, one holding them
    made its quarter look never closed."""
    repo = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(named), str(repo))
    head = git(repo, "rev-parse", "HEAD").strip()
    message = "Q2 closed\x1fby\x1e someone\n\nrefs/tags/plantrack/2025-26-Q3\x1f\x1e"
    git(repo, "tag", "-a", "-m", message, "plantrack/2025-26-Q2", head)
    git(repo, "tag", "-a", "-m", "Q3", "plantrack/2025-26-Q3", "HEAD~1")
    found = {t.name: (t.sha, t.message.strip()) for t in gitlog.tags("plantrack/", str(repo))}
    assert found == {
        "plantrack/2025-26-Q2": (head, message.strip()),
        "plantrack/2025-26-Q3": (git(repo, "rev-parse", "HEAD~1").strip(), "Q3"),
    }


def test_a_commit_stages_only_the_file_named_not_what_its_name_matches(named, tmp_path):
    """collect --commit commits the plans it wrote (gitlog.commit_files): named as a
    pattern, g[1].yaml also swept in g1.yaml's unrelated, uncommitted edit."""
    repo = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(named), str(repo))
    for name in ("g[1].yaml", "g1.yaml"):
        path = repo / "plans" / name
        path.write_text(path.read_text().replace("status: off track", "status: completed", 1))
    gitlog.commit_files([str(repo / "plans" / "g[1].yaml")], "Quarterly return", str(repo))
    committed = git(repo, "show", "--name-only", "-z", "--format=", "HEAD").split("\0")
    assert [n for n in committed if n] == ["plans/g[1].yaml"]
    assert git(repo, "status", "--porcelain", "-z").split("\0")[0] == " M plans/g1.yaml"


def test_a_line_break_in_a_file_name_starts_no_line_of_its_own(cli, write_plan, plans_dir):
    """A plan named ``a\\n::warning::forged.yaml``, holding a status ``x\\n::error::…``:
    printed raw, each line break began a line that GitHub Actions runs as a workflow
    command (an annotation forged from a pull request). A message is one line."""
    forged = MINIMAL_PLAN.replace("status: on track", 'status: "x\\n::error::forged"', 1)
    write_plan(forged, "a\n::warning::forged.yaml")
    result = cli("validate", plans_dir)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert not [line for line in lines if line.startswith("::")]
    assert "plans/a\\n::warning::forged.yaml:17:21: error PT104: unknown status 'x\\n::error" in (
        result.output
    )
    missing = cli("list", "--plans", plans_dir / "gone\n::error::x.yaml")
    assert missing.exit_code == 2
    assert "gone\\n::error::x.yaml" in missing.stderr
    assert not [line for line in missing.output.splitlines() if line.startswith("::")]


def test_a_name_that_is_not_utf8_is_refused_and_breaks_no_reader(cli, tmp_path, monkeypatch):
    """Names are carried as UTF-8 text (JSON, CSV, the site): a name of other bytes
    crashed diff, list and trend (UnicodeDecodeError). validate refuses it (PT001),
    and what is read from git leaves it out."""
    repo = tmp_path / "repo"
    (repo / "plans").mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    plain = repo / "plans" / "plan-d.yaml"
    plain.write_text(MINIMAL_PLAN)
    try:
        odd = os.fsencode(repo / "plans") + b"/\xff\xfe.yaml"
        with open(odd, "wb") as stream:
            stream.write(MINIMAL_PLAN.replace("id: demo", "id: odd", 1).encode())
    except OSError:
        pytest.skip("this file system takes UTF-8 names only")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "plans")
    plain.write_text(MINIMAL_PLAN.replace("status: on track", "status: off track", 1))
    git(repo, "commit", "-q", "-am", "status")
    monkeypatch.chdir(repo)
    checked = cli("validate", "plans")
    assert checked.exit_code == 1
    assert "plans/\\xff\\xfe.yaml: error PT001: the file name is not valid UTF-8" in (
        checked.output
    )
    listed = cli("list", "--plans", "plans")
    assert listed.exit_code == 1 and "PT001" in listed.output
    changed = cli("diff", "HEAD~1", "HEAD", "--format", "json")
    assert changed.exit_code == 0, changed.output
    assert [(c["plan"], c["change"], c["new"]) for c in json.loads(changed.stdout)["changes"]] == [
        ("demo", "status", "off-track")
    ]
    spec = "HEAD:plans/" + os.fsdecode(b"\xff\xfe.yaml")  # as the file system names it
    assert b"id: odd" in gitlog.read_blobs([spec], str(repo))[spec]  # read as bytes, no crash
