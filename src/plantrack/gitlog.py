"""The one place plantrack talks to git.

Reads go through ``git cat-file --batch``: one process streams every file
version a ``diff`` or ``history`` needs, instead of one ``git show`` per file
or per commit (a 200-commit history is one ``git log`` and one batch).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass

from plantrack.errors import PlantrackError, UsageError

WORKTREE = None  # the "revision" meaning the files on disk


class GitError(PlantrackError):
    """git is missing, this is not a repository, or git refused (exit 2)."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message, 2, hint=hint)


def run_git(args: list[str], cwd: str | os.PathLike, stdin: bytes | None = None) -> bytes:
    """Run git; its own message becomes the error, never a traceback."""
    if shutil.which("git") is None:
        raise GitError("git is not installed or not on PATH", hint="install git")
    try:
        done = subprocess.run(
            ["git", "-c", "core.quotepath=off", *args],
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
        return run_git(["rev-parse", "--show-toplevel"], folder).decode().strip()
    except GitError:
        raise GitError(
            f"{path} is not inside a git repository",
            hint="run plantrack diff/history in a clone of the plan repo",
        ) from None


def resolve_revision(rev: str, root: str) -> str:
    """A commit id for ``rev``; a bad revision is a usage error with git's message."""
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
    return run_git(["merge-base", a, b], root).decode().strip()


def list_files(rev: str, prefix: str, root: str, suffixes=(".yaml", ".yml")) -> list[str]:
    """Paths (relative to the repo root) under ``prefix`` at ``rev``."""
    out = run_git(["ls-tree", "-r", "-z", "--name-only", rev, "--", prefix or "."], root)
    names = [n for n in out.decode("utf-8").split("\0") if n]
    return [n for n in names if n.endswith(suffixes)]


def read_blobs(specs: Iterable[str], root: str) -> dict[str, bytes | None]:
    """``{"REV:path": content or None}`` through one ``git cat-file --batch``."""
    specs = list(specs)
    if not specs:
        return {}
    out = run_git(["cat-file", "--batch"], root, stdin="".join(s + "\n" for s in specs).encode())
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
    """Commits that touched ``path`` (following renames), oldest first."""
    rel = os.path.relpath(os.path.abspath(path), root)
    out = run_git(
        ["log", "--follow", "--name-only", "--format=%x1e%H%x1f%an%x1f%aI%x1f%s", "--", rel],
        root,
    )
    commits = []
    for record in out.decode("utf-8", "replace").split("\x1e"):
        if not record.strip("\0\n"):
            continue
        head, _, names = record.partition("\n")
        sha, author, when, subject = head.split("\x1f", 3)
        name = next((n for n in names.splitlines() if n.strip()), rel)
        commits.append(Commit(sha, author, when, subject, name.strip()))
    return list(reversed(commits))


@dataclass(frozen=True)
class Snapshot:
    """The plan files at one commit: ``{path: blob id}``, and when it was committed."""

    sha: str
    date: str  # committer date, ISO 8601 with the committer's offset
    files: dict[str, str]


def snapshots(prefix: str, root: str, suffixes=(".yaml", ".yml")) -> list[Snapshot]:
    """The files under ``prefix`` after each commit that changed them, oldest first.

    One ``git log --raw`` pass along the first-parent line (a merge counts as the
    change it brought to the main line) replays each commit's added, modified and
    deleted blobs, so a history of years costs one process; the contents are then
    read by blob id in one batch (:func:`read_blobs`), each distinct version once.
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
            "--format=%x1e%H%x1f%cI",
            "--",
            prefix or ".",
        ],
        root,
    )
    records = []
    for record in out.decode("utf-8", "replace").split("\x1e"):
        head, _, raw = record.partition("\0")
        if "\x1f" not in head:
            continue
        sha, when = head.split("\x1f", 1)
        fields = raw.lstrip("\n").split("\0")
        changes = [
            (meta.split()[-1], meta.split()[3], path)
            for meta, path in zip(fields[::2], fields[1::2], strict=False)
            if meta.startswith(":")
        ]
        records.append((sha, when.strip(), changes))
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


def _is_plan_path(path: str, suffixes) -> bool:
    """A plan file as the folder finder sees one: a .yaml/.yml name, no hidden part."""
    return path.endswith(suffixes) and not any(p.startswith(".") for p in path.split("/"))


def head_commit(path: str | os.PathLike) -> str | None:
    """The commit checked out where ``path`` is, or None outside a repository
    (a return made from plain files carries no commit; its rows still record
    the status and due they showed, which is what conflicts are judged by)."""
    if shutil.which("git") is None:
        return None
    folder = path if os.path.isdir(path) else os.path.dirname(os.path.abspath(path)) or "."
    try:
        return run_git(["rev-parse", "--verify", "--quiet", "HEAD"], folder).decode().strip()
    except GitError:
        return None


def commit_files(files: Iterable[str], message: str, root: str) -> str:
    """Stage exactly ``files`` and commit them with ``message``; the new commit id.

    Only the named files are committed (``--only``), whatever else is staged, so a
    collect never sweeps an officer's unrelated work into its commit.
    """
    names = [os.path.relpath(os.path.abspath(f), root) for f in files]
    run_git(["add", "--", *names], root)
    run_git(["commit", "--quiet", "--only", "-F", "-", "--", *names], root, stdin=message.encode())
    return run_git(["rev-parse", "HEAD"], root).decode().strip()
