"""Issue 26, 5 and 6: ``collect`` (and ``update``) against the state of the plans'
repository: uncommitted edits, a merge or rebase under way, another edit at the same
time, a run killed between two files. Listed in tests/hostile/README.md."""

from __future__ import annotations

import importlib
import os

import pytest

from returns_kit import FOLDER, QUARTER, fill_csv, git, needs_git

pytestmark = needs_git
pytest.importorskip("openpyxl")


@pytest.fixture
def answered(cli, plan_repo):
    """A second plan beside housing, returns issued, and Head of Housing's answered for
    both plans; returns (return, housing plan, second plan)."""
    plans = plan_repo / "plans"
    text = (plans / "housing.yaml").read_text()
    second = text.replace("id: housing\n", "id: estates\n").replace(
        "Head of Communities", "Head of Estates"
    )
    (plans / "estates.yaml").write_text(second)
    git(plan_repo, "add", ".")
    git(plan_repo, "commit", "-q", "-m", "Add the estates plan")
    assert cli("request", "--quarter", QUARTER, "-f", "csv").exit_code == 0
    path = plan_repo / "returns" / FOLDER / "head-of-housing.csv"
    answers = {
        "housing:H1": {"New status": "completed"},
        "estates:H1": {"New status": "completed"},
    }
    fill_csv(path, answers, modified="2026-11-20")
    return path, plans / "housing.yaml", plans / "estates.yaml"


def test_an_unrelated_uncommitted_edit_is_never_committed(cli, answered, plan_repo):
    """Issue 26, 5: an uncommitted edit in the same plan file was committed under
    "Quarterly return..."."""
    path, housing, _ = answered
    housing.write_text(housing.read_text().replace("Better homes", "Better homes (draft)"))
    before = housing.read_bytes()
    result = cli("collect", path, "--commit")
    assert result.exit_code == 1
    assert (
        "plans/housing.yaml has uncommitted changes that are not these returns' answers; "
        "nothing written" in result.output
    )
    assert "commit or stash them (git stash)" in result.output
    assert housing.read_bytes() == before
    assert git(plan_repo, "log", "-1", "--format=%s") == "Add the estates plan\n"


@pytest.mark.parametrize(
    "marker, what, finish",
    [
        ("MERGE_HEAD", "a merge", "git merge --continue, or git merge --abort"),
        ("rebase-merge", "a rebase", "git rebase --continue, or git rebase --abort"),
    ],
)
def test_a_merge_or_rebase_in_progress_is_refused(cli, answered, plan_repo, marker, what, finish):
    """Issue 26, 5: during a merge the file was written and staged and then git refused;
    during a rebase the commit landed inside the rebase."""
    path, housing, estates = answered
    head = git(plan_repo, "rev-parse", "HEAD").strip()
    target = plan_repo / ".git" / marker
    if marker == "MERGE_HEAD":
        target.write_text(head + "\n")
    else:
        target.mkdir()
    before = housing.read_bytes(), estates.read_bytes()
    for extra in ((), ("--commit",)):
        result = cli("collect", path, *extra)
        assert result.exit_code == 1
        assert f"{what} is in progress in {plan_repo}: collect writes nothing during it" in (
            result.output
        )
        assert f"finish it first ({finish})" in result.output
    assert (housing.read_bytes(), estates.read_bytes()) == before
    assert git(plan_repo, "status", "--porcelain", "plans") == ""


def test_a_second_edit_while_one_holds_the_lock_is_refused(cli, answered, plan_repo):
    """Issue 26, 6: two collects at once both said "updated" and one change was lost. The
    lock file says a live process (this one) is editing: the second waits its turn."""
    path, housing, estates = answered
    lock = plan_repo / ".git" / "plantrack" / "edit.lock"
    lock.write_text(f"{os.getpid()} {os.uname().nodename}\n")
    before = housing.read_bytes(), estates.read_bytes()
    result = cli("collect", path)
    assert result.exit_code == 1
    assert f"the plans are being edited by another plantrack (process {os.getpid()})" in (
        result.output
    )
    assert (housing.read_bytes(), estates.read_bytes()) == before
    refused = cli("update", "H1", "--status", "behind", "--plans", "plans/housing.yaml")
    assert refused.exit_code == 1 and "being edited by another plantrack" in refused.output
    assert (housing.read_bytes(), estates.read_bytes()) == before
    lock.unlink()
    assert cli("collect", path).exit_code == 0
    assert not lock.exists()  # released


def test_a_lock_left_by_a_dead_process_is_taken_over(cli, answered, plan_repo):
    path, housing, _ = answered
    lock = plan_repo / ".git" / "plantrack" / "edit.lock"
    lock.write_text(f"{2**22 + 12345} {os.uname().nodename}\n")  # beyond pid_max: no process
    assert cli("collect", path).exit_code == 0
    assert "status: completed" in housing.read_text().split("id: H2")[0]
    assert not lock.exists()


def test_a_run_killed_between_two_plans(cli, answered, plan_repo, monkeypatch):
    """Issue 26, 6: a kill between two plans' renames left one updated, the other not,
    and a stray .tmp: the run says which were written; the next cleans up and finishes."""
    applying = importlib.import_module("plantrack.usecases.returns.apply")
    path, housing, estates = answered
    stray = housing.parent / ".housing.yaml.k1ll3d.tmp"
    real = applying.write_atomically
    written = []

    def killed(file, data, *args, **kwargs):
        if written:
            stray.write_bytes(data[:10])  # what a kill mid-write leaves
            raise KeyboardInterrupt
        written.append(file)
        real(file, data, *args, **kwargs)

    monkeypatch.setattr(applying, "write_atomically", killed)
    result = cli("collect", path)
    assert result.exit_code == 1
    assert (
        "interrupted: written plans/estates.yaml; not written plans/housing.yaml" in result.output
    )
    assert "run the same collect again: it applies only what is missing" in result.output
    assert "status: completed" in estates.read_text().split("id: H2")[0]
    assert "status: completed" not in housing.read_text().split("id: H2")[0]
    monkeypatch.setattr(applying, "write_atomically", real)
    again = cli("collect", path)
    assert again.exit_code == 0, again.output
    assert f"removed {stray}, left by an interrupted edit" in again.stderr
    assert not stray.exists()
    assert "updated housing:H1" in again.stdout and "estates:H1" not in again.stdout
    assert "status: completed" in housing.read_text().split("id: H2")[0]


@pytest.mark.parametrize("refusal", ["conflict", "answered twice"])
def test_a_refused_collect_writes_none_of_the_other_answers(cli, answered, plan_repo, refusal):
    """Issue 26, 5: a run that exited 1 for one conflict or one row answered twice still
    wrote the other answers, though a refused collect changes no byte."""
    path, housing, estates = answered
    files = [path]
    if refusal == "conflict":  # estates:H1 re-dated in git since the return was issued
        assert cli("update", "estates:H1", "--due", "Q4 26/27").exit_code == 0
        git(plan_repo, "commit", "-q", "-am", "estates:H1 re-dated")
    else:  # the same return sent twice, the copy answering housing:H1 alone
        copy = path.with_name("head-of-housing-again.csv")
        copy.write_bytes(path.read_bytes())
        fill_csv(copy, {"estates:H1": {"New status": ""}}, modified="2026-11-20")
        files.append(copy)
    before = housing.read_bytes(), estates.read_bytes()
    result = cli("collect", *files)
    assert result.exit_code == 1
    assert ("PT504" if refusal == "conflict" else "PT506") in result.stderr
    assert "nothing written: a refused collect changes no byte" in result.stderr
    assert (housing.read_bytes(), estates.read_bytes()) == before
