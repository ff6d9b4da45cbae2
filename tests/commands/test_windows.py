"""What differs on the Windows laptops most councils' officers use, tested anywhere.

The legacy console code pages (cp1252, cp437) cannot show every character a plan
holds: output degrades to '?', never to an encoding error. A reader that quits
early (``plantrack list | more``) makes the write fail with EINVAL there rather than
BrokenPipeError: it is the same quiet exit, not an internal error.
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys

import pytest

from conftest import MINIMAL_PLAN

TITLE = "Reach ≥ 95% – Łódź"


@pytest.mark.parametrize(
    ("encoding", "shown"),
    [("cp1252", "Reach ? 95% – ?ód?"), ("cp437", "Reach ≥ 95% ? ?ód?")],
)
def test_a_legacy_code_page_console_gets_question_marks(tmp_path, encoding, shown):
    (tmp_path / "demo.yaml").write_text(
        MINIMAL_PLAN.replace("Refresh the reference group", TITLE), encoding="utf-8"
    )
    env = {
        **os.environ,
        "PYTHONIOENCODING": encoding,
        "NO_COLOR": "1",
        "PLANTRACK_TODAY": "2026-11-23",
        "COLUMNS": "200",
    }
    for args in (["list"], ["show", "T1.1.a"]):
        done = subprocess.run(
            [sys.executable, "-m", "plantrack", *args, "--plans", str(tmp_path)],
            env=env,
            capture_output=True,
            timeout=60,
        )
        assert (done.returncode, done.stderr) == (0, b"")
        assert shown in done.stdout.decode(encoding)


@pytest.fixture
def failing_write(monkeypatch):
    """Make the output step of ``dates --format json`` raise ``error``."""

    def install(error: OSError, platform: str) -> None:
        def write(*args, **kwargs):
            raise error

        monkeypatch.delenv("PLANTRACK_DEBUG", raising=False)
        monkeypatch.setattr(json, "dumps", write)
        monkeypatch.setattr(sys, "platform", platform)

    return install


def test_a_closed_pipe_on_windows_is_the_quiet_exit_141(cli, failing_write):
    failing_write(OSError(errno.EINVAL, "Invalid argument"), "win32")
    result = cli("dates", "Q4 25/26", "--format", "json")
    assert result.exit_code == 141 and result.stderr == ""


def test_a_broken_pipe_anywhere_is_the_quiet_exit_141(cli, failing_write):
    failing_write(BrokenPipeError(errno.EPIPE, "Broken pipe"), sys.platform)
    result = cli("dates", "Q4 25/26", "--format", "json")
    assert result.exit_code == 141 and result.stderr == ""


@pytest.mark.parametrize(
    ("error", "platform"),
    [
        (OSError(errno.EINVAL, "Invalid argument", "a:b?.yaml"), "win32"),  # a bad name
        (OSError(errno.EINVAL, "Invalid argument"), "linux"),
    ],
)
def test_other_einval_errors_stay_internal_errors(cli, failing_write, error, platform):
    failing_write(error, platform)
    result = cli("dates", "Q4 25/26", "--format", "json")
    assert result.exit_code == 3 and "internal error: OSError" in result.stderr
