"""Finding one item by id across plans, and describing it in full for ``show``."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from plantrack.errors import PlantrackError, UsageError
from plantrack.git import updated
from plantrack.git.changes import slip
from plantrack.plan.check import LoadedPlan
from plantrack.plan.walk import Node
from plantrack.plan.walk import nodes as walk
from plantrack.suggest import did_you_mean
from plantrack.usecases.explain import explain
from plantrack.workspace import Workspace, load_folder


def find(workspace: Workspace, ref: str) -> tuple[LoadedPlan, Node]:
    """The item ``ID`` (unique across plans) or ``PLAN-ID:ID``.

    An unknown id suggests the nearest ones (a usage error, like a bad option
    value); an id used by several plans asks for the ``PLAN-ID:ID`` form rather
    than picking one. When files with errors were left out, not finding the id
    reports those errors: the item may well be in one of them.
    """
    plan_id, _, item_id = ref.rpartition(":")
    candidates = [loaded for loaded in workspace.plans if not plan_id or loaded.plan.id == plan_id]
    if plan_id and not candidates:
        _refuse_if_unread(workspace, f"no plan '{plan_id}' among the valid plans")
        known = sorted(p.plan.id for p in workspace.plans)
        raise UsageError(f"no plan '{plan_id}'", hint=did_you_mean(plan_id, known, n=3))
    found = [
        (loaded, node) for loaded in candidates for node in walk(loaded.plan) if node.id == item_id
    ]
    if len(found) > 1:
        refs = ", ".join(f"{loaded.plan.id}:{item_id}" for loaded, _ in found)
        raise UsageError(f"'{item_id}' is in {len(found)} plans", hint=f"write one of {refs}")
    if not found:
        _refuse_if_unread(workspace, f"no item '{ref}' among the valid plans")
        ids = [node.id for loaded in candidates for node in walk(loaded.plan)]
        raise UsageError(f"no item '{ref}'", hint=did_you_mean(item_id, ids, n=3))
    return found[0]


def _refuse_if_unread(workspace: Workspace, message: str) -> None:
    """Exit 1 with the errors of the files that could not be searched, if any."""
    errors = workspace.errors
    if errors:
        files = len({d.file for d in errors})
        raise PlantrackError(
            f"{message}; {files} plan file(s) with errors were not searched",
            hint="fix the errors above and run the command again",
            diagnostics=errors,
        )


def describe(workspace: Workspace, ref: str) -> dict[str, Any]:
    """Everything ``show`` prints, as one plain record."""
    loaded, node = find(workspace, ref)
    plan, item = loaded.plan, node.item
    line = loaded.document.locate(node.path).line
    detail: dict[str, Any] = {
        "plan": plan.id,
        "plan_title": plan.title,
        "id": node.id,
        "kind": node.kind,
        "title": node.title,
        "ancestors": [{"kind": a.kind, "id": a.id, "title": a.title} for a in node.ancestors],
        "lead": list(node.lead),
        "directorate": node.directorate,
        "cabinet_member": node.cabinet_member,
        "as_of": node.as_of.isoformat() if node.as_of else None,
        "updated": _updated(loaded.file, plan.id, node),
        "file": loaded.file,
        "line": line,
    }
    for key in ("description", "measure", "rationale", "notes"):
        detail[key] = getattr(item, key, None)
    status = getattr(item, "status", None)
    detail["status"] = status.value if status else None
    detail["rag"] = status.rag if status else None
    detail["dates"] = _dates(item, plan)
    detail["slipped_days"] = _slip(detail["dates"])
    detail["slipped"] = _slip_text(item, plan) if detail["slipped_days"] is not None else None
    detail["children"] = [_child(child) for child in node.children()]
    detail["links"] = list(getattr(item, "links", None) or [])
    detail["linked_from"] = _linked_from(workspace, plan.id, node.id)
    return detail


def _updated(file: str, plan_id: str, node) -> str | None:
    """The later of the item's as_of and the last commit changing it (plantrack.git.updated)."""
    changed = updated.last_changes([file]).get((plan_id, node.id))
    days = [day for day in (node.as_of, changed) if day is not None]
    return max(days).isoformat() if days else None


def _dates(item: object, plan) -> list[dict[str, Any]]:
    found = []
    for key in ("due", "original_due"):
        text = getattr(item, key, None)
        if text:
            found.append({"key": key, **explain(text, plan.financial_year, plan.year_start)})
    return found


def _slip(dates: list[dict[str, Any]]) -> int | None:
    """Days between the original and the revised deadline, when both exist."""
    by_key = {d["key"]: d.get("deadline") for d in dates}
    if by_key.get("due") and by_key.get("original_due"):
        return (date.fromisoformat(by_key["due"]) - date.fromisoformat(by_key["original_due"])).days
    return None


def _slip_text(item: object, plan) -> str | None:
    """ "+92 days, 1 quarter later", in the plan's own calendar."""
    meta = {"financial_year": plan.financial_year, "year_start": plan.year_start}
    return slip(item.original_due, item.due, meta)  # type: ignore[attr-defined]


def _child(child: object) -> dict[str, Any]:
    status = getattr(child, "status", None)
    return {
        "id": child.id,
        "title": child.title,
        "due": getattr(child, "due", None),  # type: ignore[attr-defined]
        "status": status.value if status else None,
        "rag": status.rag if status else None,
    }


def _linked_from(workspace: Workspace, plan_id: str, item_id: str) -> list[str]:
    """Items anywhere that link to this one (by ``ID`` in its plan or ``PLAN-ID:ID``)."""
    found = []
    for loaded in workspace.plans:
        for node in walk(loaded.plan):
            for link in getattr(node.item, "links", None) or ():
                target_plan, _, target = link.rpartition(":")
                if target == item_id and (target_plan or loaded.plan.id) == plan_id:
                    found.append(f"{loaded.plan.id}:{node.id}")
    return found


def show(plans: Sequence[str] | None, ref: str) -> dict[str, Any]:
    """``show``: the item ``ref`` of the valid plans under ``plans``, described."""
    return describe(load_folder(plans).require_valid(), ref)
