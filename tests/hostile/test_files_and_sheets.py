"""Issue 26, item 3: unbounded reads. A FIFO or a symlink to /dev/zero among the plans,
a huge file, and workbooks whose dimension record, far cells or zip sizes ask for
gigabytes: each is refused with a message naming it, never a hang or a MemoryError."""

from __future__ import annotations

import contextlib
import io
import os
import re
import threading
import zipfile
from pathlib import Path

import pytest

from conftest import MINIMAL_PLAN, dedent, posix_only, unwrapped
from returns_kit import FOLDER, QUARTER, needs_git

openpyxl = pytest.importorskip("openpyxl")

FIFO_REFUSED = "not a regular file but a FIFO (named pipe): not read"


@contextlib.contextmanager
def unblocked(fifo: Path, payload: bytes = b""):
    """While the block runs, keep writing ``payload`` and an end of file to any reader
    blocked on ``fifo``.

    A reader that opens the FIFO without O_NONBLOCK waits for a writer for ever: with
    this, a regression reads ``payload`` and fails its test instead of hanging the whole
    run."""
    done = threading.Event()

    def writer() -> None:
        while not done.wait(0.05):
            with contextlib.suppress(OSError):  # ENXIO: no reader waiting
                handle = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
                try:
                    os.write(handle, payload)
                finally:
                    os.close(handle)

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()


# --- plan files that are not regular files ----------------------------------------------


@posix_only
def test_a_fifo_named_like_a_plan_is_reported_not_waited_on(cli, write_plan, plans_dir):
    write_plan()
    fifo = plans_dir / "x.yaml"
    os.mkfifo(fifo)
    with unblocked(fifo):
        checked = cli("validate", plans_dir)
        report = cli("overdue", "--plans", plans_dir)
        listed = cli("list", "--plans", plans_dir)
    assert checked.exit_code == 1
    assert f"x.yaml: error PT001: {FIFO_REFUSED}" in checked.stdout
    assert "1 error in 1 of 2 files" in checked.stdout
    for result in (report, listed):
        assert result.exit_code == 1
        assert f"x.yaml: error PT001: {FIFO_REFUSED}" in result.stderr


@posix_only
def test_a_committed_symlink_to_dev_zero_is_refused_before_it_is_read(cli, write_plan, plans_dir):
    write_plan()
    (plans_dir / "zero.yaml").symlink_to("/dev/zero")
    result = cli("validate", plans_dir)
    assert result.exit_code == 1
    assert "zero.yaml: error PT001: not a regular file but a character device: not read" in (
        result.stdout
    )


@posix_only
def test_shell_completion_skips_a_fifo(write_plan, plans_dir, monkeypatch):
    from plantrack.cli.complete import item_ids

    write_plan()
    fifo = plans_dir / "x.yaml"
    os.mkfifo(fifo)
    monkeypatch.setenv("PLANTRACK_PLANS", str(plans_dir))
    with unblocked(fifo, b"id: piped\nthemes:\n  - id: FROM-THE-PIPE\n"):
        ids = item_ids("")
    assert "T1" in ids and "FROM-THE-PIPE" not in ids


@posix_only
@needs_git
def test_diff_against_the_working_tree_reports_a_fifo_as_unreadable(cli, tmp_path, monkeypatch):
    from gitkit import git

    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "demo.yaml").write_text(dedent(MINIMAL_PLAN))
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "plan")
    fifo = tmp_path / "plans" / "x.yaml"
    os.mkfifo(fifo)
    monkeypatch.chdir(tmp_path)
    with unblocked(fifo):
        result = cli("diff", "--plans", "plans")
    said = unwrapped(result.stdout)  # a long temporary path may wrap the line
    assert "plans/x.yaml: could not be read at working tree" in said
    assert FIFO_REFUSED in said


def test_a_plan_file_larger_than_64_mb_is_refused_unread(cli, write_plan, plans_dir):
    write_plan()
    huge = plans_dir / "huge.yaml"
    with open(huge, "wb") as stream:  # sparse: no disk used, and never read
        stream.truncate(64 * 1024 * 1024 + 1)
    result = cli("validate", plans_dir)
    assert result.exit_code == 1
    assert "huge.yaml: error PT001: larger than the 64 MB plantrack reads" in result.stdout


def test_a_plan_of_exactly_64_mb_is_read():
    from plantrack.fileio import read_regular

    # The bound itself, on a sparse file: read, not refused (and one byte more is).
    path = Path(os.environ["PLANTRACK_CACHE_DIR"]) / "edge.bin"
    with open(path, "wb") as stream:
        stream.truncate(64 * 1024 * 1024)
    assert len(read_regular(path)) == 64 * 1024 * 1024
    with open(path, "ab") as stream:
        stream.write(b"x")
    with pytest.raises(OSError, match="larger than the 64 MB"):
        read_regular(path)


# --- workbooks that ask for gigabytes ------------------------------------------------------

TABLE = [["Ref", "Action", "Due"], ["A1", "Publish the strategy", "March 2027"]]
MAP = (
    "plan: {id: log, title: Action log, financial_year: 2026/27}\n"
    "columns: {id: Ref, title: Action, due: Due}\n"
)


def workbook_bytes(rows, far_cell: str | None = None, dimension: str | None = None) -> bytes:
    """An .xlsx holding ``rows``, a value at ``far_cell``, and ``dimension`` written as the
    sheet's own (lying) dimension record."""
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    if far_cell:
        sheet[far_cell] = "x"
    buffer = io.BytesIO()
    book.save(buffer)
    if dimension is None:
        return buffer.getvalue()
    return rewrite_member(
        buffer.getvalue(),
        "xl/worksheets/sheet1.xml",
        lambda xml: re.sub(
            rb'<dimension ref="[^"]*"', f'<dimension ref="{dimension}"'.encode(), xml
        ),
    )


def rewrite_member(data: bytes, name: str, change) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            content = source.read(member)
            target.writestr(member, change(content) if member.filename == name else content)
    return out.getvalue()


def run_import(cli, tmp_path, data: bytes):
    sheet = tmp_path / "log.xlsx"
    sheet.write_bytes(data)
    (tmp_path / "log.map.yaml").write_text(MAP)
    return cli("import", sheet, "--map", tmp_path / "log.map.yaml")


def test_a_dimension_record_claiming_the_whole_grid_is_not_believed(cli, tmp_path):
    data = workbook_bytes(TABLE, dimension="A1:XFD1048576")
    assert len(data) < 10_000
    result = run_import(cli, tmp_path, data)
    assert result.exit_code == 0, result.stderr
    assert "title: Publish the strategy" in result.stdout
    assert "imported 1 action" in result.stderr


def test_a_value_in_the_last_cell_of_the_grid_is_refused_naming_it(cli, tmp_path):
    data = workbook_bytes(TABLE, far_cell="XFD1048576")
    assert len(data) < 10_000  # the attack: a 5 KB file
    result = run_import(cli, tmp_path, data)
    assert result.exit_code == 1
    assert (
        "log.xlsx: cell XFD1048576 of sheet 'Sheet' is outside the first 50,000 rows and "
        "500 columns plantrack reads" in result.stderr
    )
    assert "delete what lies beyond the table" in result.stderr
    assert result.stdout == ""


def test_the_bounds_are_on_cells_with_values_not_on_formatting(cli, tmp_path):
    # Row 50,000 and column 500 (SF) are the last read; formatted empty cells past them
    # (Excel writes these) are no reason to refuse a sheet.
    rows = [*TABLE]
    data = workbook_bytes(rows, far_cell="SF50000")
    book = openpyxl.load_workbook(io.BytesIO(data))
    book.active["SG50001"].number_format = "0.00"  # formatted, no value
    buffer = io.BytesIO()
    book.save(buffer)
    from plantrack.usecases.workbook import open_workbook

    read = open_workbook(buffer.getvalue(), "edge.xlsx").rows(0)
    assert len(read) == 50_000 and len(read[-1]) == 500 and read[-1][-1] == "x"
    assert read[0] == ["Ref", "Action", "Due"] and read[2] == []


@pytest.mark.parametrize(("cell", "letter"), [("A50001", "A50001"), ("SG1", "SG1")])
def test_one_row_or_column_past_the_bound_is_refused(cell, letter):
    from plantrack.errors import PlantrackError
    from plantrack.usecases.workbook import open_workbook

    book = open_workbook(workbook_bytes(TABLE, far_cell=cell), "edge.xlsx")
    with pytest.raises(PlantrackError, match=f"cell {letter} of sheet 'Sheet' is outside"):
        book.rows(0)


def test_a_zip_that_unpacks_past_100_mb_is_refused_before_it_is_parsed(cli, tmp_path):
    bomb = rewrite_member(
        workbook_bytes(TABLE),
        "xl/sharedStrings.xml",
        lambda xml: xml,
    )
    out = io.BytesIO(bomb)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/padding.bin", b"\0" * (100 * 1024 * 1024 + 1))
    assert len(out.getvalue()) < 1_000_000
    result = run_import(cli, tmp_path, out.getvalue())
    assert result.exit_code == 1
    assert "log.xlsx: the workbook unpacks to 100 MB, more than the 100 MB plantrack reads" in (
        result.stderr
    )


@posix_only
@pytest.mark.parametrize("name", ["log.xlsx", "log.csv"])
def test_a_sheet_that_is_a_fifo_is_refused_by_the_reader_itself(tmp_path, name):
    # The command checks its arguments first; the reader must not rely on that.
    from plantrack.errors import PlantrackError
    from plantrack.usecases.sheet import read_rows

    fifo = tmp_path / name
    os.mkfifo(fifo)
    with unblocked(fifo), pytest.raises(PlantrackError) as refused:
        read_rows(fifo)
    said = refused.value.message + "".join(d.text() for d in refused.value.diagnostics)
    assert FIFO_REFUSED in said


@needs_git
def test_chase_and_collect_refuse_a_return_with_a_value_in_the_last_cell(cli, plan_repo):
    assert cli("request", "--quarter", QUARTER).exit_code == 0
    returned = plan_repo / "returns" / FOLDER / "head-of-housing.xlsx"
    book = openpyxl.load_workbook(returned)
    book["Return"]["XFD1048576"] = "x"
    book.save(returned)
    assert returned.stat().st_size < 20_000
    chased = cli("chase", "-q", QUARTER, "--format", "csv")
    assert f"Head of Housing,unreadable,0,3,returns/{FOLDER}/head-of-housing.xlsx" in (
        chased.stdout.splitlines()
    )
    collected = cli("collect", returned)
    assert collected.exit_code == 1
    assert "cell XFD1048576 of sheet 'Return' is outside the first 50,000 rows" in (
        collected.stderr
    )
