"""``collect``: check every answer of the returns, then splice them into the plans with
the same smallest-diff editing as ``update``; conflicts and bad rows are refused."""

from __future__ import annotations

import dataclasses
import difflib
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from plantrack.dates import DateError, parse
from plantrack.edit import splice_values
from plantrack.errors import PlantrackError
from plantrack.fileio import write_atomically
from plantrack.index import Trackable
from plantrack.plan.load import load_bytes, load_text, read_bytes
from plantrack.plan.status import UnknownStatus, Vocabulary, accepted_spellings
from plantrack.plan.walk import nodes
from plantrack.suggest import did_you_mean
from plantrack.textsafe import visible_controls
from plantrack.usecases.returns.form import FILL_IN, NO_CHANGE, canonical_status, status_words
from plantrack.usecases.returns.read import FilledReturn, FilledRow, read_return, return_problem
from plantrack.usecases.update import verify, vocabulary_of
from plantrack.workspace import Workspace

# --- collect: check every answer, then splice them in -------------------------------------


@dataclass
class Answer:
    """A filled row that passed its checks: the values to write into one item."""

    source: FilledReturn
    row: FilledRow
    plan_file: str
    path: tuple  # the item's PathKey in its document
    values: dict[str, str]
    vocabulary: Vocabulary  # the plan's status words: a respelling is no change
    as_of: str = ""  # written only when a value above changes the item
    changes: dict[str, tuple[object, str]] = field(default_factory=dict)  # after splicing

    @property
    def ref(self) -> str:
        return self.row.ref


@dataclass
class PlanEdit:
    """One plan file's bytes before and after every answer for it was spliced in."""

    file: str
    before: bytes
    after: bytes

    def diff(self) -> str:
        old = self.before.decode("utf-8-sig").splitlines(keepends=True)
        new = self.after.decode("utf-8-sig").splitlines(keepends=True)
        return "".join(difflib.unified_diff(old, new, self.file, self.file))


@dataclass
class Collection:
    """What collect found and would write; nothing is written until :func:`write`."""

    returns: list[FilledReturn]
    answers: list[Answer] = field(default_factory=list)
    problems: list = field(default_factory=list)  # unreadable values, unknown items
    warnings: list = field(default_factory=list)  # applied, but worth a look
    conflicts: list = field(default_factory=list)  # changed in git since issued
    skipped: list[str] = field(default_factory=list)  # returns left out for their errors
    edits: list[PlanEdit] = field(default_factory=list)
    forced: bool = False
    partial: bool = False

    @property
    def refused(self) -> bool:
        """Something was asked for and not applied (exit 1)."""
        return bool(self.problems) or (bool(self.conflicts) and not self.forced)

    @property
    def writable(self) -> bool:
        """Whether :func:`write` may write: a refused collect writes nothing unless
        ``partial`` asked for the rest to be applied all the same."""
        return not self.refused or self.partial

    @property
    def changed(self) -> list[Answer]:
        return [answer for answer in self.answers if answer.changes]


def collect(
    files: Sequence[str | os.PathLike],
    workspace: Workspace,
    *,
    as_of: date | None = None,
    partial: bool = False,
    force: bool = False,
) -> Collection:
    """Read every return, check every filled value, and splice the answers in memory.

    A return with an unreadable value or an unknown item contributes nothing unless
    ``partial`` (then its good rows do); a row whose item's status or due is no longer
    what the return recorded is a conflict, left out unless ``force``. Each plan file's
    result is re-validated (:func:`plantrack.usecases.update.verify`) before anything is written.
    """
    rows = {row.ref: row for row in workspace.rows}
    items = {}
    for loaded in workspace.plans:
        for node in nodes(loaded.plan):
            if node.is_trackable:
                ref = f"{loaded.plan.id}:{node.id}"
                items[ref] = (loaded, node, rows[ref])
    broken = {d.file for d in workspace.errors}
    result = Collection([read_return(f) for f in files], forced=force, partial=partial)
    spellings = _spellings(workspace)
    seen: dict[str, tuple[str, int]] = {}
    for found in result.returns:
        problems = [p for p in found.problems if p.severity == "error"]
        result.warnings.extend(p for p in found.problems if p.severity != "error")
        answers, conflicts = [], []
        day = as_of or min(found.filled_on or workspace.today, workspace.today)
        for row in found.rows:
            if not row.filled:
                continue
            answer, row_problems, conflict = _check_row(found, row, items, broken, day, spellings)
            problems.extend(p for p in row_problems if p.severity == "error")
            result.warnings.extend(p for p in row_problems if p.severity != "error")
            if answer is None:
                continue
            earlier = seen.get(row.ref)
            if earlier is not None:
                conflict = conflict or return_problem(
                    found.path,
                    "PT506",
                    f"{row.ref} is answered twice: also in {earlier[0]} row {earlier[1]}",
                    row.line,
                    row.columns["Id"],
                    "keep one answer, or collect with force to apply both in order",
                )
            seen[row.ref] = (found.path, row.line)
            if conflict is not None:
                if force:  # applied all the same: still worth a look in the review
                    conflict = dataclasses.replace(conflict, severity="warning")
                conflicts.append(conflict)
                if not force:
                    continue
            answers.append(answer)
        result.problems.extend(problems)
        result.conflicts.extend(conflicts)
        if problems and not partial:
            if answers:  # good rows held back: say so (an unreadable file has none)
                result.skipped.append(found.path)
            continue
        result.answers.extend(answers)
    result.edits = _splice(result.answers, workspace.today)
    return result


def _spellings(workspace: Workspace) -> dict[str, dict[str, str]]:
    """Per plan, the spelling its file uses most for each canonical status ("Behind
    schedule"), so an answer is written in the plan's own words (first seen wins a tie)."""
    counts: dict[str, dict[str, Counter]] = {}
    for row in workspace.rows:
        if row.status is not None and row.status_word:
            per_plan = counts.setdefault(row.plan, {})
            per_plan.setdefault(row.status.value, Counter())[row.status_word] += 1
    return {
        plan: {status: words.most_common(1)[0][0] for status, words in found.items()}
        for plan, found in counts.items()
    }


def _controls(path: str, row: FilledRow) -> list:
    """A control character (DEL, ESC, NUL...) in an answer: located in the return, before
    it can reach a plan file and be blamed on it."""
    found = []
    for name in FILL_IN:
        text = row.cells.get(name, "")
        if text != visible_controls(text):
            found.append(
                return_problem(
                    path,
                    "PT508",
                    f"{name}: a control character in '{visible_controls(text)}'",
                    row.line,
                    row.columns[name],
                    "delete it (it is invisible in most programs) and save again",
                )
            )
    return found


def _check_row(found: FilledReturn, row: FilledRow, items, broken, day: date, spellings):
    """(answer or None, problems, conflict or None) for one filled row."""
    path, col = found.path, row.columns
    located = items.get(row.ref)
    if located is None:
        close = did_you_mean(row.ref, items)
        message = f"Id: no item '{row.ref}' in the plans" if row.ref else "Id: empty"
        return None, [return_problem(path, "PT503", message, row.line, col["Id"], close)], None
    loaded, node, current = located
    if loaded.file in broken:
        message = f"{row.ref}: its plan file {loaded.file} has errors; fix them first"
        return None, [return_problem(path, "PT503", message, row.line, col["Id"])], None
    controls = _controls(path, row)
    if controls:
        return None, controls, None
    plan = loaded.plan
    problems = []
    values: dict[str, str] = {}
    if row.new_status and not row.no_change:
        written = _status_to_write(row.new_status, plan, spellings.get(plan.id, {}))
        if written is None:
            words = ", ".join(status_words(plan))
            hint = did_you_mean(row.new_status.lower(), _suggestible(plan))
            problems.append(
                return_problem(
                    path,
                    "PT501",
                    f"New status: '{row.new_status}' is not a status of plan {plan.id}",
                    row.line,
                    col["New status"],
                    (hint + " " if hint else "") + f"pick one of: {NO_CHANGE}, {words}",
                )
            )
        else:
            values["status"] = written
    if row.new_rationale:
        values["rationale"] = row.new_rationale
    if row.revised_date:
        problems.extend(_revised_date(path, row, plan, day))
        values["due"] = row.revised_date
    if any(p.severity == "error" for p in problems):
        return None, problems, None
    answer = Answer(found, row, loaded.file, node.path, values, vocabulary_of(plan))
    answer.as_of = day.isoformat()
    return answer, problems, _conflict(found, row, plan, current)


def _revised_date(path: str, row: FilledRow, plan, today: date) -> list:
    """An unreadable revised date (error), or one that takes the item out of every
    overdue list ("TBC": no deadline) or is already past (warnings)."""
    where = (path, row.line, row.columns["Revised date"])
    try:
        window = parse(row.revised_date, plan.financial_year, plan.year_start)
    except DateError as err:
        hint = err.suggestion or "write e.g. 'Q1 2027/28', 'June 2027' or '2027-06-30'"
        quoted = f"'{row.revised_date}'"  # said once, even when the reason quotes it too
        reason = err.message if err.message.startswith(quoted) else f"{quoted}: {err.message}"
        message = f"Revised date: {reason}"
        return [return_problem(where[0], "PT502", message, *where[1:], hint)]
    if window.deadline is None:
        message = (
            f"Revised date: '{row.revised_date}' has no deadline: "
            f"{row.ref} will be in no overdue list"
        )
        hint = "ask the lead for a date, e.g. 'Q1 2027/28'"
    elif window.deadline < today:
        message = f"Revised date: '{row.revised_date}' is already past ({window.deadline})"
        hint = "ask the lead whether the item is done, or for a later date"
    else:
        return []
    return [
        dataclasses.replace(
            return_problem(*where[:1], "PT502", message, *where[1:], hint), severity="warning"
        )
    ]


def _suggestible(plan) -> list[str]:
    """Words to suggest from: the plan's legend and every built-in spelling."""
    return [*vocabulary_of(plan).legend, *(word.lower() for word in accepted_spellings())]


def _status_to_write(word: str, plan, spellings: dict[str, str]) -> str | None:
    """The word as the plan writes it: its legend's spelling, else the spelling its file
    already uses for that status, else the canonical value; None for an unknown word."""
    try:
        written = vocabulary_of(plan).written(word)
    except UnknownStatus:
        return None
    return spellings.get(written, written)


def _conflict(found: FilledReturn, row: FilledRow, plan, current: Trackable):
    """A Diagnostic when the item's status or due, as reports (and the return) read them,
    is not what the return recorded."""
    now_status = current.status.value if current.status else ""
    then_status = canonical_status(row.status, plan) or row.status
    now_due = " ".join((current.due or "").split())
    then_due = " ".join(row.due.split())
    what = []
    if now_status != then_status:
        what.append(f"status '{then_status or '(none)'}' is now '{now_status or '(none)'}'")
    if now_due != then_due:
        what.append(f"due '{then_due or '(none)'}' is now '{now_due or '(none)'}'")
    if not what:
        return None
    since = found.meta.get("commit", "")[:12]
    return return_problem(
        found.path,
        "PT504",
        f"{row.ref} changed since the return was issued"
        + (f" (commit {since})" if since else "")
        + ": "
        + "; ".join(what),
        row.line,
        row.columns["Id"],
        "check the answer against the plan, then collect with force to apply it anyway",
    )


def _splice(answers: list[Answer], today: date) -> list[PlanEdit]:
    """Each plan file's new bytes: the answers spliced in one by one, each result
    re-loaded and proven (:func:`plantrack.usecases.update.verify`) before the next."""
    by_file: dict[str, list[Answer]] = {}
    for answer in answers:
        by_file.setdefault(answer.plan_file, []).append(answer)
    edits = []
    for file, group in by_file.items():
        before = read_bytes(file)
        doc = load_bytes(before, file)
        for answer in group:
            text, changes = splice_values(doc, answer.path, answer.values, answer.vocabulary)
            if not changes:  # "no change", or already applied: the file is not touched
                continue
            text, dated = splice_values(
                load_text(text, file, doc.has_bom), answer.path, {"as_of": answer.as_of}
            )
            changes.update(dated)
            verify(doc, text, answer.path, changes, today)
            answer.changes = changes
            doc = load_text(text, file, doc.has_bom)
        after = (("\ufeff" if doc.has_bom else "") + doc.text).encode("utf-8")
        if after != before:
            edits.append(PlanEdit(file, before, after))
    return edits


def write(collection: Collection) -> None:
    """Write every changed plan file atomically, after checking none changed on disk
    since it was read (so a refusal, or a race, changes no byte anywhere)."""
    for edit in collection.edits:
        if read_bytes(edit.file) != edit.before:
            raise PlantrackError(f"{edit.file} changed on disk while collecting; run it again")
    for edit in collection.edits:
        write_atomically(edit.file, edit.after)


def commit_message(collection: Collection, quarter: str | None = None) -> str:
    """The subject, then per lead (and return) one line per item changed."""
    changed = collection.changed
    sources = list(dict.fromkeys(answer.source.path for answer in changed))
    label = quarter or next(
        (r.meta.get("quarter") for r in collection.returns if r.meta.get("quarter")), ""
    )
    subject = (
        f"Quarterly return{' ' + label if label else ''}: "
        f"{len(changed)} item(s) updated from {len(sources)} return(s)"
    )
    lines = [subject, ""]
    for source in sources:
        ret = next(r for r in collection.returns if r.path == source)
        lines.append(f"{ret.owner} ({os.path.basename(source)}):")
        for answer in changed:
            if answer.source.path == source:
                lines.append(f"- {answer.ref}: {describe_changes(answer.changes)}")
    return "\n".join(lines) + "\n"


def describe_changes(changes: dict[str, tuple[object, str]]) -> str:
    """ "status on-track -> completed, rationale, as_of 2026-11-20" """
    parts = []
    for key, (old, new) in changes.items():
        if key == "rationale":
            parts.append("rationale")
        elif key == "original_due":
            continue  # implied by the due change
        elif key == "as_of":
            parts.append(f"as_of {new}")
        else:
            parts.append(f"{key} {old if old is not None else '(none)'} -> {new}")
    return ", ".join(parts)
