"""Shell completion values: item ids, plan ids, status spellings.

Completion runs on every Tab, so it reads plan files with a regular
expression over their text instead of loading and validating them, and
imports nothing heavy.
"""

from __future__ import annotations

import os
import re

from plantrack.config import default_plans, plan_files_under
from plantrack.fileio import read_regular
from plantrack.plan.status import accepted_spellings

_ID_LINE = re.compile(r"^(\s*)(?:-\s+)?(?:\{\s*)?id:\s*['\"]?([^'\"\s,}#]+)", re.M)


def _plan_texts() -> list[str]:
    root = default_plans()
    texts = []
    for path in [root] if os.path.isfile(root) else plan_files_under(root):
        try:  # a regular file only: a FIFO named x.yaml must not hang the shell's Tab
            texts.append(read_regular(path).decode("utf-8", "replace"))
        except OSError:
            continue
    return texts


def _ids(text: str) -> tuple[str | None, list[str]]:
    """The plan id (the unindented ``id:``) and the item ids of one file."""
    plan_id, items = None, []
    for match in _ID_LINE.finditer(text):
        if match.group(1) == "" and not match.group(0).lstrip().startswith("-"):
            plan_id = match.group(2)
        else:
            items.append(match.group(2))
    return plan_id, items


def item_ids(incomplete: str) -> list[str]:
    """``ID`` and ``PLAN-ID:ID`` values starting with what was typed."""
    found = []
    for text in _plan_texts():
        plan_id, items = _ids(text)
        for item in items:
            found.append(item)
            if plan_id:
                found.append(f"{plan_id}:{item}")
    return [value for value in dict.fromkeys(found) if value.startswith(incomplete)]


def plan_ids(incomplete: str) -> list[str]:
    found = (_ids(text)[0] for text in _plan_texts())
    return [value for value in found if value and value.startswith(incomplete)]


def statuses(incomplete: str) -> list[str]:
    typed = incomplete.lower()
    return [word for word in accepted_spellings() if word.lower().startswith(typed)]
