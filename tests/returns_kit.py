"""Shared by the quarterly-return tests: a plan repo in git, and filling returns as a lead would."""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from gitkit import GIT_ENV, author_env, git, needs_git  # noqa: F401 - git, needs_git: used by the tests

DATA = Path(__file__).parent / "data" / "returns"
PLAN = DATA / "housing.yaml"
QUARTER = "Q3-26/27"
FOLDER = "Q3-2026-27"


def make_plan_repo(
    tmp_path: Path, monkeypatch, text: str | None = None, name: str = "housing.yaml"
) -> Path:
    """A git repo with one committed plan, ``plans/<name>`` (the housing plan, or
    ``text``); the test runs inside it (the ``plan_repo`` fixture of conftest.py)."""
    repo = tmp_path / "repo"
    (repo / "plans").mkdir(parents=True)
    target = repo / "plans" / name
    if text is None:
        shutil.copy(PLAN, target)
    else:
        target.write_text(text, encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", f"Add plans/{name}")
    for key, value in {**GIT_ENV, **author_env()}.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("HOME", str(repo))
    monkeypatch.chdir(repo)
    return repo


# --- filling returns in as a lead would ------------------------------------------------------


def fill_workbook(path: Path, answers: dict[str, dict[str, object]], modified: str | None = None):
    """Type ``{Id: {column: value}}`` into the Return sheet and save, as Excel would.

    ``modified`` (ISO date) is written as the workbook's last-saved date, which
    collect reads as the day the return was filled in.
    """
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(path)
    sheet = book["Return"]
    header = [cell.value for cell in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        ref = ref_of(header, [cell.value for cell in row])
        for column, value in answers.get(ref, {}).items():
            row[header.index(column)].value = value
    book.save(path)
    if modified:
        set_modified(path, modified)


def set_modified(path: Path, day: str) -> None:
    """Rewrite the last-saved date in docProps/core.xml (openpyxl stamps 'now' on save)."""
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    core = parts["docProps/core.xml"].decode()
    core = re.sub(
        r"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", rf"\g<1>{day}T10:00:00Z\2", core
    )
    parts["docProps/core.xml"] = core.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


def ref_of(header: list, cells: list) -> str:
    """The PLAN-ID:ID a row of a return names (its Id and Plan cells)."""
    item, plan = cells[header.index("Id")] or "", cells[header.index("Plan")] or ""
    return item if not plan or item.startswith(plan + ":") else f"{plan}:{item}"


def read_csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def fill_csv(path: Path, answers: dict[str, dict[str, str]], modified: str | None = None):
    """Fill a CSV return's cells and save it (CRLF, BOM, as Excel writes CSV)."""
    rows = read_csv(path)
    header_at = next(i for i, row in enumerate(rows) if row and row[0] == "Id")
    header = rows[header_at]
    for row in rows[header_at + 1 :]:
        for column, value in answers.get(ref_of(header, row), {}).items():
            row[header.index(column)] = value
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_bytes(("\ufeff" + buffer.getvalue()).encode("utf-8"))
    if modified:
        set_mtime(path, modified)


def set_mtime(path: Path, day: str) -> None:
    from datetime import datetime

    stamp = datetime.fromisoformat(day + "T12:00:00").timestamp()
    os.utime(path, (stamp, stamp))
