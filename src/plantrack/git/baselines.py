"""The baseline rules of ``plantrack diff A B --check``: the original target never moves.

Councils report re-dating openly ("26% of actions re-scheduled, with approval"), which
only means something when the first target is kept. Between two revisions a change
fails when it

- edits or removes an existing ``original_due`` (PT601, PT602);
- moves a ``due`` deadline of an item without ``original_due`` and does not give it
  one holding the old target (PT603);
- removes a trackable (or a whole plan) instead of marking it ``cancelled`` (PT604,
  PT605);
- makes a status worse (PT606) or a deadline later (PT607) without a new
  ``rationale``.

Each problem is a :class:`~plantrack.errors.Diagnostic` on the line of the later
revision a reviewer should look at. Works on raw plans (:mod:`plantrack.git.changes`), so
a revision that would not validate today can still be compared.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from plantrack.errors import Diagnostic
from plantrack.git.changes import (
    RawItem,
    RawPlan,
    Side,
    deadline_in,
    read_sides,
    unreadable_counterpart,
)
from plantrack.plan.keys import PathKey
from plantrack.plan.status import BUILT_IN, SEVERITY, Status, UnknownStatus, Vocabulary
from plantrack.workspace import CheckReport

# Worst first, as reports sort (plan/status.SEVERITY); no status ranks as "not started".
_RANK = {status: rank for rank, status in enumerate(SEVERITY)}
_RANK[None] = _RANK[Status.NOT_STARTED]


@dataclass(frozen=True)
class BaselineReport(CheckReport):
    """What ``diff --check`` found: a check report whose summary speaks of baselines."""

    def summary(self, strict: str = "strict") -> str:
        if not self.errors:
            files = f"{self.files_checked} file" + ("" if self.files_checked == 1 else "s")
            return f"baselines kept in {files}" + (
                f"; {len(self.warnings)} warning(s)" if self.warnings else ""
            )
        return "baseline broken: " + super().summary(strict)


def check(rev_a: str | None, rev_b: str | None, plans_paths: Sequence[str]) -> BaselineReport:
    """Every baseline rule broken between two revisions of the plans under each path."""
    found: list[Diagnostic] = []
    files: set[str] = set()
    for path in plans_paths:
        old, new = read_sides(rev_a, rev_b, path)
        files |= {plan.file for plan in new.plans.values()}
        found += _check_sides(old, new)
    return BaselineReport(len(files), found)


def _check_sides(old: Side, new: Side) -> list[Diagnostic]:
    found = [_unreadable(change, later=False) for change in old.unreadable]
    found += [_unreadable(change, later=True) for change in new.unreadable]
    for plan_id in sorted(set(old.plans) | set(new.plans)):
        before, after = old.plans.get(plan_id), new.plans.get(plan_id)
        if before is None or unreadable_counterpart(before, after, old, new):
            continue  # added, or its file is reported unreadable
        if after is None:
            found.append(_plan_removed(before))
        else:
            found += check_plans(before, after)
    return found


def _unreadable(change: Any, later: bool) -> Diagnostic:
    """A file that cannot be read is an error at the later revision (its baselines
    cannot be checked) and a warning at the earlier one (nothing to compare with)."""
    return Diagnostic(
        "PT608",
        f"cannot check baselines: the file could not be read {change.detail}",
        change.file or "",
        hint="fix the file (plantrack validate names the problem)",
        severity="error" if later else "warning",
    )


def _plan_removed(plan: RawPlan) -> Diagnostic:
    count = sum(_is_trackable(item) for item in plan.items.values())
    return Diagnostic(
        "PT605",
        f"plan '{plan.plan_id}' was removed with its {count} trackable(s)",
        plan.file,
        1,
        1,
        "keep the file and mark what will not be delivered 'status: cancelled'",
    )


def check_plans(old: RawPlan, new: RawPlan) -> list[Diagnostic]:
    """The baseline rules between two revisions of one plan, in the later file's order."""
    found: list[Diagnostic] = []
    for item_id, before in old.items.items():
        after = new.items.get(item_id)
        if after is None:
            if _is_trackable(before):
                found.append(_removed(old, new, item_id, before))
            continue
        found += _item_problems(_Pair(old, new, item_id, before, after))
    return sorted(found, key=lambda d: (d.line, d.col))


def _is_trackable(item: RawItem) -> bool:
    """A milestone, or an action without milestones (docs/reference/plan-format.md)."""
    return item.kind == "milestone" or (item.kind == "action" and not item.data.get("milestones"))


def _removed(old: RawPlan, new: RawPlan, item_id: str, item: RawItem) -> Diagnostic:
    """Pointed at its parent in the later file (the place it went from), else the top."""
    parent = new.items.get(item.parent) if item.parent else None
    line, col = _where(new, parent.path + ("id",)) if parent else (1, 1)
    return Diagnostic(
        "PT604",
        f"{old.plan_id}:{item_id} ({_shown(item.data.get('title'))}) was removed",
        new.file,
        line,
        col,
        "put it back with 'status: cancelled' and a rationale (an id that changed reads "
        "as removed)",
    )


@dataclass
class _Pair:
    """One item at both revisions, with the plans it belongs to."""

    old_plan: RawPlan
    new_plan: RawPlan
    id: str
    old: RawItem
    new: RawItem

    @property
    def ref(self) -> str:
        return f"{self.new_plan.plan_id}:{self.id}"

    def problem(self, code: str, key: str, message: str, hint: str) -> Diagnostic:
        """A diagnostic on the line of ``key`` in the later file (the item's, if absent)."""
        path = self.new.path + (key,) if key in self.new.data else self.new.path
        document = self.new_plan.document
        loc = document.value_loc(path) if document else None
        return Diagnostic(
            code,
            f"{self.ref}: {message}",
            self.new_plan.file,
            loc.line if loc else 0,
            loc.col if loc else 0,
            hint,
        )


def _item_problems(pair: _Pair) -> list[Diagnostic]:
    if pair.new.kind not in ("action", "milestone"):
        return []
    found = _original_due_problems(pair)
    for problem in (_status_worse(pair), _deadline_later(pair)):
        if problem is not None:
            found.append(problem)
    return found


def _original_due_problems(pair: _Pair) -> list[Diagnostic]:
    before, after = pair.old.data.get("original_due"), pair.new.data.get("original_due")
    if before is not None:
        if after is None:
            return [
                pair.problem(
                    "PT602",
                    "original_due",
                    f"original_due '{_shown(before)}' was removed",
                    f"put back 'original_due: {_shown(before)}': the first target never moves",
                )
            ]
        if _same_text(before, after):
            return []
        return [
            pair.problem(
                "PT601",
                "original_due",
                f"original_due changed from '{_shown(before)}' to '{_shown(after)}'",
                f"put back 'original_due: {_shown(before)}': the first target never moves",
            )
        ]
    return _due_moved_without_baseline(pair, after)


def _due_moved_without_baseline(pair: _Pair, original: Any) -> list[Diagnostic]:
    """PT603: the old ``due``'s deadline moved (or went), and no ``original_due`` now
    holds it. A due without a deadline ("ongoing") has none to move."""
    old_due, new_due = pair.old.data.get("due"), pair.new.data.get("due")
    if deadline_in(old_due, pair.old_plan.meta) is None or new_due is None:
        return []
    if not _moved(pair, old_due, new_due):
        return []
    if original is not None and not _moved(pair, old_due, original):
        return []  # the new original_due holds the old target
    held = f" (original_due '{_shown(original)}' is not it)" if original is not None else ""
    return [
        pair.problem(
            "PT603",
            "due",
            f"due moved from '{_shown(old_due)}' to '{_shown(new_due)}' without keeping the "
            f"old target{held}",
            f"add 'original_due: {_shown(old_due)}', the target it had",
        )
    ]


def _moved(pair: _Pair, old_due: Any, new_due: Any) -> bool:
    """Whether a target moved: its deadline differs, or is gone ("March 2026" to
    "ongoing"); a new wording of the same deadline is not a move."""
    before = deadline_in(old_due, pair.old_plan.meta)
    after = deadline_in(new_due, pair.new_plan.meta)
    return before != after or (before is None and not _same_text(old_due, new_due))


def _status_worse(pair: _Pair) -> Diagnostic | None:
    if "status" not in pair.old.data and "status" not in pair.new.data:
        return None
    before = _status(pair.old_plan, pair.old.data.get("status"))
    after = _status(pair.new_plan, pair.new.data.get("status"))
    if before is False or after is False or _RANK[after] >= _RANK[before]:
        return None
    if _new_rationale(pair):
        return None
    return pair.problem(
        "PT606",
        "status",
        f"status worse ({_status_text(before)} -> {_status_text(after)}) without a new rationale",
        "say why in 'rationale: ...'",
    )


def _deadline_later(pair: _Pair) -> Diagnostic | None:
    before = deadline_in(pair.old.data.get("due"), pair.old_plan.meta)
    after = deadline_in(pair.new.data.get("due"), pair.new_plan.meta)
    if before is None or after is None or after <= before or _new_rationale(pair):
        return None
    days = (after - before).days
    return pair.problem(
        "PT607",
        "due",
        f"deadline moved later, {before.isoformat()} -> {after.isoformat()} (+{days} days), "
        "without a new rationale",
        "say why in 'rationale: ...'",
    )


def _status(plan: RawPlan, value: Any) -> Status | None | bool:
    """The canonical status of a raw value in the plan's words; False when unreadable
    (validate reports it; an unreadable status is neither better nor worse)."""
    if value is None:
        return None
    try:
        return _vocabulary(plan).parse(str(value))
    except UnknownStatus:
        return False


def _vocabulary(plan: RawPlan) -> Vocabulary:
    """The plan's own legend with the built-in words, as validate reads its statuses."""
    data = plan.document.data if plan.document is not None else None
    legend = data.get("statuses") if isinstance(data, dict) else None
    if not isinstance(legend, dict):
        return BUILT_IN
    try:
        return Vocabulary({str(word): BUILT_IN.parse(str(v)) for word, v in legend.items()})
    except UnknownStatus:
        return BUILT_IN


def _new_rationale(pair: _Pair) -> bool:
    """Whether the item now gives a rationale it did not give before (its own, or for a
    milestone its action's, which is the rationale reports show for it)."""
    after = _rationale(pair.new_plan, pair.new)
    return bool(after) and not _same_text(after, _rationale(pair.old_plan, pair.old))


def _rationale(plan: RawPlan, item: RawItem) -> Any:
    own = item.data.get("rationale")
    if own or item.kind != "milestone" or item.parent is None:
        return own
    action = plan.items.get(item.parent)
    return action.data.get("rationale") if action else None


def _status_text(status: Status | None) -> str:
    return status.value if status is not None else "no status"


def _same_text(first: Any, second: Any) -> bool:
    return " ".join(str(first).split()) == " ".join(str(second).split())


def _shown(value: Any) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= 60 else text[:59] + "…"


def _where(plan: RawPlan, path: PathKey) -> tuple[int, int]:
    if plan.document is None:
        return 1, 1
    loc = plan.document.value_loc(path)
    return loc.line, loc.col
