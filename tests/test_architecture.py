"""The house rules of docs' architecture: the core is a library without Typer or rich,
and the top-level package imports nothing."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

from conftest import ROOT

CORE = [
    "api",
    "cache",
    "changes",
    "check",
    "committee",
    "complete",
    "dates",
    "edit",
    "errors",
    "explain",
    "fileio",
    "folder",
    "gitlog",
    "importer",
    "index",
    "load",
    "model",
    "query",
    "records",
    "resolve",
    "scaffold",
    "schema",
    "status",
]


def test_core_imports_neither_typer_nor_rich():
    code = (
        "import sys\n"
        + "".join(f"import plantrack.{m}\n" for m in CORE)
        + "print(sorted(m for m in sys.modules if m.split('.')[0] in ('typer', 'rich', 'click')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "[]"


def test_package_import_is_light():
    code = "import sys, plantrack; print('pydantic' in sys.modules, 'yaml' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "False False"


def test_library_entry_point():
    import plantrack

    workspace = plantrack.load_folder(ROOT / "plans", date(2026, 11, 23))
    late = workspace.overdue(quarter="Q4 2025/26")
    assert late and all(item.row.deadline <= date(2026, 3, 31) for item in late)
