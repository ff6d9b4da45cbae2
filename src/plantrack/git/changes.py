"""Git history in plan terms: what changed between two revisions (one item's
values over time is :mod:`plantrack.usecases.history`, built on the same reading).

Both work on the raw loaded data (not the validated model), so a version of a
file that would not validate today can still be read and compared.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from plantrack.config import find_plan_files
from plantrack.dates import DateError, Quarter, parse, parse_month
from plantrack.git import gitlog
from plantrack.plan.keys import PathKey
from plantrack.plan.load import Document, LoadError, load_bytes, read_bytes
from plantrack.plan.status import parse_status
from plantrack.plan.walk import walk_tree

TRACKED_KEYS = ("status", "due", "original_due", "rationale", "as_of", "title", "lead")
PLAN_KEYS = ("title", "period", "financial_year", "year_start", "as_of", "organisation", "source")


# --- reading raw plans -------------------------------------------------------------------


@dataclass
class RawItem:
    kind: str
    data: dict[str, Any]
    parent: str | None
    path: PathKey = ()  # where it sits in its file: ``diff --check`` names the line


@dataclass
class RawPlan:
    """A plan file's raw data at one revision: plan keys and items by id."""

    file: str
    plan_id: str
    meta: dict[str, Any]
    items: dict[str, RawItem] = field(default_factory=dict)
    document: Document | None = None  # the positions of its keys, for file:line


def raw_items(data: dict[str, Any]) -> list[tuple[str, RawItem]]:
    """Every item with an id, depth first, with its parent's id (an item without an id
    is left out with everything under it: it cannot be compared)."""

    def make(parent: tuple[str, RawItem] | None, kind: str, path, item: dict):
        if "id" not in item:
            return None
        return str(item["id"]), RawItem(kind, item, parent[0] if parent else None, path)

    return walk_tree(data, make, raw=True)


def read_plan(content: bytes, file: str) -> RawPlan:
    """Raw plan from file content; LoadError or ValueError when it is not one."""
    doc = load_bytes(content, file)
    if not isinstance(doc.data, dict) or not doc.data.get("id"):
        raise ValueError("not a plan (no top-level id)")
    plan = RawPlan(
        file,
        str(doc.data["id"]),
        {k: doc.data.get(k) for k in PLAN_KEYS if k in doc.data},
        document=doc,
    )
    plan.items = dict(raw_items(doc.data))
    return plan


# --- comparing ---------------------------------------------------------------------------


def canonical_status(value: Any) -> str | None:
    if value is None:
        return None
    try:
        return parse_status(str(value)).value
    except ValueError:
        return str(value)


def deadline_in(text: Any, meta: dict[str, Any]) -> date | None:
    """The deadline of a raw date expression in a raw plan's calendar; None when it has
    none or does not parse (validate reports that)."""
    if text is None:
        return None
    try:
        year_start = meta.get("year_start") or 4
        return parse(str(text), meta.get("financial_year"), year_start).deadline
    except (DateError, TypeError, ValueError):
        return None


def slip(old_due: Any, new_due: Any, meta: dict[str, Any]) -> str | None:
    """ "+92 days (1 quarter later)" for a revised due, when both parse."""
    old, new = deadline_in(old_due, meta), deadline_in(new_due, meta)
    if old is None or new is None:
        return None
    days = (new - old).days
    year_start = parse_year_start(meta.get("year_start") or 4)
    quarters = _quarter_index(Quarter.containing(new, year_start)) - _quarter_index(
        Quarter.containing(old, year_start)
    )
    later = "later" if days >= 0 else "earlier"
    q_text = (
        f", {abs(quarters)} quarter{'s' if abs(quarters) != 1 else ''} {later}" if quarters else ""
    )
    return f"{days:+d} days{q_text}"


def parse_year_start(value: Any) -> int:
    try:
        return parse_month(value)
    except (DateError, TypeError, ValueError):
        return 4


def _quarter_index(quarter) -> int:
    return quarter.start_year * 4 + quarter.number


@dataclass(frozen=True)
class Change:
    """One difference in plan terms."""

    plan: str
    id: str
    kind: str
    change: str  # status, due, rationale, added, removed, moved, title, plan, unreadable...
    old: Any = None
    new: Any = None
    detail: str | None = None
    file: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "plan": self.plan,
            "id": self.id,
            "kind": self.kind,
            "change": self.change,
            "old": self.old,
            "new": self.new,
            "detail": self.detail,
            "file": self.file,
        }


def compare_plans(old: RawPlan | None, new: RawPlan | None) -> list[Change]:
    """Changes from ``old`` to ``new`` (either may be absent: a plan added or removed)."""
    if old is None and new is not None:
        return [
            Change(new.plan_id, "", "plan", "added", None, new.meta.get("title"), file=new.file)
        ]
    if new is None and old is not None:
        return [
            Change(old.plan_id, "", "plan", "removed", old.meta.get("title"), None, file=old.file)
        ]
    assert old is not None and new is not None
    found = [
        Change(new.plan_id, "", "plan", key, old.meta.get(key), new.meta.get(key), file=new.file)
        for key in PLAN_KEYS
        if old.meta.get(key) != new.meta.get(key)
    ]
    for item_id, item in new.items.items():
        before = old.items.get(item_id)
        if before is None:
            found.append(
                Change(
                    new.plan_id,
                    item_id,
                    item.kind,
                    "added",
                    None,
                    item.data.get("title"),
                    file=new.file,
                )
            )
        else:
            found += _item_changes(new, item_id, before, item)
    found += [
        Change(
            new.plan_id, item_id, item.kind, "removed", item.data.get("title"), None, file=new.file
        )
        for item_id, item in old.items.items()
        if item_id not in new.items
    ]
    return found


def _item_changes(plan: RawPlan, item_id: str, old: RawItem, new: RawItem) -> list[Change]:
    found = []
    if old.parent != new.parent:
        found.append(
            Change(plan.plan_id, item_id, new.kind, "moved", old.parent, new.parent, file=plan.file)
        )
    for key in TRACKED_KEYS:
        before, after = old.data.get(key), new.data.get(key)
        if key == "status":
            before, after = canonical_status(before), canonical_status(after)
        if before == after:
            continue
        detail = slip(before, after, plan.meta) if key == "due" and before and after else None
        found.append(Change(plan.plan_id, item_id, new.kind, key, before, after, detail, plan.file))
    return found


# --- the two revisions ---------------------------------------------------------------------


@dataclass
class Side:
    label: str
    plans: dict[str, RawPlan] = field(default_factory=dict)
    unreadable: list[Change] = field(default_factory=list)

    @property
    def unreadable_files(self) -> set[str]:
        return {change.file for change in self.unreadable}


def _collect(label: str, contents: dict[str, bytes | LoadError | None]) -> Side:
    side = Side(label)
    for file, content in sorted(contents.items()):
        if content is None:
            continue
        try:
            if isinstance(content, LoadError):
                raise content
            plan = read_plan(content, file)
        except (LoadError, ValueError) as err:
            message = err.diagnostic.text() if isinstance(err, LoadError) else str(err)
            side.unreadable.append(
                Change("", "", "file", "unreadable", None, None, f"at {label}: {message}", file)
            )
            continue
        side.plans[plan.plan_id] = plan
    return side


def read_side(rev: str | None, root: str, prefix: str) -> Side:
    """Every plan under ``prefix`` at ``rev`` (None: the working tree)."""
    if rev is gitlog.WORKTREE:
        folder = os.path.join(root, prefix) if prefix else root
        files = find_plan_files([folder]) if os.path.exists(folder) else []
        contents: dict[str, bytes | LoadError] = {}
        for path in files:
            try:  # a regular file of bounded size: a FIFO or /dev/zero must not hang diff
                contents[os.path.relpath(path, root)] = read_bytes(path)
            except LoadError as err:
                contents[os.path.relpath(path, root)] = err
        return _collect("working tree", contents)
    names = gitlog.list_files(rev, prefix, root)
    blobs = gitlog.read_blobs([f"{rev}:{name}" for name in names], root)
    return _collect(rev[:12], {name: blobs[f"{rev}:{name}"] for name in names})


def revisions(rev_a: str | None, rev_b: str | None, root: str) -> tuple[str | None, str | None]:
    """Resolve ``diff``'s arguments: none -> HEAD vs working tree; ``A...B`` -> merge base."""
    if rev_a and rev_b is None and "..." in rev_a:
        left, right = rev_a.split("...", 1)
        right_sha = gitlog.resolve_revision(right or "HEAD", root)
        base = gitlog.merge_base(gitlog.resolve_revision(left or "HEAD", root), right_sha, root)
        return base, right_sha
    if rev_a and rev_b is None and ".." in rev_a:
        rev_a, rev_b = rev_a.split("..", 1)
        rev_b = rev_b or "HEAD"
    first = gitlog.resolve_revision(rev_a or "HEAD", root)
    second = gitlog.resolve_revision(rev_b, root) if rev_b else gitlog.WORKTREE
    return first, second


def diff(rev_a: str | None, rev_b: str | None, plans_paths: Sequence[str] | str) -> list[Change]:
    """Changes in plan terms between two revisions of the plans under each path (a
    folder or one plan file), in the order given."""
    if isinstance(plans_paths, str):
        plans_paths = [plans_paths]
    return [change for path in plans_paths for change in _diff_under(rev_a, rev_b, path)]


def read_sides(rev_a: str | None, rev_b: str | None, plans_path: str) -> tuple[Side, Side]:
    """The plans under ``plans_path`` (a folder or one file) at both revisions."""
    root = gitlog.repo_root(plans_path)
    prefix = os.path.relpath(os.path.abspath(plans_path), root)
    prefix = "" if prefix == "." else prefix
    first, second = revisions(rev_a, rev_b, root)
    return read_side(first, root, prefix), read_side(second, root, prefix)


def _diff_under(rev_a: str | None, rev_b: str | None, plans_path: str) -> list[Change]:
    old, new = read_sides(rev_a, rev_b, plans_path)
    found = old.unreadable + new.unreadable
    for plan_id in sorted(set(old.plans) | set(new.plans)):
        before, after = old.plans.get(plan_id), new.plans.get(plan_id)
        if unreadable_counterpart(before, after, old, new):
            continue  # its file is reported unreadable; its items were neither added nor removed
        found += compare_plans(before, after)
    return found


def unreadable_counterpart(
    before: RawPlan | None, after: RawPlan | None, old: Side, new: Side
) -> bool:
    """A plan on one side only whose file could not be read on the other."""
    if before is not None and after is None:
        return before.file in new.unreadable_files
    if after is not None and before is None:
        return after.file in old.unreadable_files
    return False


# --- the summary diff leads with -------------------------------------------------------------

# What diff's summary counts, in the order it says them: (key, one, several). The keys
# are its JSON's. ``as_of_only`` is an item (or a plan's own keys) whose only change is
# as_of, a status confirmed as it was: a quarter's review confirms dozens, and listed
# they buried the few status changes among as_of lines (issue 27, item 8).
SUMMARY_WORDS: tuple[tuple[str, str, str], ...] = (
    ("status", "status change", "status changes"),
    ("as_of_only", "as_of-only update", "as_of-only updates"),
    ("due", "re-dated", "re-dated"),
    ("added", "added", "added"),
    ("removed", "removed", "removed"),
    ("moved", "moved", "moved"),
    ("original_due", "original_due change", "original_due changes"),
    ("rationale", "rationale change", "rationale changes"),
    ("title", "title change", "title changes"),
    ("lead", "lead change", "lead changes"),
    ("as_of", "as_of change beside another", "as_of changes beside others"),
    ("plan_added", "plan added", "plans added"),
    ("plan_removed", "plan removed", "plans removed"),
    ("plan", "change to a plan's own keys", "changes to plans' own keys"),
    ("unreadable", "unreadable file", "unreadable files"),
)


# A whole plan file added or removed is said as such, not as a change to its keys.
PLAN_WHOLE = {"added": "plan_added", "removed": "plan_removed"}


def as_of_only(changes: Sequence[Change]) -> set[tuple[str, str]]:
    """(plan, id) of each item whose only change is its ``as_of`` (id "": the plan's own
    keys, whose only change is the plan's as_of)."""
    only: dict[tuple[str, str], bool] = {}
    for change in changes:
        if change.change != "unreadable":
            key = (change.plan, change.id)
            only[key] = only.get(key, True) and change.change == "as_of"
    return {key for key, yes in only.items() if yes}


@dataclass(frozen=True)
class ChangeSummary:
    """How many changes of each kind (every key of :data:`SUMMARY_WORDS`), as counted
    before any is left out of the listing."""

    counts: dict[str, int]

    @property
    def sentence(self) -> str:
        """ "15 status changes, 40 as_of-only updates, 2 re-dated"."""
        parts = [
            f"{self.counts[key]} {one if self.counts[key] == 1 else several}"
            for key, one, several in SUMMARY_WORDS
            if self.counts[key]
        ]
        return ", ".join(parts) if parts else "no changes to plans"


def summarise(changes: Sequence[Change]) -> ChangeSummary:
    """Count ``changes`` by kind, an as_of-only item once as ``as_of_only``."""
    only = as_of_only(changes)
    counts = dict.fromkeys((key for key, _, _ in SUMMARY_WORDS), 0)
    for change in changes:
        if change.change == "unreadable":
            key = "unreadable"
        elif (change.plan, change.id) in only:
            key = "as_of_only"
        elif change.kind == "plan":  # a whole plan added or removed, or one of its own keys
            key = PLAN_WHOLE.get(change.change, "plan")
        else:
            key = change.change
        counts[key] += 1
    return ChangeSummary(counts)


@dataclass(frozen=True)
class Listing:
    """What ``diff`` prints: the summary of every change, then the changes listed."""

    summary: ChangeSummary
    changes: list[Change]
    hidden: int  # as_of-only changes counted in the summary and not listed


def listing(changes: Sequence[Change], with_as_of: bool = False) -> Listing:
    """The summary of ``changes`` and those to list: all, or (by default) all but the
    as_of-only ones, which the summary counts."""
    only = set() if with_as_of else as_of_only(changes)
    shown = [c for c in changes if c.change == "unreadable" or (c.plan, c.id) not in only]
    return Listing(summarise(changes), shown, len(changes) - len(shown))
