"""``collect``: check every answer of the returns, then splice them into the plans with
the same smallest-diff editing as ``update``; conflicts and bad rows are refused."""

from __future__ import annotations

import dataclasses
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from plantrack.dates import DateError, parse
from plantrack.plan.status import UnknownStatus, Vocabulary, accepted_spellings
from plantrack.plan.walk import nodes
from plantrack.rows.index import Trackable
from plantrack.rows.period import QuarterName
from plantrack.suggest import did_you_mean
from plantrack.textsafe import visible_controls
from plantrack.usecases.returns.apply import PlanEdit, check_git_state, splice
from plantrack.usecases.returns.compare import Note, added_columns, changed_cells, missing_rows
from plantrack.usecases.returns.form import FILL_IN, NO_CHANGE, canonical_status, status_words
from plantrack.usecases.returns.issued import (
    Issued,
    IssuedRow,
    RecordError,
    key_file,
    read_key,
    verify,
)
from plantrack.usecases.returns.read import FilledReturn, FilledRow, read_return, return_problem
from plantrack.usecases.returns.when import Period, assessed_on
from plantrack.usecases.update import vocabulary_of
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
class Collection:
    """What collect found and would write; nothing is written until :func:`write`."""

    returns: list[FilledReturn]
    answers: list[Answer] = field(default_factory=list)
    problems: list = field(default_factory=list)  # unreadable values, unknown items
    warnings: list = field(default_factory=list)  # applied, but worth a look
    conflicts: list = field(default_factory=list)  # changed in git since issued
    skipped: list[str] = field(default_factory=list)  # returns left out for their errors
    edits: list[PlanEdit] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)  # added columns' text, per item
    forced: bool = False
    partial: bool = False
    root: str | None = None  # the plans' git repository

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
    plans_path: str | os.PathLike | None = None,
    quarter: QuarterName | None = None,
    as_of: date | None = None,
    partial: bool = False,
    force: bool = False,
    commit: bool = False,
) -> Collection:
    """Read every return, verify what it was issued with, check every filled value, and
    splice the answers in memory (with ``commit``, into the committed plan files).

    A return with an unreadable value, an item it was not issued with, or a record that
    is missing or altered contributes nothing unless ``partial`` (then its good rows
    do); a row whose item changed since the return was issued is a conflict, left out
    unless ``force``. Each plan file's result is re-validated before anything is written.
    """
    plans_path = plans_path or _folder_of(workspace)
    root = check_git_state(workspace.files, commit)
    year_start = workspace.plans[0].plan.year_start if workspace.plans else 4
    key_path = key_file(plans_path)
    context = _Context(
        workspace,
        _items(workspace),
        {d.file for d in workspace.errors},
        _spellings(workspace),
        Period(quarter, year_start, plans_path, force),
        read_key(key_path),
        key_path,
        as_of,
        force,
    )
    result = Collection([read_return(f) for f in files], forced=force, partial=partial)
    for found in result.returns:
        _collect_return(found, context, result)
    result.edits = splice(result.answers, workspace.today, root if commit else None)
    result.root = root
    return result


@dataclass
class _Context:
    """What every return of one collect is checked against."""

    workspace: Workspace
    items: dict
    broken: set[str]
    spellings: dict[str, dict[str, str]]
    period: Period
    key: bytes | None
    key_path: Path
    as_of: date | None
    force: bool
    seen: dict[str, tuple[str, int]] = field(default_factory=dict)


def _folder_of(workspace: Workspace) -> str:
    files = [os.path.abspath(f) for f in workspace.files] or [os.getcwd()]
    return os.path.commonpath([os.path.dirname(f) for f in files])


def _items(workspace: Workspace) -> dict:
    rows = {row.ref: row for row in workspace.rows}
    items = {}
    for loaded in workspace.plans:
        for node in nodes(loaded.plan):
            if node.is_trackable:
                ref = f"{loaded.plan.id}:{node.id}"
                items[ref] = (loaded, node, rows[ref])
    return items


def _verified(found: FilledReturn, context: _Context, result: Collection):
    """The return's verified record, its quarter and its day; None (and the problems
    in ``result``) when the return cannot be trusted or is for another quarter."""
    _sort(found.problems, result.warnings, problems := [])
    if problems and not found.rows:  # not a return at all: its problems say why
        result.problems.extend(problems)
        return None
    try:
        issued = verify(found.sealed, context.key, context.key_path)
    except RecordError as err:
        result.problems.append(return_problem(found.path, "PT509", err.message, hint=err.hint))
        return None
    found.meta.update(issued.meta())
    _sort(context.period.check(found, issued), result.warnings, problems)
    quarter = context.period.quarter_of(issued)
    if problems or quarter is None:
        result.problems.extend(problems)
        return None
    day, why = assessed_on(found, quarter, context.as_of, context.workspace.today)
    if why is not None:
        result.problems.append(why)
        return None
    result.problems.extend(problems)  # the return's own, such as a formula in an answer
    return issued, day


def _sort(found: list, warnings: list, errors: list) -> None:
    for problem in found:
        (errors if problem.severity == "error" else warnings).append(problem)


def _collect_return(found: FilledReturn, context: _Context, result: Collection) -> None:
    """Check one return's rows against its record and the plans, into ``result``."""
    before = len(result.problems)
    verified = _verified(found, context, result)
    if verified is None:
        return
    issued, day = verified
    result.warnings.extend(missing_rows(found, issued))
    added, notes = added_columns(found)
    result.warnings.extend(added)
    result.notes.extend(notes)
    answers, conflicts, problems = [], [], []
    for row in found.rows:
        answer, conflict = _row(found, row, issued, context, day, problems, result.warnings)
        if answer is None:
            continue
        if conflict is not None:
            if context.force:  # applied all the same: still worth a look in the review
                conflict = dataclasses.replace(conflict, severity="warning")
            conflicts.append(conflict)
            if not context.force:
                continue
        answers.append(answer)
    result.problems.extend(problems)
    result.conflicts.extend(conflicts)
    if len(result.problems) > before and not result.partial:
        if answers:  # good rows held back: say so (an unreadable file has none)
            result.skipped.append(found.path)
        return
    result.answers.extend(answers)


def _row(found, row: FilledRow, issued: Issued, context: _Context, day, problems, warnings):
    """(answer or None, conflict or None) for one row; its problems into the lists."""
    then = issued.row(row.ref)
    if then is None:
        message = f"Id: '{row.ref}' was not issued to {issued.owner} in this return"
        hint = "answer only the rows issued; ask the performance team to add an item"
        problem = return_problem(found.path, "PT510", message, row.line, row.columns["Id"], hint)
        if not row.filled:
            problem = dataclasses.replace(problem, severity="warning")
        _sort([problem], warnings, problems)
        return None, None
    located = context.items.get(row.ref)
    if located is not None:
        warnings.extend(changed_cells(found, row, then, located[0].plan))
    if not row.filled:
        return None, None
    answer, row_problems, conflict = _check_row(found, row, then, context, day)
    _sort(row_problems, warnings, problems)
    if answer is None:
        return None, None
    earlier = context.seen.get(row.ref)
    if earlier is not None:
        conflict = conflict or return_problem(
            found.path,
            "PT506",
            f"{row.ref} is answered twice: also in {earlier[0]} row {earlier[1]}",
            row.line,
            row.columns["Id"],
            "keep one answer, or collect with force to apply both in order",
        )
    context.seen[row.ref] = (found.path, row.line)
    return answer, conflict


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


def _check_row(found: FilledReturn, row: FilledRow, then: IssuedRow, context: _Context, day):
    """(answer or None, problems, conflict or None) for one filled row."""
    path, col = found.path, row.columns
    items, broken, spellings = context.items, context.broken, context.spellings
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
        problems.extend(_revised_date(path, row, plan, context.workspace.today))
        values["due"] = row.revised_date
    if any(p.severity == "error" for p in problems):
        return None, problems, None
    answer = Answer(found, row, loaded.file, node.path, values, vocabulary_of(plan))
    answer.as_of = day.isoformat()
    return answer, problems, _conflict(found, row, then, plan, current, values)


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


def _conflict(found, row: FilledRow, then: IssuedRow, plan, current: Trackable, values):
    """A Diagnostic when the item, as reports read it, is not what the return was issued
    with: another title (renumbered or retitled), status or due -- unless it already
    holds this very answer (applied by an earlier collect: no conflict, no change)."""
    now_status = current.status.value if current.status else ""
    then_status = canonical_status(then.status, plan) or then.status
    answered = canonical_status(values.get("status"), plan)
    now_due = " ".join((current.due or "").split())
    then_due = " ".join(then.due.split())
    now_title, then_title = " ".join(current.title.split()), " ".join(then.title.split())
    what = []
    if now_title != then_title:
        what.append(f"title '{then_title}' is now '{now_title}' (renumbered or retitled?)")
    if now_status not in (then_status, answered):
        what.append(f"status '{then_status or '(none)'}' is now '{now_status or '(none)'}'")
    if now_due not in (then_due, values.get("due")):
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
    if collection.notes:  # what leads wrote in columns of their own: kept, not applied
        lines += ["", "Also written in the returns (not applied):"]
        lines += [
            f"- {note.ref} ({note.column}): {' '.join(visible_controls(note.text).split())}"
            for note in collection.notes
        ]
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
