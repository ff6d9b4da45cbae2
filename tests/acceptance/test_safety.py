"""Nothing lost, nothing executed: write safety of `update`, the source's own hygiene,
terminal safety of plan text, and git edge cases."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import MINIMAL_PLAN, ROOT, posix_only
from gitkit import git
from plantrack.errors import PlantrackError
from plantrack.usecases.update import update_item

SOURCE = ROOT / "src" / "plantrack"


@pytest.fixture
def plan_file(plans_dir) -> Path:
    path = plans_dir / "demo.yaml"
    path.write_text(MINIMAL_PLAN)
    return path


def test_interrupted_write_leaves_the_original_and_no_temporary_file(plan_file, monkeypatch):
    before = plan_file.read_bytes()

    def fail_midway(handle):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", fail_midway)
    with pytest.raises(PlantrackError, match="No space left"):
        update_item("T1.1.a", [str(plan_file)], status="done")
    assert plan_file.read_bytes() == before
    assert [p.name for p in plan_file.parent.iterdir()] == ["demo.yaml"]


def test_keyboard_interrupt_during_write_cleans_up(plan_file, monkeypatch):
    before = plan_file.read_bytes()

    def interrupt(handle):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        update_item("T1.1.a", [str(plan_file)], status="done")
    assert plan_file.read_bytes() == before
    assert [p.name for p in plan_file.parent.iterdir()] == ["demo.yaml"]


@posix_only
@pytest.mark.parametrize(
    ("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)], ids=["022", "077", "002"]
)
def test_new_files_get_the_mode_the_umask_gives(tmp_path, umask, mode):
    """Atomic writes go through an owner-only temporary file; what lands must not be."""
    from plantrack.fileio import write_atomically

    previous = os.umask(umask)
    try:
        write_atomically(tmp_path / "new.json", b"{}")
    finally:
        os.umask(previous)
    assert (tmp_path / "new.json").stat().st_mode & 0o777 == mode


@posix_only
def test_files_written_by_commands_are_readable_by_others(cli, tmp_path):
    previous = os.umask(0o022)
    try:
        cli("init", tmp_path / "repo")
        cli("schema", "--output", tmp_path / "plan.schema.json")
    finally:
        os.umask(previous)
    written = [path for path in tmp_path.rglob("*") if path.is_file()]
    assert len(written) > 2
    assert {path.stat().st_mode & 0o777 for path in written} == {0o644}


def test_read_only_plan_is_refused(plan_file, cli):
    plan_file.chmod(0o444)
    before = plan_file.read_bytes()
    result = cli("update", "T1.1.a", "--status", "done", "--plans", plan_file)
    assert result.exit_code == 1 and "read-only" in result.stderr
    assert plan_file.read_bytes() == before


@posix_only
def test_symlinked_plan_is_edited_at_its_target(plans_dir, tmp_path):
    real = tmp_path / "real.yaml"
    real.write_text(MINIMAL_PLAN)
    link = plans_dir / "demo.yaml"
    link.symlink_to(real)
    update_item("T1.1.a", [str(link)], status="done")
    assert link.is_symlink() and "status: completed" in real.read_text()


def python_sources() -> list[Path]:
    return [*SOURCE.rglob("*.py"), *(ROOT / "bench").glob("*.py")]


@pytest.mark.parametrize(
    ("pattern", "why"),
    [
        (
            r"yaml\.(unsafe_load|full_load)|Loader=yaml\.(Loader|FullLoader|UnsafeLoader)",
            "an unsafe YAML loader",
        ),
        (r"\beval\(|\bexec\(", "eval/exec"),
        (
            r"^\s*(import|from)\s+(pickle|marshal|shelve)\b|\bpickle\.loads?\(",
            "pickle of file data",
        ),
        (r"shell=True|os\.system\(|os\.popen\(", "a shell with interpolated strings"),
    ],
)
def test_source_never_does(pattern, why):
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in python_sources()
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if re.search(pattern, line) and not line.lstrip().startswith("#")
    ]
    assert offenders == [], f"{why}: {offenders}"


def test_every_yaml_load_uses_the_c_safe_loader():
    for path in python_sources():
        text = path.read_text()
        for match in re.finditer(r"yaml\.(load|load_all|parse|compose)\(", text):
            call = text[match.start() : match.start() + 200]
            assert "CSafeLoader" in call, f"{path.relative_to(ROOT)}: {call[:60]}"


def test_git_is_called_with_argument_lists():
    text = (SOURCE / "git" / "gitlog.py").read_text()
    assert 'subprocess.run(\n            ["git"' in text or 'subprocess.run(["git"' in text


def test_control_characters_in_plan_text_never_reach_the_terminal(cli, plans_dir):
    title = "Evil \\e[2J\\e[31mtitle\\a and [bold]markup[/bold]"
    (plans_dir / "demo.yaml").write_text(
        MINIMAL_PLAN.replace("title: Refresh the reference group", f'title: "{title}"')
    )
    for command in (["list"], ["show", "T1.1.a"], ["overdue", "--as-of", "2026-11-01"]):
        out = cli(*command, "--plans", plans_dir).stdout
        assert "\x1b" not in out and "\a" not in out
        assert "[bold]markup[/bold]" in out.replace("\n", "").replace("  ", "") or "[bold]" in out


def test_repo_without_commits(cli, plans_dir):
    (plans_dir / "demo.yaml").write_text(MINIMAL_PLAN)
    git(plans_dir.parent, "init", "-q")
    result = cli("diff", "--plans", plans_dir)
    assert result.exit_code == 2 and "unknown revision 'HEAD'" in result.stderr
    result = cli("history", "T1.1.a", "--plans", plans_dir)
    assert result.exit_code == 2 and result.stderr.startswith("plantrack: error: ")


def test_deleted_file_and_shallow_clone(cli, tmp_path):
    origin = tmp_path / "origin"
    (origin / "plans").mkdir(parents=True)
    (origin / "plans" / "demo.yaml").write_text(MINIMAL_PLAN)
    (origin / "plans" / "gone.yaml").write_text(MINIMAL_PLAN.replace("id: demo", "id: gone"))
    git(origin, "init", "-q")
    git(origin, "add", ".")
    git(origin, "commit", "-qm", "one")
    (origin / "plans" / "gone.yaml").unlink()
    git(origin, "commit", "-qam", "two")
    removed = cli("diff", "HEAD~1", "HEAD", "--plans", origin / "plans", "--format", "json")
    assert '"change": "removed"' in removed.stdout and '"plan": "gone"' in removed.stdout
    shallow = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{origin}", str(shallow)],
        check=True,
        capture_output=True,
    )
    result = cli("diff", "HEAD~1", "--plans", shallow / "plans")
    assert result.exit_code == 2 and "unknown revision 'HEAD~1'" in result.stderr
    history = cli("history", "T1.1.a", "--plans", shallow / "plans", "--format", "json")
    assert history.exit_code == 0 and '"subject": "two"' in history.stdout


def test_git_missing_from_path(cli, plans_dir, monkeypatch):
    (plans_dir / "demo.yaml").write_text(MINIMAL_PLAN)
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None)
    result = cli("diff", "--plans", plans_dir)
    assert result.exit_code == 2 and "git is not installed" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("report", "--plans", "{plans}", "-o", "{file}/x.html"),
        ("report", "--plans", "{plans}", "-o", "{long}"),
        ("schema", "--output", "{file}/x.json"),
        ("schema", "--check", "--output", "{binary}"),
        ("init", "{file}"),
        ("init", "{long}"),
        ("import", "{long}", "--map", "{file}"),
    ],
    ids=[
        "report-under-file",
        "report-long",
        "schema-under-file",
        "schema-binary",
        "init-file",
        "init-long",
        "import-long",
    ],
)
def test_paths_that_cannot_be_written_are_errors_not_tracebacks(cli, plans_dir, tmp_path, args):
    """Found by a traceback hunt: a file used as a folder, a name too long, a binary file."""
    (plans_dir / "demo.yaml").write_text(MINIMAL_PLAN)
    (tmp_path / "a-file").write_text("")
    (tmp_path / "binary").write_bytes(bytes(range(256)))
    names = {
        "plans": plans_dir,
        "file": tmp_path / "a-file",
        "long": tmp_path / ("x" * 300),
        "binary": tmp_path / "binary",
    }
    result = cli(*(arg.format(**names) for arg in args))
    assert result.exit_code in (1, 2), result.output
    assert "internal error" not in result.output
    assert "plantrack: error" in result.stderr or "out of date" in result.stderr


def test_today_beyond_the_calendar_is_a_usage_error(cli, plan_file, monkeypatch):
    monkeypatch.setenv("PLANTRACK_TODAY", "9999-12-31")
    result = cli("upcoming", "--plans", plan_file)
    assert result.exit_code == 2 and "out of range" in result.stderr


def test_report_with_stdout_closed_exits_cleanly(plan_file):
    import sys

    code = subprocess.run(
        [sys.executable, "-m", "plantrack", "report", "--plans", str(plan_file)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        close_fds=True,
        preexec_fn=lambda: os.close(1),
    )
    assert code.returncode == 0 and "Error" not in code.stderr


def test_a_file_with_thousands_of_errors_shows_a_hundred_and_a_count(tmp_path):
    from plantrack.plan.check import MAX_PROBLEMS_PER_FILE
    from plantrack.workspace import load_folder

    path = tmp_path / "big.yaml"
    path.write_text("plantrack: 1\nid: big\ntitle: Big\nthemes: []\n" + "a: 1\n" * 5000)
    found = load_folder([path]).diagnostics
    assert len(found) == MAX_PROBLEMS_PER_FILE + 1
    assert found[-1].code == "PT011" and found[-1].message.startswith(
        "4899 more problem(s)"
    )  # 4999 repeats of the first
