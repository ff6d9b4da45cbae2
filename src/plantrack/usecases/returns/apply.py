"""Applying collected answers to the plan files: spliced in memory, proven, then written
under the plans' edit lock, and committed when asked -- or refused before a byte changes.

Two things make a collect safe to run again: an answer the plan already holds changes
nothing (so a second run is a no-op), and with ``commit`` each plan file's answers are
spliced into its committed version, so a plain collect followed by ``collect --commit``
commits what the first applied. A file that differs from both its committed version and
the result is refused: its other edits are someone's work, never swept into the commit.
"""

from __future__ import annotations

import contextlib
import difflib
from dataclasses import dataclass, field
from datetime import date

from plantrack.errors import PlantrackError
from plantrack.fileio import write_atomically
from plantrack.git import gitlog
from plantrack.plan.edit import splice_values
from plantrack.plan.load import load_bytes, load_text, read_bytes
from plantrack.usecases.update import locked, verify


@dataclass
class PlanEdit:
    """One plan file's bytes before and after every answer for it was spliced in, and
    what is on disk now (the same as ``before``, unless a collect already applied it)."""

    file: str
    before: bytes
    after: bytes
    on_disk: bytes = b""

    def diff(self) -> str:
        old = self.before.decode("utf-8-sig").splitlines(keepends=True)
        new = self.after.decode("utf-8-sig").splitlines(keepends=True)
        return "".join(difflib.unified_diff(old, new, self.file, self.file))

    @property
    def to_write(self) -> bool:
        return self.on_disk != self.after


@dataclass
class Applied:
    """What :func:`apply` did."""

    written: list[str] = field(default_factory=list)
    commit: str | None = None
    cleaned: list[str] = field(default_factory=list)  # temporary files a killed run left


def repository(file: str) -> str | None:
    """The root of the git repository holding ``file``, or None."""
    try:
        return gitlog.repo_root(file)
    except gitlog.GitError:
        return None


def check_git_state(files: list[str], commit: bool) -> str | None:
    """The repository root (None outside git); refuses a merge or rebase in progress,
    and (to commit) a repository that is not one."""
    root = repository(files[0]) if files else None
    if root is None:
        if commit:
            gitlog.repo_root(files[0] if files else ".")  # raises: not a repository
        return None
    busy = gitlog.operation_in_progress(root)
    if busy is not None:
        what, finish = busy
        raise PlantrackError(
            f"{what} is in progress in {root}: collect writes nothing during it",
            hint=f"finish it first ({finish}), then collect again",
        )
    return root


def splice(answers, today: date, root: str | None = None) -> list:
    """Each plan file's edit: the answers spliced in one by one, each result re-loaded and
    proven (:func:`plantrack.usecases.update.verify`) before the next. With ``root``
    (to commit), into the committed version of each file."""
    by_file: dict[str, list] = {}
    for answer in answers:
        by_file.setdefault(answer.plan_file, []).append(answer)
    committed = gitlog.committed_versions(by_file, root) if root else {}
    edits = []
    for file, group in by_file.items():
        on_disk = read_bytes(file)
        before = committed.get(file, on_disk) if root else on_disk
        if before is None:
            raise PlantrackError(
                f"{file} is not committed yet: collect commits only plan files git knows",
                hint="commit it first, then collect again",
            )
        after = _spliced(file, before, group, today)
        if root and on_disk not in (before, after):
            raise PlantrackError(
                f"{file} has uncommitted changes that are not these returns' answers; "
                "nothing written",
                hint="commit or stash them (git stash), then collect again",
            )
        if after != before:
            edits.append(PlanEdit(file, before, after, on_disk))
    return edits


def _spliced(file: str, before: bytes, group, today: date) -> bytes:
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
    return (("\ufeff" if doc.has_bom else "") + doc.text).encode("utf-8")


def apply(edits: list[PlanEdit], message: str | None = None, root: str | None = None) -> Applied:
    """Write every changed plan file, holding the plans' edit lock and after checking
    that none changed on disk since it was read; then commit them when ``message`` is
    given. Interrupted, it says which files were written and which were not."""
    done = Applied()
    files = [edit.file for edit in edits]
    with locked(files) as cleaned:
        done.cleaned = cleaned
        for edit in edits:
            if read_bytes(edit.file) != edit.on_disk:
                raise PlantrackError(
                    f"{edit.file} changed on disk while collecting; nothing written",
                    hint="run collect again",
                )
        try:
            for edit in edits:
                if edit.to_write:
                    write_atomically(edit.file, edit.after)
                    done.written.append(edit.file)
        except BaseException as err:
            raise _interrupted(edits, done.written, err) from None
        if message is not None and root is not None and edits:
            done.commit = gitlog.commit_files(files, message, root)
    return done


def _interrupted(edits: list[PlanEdit], written: list[str], err: BaseException) -> PlantrackError:
    missing = [e.file for e in edits if e.to_write and e.file not in written]
    why = "interrupted" if isinstance(err, KeyboardInterrupt) else str(err)
    with contextlib.suppress(Exception):
        why = getattr(err, "message", why)
    return PlantrackError(
        f"{why}: written {', '.join(written) or 'none'}; not written {', '.join(missing)}",
        hint="run the same collect again: it applies only what is missing",
    )
