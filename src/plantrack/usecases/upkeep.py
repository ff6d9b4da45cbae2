"""The commands that look after the project's own files rather than report on plans:
``validate`` (every plan file checked), ``schema`` (the JSON schema editors read,
written or checked) and ``cache`` (where the report cache lives, and clearing it).
Each is one call into the core, kept here so that a command still calls one use case."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from plantrack.rows.cache import cache_dir, clear
from plantrack.workspace import CheckReport, load_folder


def check_plans(paths: Sequence[str] | None, strict: bool = False) -> CheckReport:
    """``validate``: every plan under ``paths`` (None: the default folder) checked, every
    problem in file order; with ``strict`` a warning fails the check too."""
    return load_folder(list(paths) if paths else None).check_report(strict=strict)


def refresh_schema(path: Path, check: bool) -> Literal["current", "stale", "written"]:
    """``schema``: whether the file is what the models generate now; unless ``check``,
    made so ("written" when it changed)."""
    # the pydantic models: only the schema needs them, never `cache path`
    from plantrack.plan.schema import is_current, write_schema

    if check:
        return "current" if is_current(path) else "stale"
    return "written" if write_schema(path) else "current"


def cache_folder() -> Path:
    """Where the report cache lives."""
    return Path(cache_dir())


def clear_cache() -> tuple[int, Path]:
    """Every cached entry removed: how many, and from where."""
    return clear(), cache_folder()
