"""The house rules of docs' architecture: the core is a library without Typer or rich,
and the top-level package imports nothing."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from datetime import date

import pytest

from conftest import ROOT

CORE = [
    "config",
    "cache",
    "changes",
    "usecases.report",
    "usecases.trend",
    "complete",
    "dates",
    "edit",
    "errors",
    "explain",
    "fileio",
    "gitlog",
    "usecases.history",
    "usecases.importer",
    "usecases.sheet",
    "usecases.update",
    "index",
    "plan.check",
    "plan.folder",
    "plan.keys",
    "plan.load",
    "plan.model",
    "plan.status",
    "plan.walk",
    "query",
    "records",
    "resolve",
    "scaffold",
    "schema",
    "workspace",
    "usecases.returns",
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


RUN_AND_LIST_MODULES = (
    "import sys\n"
    "from plantrack.cli import main\n"
    "sys.argv = ['plantrack', *sys.argv[1:]]\n"
    "try:\n"
    "    main()\n"
    "except SystemExit:\n"
    "    pass\n"
    "sys.stderr.write(' '.join(sorted(sys.modules)))\n"
)


def modules_loaded_by(args: list[str], env: dict[str, str]) -> set[str]:
    """The modules a real ``plantrack ARGS`` process has imported when it ends."""
    done = subprocess.run(
        [sys.executable, "-c", RUN_AND_LIST_MODULES, *args],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return set(done.stderr.split())


def test_start_up_stays_lazy(tmp_path, monkeypatch):
    """``--help`` and a report served from the cache never build the pydantic models,
    and Typer itself must not pull pydantic in (Typer 0.29 does, for every option:
    hence the pin below 0.29 in pyproject.toml)."""
    env = {**os.environ, "PLANTRACK_CACHE_DIR": str(tmp_path), "PLANTRACK_TODAY": "2026-11-23"}
    report = ["overdue", "--plans", str(ROOT / "plans" / "inclusion-strategy-2026-27.yaml")]
    assert "plantrack.plan.model" in modules_loaded_by(report, env)  # cold: checks the plan
    warm = modules_loaded_by(report, env)
    assert "pydantic" not in warm and "plantrack.plan.model" not in warm
    assert "plantrack.query" in warm  # it did run the report
    helped = modules_loaded_by(["--help"], env)
    assert not {"pydantic", "plantrack.plan.model", "plantrack.query", "yaml"} & helped


def test_entry_point_runs_without_cyclic_gc_or_pydantic_plugins(monkeypatch, capsys):
    """A command is one short process: main() turns the collector off and pydantic's
    plugin scan with it, unless the user set PYDANTIC_DISABLE_PLUGINS themselves."""
    from plantrack.cli import main

    monkeypatch.delenv("PYDANTIC_DISABLE_PLUGINS", raising=False)
    monkeypatch.setattr("sys.argv", ["plantrack", "--version"])
    try:
        with pytest.raises(SystemExit):
            main()
        assert not gc.isenabled()
        assert os.environ["PYDANTIC_DISABLE_PLUGINS"] == "__all__"
        monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", "")
        with pytest.raises(SystemExit):
            main()
        assert os.environ["PYDANTIC_DISABLE_PLUGINS"] == ""
    finally:
        gc.enable()
    assert capsys.readouterr().out.startswith("plantrack")
