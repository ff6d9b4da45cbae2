"""Nothing we ship or generate installs the unrelated `plantrack` from the package index.

"plantrack" on the index is somebody else's project: a README line, a workflow
written by ``plantrack init`` or an error hint telling pip to install that name
would run their code in a council's CI. Ours is ``plantrack.DISTRIBUTION``.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from plantrack import DISTRIBUTION, __version__

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    tomllib = None

# An installer, its options or other package names, then "plantrack" not followed by
# a name character (the bare name, with extras, quoted, or after other packages).
# Shell separators end the search, and so does the end of the line:
# `pip install . && plantrack validate` is no match.
BARE_INSTALL = re.compile(
    r"""\b(?:pip3?|pipx|uv[ \t]+pip|uv[ \t]+tool)[ \t]+install"""
    r"""(?:[ \t]+[^\s;&|`]+)*?[ \t]+['"]?plantrack(?![-\w])"""
)


def bare_installs(text: str) -> list[str]:
    return [match.group(0) for match in BARE_INSTALL.finditer(text)]


# The unsafe lines are built from two halves, so that this file is not itself a match
# for a scan of the repository (ours, or a reviewer's grep).
UNRELATED = "plan" + "track"


@pytest.mark.parametrize(
    "line",
    [
        f"pip install {UNRELATED}",
        f"python -m pip install -U {UNRELATED}\n",
        f"pip install '{UNRELATED}[xlsx]'",
        f'pipx install "{UNRELATED}"',
        f"uv tool install {UNRELATED}.",
        f"uv pip install --system pre-commit {UNRELATED}",
        f"`pip install pre-commit {UNRELATED}`,",
    ],
)
def test_the_scan_finds_a_bare_install(line):
    assert bare_installs(line)


@pytest.mark.parametrize(
    "line",
    [
        f"pip install {DISTRIBUTION}",
        f"pip install '{DISTRIBUTION}[xlsx]'",
        "pip install -e . && plantrack validate",
        "pip install pre-commit\nplantrack validate",
        "pip install plantrack_other",
    ],
)
def test_the_scan_leaves_our_name_and_other_commands_alone(line):
    assert not bare_installs(line)


def repo_files() -> list[Path]:
    """Every file git tracks (or, outside a checkout, every file but the venv's)."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
        ).stdout
        names = [name for name in listed.decode("utf-8").split("\0") if name]
    except (OSError, subprocess.CalledProcessError):
        skip = {".venv", ".git", ".hypothesis", "build"}
        names = [
            str(path.relative_to(ROOT))
            for path in ROOT.rglob("*")
            if path.is_file() and not skip & set(path.relative_to(ROOT).parts)
        ]
    this = Path(__file__).resolve().relative_to(ROOT).as_posix()
    return [ROOT / name for name in names if name != this and (ROOT / name).is_file()]


def test_no_file_in_the_repo_installs_the_unrelated_plantrack():
    found = []
    for path in repo_files():
        text = path.read_bytes().decode("utf-8", errors="replace")
        found += [f"{path.relative_to(ROOT)}: {hit}" for hit in bare_installs(text)]
    assert not found, found


def test_no_file_init_writes_installs_the_unrelated_plantrack(cli, tmp_path):
    assert cli("init", tmp_path).exit_code == 0
    written = [path for path in tmp_path.rglob("*") if path.is_file()]
    assert len(written) >= 5
    found = [f"{path.name}: {hit}" for path in written for hit in bare_installs(path.read_text())]
    assert not found, found


def test_init_workflow_installs_this_version_by_our_name(cli, tmp_path):
    assert cli("init", tmp_path).exit_code == 0
    workflow = (tmp_path / ".github" / "workflows" / "plans.yml").read_text()
    assert f'pip install "{DISTRIBUTION}=={__version__}"' in workflow


def test_pyproject_names_the_distribution_the_code_names():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    if tomllib is not None:
        name = tomllib.loads(text)["project"]["name"]
    else:
        name = re.search(r'^name = "([^"]+)"', text, re.MULTILINE).group(1)
    assert name == DISTRIBUTION == "plantrack-milestones"


def test_xlsx_hint_reinstalls_our_distribution(cli, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # import openpyxl -> ImportError
    (tmp_path / "t.xlsx").write_bytes(b"PK")
    (tmp_path / "m.yaml").write_text("plan: {id: x, title: X}\ncolumns: {title: A}\n")
    result = cli("import", tmp_path / "t.xlsx", "--map", tmp_path / "m.yaml")
    assert result.exit_code == 2
    assert f"reinstall {DISTRIBUTION} (pip install {DISTRIBUTION})" in result.stderr
    assert "[xlsx]" not in result.stderr
    assert not bare_installs(result.stderr)
