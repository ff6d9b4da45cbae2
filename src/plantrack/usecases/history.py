"""``plantrack history``: one item's status, due and rationale at each commit that
changed them, read from the raw data of each revision (a version that would not
validate today is still shown)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from plantrack.git import gitlog
from plantrack.git.changes import canonical_status, read_plan
from plantrack.plan.load import LoadError
from plantrack.usecases.lookup import find
from plantrack.workspace import load_folder

HISTORY_KEYS = ("status", "due", "original_due", "rationale", "as_of")


def history(path: str, item_id: str) -> list[dict[str, Any]]:
    """The item's values at each commit that changed them, oldest first."""
    root = gitlog.repo_root(path)
    commits = gitlog.file_log(path, root)
    blobs = gitlog.read_blobs([f"{c.sha}:{c.path}" for c in commits], root)
    rows: list[dict[str, Any]] = []
    previous: dict[str, Any] | None = None
    for commit in commits:
        state = _state_at(blobs.get(f"{commit.sha}:{commit.path}"), commit.path, item_id)
        if state == previous:
            continue
        changed = [k for k in state if previous is None or state.get(k) != previous.get(k)]
        rows.append(
            {
                "commit": commit.sha[:10],
                "date": commit.date,
                "author": commit.author,
                "subject": commit.subject,
                "file": commit.path,
                **state,
                "changed": [k for k in changed if k != "present"],
            }
        )
        previous = state
    return rows


def _state_at(content: bytes | None, file: str, item_id: str) -> dict[str, Any]:
    if content is None:
        return {"present": False, "note": "file not present"}
    try:
        plan = read_plan(content, file)
    except (LoadError, ValueError):
        return {"present": False, "note": "file did not load at this commit"}
    item = plan.items.get(item_id)
    if item is None:
        return {"present": False, "note": "item not in the plan"}
    state: dict[str, Any] = {"present": True}
    for key in HISTORY_KEYS:
        value = item.data.get(key)
        state[key] = canonical_status(value) if key == "status" else value
    return state


def item_history(plans: Sequence[str] | None, ref: str) -> tuple[str, str, list[dict[str, Any]]]:
    """``history``: the item ``ref`` found in the plans under ``plans``: its reference
    (``plan:id``), its title, and its state at each commit that changed it."""
    loaded, node = find(load_folder(plans), ref)
    return f"{loaded.plan.id}:{node.id}", node.title, history(loaded.file, node.id)
