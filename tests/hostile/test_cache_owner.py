"""Issue 26, item 4: the cache trusted whoever could write to it. A planted entry in a
folder anyone may write made a report say nothing was overdue; a symlink named like an
entry made a report overwrite its target; ``cache clear`` pointed at a project deleted
its files. Now such a folder is bypassed with a warning, entries are never opened
through a symlink, and ``clear`` removes only names shaped like its own entries."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from conftest import MINIMAL_PLAN, posix_only

TODAY = date(2026, 11, 23)  # PLANTRACK_TODAY of the cli fixture
ALL_DONE = MINIMAL_PLAN.replace("status: on track", "status: completed").replace(
    "status: behind schedule", "status: completed"
)


def plant_all_done_entry(plan: Path, folder: Path) -> Path:
    """The attack: an entry stored under the key of ``plan``'s real bytes, holding the
    rows of a version where everything is done (anyone can compute the key of a
    public plan). Returns the planted file."""
    from plantrack.rows import cache
    from plantrack.workspace import checked_entry

    real = plan.read_bytes()
    plan.write_text(ALL_DONE)
    done = cache.decode_entry(cache.fresh_payload(checked_entry, str(plan), TODAY, None))
    plan.write_bytes(real)
    key = cache.cache_key(real, str(plan), TODAY)
    planted = folder / f"{key}.json"
    planted.write_bytes(cache.encode_entry(done, key))
    return planted


def overdue_ids(cli, plans_dir: Path) -> tuple[list[str], str]:
    result = cli("overdue", "--plans", plans_dir, "--format", "csv")
    assert result.exit_code == 0, result.output
    return [line.split(",")[2] for line in result.stdout.splitlines()[1:]], result.stderr


@posix_only
def test_a_folder_anyone_may_write_is_bypassed_with_a_warning(
    cli, write_plan, plans_dir, tmp_path, monkeypatch
):
    plan = write_plan()
    honest, _ = overdue_ids(cli, plans_dir)
    assert honest  # T1.1.a fell due in Q4 25/26 and is not done
    shared = tmp_path / "shared-cache"
    shared.mkdir()
    plant_all_done_entry(plan, shared)
    shared.chmod(0o777)
    monkeypatch.setenv("PLANTRACK_CACHE_DIR", str(shared))
    ids, warned = overdue_ids(cli, plans_dir)
    assert ids == honest
    assert f"cache folder {shared} is not a private folder of this user" in warned
    assert "not used" in warned


@posix_only
@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to chown")
def test_a_folder_owned_by_another_user_is_bypassed(
    cli, write_plan, plans_dir, tmp_path, monkeypatch
):
    plan = write_plan()
    honest, _ = overdue_ids(cli, plans_dir)
    theirs = tmp_path / "their-cache"
    theirs.mkdir(mode=0o755)
    plant_all_done_entry(plan, theirs)
    os.chown(theirs, 65534, 65534)
    monkeypatch.setenv("PLANTRACK_CACHE_DIR", str(theirs))
    ids, warned = overdue_ids(cli, plans_dir)
    assert ids == honest
    assert f"cache folder {theirs} is not a private folder of this user" in warned


@posix_only
def test_an_entry_anyone_may_write_is_not_read(cli, write_plan, plans_dir, private_cache):
    plan = write_plan()
    honest, _ = overdue_ids(cli, plans_dir)
    for entry in private_cache.glob("*.json"):
        entry.unlink()
    planted = plant_all_done_entry(plan, private_cache)
    planted.chmod(0o666)
    ids, _ = overdue_ids(cli, plans_dir)
    assert ids == honest


@posix_only
def test_an_entry_that_is_a_symlink_is_neither_read_nor_written_through(
    cli, write_plan, plans_dir, private_cache, tmp_path
):
    plan = write_plan()
    honest, _ = overdue_ids(cli, plans_dir)
    for entry in private_cache.glob("*.json"):
        entry.unlink()
    # A symlink named like the entry, to a planted entry elsewhere: not read ...
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    planted = plant_all_done_entry(plan, elsewhere)
    link = private_cache / planted.name
    link.symlink_to(planted)
    ids, _ = overdue_ids(cli, plans_dir)
    assert ids == honest
    # ... and a symlink to a file of the user's is never written through.
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    link.unlink()
    link.symlink_to(victim)
    overdue_ids(cli, plans_dir)
    assert victim.read_text() == "precious\n"


@posix_only
def test_cache_clear_removes_only_its_own_entries(
    cli, write_plan, plans_dir, tmp_path, monkeypatch
):
    project = tmp_path / "project"
    project.mkdir()
    (project / "package.json").write_text("{}\n")
    (project / "tsconfig.json").write_text("{}\n")
    (project / "notes.json").write_text("[]\n")
    monkeypatch.setenv("PLANTRACK_CACHE_DIR", str(project))
    write_plan()
    assert cli("overdue", "--plans", plans_dir).exit_code == 0
    entries = [p.name for p in project.iterdir() if len(p.stem) == 64]
    assert len(entries) == 1
    result = cli("cache", "clear")
    assert result.exit_code == 0
    assert "removed 1 cached plan(s)" in result.stdout
    assert sorted(p.name for p in project.iterdir()) == [
        "notes.json",
        "package.json",
        "tsconfig.json",
    ]


def test_a_new_cache_folder_is_private(cli, write_plan, plans_dir, tmp_path, monkeypatch):
    folder = tmp_path / "new" / "cache"
    monkeypatch.setenv("PLANTRACK_CACHE_DIR", str(folder))
    write_plan()
    assert cli("overdue", "--plans", plans_dir).exit_code == 0
    if os.name == "posix":
        assert folder.stat().st_mode & 0o777 == 0o700
    assert len(list(folder.glob("*.json"))) == 1
