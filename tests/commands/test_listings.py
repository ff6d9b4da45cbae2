"""What every report command shares: the JSON keys of docs/reference/commands.md, broken or
missing plans, a reader that stops early, odd settings and terminals."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import MINIMAL_PLAN, ROOT, run_plantrack
from plantrack.rows.records import REQUIRED_KEYS


@pytest.mark.parametrize("command", ["overdue", "upcoming", "list"])
def test_json_rows_have_the_keys_of_cli_md(cli, folder, command):
    args = [command, "--plans", folder, "--format", "json"]
    if command == "upcoming":
        args += ["--quarter", "Q3 25/26"]
    result = cli(*args)
    rows = json.loads(result.stdout)
    assert rows, result.stdout
    for row in rows:
        assert set(REQUIRED_KEYS) <= row.keys()
        assert isinstance(row["lead"], list) and isinstance(row["line"], int)
        assert ("days_overdue" in row) == (command == "overdue")


def test_invalid_plan_stops_reports_with_its_location(cli, folder):
    (folder / "broken.yaml").write_text(
        MINIMAL_PLAN.replace("id: demo", "id: broken").replace(
            "status: on track", "stauts: on track"
        )
    )
    for command in ("overdue", "list", "summary", "upcoming"):
        result = cli(command, "--plans", folder)
        assert result.exit_code == 1
        assert "broken.yaml:17:13" in result.stderr and "stauts" in result.stderr


def test_no_plans_found_is_exit_2(cli, tmp_path):
    result = cli("list", "--plans", tmp_path)
    assert result.exit_code == 2 and "no plan files" in result.stderr


def test_updating_an_id_in_a_broken_plan_reports_the_plan_errors(cli, folder):
    """The item is not 'unknown' when its plan could not be read: say why (exit 1)."""
    (folder / "broken.yaml").write_text(
        MINIMAL_PLAN.replace("id: demo", "id: broken")
        .replace("T1.1.a", "X1")
        .replace("status: on track", "stauts: on track")
    )
    before = (folder / "broken.yaml").read_bytes()
    for ref in ("X1", "broken:X1"):
        result = cli("update", ref, "--status", "done", "--plans", folder)
        assert result.exit_code == 1, ref
        assert "were not searched" in result.stderr and "broken.yaml:17:13" in result.stderr
        # the errors come first, so the hint that points at them says "above"
        assert result.stderr.index("broken.yaml:17:13") < result.stderr.index("errors above")
    assert (folder / "broken.yaml").read_bytes() == before
    (folder / "broken.yaml").unlink()
    unknown = cli("update", "X1", "--status", "done", "--plans", folder)
    assert unknown.exit_code == 2 and "no item 'X1'" in unknown.stderr


@pytest.mark.parametrize("output", ["table", "csv"])
def test_a_reader_that_stops_early_is_not_a_failed_check(output, tmp_path):
    """`plantrack list | head -1`: exit 141 as a piped Unix tool does, not 1, no traceback."""
    import os
    import re
    import subprocess
    import sys

    from conftest import ROOT

    for copy in range(8):  # far more output than a pipe buffer holds
        for plan in (ROOT / "plans").glob("*.yaml"):
            text = re.sub(r"^id: (.+)$", rf"id: \1-{copy}", plan.read_text(), count=1, flags=re.M)
            (tmp_path / f"{copy}-{plan.name}").write_text(text)
    env = {**os.environ, "NO_COLOR": "1", "PLANTRACK_TODAY": "2026-11-23"}
    command = [sys.executable, "-m", "plantrack", "list", "--all", "-p", tmp_path, "-f", output]
    with subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as run:
        assert run.stdout.readline()  # the first line: then the reader goes away
        run.stdout.close()
        code = run.wait(timeout=60)
        errors = run.stderr.read().decode()
    assert code == 141 and errors == ""


@pytest.mark.parametrize("value", ["abc", "1.5"])
def test_a_bad_workers_setting_is_a_usage_error(cli, folder, monkeypatch, value):
    monkeypatch.setenv("PLANTRACK_WORKERS", value)
    result = cli("list", "--plans", folder, "--no-cache")
    assert result.exit_code == 2 and "PLANTRACK_WORKERS" in result.stderr


@pytest.mark.parametrize(("columns", "widest"), [("abc", 200), ("0", 200), ("-3", 200), ("5", 20)])
def test_a_junk_columns_setting_still_prints_the_report(folder, columns, widest):
    result = run_plantrack("list", "--plans", folder, env={"COLUMNS": columns})
    assert result.returncode == 0 and result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Trackables") and max(map(len, lines[1:])) <= widest


def test_json_follows_stdout_encoding_cold_and_warm(tmp_path):
    """JSON arrays are written as bytes only where that is the same as text: a UTF-16
    stdout gets UTF-16, from the kept records of a warm overdue as from a cold list."""
    plan = MINIMAL_PLAN.replace("Refresh the reference group", "Invest £425k – phase 2")
    (tmp_path / "demo.yaml").write_text(plan)
    env = {"PYTHONIOENCODING": "utf-16", "PLANTRACK_CACHE_DIR": str(tmp_path / "cache")}
    for command in ("list", "overdue", "overdue"):  # the second overdue is served warm
        done = subprocess.run(
            [sys.executable, "-m", "plantrack", command, "--plans", tmp_path, "-f", "json"],
            capture_output=True,
            env={**os.environ, "PLANTRACK_TODAY": "2026-11-23", **env},
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout.decode("utf-16"))[0]["title"] == "Invest £425k – phase 2"


def test_an_ascii_terminal_gets_every_report_without_an_encoding_error(tmp_path):
    """PYTHONIOENCODING=ascii: tables show '?', JSON keeps the text as \\u escapes."""
    plan = MINIMAL_PLAN.replace("Refresh the reference group", "Invest £425k – phase 2")
    (tmp_path / "demo.yaml").write_text(plan)
    env = {"PYTHONIOENCODING": "ascii"}
    table = run_plantrack("list", "--plans", tmp_path, env=env)
    assert table.returncode == 0 and "Invest ?425k ? phase 2" in table.stdout
    as_json = run_plantrack("list", "--plans", tmp_path, "--format", "json", env=env)
    assert as_json.returncode == 0 and "\\u00a3" in as_json.stdout
    assert json.loads(as_json.stdout)[0]["title"] == "Invest £425k – phase 2"
    shown = run_plantrack("show", "T1.1.a", "--plans", tmp_path, "--format", "json", env=env)
    assert json.loads(shown.stdout)["title"] == "Invest £425k – phase 2"


def run_to(stdout, args: list, env: dict | None = None) -> subprocess.CompletedProcess:
    """A real plantrack process writing to ``stdout`` (a file, a pipe's end), stderr read."""
    return subprocess.run(
        [sys.executable, "-m", "plantrack", *map(str, args)],
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        check=False,
    )


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize(
    "args",
    [["list", "--all", "--plans", ROOT / "plans"],
     ["list", "--all", "--plans", ROOT / "plans", "-f", "json"],
     ["summary", "--plans", ROOT / "plans" / "inclusion-strategy-2026-27.yaml", "-f", "csv"],
     ["--version"], ["cache", "path"]],
)  # fmt: skip
@pytest.mark.parametrize("buffered", [True, False])
def test_a_full_disk_is_a_clear_error_not_an_internal_one(args, buffered):
    """`plantrack list > /full/disk`: the output failing is said as such, exit 1, whether
    the write fails at once or only in the exit's final flush (a small, buffered output),
    and outside a command too (--version)."""
    env = {**os.environ, "PLANTRACK_TODAY": "2026-11-23"}
    env.pop("PYTHONUNBUFFERED", None)
    if not buffered:
        env["PYTHONUNBUFFERED"] = "1"
    with open("/dev/full", "w") as full:
        done = run_to(full, args, env)
    assert done.returncode == 1
    assert (
        done.stderr.strip() == "plantrack: error: cannot write the output: No space left on device"
    )


@pytest.mark.skipif(os.name == "nt", reason="a closed pipe reads as EINVAL there, tested apart")
@pytest.mark.parametrize("args", [["--version"], ["--help"], ["overdue", "--help"]])
def test_a_reader_gone_before_the_first_line_is_141_outside_commands_too(args):
    """--version and --help run before any command's guard (Click catches a closed pipe
    itself for --help, and exits 1): the exit says the reader has gone, as reports do."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # nobody will read
    try:
        done = run_to(write_end, args)
    finally:
        os.close(write_end)
    assert done.returncode == 141 and "Traceback" not in done.stderr


@pytest.mark.skipif(os.name == "nt", reason="POSIX file descriptors")
@pytest.mark.parametrize("args", [["--version"], ["list", "--plans", ROOT / "plans"]])
def test_a_stdout_open_only_for_reading_is_a_clear_error(args):
    """`plantrack list 1</dev/null`: stdout cannot be written at all (EBADF)."""
    with open(os.devnull) as read_only:
        done = run_to(read_only, args)
    assert done.returncode == 1
    assert done.stderr.strip().endswith("cannot write the output: Bad file descriptor")


def test_json_bytes_are_written_as_text_on_windows(monkeypatch):
    """Windows' text streams end lines in CRLF: JSON arrays go through the text stream
    there, like every other output, never straight to the byte buffer."""
    import io
    import types

    from plantrack.render import formats

    buffer = io.BytesIO()
    stdout = io.TextIOWrapper(buffer, encoding="utf-8", newline="\r\n")
    monkeypatch.setattr(formats, "os", types.SimpleNamespace(name="nt"))
    monkeypatch.setattr(formats.sys, "stdout", stdout)
    formats.write_json_encoded([b'{"a": 1}', b'{"b": 2}'])
    stdout.flush()
    assert buffer.getvalue() == b'[\r\n{"a": 1},\r\n{"b": 2}\r\n]\r\n'
