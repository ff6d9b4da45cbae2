"""When each trackable was last updated (docs/reference/plan-format.md, "Last updated,
and stale statuses").

A trackable is updated on the later of its ``as_of`` and the day of the last commit that
changed its status, rationale, due or as_of. The commits come from one pass over the
plan files' history, as ``trend`` reads it (one ``git log --raw``, one batch of blob
reads, each distinct file version read once); the answer is kept in the cache folder
under the commit checked out, found by reading ``.git`` (no git process), so a report
asked again at the same commit runs no git at all. Outside a repository, ``as_of`` alone.

Items are followed by plan id and item id, not by file: a plan moved to another file
keeps its dates.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from plantrack import FORMAT_VERSION, __version__, config
from plantrack.errors import PlantrackError
from plantrack.fileio import write_atomically
from plantrack.git import dotgit, gitlog
from plantrack.rows import cache
from plantrack.rows.index import Trackable

if TYPE_CHECKING:
    from plantrack.git.changes import RawPlan

# What an update is: a commit changing one of these (the status and rationale a milestone
# reports may be its action's, so those count too when the milestone has none).
WATCHED = ("status", "rationale", "due", "as_of")
HISTORY_VERSION = 1  # the layout of a kept answer: a new one is computed afresh

Key = tuple[str, str]  # (plan id, item id)


def updated_dates(
    plans: str | os.PathLike | Sequence[str | os.PathLike] | None, rows: Iterable[Trackable]
) -> dict[Key, date | None]:
    """``{(plan id, item id): the day each row was last updated}`` (None: no as_of and no
    commit); each row's ``changed`` is filled in on the way. ``plans`` is where the rows
    were read from (a folder, a file or several); the rows' own files say which
    repository holds them, so it is not read again."""
    del plans
    rows = list(rows)
    mark(rows)
    return {(row.plan, row.id): row.updated for row in rows}


def mark(rows: Iterable[Trackable], use_cache: bool = True, commit: str | None = None) -> None:
    """Give each row the day of the last commit that changed it (``Trackable.changed``),
    from which ``Trackable.updated`` is read; ``use_cache=False`` reads the history
    afresh (and keeps the answer); up to ``commit`` (the rows as read at a quarter's
    close), else the commit checked out."""
    rows = list(rows)
    changed = last_changes((row.file for row in rows), use_cache, commit)
    for row in rows:
        row.changed = changed.get((row.plan, row.id))


def last_changes(
    files: Iterable[str], use_cache: bool = True, at: str | None = None
) -> dict[Key, date]:
    """The day of the last commit changing each item's watched keys, for every repository
    holding one of ``files``, in the history up to ``at`` (default: the commit checked
    out); empty outside git (or where git cannot run)."""
    found: dict[Key, date] = {}
    by_repo: dict[str, tuple[str | None, list[str]]] = {}
    for folder in {os.path.dirname(os.path.abspath(file)) for file in files}:
        head = dotgit.find_head(folder)
        if head == dotgit.OUTSIDE:
            continue
        root, commit = head if isinstance(head, tuple) else (head, _run_head(head))
        commit = at or commit
        by_repo.setdefault(root, (commit, []))[1].append(folder)
    for root, (commit, folders) in sorted(by_repo.items()):
        if commit is None:
            continue  # no commit yet: as_of alone
        prefix = os.path.relpath(os.path.commonpath(folders), root).replace(os.sep, "/")
        found.update(_kept_or_read(root, "" if prefix == "." else prefix, commit, use_cache))
    return found


def _run_head(root: str) -> str | None:
    """The commit checked out, from git itself (its files were in a form not read here)."""
    return gitlog.head_commit(root)


# --- kept answers --------------------------------------------------------------------------


def _kept_or_read(root: str, prefix: str, commit: str, use_cache: bool) -> dict[Key, date]:
    target = config.cache_dir() / f"{cache.UPDATED_PREFIX}{_key(root, prefix, commit)}.json"
    try:
        if not use_cache:
            raise OSError("read afresh")
        # As the cache's own entries: a symlink, another's file or one others may write
        # is never read (a planted answer would make --stale say what it liked).
        with open(cache.open_private(target), "rb") as stream:
            kept = json.load(stream)
        if kept["key"] == target.stem:
            return {_split(key): date.fromisoformat(day) for key, day in kept["dates"].items()}
    except cache.UntrustedEntry:
        cache.forget_untrusted([target])
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        pass  # absent or damaged: read the history again
    try:
        found = history(root, prefix, commit)
    except gitlog.GitError:
        return {}  # git missing or refusing (say, a repository owned by another user)
    dates = {"\x1f".join(key): day.isoformat() for key, day in found.items()}
    payload = {"key": target.stem, "dates": dates}
    try:
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        data = json.dumps(payload).encode("utf-8")
        write_atomically(target, data, durable=False, follow_links=False, mode=0o600)
    except (OSError, PlantrackError):
        pass  # a read-only home must not stop a report
    return found


def _split(text: str) -> Key:
    plan, _, item = text.partition("\x1f")
    return plan, item


def _key(root: str, prefix: str, commit: str) -> str:
    text = f"{root}\0{prefix}\0{commit}\0{__version__}\0{FORMAT_VERSION}\0{HISTORY_VERSION}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --- the one pass over history --------------------------------------------------------------


def history(root: str, prefix: str, commit: str | None = None) -> dict[Key, date]:
    """For each item ever in a plan file under ``prefix``, the committer's day of the last
    commit (first-parent line, up to ``commit``, default HEAD) that changed what
    :data:`WATCHED` names."""
    snapshots = gitlog.snapshots(prefix, root, rev=commit)
    steps: list[tuple[date, list[str]]] = []
    before: dict[str, str] = {}
    for snapshot in snapshots:
        new = [blob for path, blob in snapshot.files.items() if before.get(path) != blob]
        steps.append((date.fromisoformat(snapshot.date[:10]), new))
        before = snapshot.files
    blobs = gitlog.read_blobs(sorted({blob for _, new in steps for blob in new}), root)
    prints: dict[str, dict[Key, tuple]] = {}
    seen: dict[Key, tuple] = {}
    found: dict[Key, date] = {}
    for day, new in steps:
        for blob in new:
            if blob not in prints:
                prints[blob] = _fingerprints(blobs.get(blob))
            for key, print_ in prints[blob].items():
                if seen.get(key) != print_:
                    seen[key] = print_
                    found[key] = day
    return found


def _fingerprints(content: bytes | None) -> dict[Key, tuple]:
    """Each item's watched values in one file version (none when it does not read)."""
    if content is None:
        return {}
    # Lazy: reading old versions brings YAML and the date grammar, which a report served
    # from the answer kept for this commit never needs (bench/README.md, C).
    from plantrack.git.changes import read_plan
    from plantrack.plan.load import LoadError

    try:
        plan = read_plan(content, "history")
    except (LoadError, ValueError):
        return {}
    return {(plan.plan_id, item_id): _watched(plan, item_id) for item_id in plan.items}


def _watched(plan: RawPlan, item_id: str) -> tuple:
    item = plan.items[item_id]
    values = tuple(str(item.data.get(key)) for key in WATCHED)
    if item.kind == "milestone" and item.data.get("status") is None and item.parent:
        holder = plan.items.get(item.parent)
        if holder is not None:  # the action's status and rationale are what it reports
            values += (str(holder.data.get("status")), str(holder.data.get("rationale")))
    return values


__all__ = ["WATCHED", "history", "last_changes", "mark", "updated_dates"]
