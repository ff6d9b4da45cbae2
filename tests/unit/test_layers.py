"""The layers of docs/architecture.md, read from its table and checked against the
source: every module is named in one layer, imports only from its own layer or below,
no import cycle, and function-local imports (arrows a reader cannot see at the top of
a file) only in the CLI, apart from a short list of heavy modules loaded lazily on
purpose."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

from conftest import ROOT

SOURCE = ROOT / "src" / "plantrack"

ARCHITECTURE = ROOT / "docs" / "architecture.md"
# A name in backticks that is a module file or a folder: `index.py`, `dates/`.
MODULE_TOKEN = re.compile(r"`([\w/]+(?:\.py|/))`")


def _module_of(relative: str) -> str | None:
    """The dotted module a page token names, relative to src/plantrack (``dates/`` is the
    package, ``dates/calendar.py`` a module); None for a folder that is not a package
    (``templates/``)."""
    path = SOURCE / relative
    if relative.endswith("/"):
        return module_name(path / "__init__.py") if (path / "__init__.py").exists() else None
    return module_name(path)


def read_layer_map(text: str) -> tuple[dict[str, int], list[str]]:
    """The layer of every module the page's table names, and the page's mistakes (a module
    in two layers, a file that does not exist). A row's ``where`` cell is either a folder,
    whose modules its ``owns`` cell names relative to it, or the module files themselves."""
    layers: dict[str, int] = {}
    problems: list[str] = []
    for row in re.findall(r"^\| *(\d) *\|(.*)$", text, flags=re.M):
        layer, cells = int(row[0]), row[1].split("|")
        where, owns = cells[0], "|".join(cells[1:])
        folders = [t for t in MODULE_TOKEN.findall(where) if t.endswith("/")]
        named = MODULE_TOKEN.findall(where) + (MODULE_TOKEN.findall(owns) if folders else [])
        prefix = folders[0] if folders else ""
        for token in named:
            relative = token if token == prefix else prefix + token
            if relative.endswith(".py") and not (SOURCE / relative).exists():
                problems.append(f"the table names {relative}, which does not exist")
                continue
            module = _module_of(relative)
            if module is None:
                continue
            if module in layers and layers[module] != layer:
                problems.append(f"{relative} is in two layers, {layers[module]} and {layer}")
            layers[module] = layer
    return layers, problems


NAMES = {1: "base", 2: "dates", 3: "plan", 4: "core", 5: "usecases", 6: "render", 7: "cli"}

# Where function-local imports are part of the design: the CLI imports the core
# inside command bodies so that `plantrack --help` and completion start fast.
LOCAL_IMPORTS_ANYWHERE = ("plantrack.cli", "plantrack.commands")

# Elsewhere only these, each a heavy module that must load lazily:
LAZY = {
    "rich": "the terminal library: JSON and CSV output never load it",
    "openpyxl": "the optional xlsx extra: only spreadsheets need it",
    "jinja2": "templates: only the committee paper needs them",
    "concurrent": "a process pool: only a cold run over many files starts one",
    "tempfile": "only a write needs it; a report served from the cache writes nothing",
    "plantrack.plan.model": "pydantic models: a report served from the cache never builds them",
    "plantrack.plan.check": "validation, which brings the models: as plantrack.plan.model",
    "plantrack.git.changes": "old plan versions (YAML, the grammar): only history reads need them",
    "plantrack.plan.load": "YAML: git.updated reads old versions only when no answer is kept",
    "plantrack.git.updated": "git history and hashlib: only recurring dues and --stale ask",
    "plantrack.usecases.close": "git tags, old plan versions: only a closed quarter's paper",
    "plantrack.plan.schema": "the models: upkeep's schema needs them, clearing the cache not",
}
# The package's PEP 562 entry points (plantrack.load_folder ...): `import plantrack`
# stays light, and the core loads when a library caller first asks for it.
FACADE = {("plantrack", "plantrack.workspace")}
MAX_LOCAL_IMPORTS_OUTSIDE_CLI = 40

# Option names of the command line, as the core must never write them.
FLAG = re.compile(r"(?<![\w-])--[a-z][a-z-]*")
FLAG_FREE_LAYERS = (1, 2, 3, 4, 5)
# gitlog.py is the one module that runs git: its `--` strings are git's options.
GIT_ARGUMENTS = {"plantrack.git.gitlog"}


def lazy(target: str) -> bool:
    """Whether ``target`` is one of the heavy modules loaded lazily on purpose."""
    return any(target == name or target.startswith(name + ".") for name in LAZY)


@dataclass(frozen=True)
class Import:
    module: str  # the importer
    target: str  # a plantrack module, or a third-party top-level name
    line: int
    local: bool  # inside a function
    typing_only: bool  # under `if TYPE_CHECKING:`


def module_name(path: Path) -> str:
    parts = path.relative_to(SOURCE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def all_modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(SOURCE.rglob("*.py"))}


MODULES = all_modules()
LAYERS, PAGE_PROBLEMS = read_layer_map(ARCHITECTURE.read_text(encoding="utf-8"))


def layer_of(module: str) -> int | None:
    """A module's layer, as docs/architecture.md's table gives it (None: not named)."""
    return LAYERS.get(module)


def _resolve(node: ast.ImportFrom, module: str, path: Path) -> str:
    if not node.level:
        return node.module or ""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for _ in range(node.level - 1):
        package = package.rpartition(".")[0]
    return f"{package}.{node.module}" if node.module else package


def imports_of(module: str, path: Path) -> list[Import]:
    found: list[Import] = []

    def visit(node: ast.AST, local: bool, typing_only: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import):
                for alias in child.names:
                    found.append(Import(module, alias.name, child.lineno, local, typing_only))
            elif isinstance(child, ast.ImportFrom):
                base = _resolve(child, module, path)
                targets = {
                    f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base
                    for alias in child.names
                }
                for target in sorted(targets):
                    found.append(Import(module, target, child.lineno, local, typing_only))
            elif isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                visit(child, local, True)
            else:
                inside = local or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef))
                visit(child, inside, typing_only)

    visit(ast.parse(path.read_text(encoding="utf-8")), False, False)
    return found


IMPORTS = [imp for module, path in MODULES.items() for imp in imports_of(module, path)]
OWN = [
    imp
    for imp in IMPORTS
    if imp.target.split(".")[0] == "plantrack" and (imp.module, imp.target) not in FACADE
]


def where(imp: Import) -> str:
    return f"{MODULES[imp.module].relative_to(ROOT)}:{imp.line}"


def test_every_module_is_named_in_the_architecture_page():
    unplaced = [
        f"{path.relative_to(SOURCE).as_posix()}: name it in the row of its layer"
        for module, path in MODULES.items()
        if layer_of(module) is None
    ]
    assert not unplaced, "docs/architecture.md's table does not name:\n" + "\n".join(unplaced)


def test_the_architecture_page_names_each_module_once_and_only_modules_that_exist():
    """A module moved or removed leaves no stale name behind on the page."""
    assert not PAGE_PROBLEMS, "docs/architecture.md: " + "\n".join(PAGE_PROBLEMS)
    assert set(LAYERS) <= set(MODULES)
    assert len(LAYERS) >= 90 and set(LAYERS.values()) == set(NAMES)


def test_the_layer_map_reader():
    """The reader of the page's table: folders, files relative to them, mistakes."""
    page = (
        "| layer | where | owns |\n|---|---|---|\n"
        "| 1 | `errors.py`, `config.py` | the error type (`Diagnostic`) |\n"
        "| 2 | `dates/` | `calendar.py`, `gone.py` and `templates/` |\n"
        "| 7 | `cli/` | `application.py`, and `errors.py` again: not the root's |\n"
        "| 5 | `errors.py` | twice |\n"
    )
    layers, problems = read_layer_map(page)
    assert layers == {
        "plantrack.errors": 5,
        "plantrack.config": 1,
        "plantrack.dates": 2,
        "plantrack.dates.calendar": 2,
        "plantrack.cli": 7,
        "plantrack.cli.application": 7,
    }
    assert problems == [
        "the table names dates/gone.py, which does not exist",
        "the table names cli/errors.py, which does not exist",
        "errors.py is in two layers, 1 and 5",
    ]


def test_no_module_imports_from_a_layer_above_its_own():
    upward = [
        f"{where(imp)}: {imp.module} ({NAMES[layer_of(imp.module)]}) imports "
        f"{imp.target} ({NAMES[layer_of(imp.target)]})"
        for imp in OWN
        if layer_of(imp.target) is not None
        and layer_of(imp.module) is not None
        and layer_of(imp.target) > layer_of(imp.module)
    ]
    assert not upward, "\n".join(upward)


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle in ``graph``, as the modules around it, or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return path[path.index(target) :] + [target]
            if target not in state:
                found = visit(target)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_no_import_cycle():
    """Function-local imports count: a cycle hidden in a function body is still one."""
    graph: dict[str, set[str]] = {}
    for imp in OWN:
        if not imp.typing_only and imp.target != imp.module:
            graph.setdefault(imp.module, set()).add(imp.target)
    assert _cycle(graph) is None, " -> ".join(_cycle(graph) or [])


# Inside rows/: storage (the cache and the records it keeps) imports the rules and the
# row, never the other way (docs/architecture.md, "The warm path is fenced").
STORAGE = {"plantrack.rows.cache", "plantrack.rows.stored"}
RULES = {
    "plantrack.rows.index",
    "plantrack.rows.query",
    "plantrack.rows.period",
    "plantrack.rows.records",
}


def test_storage_sits_above_the_rules_and_the_rules_never_import_it():
    backwards = [
        f"{where(imp)}: {imp.module} imports {imp.target}"
        for imp in OWN
        if imp.module in RULES and imp.target in STORAGE
    ]
    assert not backwards, "the rules must not know the cache:\n" + "\n".join(backwards)
    stored = {imp.target for imp in OWN if imp.module == "plantrack.rows.stored"}
    assert {"plantrack.rows.records", "plantrack.rows.query"} <= stored


def test_the_cycle_finder_finds_one():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": {"c"}}) is None


def test_function_local_imports_only_in_the_cli_or_lazy_and_few():
    outside = [
        imp
        for imp in IMPORTS
        if imp.local and not imp.typing_only and not imp.module.startswith(LOCAL_IMPORTS_ANYWHERE)
    ]
    hidden = [
        f"{where(imp)}: {imp.target}"
        for imp in outside
        if not lazy(imp.target) and (imp.module, imp.target) not in FACADE
    ]
    assert not hidden, "import these at the top of the module:\n" + "\n".join(hidden)
    assert len(outside) <= MAX_LOCAL_IMPORTS_OUTSIDE_CLI


def _flags_written(path: Path) -> list[tuple[int, str]]:
    """Command-line flags in a module's strings: every literal a message or a hint
    can be made of (docstrings, which speak to readers of the code, aside)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, flag)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
        if id(node) not in docstrings
        for flag in FLAG.findall(node.value)
    ]


def test_no_core_module_names_a_command_line_flag():
    """The core raises domain errors naming values (``quarter``) and the CLI
    (plantrack.cli.flags) writes the flag, so a library caller never reads one."""
    named = [
        f"{path.relative_to(ROOT)}:{line}: {flag}"
        for module, path in MODULES.items()
        if layer_of(module) in FLAG_FREE_LAYERS and module not in GIT_ARGUMENTS
        for line, flag in _flags_written(path)
    ]
    assert not named, "\n".join(named)


def test_the_flag_check_sees_a_flag_and_not_a_dash_range():
    assert FLAG.findall('"give --plans a folder"') == ["--plans"]
    assert FLAG.findall('"2026--27", "a --- b", "x-->y"') == []
