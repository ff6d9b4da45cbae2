"""The house rules of docs' architecture: the core is a library without Typer or rich,
and the top-level package imports nothing."""

from __future__ import annotations

import ast
import gc
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from conftest import ROOT

SOURCE = ROOT / "src" / "plantrack"


def core_modules() -> list[str]:
    """Every module but the command line and the renderers, read from the tree: a new
    core module is held to the rules without anyone remembering to list it."""
    found = []
    for path in SOURCE.rglob("*.py"):
        parts = path.relative_to(SOURCE).with_suffix("").parts
        if parts[0] not in ("cli", "commands", "render", "__main__", "__init__"):
            found.append(".".join(parts).removesuffix(".__init__"))
    return sorted(found)


CORE = core_modules()


def test_core_imports_neither_typer_nor_rich():
    assert {"rows.query", "dates.grammar", "plan.model", "usecases.returns.collect"} <= set(CORE)
    assert not [m for m in CORE if m.split(".")[0] in ("cli", "commands", "render")]
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


# main() ends the process at once after running exit handlers, so the list is written by one.
RUN_AND_LIST_MODULES = (
    "import atexit, sys\n"
    "from plantrack.cli import main\n"
    "atexit.register(lambda: sys.stderr.write(' '.join(sorted(sys.modules))))\n"
    "sys.argv = ['plantrack', *sys.argv[1:]]\n"
    "main()\n"
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
    assert "plantrack.rows.query" in warm  # it did run the report
    helped = modules_loaded_by(["--help"], env)
    assert not {"pydantic", "plantrack.plan.model", "plantrack.rows.query", "yaml"} & helped


def test_entry_point_runs_without_cyclic_gc_or_pydantic_plugins(monkeypatch, capsys):
    """A command is one short process: main() turns the collector off and pydantic's
    plugin scan with it, unless the user set PYDANTIC_DISABLE_PLUGINS themselves, and
    keeps what reports load until it ends the process at once."""
    from plantrack.cli import application, main, options

    def exit_here(code: int) -> None:  # not os._exit: that would end pytest
        raise SystemExit(code)

    monkeypatch.setattr(application, "_exit_at_once", exit_here)
    monkeypatch.setattr(options, "keep_until_exit", options.keep_until_exit)  # main() sets it
    monkeypatch.delenv("PYDANTIC_DISABLE_PLUGINS", raising=False)
    monkeypatch.setattr("sys.argv", ["plantrack", "--version"])
    try:
        with pytest.raises(SystemExit):
            main()
        assert not gc.isenabled() and options.keep_until_exit == application.LOADED.append
        assert os.environ["PYDANTIC_DISABLE_PLUGINS"] == "__all__"
        monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", "")
        with pytest.raises(SystemExit):
            main()
        assert os.environ["PYDANTIC_DISABLE_PLUGINS"] == ""
    finally:
        gc.enable()
    assert capsys.readouterr().out.startswith("plantrack")


def test_the_process_ends_at_once_with_its_output_and_exit_code(tmp_path):
    """main() skips the interpreter's teardown (os._exit) after flushing: a real process
    must still write all its output (JSON as bytes, CSV through the text stream), run
    exit handlers and end with the command's code, cold and served from the cache."""
    actions = "".join(
        f"          - id: A{n}\n            title: Action {n}\n            due: Q1 25/26\n"
        for n in range(1, 401)
    )  # 400 overdue rows: more than a pipe holds, so the flush really writes
    plan = tmp_path / "late.yaml"
    plan.write_text(
        "plantrack: 1\nid: late\ntitle: Late\nfinancial_year: 2025/26\nthemes:\n"
        "  - id: T1\n    title: Theme\n    lead: Head of Service\n    objectives:\n"
        "      - id: T1.1\n        title: Objective\n        actions:\n" + actions
    )
    env = {**os.environ, "PLANTRACK_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("PYTHONUNBUFFERED", None)  # buffered, as a pipe is by default
    expected = [f"A{n}" for n in range(1, 401)]
    overdue = ["overdue", "--plans", str(plan), "--exit-code", "--as-of", "2026-11-23"]
    for output in ("json", "json", "csv"):
        done = subprocess.run(
            [sys.executable, "-c", RUN_AND_LIST_MODULES, *overdue, "--format", output],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        assert done.returncode == 1  # --exit-code: something is overdue
        if output == "json":
            assert [row["id"] for row in json.loads(done.stdout)] == expected
        else:
            lines = done.stdout.splitlines()
            assert [line.split(",")[2] for line in lines[1:]] == expected, lines[-1]
        assert "plantrack.rows.query" in done.stderr.split()  # the exit handler ran


def test_in_process_runs_keep_nothing_alive(cli):
    """Only main(), which ends the process at once, keeps reports' rows until exit; a
    program running the app in-process (these tests) must not accumulate them."""
    from plantrack.cli import application

    result = cli("overdue", "--plans", ROOT / "plans", "--format", "json")
    assert result.exit_code == 0 and json.loads(result.stdout)
    assert application.LOADED == []


def test_the_private_apis_the_exit_and_the_cache_rely_on_exist():
    """Two private CPython names are used on purpose, each with no public equivalent
    as cheap: ``atexit._run_exitfuncs`` runs the exit handlers that ``os._exit`` skips
    (plantrack.cli.application._exit_at_once), and ``_blake2`` gives the cache key
    without hashlib's OpenSSL import (plantrack.rows.cache). If a Python release renames
    either, this fails here rather than the exit losing its handlers silently or the
    cache quietly paying for OpenSSL on every run."""
    import atexit
    import importlib.util

    assert callable(atexit._run_exitfuncs)
    if sys.implementation.name == "cpython":
        assert importlib.util.find_spec("_blake2") is not None
        from plantrack.rows import cache

        assert cache._digest.__module__ == "plantrack.rows.cache"  # the _blake2 route, not sha256


# --- where tests go (docs/architecture.md): a module's tests are found by its name ------

TESTS = ROOT / "tests"
# Unit files named for the page's own rules rather than for one module.
HOUSE_RULES = {"architecture", "layers"}


def test_every_command_has_its_own_test_file():
    import typer.main

    from plantrack.cli import app

    commands = list(typer.main.get_command(app).commands)
    assert "overdue" in commands
    missing = [
        f"tests/commands/test_{name}.py"
        for name in commands
        if not (TESTS / "commands" / f"test_{name}.py").exists()
    ]
    assert not missing, "each command's tests go in tests/commands/test_<command>.py: " + str(
        missing
    )


def names_a_module(stem: str, modules: list[str]) -> bool:
    """Whether ``test_<stem>.py`` names a module: its path joined by underscores
    (``plan_status``) or its own name (``check``), optionally then ``_<aspect>``
    (``dates_seeds``)."""
    for module in modules:
        for name in (module.replace(".", "_"), module.rpartition(".")[2]):
            if stem == name or stem.startswith(name + "_"):
                return True
    return False


def test_every_unit_test_file_names_the_module_it_tests():
    modules = CORE + [
        f"{package}.{path.stem}"
        for package in ("render", "cli")
        for path in (SOURCE / package).glob("*.py")
    ]
    stems = [path.stem.removeprefix("test_") for path in (TESTS / "unit").glob("test_*.py")]
    unnamed = [s for s in stems if s not in HOUSE_RULES and not names_a_module(s, modules)]
    assert not unnamed, f"tests/unit/test_<module>.py names no module: {unnamed}"


def test_the_module_name_rule():
    modules = ["plan.status", "plan.check", "dates", "usecases.returns"]
    assert names_a_module("plan_status", modules) and names_a_module("check", modules)
    assert names_a_module("dates_seeds", modules) and names_a_module("returns", modules)
    assert not names_a_module("edits", modules) and not names_a_module("statuses", modules)


# --- short functions, and commands that only read options, call a use case, render ------

MAX_FUNCTION_LINES = 60


def long_functions(source: str, limit: int = MAX_FUNCTION_LINES) -> list[tuple[str, int, int]]:
    """Every function (or method) of ``source`` longer than ``limit`` lines, its
    decorators aside and its docstring counted: (name, first line, length)."""
    return [
        (node.name, node.lineno, node.end_lineno - node.lineno + 1)
        for node in ast.walk(ast.parse(source))
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        and node.end_lineno - node.lineno + 1 > limit
    ]


def test_the_function_length_counter():
    body = "".join(f"    x{n} = {n}\n" for n in range(59))
    assert long_functions(f"def fits():\n{body}") == []  # 60 lines with its def
    assert long_functions(f"class C:\n  def over():\n{body}    pass\n") == [("over", 2, 61)]


def test_no_function_is_longer_than_sixty_lines():
    """docs/architecture.md: a function over 60 lines is split by what it does."""
    found = [
        f"{path.relative_to(ROOT)}:{line}: {name} is {length} lines"
        for path in sorted(SOURCE.rglob("*.py"))
        for name, line, length in long_functions(path.read_text(encoding="utf-8"))
    ]
    assert not found, "split these by what they do:\n" + "\n".join(found)


MAX_MODULE_LINES = 500


def test_no_module_is_longer_than_five_hundred_lines():
    """docs/architecture.md: a module over 500 lines holds two things; give one its own."""
    found = [
        f"{path.relative_to(ROOT)} is {length} lines"
        for path in sorted(SOURCE.rglob("*.py"))
        if (length := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    ]
    assert not found, "split these by what they hold:\n" + "\n".join(found)


# A command module reads its options (cli/), calls one use case and hands the result to
# the renderers (render/); errors for option text that cannot be used (UsageError).
COMMAND_MAY_IMPORT = ("plantrack.cli", "plantrack.errors", "plantrack.render")
# Names a module prints with: a command leaves printing to its renderer.
PRINTING = {"print", "echo", "console", "error_console", "stdout", "stderr"}
# Commands still calling the core directly, each with why; the test below fails when one
# no longer does, so the list cannot go stale.
NOT_YET: dict[str, str] = {}


def _imported(path: Path) -> set[str]:
    """The plantrack modules a file imports, ``from package import module`` read as
    the module."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                dotted = f"{node.module}.{alias.name}"
                as_module = SOURCE.parent / (dotted.replace(".", "/"))
                is_module = as_module.with_suffix(".py").exists() or as_module.is_dir()
                found.add(dotted if is_module else node.module)
    return {name for name in found if name.split(".")[0] == "plantrack"}


def command_problems(path: Path) -> list[str]:
    """How a command module breaks the rule: an import of the core (anything but the
    CLI, the errors, the renderers and one use case), more than one use case, or
    printing of its own."""
    imported = _imported(path)
    use_cases = sorted(m for m in imported if m.startswith("plantrack.usecases."))
    core = sorted(
        m
        for m in imported
        if not m.startswith(COMMAND_MAY_IMPORT) and not m.startswith("plantrack.usecases.")
    )
    tree = ast.parse(path.read_text(encoding="utf-8"))
    printed = sorted(
        {
            name
            for node in ast.walk(tree)
            for name in [
                node.id
                if isinstance(node, ast.Name)
                else node.attr
                if isinstance(node, ast.Attribute)
                else None
            ]
            if name in PRINTING
        }
    )
    problems = [f"imports the core: {', '.join(core)}"] if core else []
    if len(use_cases) > 1:
        problems.append(f"calls {len(use_cases)} use cases: {', '.join(use_cases)}")
    if printed:
        problems.append(f"prints itself ({', '.join(printed)}): a renderer's job")
    return problems


def command_modules() -> list[Path]:
    return sorted(p for p in (SOURCE / "commands").glob("*.py") if p.name != "__init__.py")


def test_a_command_reads_options_calls_one_use_case_and_renders():
    broken = [
        f"{path.relative_to(ROOT)}: {problem}"
        for path in command_modules()
        if path.stem not in NOT_YET
        for problem in command_problems(path)
    ]
    assert not broken, "move it down into usecases/ or render/:\n" + "\n".join(broken)
    moved = [name for name in NOT_YET if not command_problems(SOURCE / "commands" / f"{name}.py")]
    assert not moved, f"{moved} now follow the rule: take them off NOT_YET"


def test_the_command_rule_reader(tmp_path):
    command = tmp_path / "command.py"
    command.write_text(
        "from plantrack.cli import options\n"
        "def command():\n"
        "    from plantrack.usecases import importer\n"
        "    from plantrack.usecases.returns import issue\n"
        "    from plantrack.rows.query import overdue\n"
        "    from plantrack.render.reports import write_listing\n"
        "    typer.echo('hello')\n"
    )
    assert command_problems(command) == [
        "imports the core: plantrack.rows.query",
        "calls 2 use cases: plantrack.usecases.importer, plantrack.usecases.returns",
        "prints itself (echo): a renderer's job",
    ]
