"""``plantrack update``: change one item's status, rationale, due or as_of in place.

The orchestration around :mod:`plantrack.plan.edit`'s splicing: find the item across
the workspace, check the requested values in its plan's calendar, splice them
in, prove the new text loads, validates and differs only where asked, and
write it atomically -- or refuse before a byte changes.
"""

from __future__ import annotations

import contextlib
import copy
import difflib
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from plantrack.dates import DateError, parse
from plantrack.errors import BadValue, Diagnostic, PlantrackError, UsageError
from plantrack.fileio import clean_stray, edit_lock, write_atomically
from plantrack.git import gitlog
from plantrack.plan.check import check_bytes, require_valid_text
from plantrack.plan.edit import splice_values
from plantrack.plan.keys import PathKey
from plantrack.plan.load import Document, load_bytes, read_bytes
from plantrack.plan.status import UnknownStatus, Vocabulary
from plantrack.plan.walk import nodes
from plantrack.usecases.lookup import find
from plantrack.workspace import load_folder


@dataclass
class Update:
    """What ``update`` did (or, with ``dry_run``, would do) to one file."""

    file: str
    ref: str
    changes: dict[str, tuple[Any, str]]
    before: bytes
    after: bytes
    # What validate will warn about in the keys just changed (plantrack.plan.check's own
    # warnings), and the milestones of an action that its new status reaches.
    warnings: list[Diagnostic] = field(default_factory=list)
    reaches: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.before != self.after

    def diff(self) -> str:
        """A unified diff of the edit, for ``--dry-run``."""
        old = self.before.decode("utf-8-sig").splitlines(keepends=True)
        new = self.after.decode("utf-8-sig").splitlines(keepends=True)
        return "".join(difflib.unified_diff(old, new, self.file, self.file))


def vocabulary_of(plan) -> Vocabulary:
    """The status words of ``plan``: its own legend first, then the built-ins."""
    return Vocabulary(plan.statuses)


def requested_values(
    plan, *, status: str | None, rationale: str | None, due: str | None, as_of: str | None, today
) -> dict[str, str]:
    """The new values, each checked: a status in the plan's words (written as its legend
    spells it, else canonical), a due that parses in the
    plan's calendar, an ISO as_of (today when status or rationale change)."""
    values: dict[str, str] = {}
    if status is not None:
        vocabulary = vocabulary_of(plan)
        try:
            values["status"] = vocabulary.written(status)
        except UnknownStatus:
            raise BadValue(
                "status", vocabulary.unknown(status), hint=f"use one of: {vocabulary.accepted()}"
            ) from None
    if rationale is not None:
        if not rationale.strip():
            raise BadValue("rationale", "give some text")
        values["rationale"] = rationale
    if due is not None:
        try:
            parse(due, plan.financial_year, plan.year_start)
        except DateError as err:
            raise BadValue("due", str(err), hint=err.suggestion) from None
        values["due"] = " ".join(due.split())
    if as_of is not None:
        try:
            values["as_of"] = date.fromisoformat(as_of).isoformat()
        except ValueError:
            raise BadValue("as_of", f"'{as_of}' is not an ISO date (YYYY-MM-DD)") from None
    elif "status" in values or "rationale" in values:
        values["as_of"] = today.isoformat()
    if not values:
        raise UsageError(
            "nothing to change",
            hint="give {0}, {1}, {2} or {3}",
            named=("status", "rationale", "due", "as_of"),
        )
    return values


def update_item(
    ref: str,
    plans=None,
    *,
    status: str | None = None,
    rationale: str | None = None,
    due: str | None = None,
    as_of: str | None = None,
    today=None,
    dry_run: bool = False,
) -> Update:
    """Change the named scalars of one item, refusing anything that would not validate.

    A refusal (unknown id, bad value, invalid result, file changed meanwhile)
    raises before anything is written, so the file keeps every byte.
    """
    workspace = load_folder(plans, today)
    loaded, node = find(workspace, ref)
    broken = [d for d in workspace.errors if d.file == loaded.file]
    if broken:
        raise PlantrackError(
            f"{loaded.file} has errors; fix them before updating it", diagnostics=broken
        )
    if node.kind not in ("action", "milestone"):
        raise UsageError(
            f"'{ref}' is a {node.kind}; only actions and milestones carry status, rationale and due"
        )
    values = requested_values(
        loaded.plan, status=status, rationale=rationale, due=due, as_of=as_of, today=workspace.today
    )
    before = read_bytes(loaded.file)
    doc = load_bytes(before, loaded.file)
    after, changes = splice_values(doc, node.path, values, vocabulary_of(loaded.plan))
    verify(doc, after, node.path, changes, workspace.today)
    encoded = (("\ufeff" if doc.has_bom else "") + after).encode("utf-8")
    result = Update(loaded.file, f"{loaded.plan.id}:{node.id}", changes, before, encoded)
    if dry_run or not result.changed:
        return result
    result.warnings, result.reaches = _what_validate_will_say(result, node.path, workspace.today)
    with locked([loaded.file]):
        if read_bytes(loaded.file) != before:
            raise PlantrackError(
                f"{loaded.file} changed on disk while updating; run the command again"
            )
        write_atomically(loaded.file, encoded)
    return result


def _what_validate_will_say(
    result: Update, path: PathKey, today: date
) -> tuple[list[Diagnostic], list[str]]:
    """The warnings validate gives the new text at the keys the edit changed (a rationale
    with no status, an as_of after today: plantrack.plan.check says which), and, when
    the status, rationale or as_of changed, the action's milestones with none of their
    own, which inherit them (docs/reference/plan-format.md)."""
    checked = check_bytes(result.after, result.file, today)
    if checked.loaded is None:  # cannot be: verify() validated this very text
        return [], []
    document = checked.loaded.document
    changed = {document.value_loc(path + (key,))[:2] for key in result.changes}
    warnings = [
        d for d in checked.diagnostics if d.severity == "warning" and (d.line, d.col) in changed
    ]
    if not {"status", "rationale", "as_of"} & set(result.changes):
        return warnings, []
    reaches = [
        node.id
        for node in nodes(checked.loaded.plan)
        if node.kind == "milestone" and node.ancestors[-1].path == path and node.item.status is None
    ]
    return warnings, reaches


@contextlib.contextmanager
def locked(files: Sequence[str]) -> Iterator[list[str]]:
    """Hold the edit lock of the plans ``files`` are in (one per repository: in its git
    folder; outside git, one per folder) while they are checked and written, so two
    edits at once cannot lose one another's change (``update``, ``collect``). Temporary
    files a killed edit left beside them are removed; their names are yielded."""
    with contextlib.ExitStack() as stack:
        for path in sorted({_lock_file(file) for file in files}):
            stack.enter_context(edit_lock(path))
        yield [name for file in files for name in clean_stray(file)]


def _lock_file(file: str) -> str:
    try:
        return os.path.join(gitlog.git_dir(file), "plantrack", "edit.lock")
    except gitlog.GitError:
        return os.path.join(os.path.dirname(os.path.abspath(file)), ".plantrack-edit.lock")


def verify(doc: Document, new_text: str, path: PathKey, changes: dict, today) -> None:
    """The new text must load, validate, and differ from the old only where asked."""
    new_doc = require_valid_text(
        new_text, doc.path, today, "the edit (file left untouched)", doc.has_bom
    )
    expected = copy.deepcopy(doc.data)
    target = expected
    for part in path:
        target = target[part]
    for key, (_, new) in changes.items():
        target[key] = new
    if new_doc.data != expected:
        raise PlantrackError(
            "the edit would change more than asked; file left untouched "
            "(please report this as a bug)"
        )
