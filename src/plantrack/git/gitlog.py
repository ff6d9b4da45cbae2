"""The one place plantrack talks to git.

Reads go through ``git cat-file --batch``: one process streams every file
version a ``diff`` or ``history`` needs, instead of one ``git show`` per file
or per commit (a 200-commit history is one ``git log`` and one batch).

A file name may hold anything but NUL and ``/`` (a line break, a tab, a quote, ``*``):
every git output that lists names or free text is NUL-separated (``-z``, ``%x00``), and
every name handed to git is a literal path, never a pattern (``--literal-pathspecs``).
The calls that carry no name (a commit id, a folder of git's own) say so where they run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass

from plantrack.errors import PlantrackError, UsageError
from plantrack.fileio import utf8_name
from plantrack.git.dotgit import is_commit_id

WORKTREE = None  # the "revision" meaning the files on disk


class GitError(PlantrackError):
    """git is missing, this is not a repository, or git refused (exit 2)."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message, 2, hint=hint)


def run_git(args: list[str], cwd: str | os.PathLike, stdin: bytes | None = None) -> bytes:
    """Run git; its own message becomes the error, never a traceback.

    ``--literal-pathspecs``: a plan named ``g[1].yaml`` is that file, not a pattern that
    also matches ``g1.yaml`` (whose edits ``collect --commit`` would otherwise sweep into
    its commit, and whose history ``history`` would mix in)."""
    if shutil.which("git") is None:
        raise GitError("git is not installed or not on PATH", hint="install git")
    try:
        done = subprocess.run(
            ["git", "--literal-pathspecs", "-c", "core.quotepath=off", *args],
            cwd=cwd,
            input=stdin,
            capture_output=True,
            check=False,
        )
    except OSError as err:
        raise GitError(f"cannot run git: {err.strerror}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git {args[0]}: {message[0] if message else 'failed'}")
    return done.stdout


def repo_root(path: str | os.PathLike) -> str:
    if shutil.which("git") is None:
        raise GitError("git is not installed or not on PATH", hint="install git")
    folder = path if os.path.isdir(path) else os.path.dirname(os.path.abspath(path)) or "."
    try:
        return folder_of(run_git(["rev-parse", "--show-toplevel"], folder))
    except GitError:
        raise GitError(
            f"{path} is not inside a git repository",
            hint="run plantrack diff/history in a clone of the plan repo",
        ) from None


def folder_of(out: bytes) -> str:
    """The one folder ``rev-parse`` printed (it has no ``-z``): only the last line break is
    git's, so a folder named with a trailing space or a line break is kept whole."""
    return os.fsdecode(out.removesuffix(b"\n"))


def resolve_revision(rev: str, root: str) -> str:
    """A commit id for ``rev``; a bad revision is a usage error with git's message.
    (The output is a commit id, never a name: no ``-z`` needed.)"""
    try:
        return (
            run_git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], root)
            .decode()
            .strip()
        )
    except GitError:
        raise UsageError(
            f"unknown revision '{rev}'", hint="give a commit, branch or tag, e.g. HEAD~1 or main"
        ) from None


def merge_base(a: str, b: str, root: str) -> str:
    """The commit id (no name) where ``a`` and ``b`` meet."""
    return run_git(["merge-base", a, b], root).decode().strip()


def list_files(rev: str, prefix: str, root: str, suffixes=(".yaml", ".yml")) -> list[str]:
    """Paths (relative to the repo root) under ``prefix`` at ``rev``; a name that is not
    UTF-8 is left out, as the plans on disk refuse it (docs/reference/plan-format.md)."""
    out = run_git(["ls-tree", "-r", "-z", "--name-only", rev, "--", prefix or "."], root)
    names = out.decode("utf-8", "surrogateescape").split("\0")
    return [n for n in names if n.endswith(suffixes) and utf8_name(n)]


def read_blobs(specs: Iterable[str], root: str) -> dict[str, bytes | None]:
    """``{"REV:path": content or None}`` through one ``git cat-file --batch``.

    The batch reads one name a line, so a path holding a line break would end its line
    early and shift every answer after it (a pull request's status changes shown as
    "no changes"): such names are read one by one, as an argument, never as a line."""
    specs = list(specs)
    lines = [spec for spec in specs if "\n" not in spec]
    found = _read_batch(lines, root)
    for spec in specs:
        if spec not in found:
            found[spec] = _read_one(spec, root)
    return found


def _read_one(spec: str, root: str) -> bytes | None:
    try:
        return run_git(["cat-file", "blob", spec], root)
    except GitError:
        return None


def _read_batch(specs: list[str], root: str) -> dict[str, bytes | None]:
    if not specs:
        return {}
    lines = "".join(s + "\n" for s in specs).encode("utf-8", "surrogateescape")  # names as bytes
    out = run_git(["cat-file", "--batch"], root, stdin=lines)
    found: dict[str, bytes | None] = {}
    position = 0
    for spec in specs:
        end = out.index(b"\n", position)
        header = out[position:end].split()
        position = end + 1
        if len(header) < 3 or header[-1] == b"missing":
            found[spec] = None
            continue
        size = int(header[2])
        found[spec] = out[position : position + size]
        position += size + 1
    return found


@dataclass(frozen=True)
class Commit:
    sha: str
    author: str
    date: str  # ISO 8601 with offset
    subject: str
    path: str  # the file's path at this commit (it may have been renamed since)


def file_log(path: str, root: str) -> list[Commit]:
    """Commits that touched ``path`` (following renames), oldest first.

    ``-z``: each commit is its four fields and then the file's name as it was then, all
    ended by NUL, so a name with a line break, a tab or a quote is read as written (git
    would otherwise quote it, ``"plans/a\\nb.yaml"``, and the old version would not be found).
    """
    rel = os.path.relpath(os.path.abspath(path), root)
    out = run_git(
        ["log", "--follow", "--name-only", "-z", "--format=%H%x00%an%x00%aI%x00%s", "--", rel],
        root,
    )
    fields = out.decode("utf-8", "surrogateescape").split("\0")
    commits, at = [], 0
    while at + 4 <= len(fields) and is_commit_id(fields[at]):
        sha, author, when, subject = fields[at : at + 4]
        at += 4
        name = rel
        if at < len(fields) and fields[at].startswith("\n"):  # the file's name then
            name, at = fields[at][1:], at + 1
        commits.append(Commit(sha, author, when, subject, name))
    return list(reversed(commits))


@dataclass(frozen=True)
class Snapshot:
    """The plan files at one commit: ``{path: blob id}``, and when it was committed."""

    sha: str
    date: str  # committer date, ISO 8601 with the committer's offset
    files: dict[str, str]


def snapshots(
    prefix: str, root: str, suffixes=(".yaml", ".yml"), rev: str | None = None
) -> list[Snapshot]:
    """The files under ``prefix`` after each commit that changed them, oldest first.

    One ``git log --raw`` pass along the first-parent line (a merge counts as the
    change it brought to the main line) replays each commit's added, modified and
    deleted blobs, so a history of years costs one process; the contents are then
    read by blob id in one batch (:func:`read_blobs`), each distinct version once.
    ``rev`` is where the history ends (default: HEAD).
    """
    out = run_git(
        [
            "log",
            "-m",
            "--first-parent",
            "--root",
            "--raw",
            "--no-renames",
            "--no-abbrev",
            "-z",
            "--format=%H%x00%cI",
            *([rev] if rev else []),
            "--",
            prefix or ".",
        ],
        root,
    )
    records = _raw_records(out.decode("utf-8", "surrogateescape").split("\0"))
    found: list[Snapshot] = []
    files: dict[str, str] = {}
    for sha, when, changes in reversed(records):
        for status, blob, path in changes:
            if status.startswith("D") or not _is_plan_path(path, suffixes):
                files.pop(path, None)
            else:
                files[path] = blob
        found.append(Snapshot(sha, when, dict(files)))
    return found


def _raw_records(fields: list[str]) -> list[tuple[str, str, list[tuple[str, str, str]]]]:
    """``(commit, date, [(status, blob, path)])`` from ``log --raw -z``'s NUL-ended fields:
    a commit id and its date, then a ``:meta`` field and its path for each change. A path
    is taken whole as the field after its meta, whatever it holds (a line break, a
    character git would use to separate records), so no name can pose as a commit."""
    records: list[tuple[str, str, list[tuple[str, str, str]]]] = []
    at = 0
    while at + 2 <= len(fields):
        sha, when = fields[at], fields[at + 1]
        at += 2
        changes = []
        while at + 2 <= len(fields) and fields[at].lstrip("\n").startswith(":"):
            meta = fields[at].split()
            changes.append((meta[-1], meta[3], fields[at + 1]))
            at += 2
        if is_commit_id(sha):
            records.append((sha, when.strip(), changes))
    return records


def _is_plan_path(path: str, suffixes) -> bool:
    """A plan file as the folder finder sees one: a .yaml/.yml name, no hidden part, and
    (as a plan on disk must be) a UTF-8 name."""
    return (
        path.endswith(suffixes)
        and not any(p.startswith(".") for p in path.split("/"))
        and utf8_name(path)
    )


def head_commit(path: str | os.PathLike) -> str | None:
    """The commit checked out where ``path`` is, or None outside a repository
    (a return made from plain files carries no commit; its rows still record
    the status and due they showed, which is what conflicts are judged by)."""
    if shutil.which("git") is None:
        return None
    folder = path if os.path.isdir(path) else os.path.dirname(os.path.abspath(path)) or "."
    try:
        found = run_git(["rev-parse", "--verify", "--quiet", "HEAD"], folder)
        return found.decode().strip()  # a commit id, no name
    except GitError:
        return None


def commit_files(files: Iterable[str], message: str, root: str) -> str:
    """Stage exactly ``files`` and commit them with ``message``; the new commit id.

    Only the named files are committed (``--only``), whatever else is staged, so a
    collect never sweeps an officer's unrelated work into its commit.
    """
    names = [os.path.relpath(os.path.abspath(f), root) for f in files]
    # names as arguments (literal pathspecs, see run_git): no output to parse
    run_git(["add", "--", *names], root)
    run_git(["commit", "--quiet", "--only", "-F", "-", "--", *names], root, stdin=message.encode())
    return run_git(["rev-parse", "HEAD"], root).decode().strip()  # an id, no name


def locate(path: str | os.PathLike) -> tuple[str, str]:
    """The repository root holding ``path`` and ``path`` relative to it, with "/"
    (``""`` for the root itself): how a plans folder is named inside git."""
    root = repo_root(path)
    prefix = os.path.relpath(os.path.abspath(path), root)
    return root, "" if prefix == "." else prefix.replace(os.sep, "/")


def files_at(rev: str, prefix: str, root: str) -> dict[str, bytes]:
    """``{path: content}`` of the plan files under ``prefix`` at ``rev`` (paths relative
    to the root, as git names them), in one ``ls-tree`` and one batch read."""
    names = [n for n in list_files(rev, prefix, root) if _is_plan_path(n, (".yaml", ".yml"))]
    blobs = read_blobs([f"{rev}:{name}" for name in names], root)
    return {name: blob for name in names if (blob := blobs[f"{rev}:{name}"]) is not None}


def tree_blobs(rev: str, prefix: str, root: str) -> dict[str, str]:
    """``{path: blob id}`` of the plan files under ``prefix`` at ``rev``: a
    :class:`Snapshot`'s files for a commit the first-parent log may not have walked."""
    out = run_git(["ls-tree", "-r", "-z", "--full-tree", rev, "--", prefix or "."], root)
    found = {}
    for entry in out.decode("utf-8", "surrogateescape").split("\0"):
        meta, _, path = entry.partition("\t")
        parts = meta.split()
        if len(parts) == 3 and parts[1] == "blob" and _is_plan_path(path, (".yaml", ".yml")):
            found[path] = parts[2]
    return found


@dataclass(frozen=True)
class Tag:
    """A tag and the commit it names (a lightweight tag has no tagger nor message)."""

    name: str  # without refs/tags/
    sha: str  # the commit
    committed: str  # the commit's committer date, ISO 8601 with its offset
    tagger: str  # "Name <email>", or "" for a lightweight tag
    tagged: str  # the tag's own date (ISO 8601), or the commit's for a lightweight tag
    message: str


_TAG_FORMAT = "%00".join(
    (
        "%(refname)",
        "%(objecttype)",
        "%(objectname)",
        "%(*objectname)",
        "%(committerdate:iso-strict)",
        "%(*committerdate:iso-strict)",
        "%(taggername) %(taggeremail)",
        "%(taggerdate:iso-strict)",
        "%(contents)",
    )
)


def tags(prefix: str, root: str) -> list[Tag]:
    """The tags under ``refs/tags/<prefix>`` that name a commit, in git's order.

    Every field ends with NUL (no field can hold one), nine to a tag: a message is free
    text (a line break, any separator character), so nothing in it can shift a field;
    for-each-ref's own line break starts the next tag's first field."""
    out = run_git(["for-each-ref", f"--format={_TAG_FORMAT}%00", f"refs/tags/{prefix}"], root)
    fields = out.decode("utf-8", "replace").split("\0")
    found = []
    for at in range(0, len(fields) - 8, 9):
        ref, kind, sha, peeled, committed, peeled_date, tagger, tagged, message = fields[
            at : at + 9
        ]
        ref = ref.removeprefix("\n")
        if kind == "tag":  # annotated: the commit is the peeled object
            sha, committed = peeled, peeled_date
        if not sha or not committed:
            continue  # a tag of a tree or a blob names no state of the plans
        name = ref.removeprefix("refs/tags/")
        found.append(Tag(name, sha, committed, tagger.strip(), tagged or committed, message))
    return found


def make_tag(name: str, commit: str, message: str, root: str, force: bool = False) -> None:
    """An annotated tag ``name`` on ``commit`` (``force`` moves one that exists)."""
    args = ["tag", "--annotate", "--cleanup=verbatim", "-F", "-"]
    run_git([*args, *(["--force"] if force else []), name, commit], root, stdin=message.encode())


def identity(root: str) -> str:
    """Who git says is committing here: "Name <email>" (user.name and user.email, or
    GIT_COMMITTER_NAME and _EMAIL); git's own message when it knows nobody."""
    ident = run_git(["var", "GIT_COMMITTER_IDENT"], root).decode("utf-8", "replace").strip()
    return ident.rsplit(">", 1)[0] + ">" if ">" in ident else ident


def changed_files(prefix: str, root: str) -> list[str]:
    """Files under ``prefix`` that differ from HEAD: modified, staged or untracked."""
    out = run_git(
        ["status", "--porcelain", "-z", "--untracked-files=all", "--", prefix or "."], root
    )
    entries = [e for e in out.decode("utf-8", "replace").split("\0") if e]
    found, skip = [], False
    for entry in entries:
        if skip:  # the old name of a rename
            skip = False
            continue
        skip = entry[0] in "RC"
        found.append(entry[3:])
    return found


def git_dir(path: str | os.PathLike) -> str:
    """The git folder of the repository holding ``path`` (``.git``; the common one,
    shared by its worktrees): where plantrack keeps what must never be committed."""
    if shutil.which("git") is None:
        raise GitError("git is not installed or not on PATH", hint="install git")
    folder = path if os.path.isdir(path) else os.path.dirname(os.path.abspath(path)) or "."
    found = folder_of(run_git(["rev-parse", "--git-common-dir"], folder))
    return os.path.normpath(os.path.join(os.path.abspath(folder), found))


_IN_PROGRESS = (
    ("MERGE_HEAD", "a merge", "git merge --continue, or git merge --abort"),
    ("rebase-merge", "a rebase", "git rebase --continue, or git rebase --abort"),
    ("rebase-apply", "a rebase", "git rebase --continue, or git rebase --abort"),
    ("CHERRY_PICK_HEAD", "a cherry-pick", "git cherry-pick --continue, or --abort"),
    ("REVERT_HEAD", "a revert", "git revert --continue, or --abort"),
)


def operation_in_progress(root: str) -> tuple[str, str] | None:
    """(what, how to finish it) when a merge, rebase, cherry-pick or revert is under
    way in the worktree at ``root``; None when there is none."""
    own = folder_of(run_git(["rev-parse", "--absolute-git-dir"], root))
    for name, what, finish in _IN_PROGRESS:
        if os.path.exists(os.path.join(own, name)):
            return what, finish
    return None


def committed_versions(files: Iterable[str], root: str) -> dict[str, bytes | None]:
    """Each file's content as committed at HEAD (None: not committed), by its path."""
    files = list(files)
    names = {f: os.path.relpath(os.path.abspath(f), root).replace(os.sep, "/") for f in files}
    try:
        blobs = read_blobs([f"HEAD:{name}" for name in names.values()], root)
    except GitError:  # no commit yet
        return dict.fromkeys(files)
    return {f: blobs[f"HEAD:{name}"] for f, name in names.items()}


# --- for the public site: which commit a build comes from ---


@dataclass(frozen=True)
class Head:
    """The commit checked out, its committer's calendar day, and whether the files under
    the prefix differ from it (a site built from them says so)."""

    sha: str
    day: str  # YYYY-MM-DD in the committer's own offset
    dirty: bool


def head(prefix: str, root: str) -> Head | None:
    """HEAD of the repository at ``root``, or None before the first commit."""
    try:
        # a commit id and a date, no name nor free text: no -z needed
        out = run_git(["log", "-1", "--format=%H%x1f%cI", "HEAD"], root).decode().strip()
    except GitError:
        return None
    if "\x1f" not in out:
        return None
    sha, when = out.split("\x1f", 1)
    return Head(sha, when[:10], bool(changed_files(prefix, root)))
