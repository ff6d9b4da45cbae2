"""The report cache: warm runs give the same answers, a changed file is re-read."""

from __future__ import annotations

import json
from datetime import date

from conftest import MINIMAL_PLAN, ROOT
from plantrack.rows.cache import ROW_FIELDS, cache_dir, decode_entry
from plantrack.workspace import load_folder, load_rows


def ids(result) -> list[str]:
    return [row["id"] for row in json.loads(result.stdout)]


def test_cached_rows_equal_fresh_rows(plans_dir):
    (plans_dir / "demo.yaml").write_text(MINIMAL_PLAN)
    fresh = load_folder([plans_dir]).rows
    cold = load_rows([plans_dir]).rows
    warm = load_rows([plans_dir]).rows
    assert len(list(cache_dir().glob("*.json"))) == 1
    for row_fresh, row_cold, row_warm in zip(fresh, cold, warm, strict=True):
        assert row_fresh.id == row_cold.id == row_warm.id
        assert row_fresh.deadline == row_warm.deadline and row_fresh.status == row_warm.status
        assert row_fresh.lead == row_warm.lead and row_fresh.line == row_warm.line
        assert row_fresh.as_of == row_warm.as_of and row_fresh.file == row_warm.file


def test_pending_rows_are_the_dated_rows_not_done():
    """overdue and upcoming load only these rows; cold and warm must agree with a full load."""
    plans = ROOT / "plans"
    wanted = [
        (r.plan, r.id, r.deadline, r.status)
        for r in load_rows([plans]).rows
        if r.deadline is not None and not r.done
    ]
    done = [r for r in load_rows([plans]).rows if r.done and r.deadline is not None]
    assert wanted and done  # the seed plans have both, so the filter is exercised
    for use_cache in (False, True, True):
        pending = load_rows([plans], use_cache=use_cache, pending_only=True).rows
        assert [(r.plan, r.id, r.deadline, r.status) for r in pending] == wanted


def test_a_changed_file_is_read_again(cli, plans_dir):
    path = plans_dir / "demo.yaml"
    path.write_text(MINIMAL_PLAN)
    args = ("overdue", "--plans", plans_dir, "--as-of", "2026-11-01", "--format", "json")
    assert ids(cli(*args)) == ["T1.1.a", "T1.1.b-2"]
    assert ids(cli(*args)) == ["T1.1.a", "T1.1.b-2"]  # warm
    path.write_text(MINIMAL_PLAN.replace("status: on track", "status: completed"))
    assert ids(cli(*args)) == ["T1.1.b-2"]


def test_cached_errors_still_stop_reports(cli, plans_dir):
    (plans_dir / "demo.yaml").write_text(MINIMAL_PLAN.replace("status: on track", "stauts: x"))
    for _ in range(2):
        result = cli("list", "--plans", plans_dir)
        assert result.exit_code == 1 and "demo.yaml:17:13" in result.stderr


def test_corrupt_entry_is_ignored_and_rewritten(cli, plans_dir):
    (plans_dir / "demo.yaml").write_text(MINIMAL_PLAN)
    first = cli("list", "--plans", plans_dir, "--format", "json").stdout
    [entry] = cache_dir().glob("*.json")
    entry.write_text("{not json")
    assert cli("list", "--plans", plans_dir, "--format", "json").stdout == first
    assert decode_entry(entry.read_bytes()).rows  # rewritten whole


def test_entries_keep_file_order_and_survive_truncation(plans_dir):
    """Pending rows are stored apart from the rest; reading both gives file order back."""
    (plans_dir / "demo.yaml").write_text(MINIMAL_PLAN)
    fresh = [row.id for row in load_folder([plans_dir]).rows]
    load_rows([plans_dir])  # fill
    [entry] = cache_dir().glob("*.json")
    assert [row.id for row in decode_entry(entry.read_bytes()).rows] == fresh
    pending = [row.id for row in decode_entry(entry.read_bytes(), pending_only=True).rows]
    assert pending == ["T1.1.a", "T1.1.b-2"]  # T1.1.b-1 is completed
    for cut in (10, len(entry.read_bytes()) // 2, len(entry.read_bytes()) - 3):
        entry.write_bytes(entry.read_bytes()[:cut])
        assert [row.id for row in load_rows([plans_dir]).rows] == fresh


def test_rows_are_stored_by_column_with_shared_values_once(plans_dir):
    """A column whose rows all hold one value (the plan, its file) is stored once; a
    list (a row's leads) never is, so rows rebuilt from the cache share no list."""
    from plantrack.rows.cache import ROW_FIELDS, SAME

    (plans_dir / "demo.yaml").write_text(MINIMAL_PLAN)
    load_rows([plans_dir])  # fill
    [entry] = cache_dir().glob("*.json")
    columns = json.loads(entry.read_bytes().split(b"\n")[1])  # the pending rows
    assert columns[ROW_FIELDS.index("plan")] == {SAME: "demo"}
    assert columns[ROW_FIELDS.index("id")] == ["T1.1.a", "T1.1.b-2"]
    assert columns[ROW_FIELDS.index("lead")] == [["Head of Service"], ["Head of Service"]]
    warm = load_rows([plans_dir]).rows
    warm[0].lead.append("Someone else")
    assert warm[1].lead == ["Head of Service"]


def test_a_column_of_the_wrong_length_is_read_afresh(plans_dir):
    """A column with fewer values than rows would silently drop rows: the entry is
    refused and the file read again, for a full load and a pending-only one."""
    (plans_dir / "demo.yaml").write_text(MINIMAL_PLAN)
    fresh = [row.id for row in load_rows([plans_dir]).rows]
    [entry] = cache_dir().glob("*.json")
    good = entry.read_bytes()
    ids_stored = b'["T1.1.a","T1.1.b-2"]'
    assert ids_stored in good
    shorter = b'["T1.1.a"]'.ljust(len(ids_stored))  # the same size: only the count is wrong
    for pending_only, wanted in ((True, ["T1.1.a", "T1.1.b-2"]), (False, fresh)):
        entry.write_bytes(good.replace(ids_stored, shorter))
        rows = load_rows([plans_dir], pending_only=pending_only).rows
        assert [row.id for row in rows] == wanted
        assert entry.read_bytes() == good  # rewritten


def test_parallel_checking_gives_the_same_rows(plans_dir, monkeypatch):
    import plantrack.rows.cache as cache

    for number in range(9):  # more than 4 a worker: chunks of more than one file
        (plans_dir / f"p{number}.yaml").write_text(
            MINIMAL_PLAN.replace("id: demo", f"id: demo-{number}")
        )
    monkeypatch.setattr(cache, "PARALLEL_FROM", 2)
    monkeypatch.setenv("PLANTRACK_WORKERS", "2")
    parallel = load_rows([plans_dir], use_cache=False).rows
    monkeypatch.setenv("PLANTRACK_WORKERS", "1")
    serial = load_rows([plans_dir], use_cache=False).rows
    assert [(r.plan, r.id, r.deadline, r.status) for r in parallel] == [
        (r.plan, r.id, r.deadline, r.status) for r in serial
    ]
    assert len(parallel) == 9 * 3


def test_rows_round_trip_every_field():
    """The row codec reads the layout from the dataclass: every field comes back equal."""
    from dataclasses import astuple

    from plantrack.rows.cache import Entry, encode_entry

    rows = load_folder([ROOT / "plans"]).rows
    back = decode_entry(encode_entry(Entry([], rows=rows))).rows
    assert [astuple(row) for row in back] == [astuple(row) for row in rows]


def test_a_new_row_layout_never_reads_an_old_entry(plans_dir, monkeypatch):
    """Reordering or retyping a field of a row or of a plan's facts changes the key: a warm
    cache written under the old layout is read afresh, not misread column by column."""
    from dataclasses import fields

    from plantrack.plan.folder import PlanInfo, PlanSummary
    from plantrack.rows import cache
    from plantrack.rows.index import Trackable

    for kind in (Trackable, PlanInfo, PlanSummary):  # every field stored is in the key
        assert all(f"{f.name}:{f.type}" in cache.LAYOUT for f in fields(kind))
    (plans_dir / "demo.yaml").write_text(MINIMAL_PLAN)
    load_rows([plans_dir])
    assert len(list(cache_dir().glob("*.json"))) == 1
    monkeypatch.setattr(cache, "LAYOUT", cache.LAYOUT.replace("plan:", "plan_id:"))
    load_rows([plans_dir])
    assert len(list(cache_dir().glob("*.json"))) == 2


def test_fields_not_stored_come_after_every_stored_one():
    """Rows are rebuilt positionally from the stored fields: an unstored field (when the
    row last changed in git) in the middle would shift every column after it."""
    from dataclasses import fields

    from plantrack.rows.cache import ROW_FIELDS
    from plantrack.rows.index import Trackable

    names = [f.name for f in fields(Trackable)]
    assert tuple(names[: len(ROW_FIELDS)]) == ROW_FIELDS
    assert "changed" in names and "changed" not in ROW_FIELDS


def test_kept_records_are_the_records_json_writes():
    """A warm `overdue --format json` writes the texts the cache kept: they must be the
    very text of encoding each overdue record, cold and warm, whatever the calendar."""
    from plantrack.rows.period import AsAt, QuarterName
    from plantrack.rows.query import overdue
    from plantrack.rows.records import late_records
    from plantrack.rows.stored import overdue_json

    plans = ROOT / "plans"
    encoder = json.JSONEncoder(ensure_ascii=False)
    for use_cache in (False, True, True):
        workspace = load_rows([plans], use_cache=use_cache, pending_only=True)
        found = overdue(workspace.rows, AsAt(QuarterName.parse("Q4 2025/26")), date(2026, 11, 23))
        kept = workspace.kept._map()
        assert found and all(kept.get(id(late.row)) for late in found)
        written = [encoder.encode(item).encode("utf-8") for item in late_records(found)]
        assert overdue_json(found, workspace.kept) == written


def test_a_pending_part_of_the_wrong_size_is_read_afresh(cli, plans_dir):
    """overdue reads only an entry's facts and pending part, by the size its facts give;
    a wrong size (too small, too big, absurd) must not cut a record short on stdout or
    crash every warm run: the file is checked again and the entry rewritten."""
    (plans_dir / "demo.yaml").write_text(MINIMAL_PLAN)
    args = ("overdue", "--plans", plans_dir, "--as-of", "2026-11-01", "--format", "json")
    cold = cli(*args).stdout
    [entry] = cache_dir().glob("*.json")
    good = entry.read_bytes()
    head = json.loads(good.split(b"\n", 1)[0])
    for wrong in (head["pending_bytes"] - 3, head["pending_bytes"] + 3, 99999999999999, -1):
        entry.write_bytes(
            good.replace(
                b'"pending_bytes":%d' % head["pending_bytes"], b'"pending_bytes":%d' % wrong
            )
        )
        warm = cli(*args)
        assert warm.exit_code == 0 and warm.stdout == cold, wrong
        assert entry.read_bytes() == good  # rewritten


def test_a_kept_record_broken_by_a_line_break_is_read_afresh(cli, plans_dir):
    """A line break inside a kept record (same size, so the part still ends where its
    facts say) must not hand out a record in two pieces: the entry is read afresh."""
    (plans_dir / "demo.yaml").write_text(MINIMAL_PLAN)
    args = ("overdue", "--plans", plans_dir, "--as-of", "2026-11-01", "--format", "json")
    cold = cli(*args).stdout
    [entry] = cache_dir().glob("*.json")
    good = entry.read_bytes()
    first = good.index(b'\n{"plan"') + 1  # the first kept record
    space = good.index(b', "', first) + 1
    entry.write_bytes(good[:space] + b"\n" + good[space + 1 :])
    warm = cli(*args)
    assert warm.exit_code == 0 and warm.stdout == cold
    assert entry.read_bytes() == good  # rewritten


def test_the_kept_records_shape_is_in_the_cache_key(monkeypatch):
    """A record with a new key must not be served from entries that kept the old one."""
    from plantrack.rows import cache, records, stored

    assert ",".join(stored.KEYS) in cache.LAYOUT.replace("|", ",")
    assert records.record_keys() == stored.KEYS
    original = records.record
    monkeypatch.setattr(records, "record", lambda row, late=None: {**original(row), "new": 1})
    assert records.record_keys()[-1] == "new"


def test_an_entry_comes_back_whole_facts_and_diagnostics_too(plans_dir):
    """Folder checks (links, ids) and reports (title, themes) read a plan's facts from the
    cache; a refused plan's diagnostics are what a warm run prints."""
    from plantrack.rows.cache import encode_entry
    from plantrack.workspace import checked_entry

    today = date(2026, 11, 23)
    entry = checked_entry(str(ROOT / "plans" / "year-ahead-plan-2021-22.yaml"), today)
    assert entry.summary.links and entry.info.themes and entry.rows  # all exercised
    for pending_only in (False, True):
        back = decode_entry(encode_entry(entry), pending_only)
        assert (back.summary, back.info, back.diagnostics) == (
            entry.summary,
            entry.info,
            entry.diagnostics,
        )
    (plans_dir / "bad.yaml").write_text(MINIMAL_PLAN.replace("status: on track", "stauts: x"))
    refused = checked_entry(str(plans_dir / "bad.yaml"), today)
    back = decode_entry(encode_entry(refused))
    assert refused.diagnostics and back.diagnostics == refused.diagnostics
    assert (back.summary, back.info, back.rows) == (None, None, [])


def test_a_plan_without_rows_is_cached_and_read_warm(plans_dir):
    from plantrack.rows.cache import Entry, encode_entry

    assert decode_entry(encode_entry(Entry([]))).rows == []
    assert decode_entry(encode_entry(Entry([])), pending_only=True).rows == []


def test_the_key_changes_with_the_bytes_the_name_and_the_day():
    """Warnings depend on today and messages name the file: any of them changing reads
    the file afresh; the same three give the same key, on any run."""
    from plantrack.rows.cache import cache_key

    day = date(2026, 11, 23)
    key = cache_key(b"plan", "a.yaml", day)
    assert key == cache_key(b"plan", "a.yaml", date(2026, 11, 23))
    others = {
        cache_key(b"plan!", "a.yaml", day),
        cache_key(b"plan", "b.yaml", day),
        cache_key(b"plan", "a.yaml", date(2026, 11, 24)),
    }
    assert key not in others and len(others) == 3


def test_a_cache_that_cannot_be_written_does_not_stop_a_report(plans_dir, tmp_path, monkeypatch):
    """A read-only home (here the cache folder is a file): the report is made, uncached."""
    (plans_dir / "demo.yaml").write_text(MINIMAL_PLAN)
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    monkeypatch.setenv("PLANTRACK_CACHE_DIR", str(blocked / "cache"))
    fresh = [row.id for row in load_folder([plans_dir]).rows]
    assert [row.id for row in load_rows([plans_dir]).rows] == fresh
    assert [row.id for row in load_rows([plans_dir], pending_only=True).rows]


def test_a_file_that_cannot_be_read_has_no_entry(tmp_path):
    from plantrack.rows.cache import cached_entry

    assert cached_entry(str(tmp_path / "gone.yaml"), date(2026, 11, 23)) == (None, None)


def test_clearing_an_absent_or_empty_cache_removes_nothing(tmp_path, monkeypatch):
    from plantrack.rows.cache import clear

    monkeypatch.setenv("PLANTRACK_CACHE_DIR", str(tmp_path / "never-made"))
    assert clear() == 0
    (tmp_path / "never-made").mkdir()
    (tmp_path / "never-made" / "notes.txt").write_text("not an entry")
    assert clear() == 0 and (tmp_path / "never-made" / "notes.txt").exists()


def test_a_warm_run_is_served_from_the_entry(plans_dir):
    """What a warm run reads is the stored entry, not the file checked again: an entry
    edited in place (same size) shows through, for a full load and a pending-only one."""
    (plans_dir / "demo.yaml").write_text(MINIMAL_PLAN)
    load_rows([plans_dir])  # fill
    [entry] = cache_dir().glob("*.json")
    entry.write_bytes(entry.read_bytes().replace(b"T1.1.a", b"T1.1.z"))
    assert "T1.1.z" in [row.id for row in load_rows([plans_dir]).rows]
    assert "T1.1.z" in [row.id for row in load_rows([plans_dir], pending_only=True).rows]


def test_rows_come_back_of_the_types_they_were(plans_dir):
    """A status read back is a Status, a date a date: equal text is not enough."""
    from dataclasses import astuple

    from plantrack.rows.cache import Entry, encode_entry

    rows = load_folder([ROOT / "plans"]).rows
    for pending_only in (False, True):
        back = decode_entry(encode_entry(Entry([], rows=rows)), pending_only).rows
        wanted = [row for row in rows if not pending_only or (row.deadline and not row.done)]
        assert [[type(v) for v in astuple(row)][: len(ROW_FIELDS)] for row in back] == [
            [type(v) for v in astuple(row)][: len(ROW_FIELDS)] for row in wanted
        ]


def test_a_kept_record_cut_at_its_end_is_read_afresh(cli, plans_dir):
    """The last kept record losing its closing brace (the size unchanged) would print
    broken JSON on a warm `overdue --format json`: the entry is refused and rewritten."""
    (plans_dir / "demo.yaml").write_text(MINIMAL_PLAN)
    args = ("overdue", "--plans", plans_dir, "--as-of", "2026-11-01", "--format", "json")
    cold = cli(*args).stdout
    [entry] = cache_dir().glob("*.json")
    good = entry.read_bytes()
    head_line, _, body = good.partition(b"\n")
    end = len(head_line) + 1 + json.loads(head_line)["pending_bytes"] - 1
    assert good[end : end + 2] == b"}\n"  # the last kept record's end
    entry.write_bytes(good[:end] + b" " + good[end + 1 :])
    warm = cli(*args)
    assert warm.exit_code == 0 and warm.stdout == cold
    assert entry.read_bytes() == good  # rewritten


def test_a_cache_folder_not_made_yet_is_made_with_its_parents(plans_dir, tmp_path, monkeypatch):
    """~/.cache itself may not exist on a new account: the first report makes it."""
    (plans_dir / "demo.yaml").write_text(MINIMAL_PLAN)
    deep = tmp_path / "home" / ".cache" / "plantrack"
    monkeypatch.setenv("PLANTRACK_CACHE_DIR", str(deep))
    load_rows([plans_dir])
    assert len(list(deep.glob("*.json"))) == 1


def test_clearing_counts_every_entry_removed(plans_dir):
    from plantrack.rows.cache import clear

    for name in ("a", "b", "c"):
        (plans_dir / f"{name}.yaml").write_text(MINIMAL_PLAN.replace("id: demo", f"id: {name}"))
    load_rows([plans_dir])
    assert clear() == 3 and list(cache_dir().glob("*.json")) == []


def test_the_plans_beside_a_named_file_are_cached_too(plans_dir):
    """A hook naming one staged file reads its neighbours' ids and links: warm, from the
    cache."""
    for name in ("a", "b"):
        (plans_dir / f"{name}.yaml").write_text(MINIMAL_PLAN.replace("id: demo", f"id: {name}"))
    load_folder([plans_dir / "a.yaml"])  # the named file itself is checked afresh
    [entry] = cache_dir().glob("*.json")
    assert decode_entry(entry.read_bytes()).info.id == "b"


def test_an_entry_that_cannot_be_removed_does_not_stop_clearing_the_rest(plans_dir, monkeypatch):
    """One entry held open or read-only (its removal fails) is skipped and not counted."""
    from pathlib import Path

    from plantrack.rows.cache import clear

    for name in ("a", "b", "c"):
        (plans_dir / f"{name}.yaml").write_text(MINIMAL_PLAN.replace("id: demo", f"id: {name}"))
    load_rows([plans_dir])
    unlink, calls = Path.unlink, []

    def first_fails(path, *args, **kwargs):
        calls.append(path)
        if len(calls) == 1:
            raise PermissionError(path)
        unlink(path, *args, **kwargs)

    monkeypatch.setattr(Path, "unlink", first_fails)
    assert clear() == 2
    assert list(cache_dir().glob("*.json")) == [calls[0]]


def test_an_entry_under_another_files_key_is_read_afresh(cli, plans_dir):
    """An entry copied over another's name (a sync tool, a hand 'fix') would serve one
    plan's rows as another's: each entry names the key it was stored under."""
    (plans_dir / "a.yaml").write_text(MINIMAL_PLAN)
    (plans_dir / "b.yaml").write_text(MINIMAL_PLAN.replace("id: demo", "id: other"))
    args = ("list", "--plans", plans_dir, "--format", "json")
    cold = cli(*args).stdout
    first, second = sorted(cache_dir().glob("*.json"))
    kept = second.read_bytes()
    second.write_bytes(first.read_bytes())
    warm = cli(*args)
    assert warm.exit_code == 0 and warm.stdout == cold
    assert second.read_bytes() == kept  # rewritten


def test_without_builtin_blake2_the_key_is_sha256(tmp_path):
    """A CPython built without its blake2 module still caches (hashlib's sha256)."""
    import subprocess
    import sys

    code = (
        "import sys; sys.modules['_blake2'] = None\n"
        "from datetime import date\n"
        "from plantrack.rows import cache\n"
        "print(cache._digest.__name__, len(cache.cache_key(b'x', 'p.yaml', date(2026, 1, 1))))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    name, length = done.stdout.split()
    assert "sha256" in name and length == "64"
