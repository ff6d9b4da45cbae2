"""Issue 26, item 4: the cache trusted whoever could write to it. A planted entry in a
folder anyone may write made a report say nothing was overdue; a symlink named like an
entry made a report overwrite its target; ``cache clear`` pointed at a project deleted
its files. Now such a folder is bypassed with a warning, entries are never opened
through a symlink, and ``clear`` removes only names shaped like its own entries."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest

from conftest import MINIMAL_PLAN, posix_only
from gitkit import demo_repo, needs_git

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
    ids, warned = overdue_ids(cli, plans_dir)
    assert ids == honest
    assert warned.count("warning") == 1  # said once, not bypassed in silence
    assert f"cache entry {planted} is not a private file of this user" in warned
    assert "not read; checked afresh and stored again" in warned
    # ... and stored again, the user's own and private: the next run reads it, unwarned
    assert planted.stat().st_mode & 0o777 == 0o600
    again, warned = overdue_ids(cli, plans_dir)
    assert again == honest and warned == ""


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
    ids, warned = overdue_ids(cli, plans_dir)
    assert ids == honest
    assert f"cache entry {link} is not a private file of this user" in warned
    assert "a symbolic link" in warned
    # ... and a symlink to a file of the user's is never written through.
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    link.unlink()
    link.symlink_to(victim)
    _, warned = overdue_ids(cli, plans_dir)
    assert victim.read_text() == "precious\n"
    assert warned.count("warning") == 1
    assert not link.is_symlink()  # replaced by a private entry of the user's


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


@posix_only
@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to chown")
def test_an_entry_of_another_user_is_not_read_and_said(cli, write_plan, plans_dir, private_cache):
    plan = write_plan()
    honest, _ = overdue_ids(cli, plans_dir)
    for entry in private_cache.glob("*.json"):
        entry.unlink()
    planted = plant_all_done_entry(plan, private_cache)
    os.chown(planted, 65534, 65534)
    ids, warned = overdue_ids(cli, plans_dir)
    assert ids == honest
    assert f"cache entry {planted} is not a private file of this user" in warned


@posix_only
def test_several_refused_entries_are_said_in_one_line(cli, write_plan, plans_dir, private_cache):
    other = MINIMAL_PLAN.replace("id: demo", "id: other", 1)
    plans = [write_plan(), write_plan(other, "other.yaml")]
    honest, _ = overdue_ids(cli, plans_dir)
    for entry in private_cache.glob("*.json"):
        entry.unlink()
    for plan in plans:
        plant_all_done_entry(plan, private_cache).chmod(0o664)  # group-writable is enough
    ids, warned = overdue_ids(cli, plans_dir)
    assert ids == honest
    assert warned.count("\n") == 1
    assert f"2 cache entries in {private_cache} (e.g. " in warned
    assert "are not private files of this user" in warned


def test_a_damaged_entry_is_rewritten_without_a_warning(cli, write_plan, plans_dir, private_cache):
    """Not an attack: an entry cut short (a full disk) is read afresh in silence."""
    write_plan()
    honest, _ = overdue_ids(cli, plans_dir)
    for entry in private_cache.glob("*.json"):
        entry.write_bytes(entry.read_bytes()[:40])
    ids, warned = overdue_ids(cli, plans_dir)
    assert ids == honest and warned == ""


@posix_only
def test_entries_are_private_whatever_the_umask(cli, write_plan, plans_dir, private_cache):
    """With a group-writable umask (002, many distributions' default) entries were
    stored 0664, then refused by every later run: the cache never served one."""
    write_plan()
    before = os.umask(0o002)
    try:
        honest, _ = overdue_ids(cli, plans_dir)
        (entry,) = private_cache.glob("*.json")
        assert entry.stat().st_mode & 0o777 == 0o600
        stored = entry.stat().st_ino
        again, warned = overdue_ids(cli, plans_dir)
    finally:
        os.umask(before)
    assert again == honest and warned == ""
    assert entry.stat().st_ino == stored  # read, not checked afresh and rewritten


@posix_only
@needs_git
def test_the_last_updated_answer_kept_is_read_only_when_private(cli, tmp_path, private_cache):
    """The answer ``--stale`` keeps per commit (``updated-….json``) is an entry like the
    others: one planted where others may write is not believed, and a symlink under its
    name is never read nor written through."""
    repo = tmp_path / "repo"
    repo.mkdir()
    demo_repo(repo)

    def updated() -> tuple[dict[str, str], str]:
        result = cli("list", "--plans", repo / "plans", "--format", "json")
        assert result.exit_code == 0, result.output
        return {row["id"]: row["updated"] for row in json.loads(result.stdout)}, result.stderr

    honest, _ = updated()
    (kept,) = private_cache.glob("updated-*.json")
    assert kept.stat().st_mode & 0o777 == 0o600
    answer = json.loads(kept.read_text())
    answer["dates"] = dict.fromkeys(answer["dates"], "1999-01-01")  # all stale, says the plant
    kept.write_text(json.dumps(answer))
    kept.chmod(0o666)
    found, warned = updated()
    assert found == honest
    assert f"cache entry {kept} is not a private file of this user" in warned
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    kept.unlink()
    kept.symlink_to(victim)
    found, warned = updated()
    assert found == honest and "a symbolic link" in warned
    assert victim.read_text() == "precious\n"


@needs_git
def test_cache_clear_removes_the_last_updated_answers_too(cli, tmp_path, private_cache):
    """``cache clear`` empties the cache: the dates kept for ``--stale`` are entries too
    (they were left behind), and a name merely like one is still left alone."""
    repo = tmp_path / "repo"
    repo.mkdir()
    demo_repo(repo)
    assert cli("list", "--plans", repo / "plans", "--format", "json").exit_code == 0
    kept = sorted(p.name for p in private_cache.iterdir())
    assert len(kept) == 2 and any(name.startswith("updated-") for name in kept)
    (private_cache / "updated-notes.json").write_text("{}\n")
    result = cli("cache", "clear")
    assert result.exit_code == 0 and "removed 2 cached plan(s)" in result.stdout
    assert [p.name for p in private_cache.iterdir()] == ["updated-notes.json"]
