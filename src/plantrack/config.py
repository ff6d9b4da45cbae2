"""The ``PLANTRACK_*`` environment and the one plan-file finder.

Everything a run reads from its surroundings before any plan is opened lives
here: which folder holds the plans, which files in it are plans, a fixed
today for reproducible reports, the cache folder and how many processes to
use. It sits at the bottom of the house (beside :mod:`plantrack.errors`), so
every layer above may ask it and it asks none of them.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from plantrack.errors import UsageError

PLAN_SUFFIXES = (".yaml", ".yml")
DEFAULT_PLANS = "plans"
MAX_WORKERS = 8


def default_plans() -> str:
    """``$PLANTRACK_PLANS``, else ``plans``."""
    return os.environ.get("PLANTRACK_PLANS") or DEFAULT_PLANS


def fixed_today() -> date | None:
    """``$PLANTRACK_TODAY`` (ISO) for reproducible reports and docs; None when unset.

    Only the spelling is checked here; the range of years a report can look at is a
    fact of the date grammar, checked by :func:`plantrack.workspace.current_day`.
    """
    fixed = os.environ.get("PLANTRACK_TODAY")
    if not fixed:
        return None
    try:
        return date.fromisoformat(fixed)
    except ValueError:
        raise UsageError(f"PLANTRACK_TODAY={fixed!r} is not an ISO date") from None


def workers() -> int:
    """Processes for checking uncached files: the cores, up to 8, or ``$PLANTRACK_WORKERS``."""
    given = os.environ.get("PLANTRACK_WORKERS", "").strip()
    if not given:
        return min(os.cpu_count() or 1, MAX_WORKERS)
    try:
        return max(1, int(given))
    except ValueError:
        raise UsageError(
            f"PLANTRACK_WORKERS={given!r} is not a number",
            hint="set it to a count of processes (1 keeps to one), or unset it",
        ) from None


def cache_dir() -> Path:
    """``$PLANTRACK_CACHE_DIR``, else ``$XDG_CACHE_HOME/plantrack``, else ``~/.cache/plantrack``."""
    explicit = os.environ.get("PLANTRACK_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "plantrack"


# --- finding plan files -------------------------------------------------------------------


def is_plan_name(name: str) -> bool:
    """A file name plantrack reads as a plan: ``*.yaml`` or ``*.yml``, not hidden."""
    return name.endswith(PLAN_SUFFIXES) and not name.startswith(".")


def find_plan_files(paths: Sequence[str | os.PathLike] | None = None) -> list[str]:
    """Plan files under each path (a file, or a folder searched recursively).

    A path that does not exist is a usage error (exit 2); so is finding no plans.
    """
    files: list[str] = []
    for path in paths or [default_plans()]:
        path = str(path)
        if os.path.isdir(path):
            files.extend(plan_files_under(path))
        elif os.path.lexists(path):
            files.append(path)
        else:
            raise UsageError(
                f"no such file or folder: {path}",
                hint="give {0} a folder of plan files, or set PLANTRACK_PLANS",
                named=("plans",),
            )
    if not files:
        raise UsageError(
            f"no plan files (*.yaml) found in {', '.join(map(str, paths or [default_plans()]))}"
        )
    return list(dict.fromkeys(files))


def plan_files_under(folder: str) -> list[str]:
    """The plan files in ``folder`` and its sub-folders (hidden ones skipped), in order;
    nothing for a folder that cannot be read. Completion lists ids from these too."""
    found: list[str] = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(os.path.join(root, name) for name in sorted(names) if is_plan_name(name))
    return found


def plan_files_beside(paths: Sequence[str | os.PathLike], files: Sequence[str]) -> list[str]:
    """The plan files in the folder of each path named as a file, other than ``files``.

    A pre-commit hook names only the staged files: a link to a plan that did not
    change must still resolve, and a new plan must not reuse a neighbour's id. Only
    the named file's own folder is read, not the tree around it.
    """
    folders = {os.path.dirname(os.path.abspath(p)) for p in paths if os.path.isfile(p)}
    named = {os.path.abspath(f) for f in files}
    return [
        os.path.join(folder, name)
        for folder in sorted(folders)
        for name in _names_in(folder)
        if is_plan_name(name) and os.path.join(folder, name) not in named
    ]


def _names_in(folder: str) -> list[str]:
    try:
        return sorted(os.listdir(folder))
    except OSError:  # unreadable: the named files are still checked on their own
        return []
