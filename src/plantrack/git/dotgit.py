"""The commit checked out, read from the ``.git`` files without running git: a report
served from a cache keyed by commit must start no process (bench/README.md, C).
Running git is :mod:`plantrack.git.gitlog`'s alone."""

from __future__ import annotations

import os

OUTSIDE = "outside"  # find_head: no repository holds the folder


def find_head(folder: str | os.PathLike) -> tuple[str, str | None] | str:
    """``(repo root, commit checked out)`` for ``folder``, read from the ``.git`` files
    (HEAD, the branch's loose ref, packed-refs), so a report served from a cache keyed by
    commit runs no git at all; the commit is None in a repository with no commit yet.
    :data:`OUTSIDE` when no ``.git`` is above ``folder``; the root alone (a ``str``) when
    git's files are in a form read here only by git itself (reftable, a bare setup).
    """
    here = os.path.abspath(folder)
    # As git looks: never up into a ceiling folder (tests and CI set them).
    ceilings = {
        os.path.abspath(path)
        for path in os.environ.get("GIT_CEILING_DIRECTORIES", "").split(os.pathsep)
        if path
    }
    while True:
        dot_git = os.path.join(here, ".git")
        if os.path.exists(dot_git):
            break
        parent = os.path.dirname(here)
        if parent == here or parent in ceilings:
            return OUTSIDE
        here = parent
    try:
        return here, _head_commit(_git_dir(here, dot_git))
    except (OSError, ValueError, UnicodeDecodeError):
        return here


def _git_dir(root: str, dot_git: str) -> str:
    """The git directory: ``.git`` itself, or where a worktree's ``.git`` file points."""
    if os.path.isdir(dot_git):
        return dot_git
    with open(dot_git, encoding="utf-8") as stream:
        text = stream.read().strip()
    if not text.startswith("gitdir:"):
        raise ValueError(".git file without gitdir")
    return os.path.normpath(os.path.join(root, text[len("gitdir:") :].strip()))


def _head_commit(git_dir: str) -> str | None:
    with open(os.path.join(git_dir, "HEAD"), encoding="utf-8") as stream:
        head = stream.read().strip()
    if not head.startswith("ref:"):
        return _commit_id(head)
    ref = head[len("ref:") :].strip()
    common = git_dir
    if os.path.exists(os.path.join(git_dir, "commondir")):
        with open(os.path.join(git_dir, "commondir"), encoding="utf-8") as stream:
            common = os.path.normpath(os.path.join(git_dir, stream.read().strip()))
    if os.path.exists(os.path.join(common, "reftable")):
        raise ValueError("reftable: only git reads it")
    for folder in dict.fromkeys((git_dir, common)):
        loose = os.path.join(folder, *ref.split("/"))
        if os.path.isfile(loose):
            with open(loose, encoding="utf-8") as stream:
                return _commit_id(stream.read().strip())
    packed = os.path.join(common, "packed-refs")
    if os.path.isfile(packed):
        with open(packed, encoding="utf-8") as stream:
            for line in stream:
                sha, _, name = line.strip().partition(" ")
                if name == ref:
                    return _commit_id(sha)
    return None  # a branch with no commit yet


def is_commit_id(text: str) -> bool:
    """A full commit id as git writes one: 40 (SHA-1) or 64 (SHA-256) lower-case hex."""
    return len(text) in (40, 64) and all(c in "0123456789abcdef" for c in text)


def _commit_id(text: str) -> str:
    if not is_commit_id(text):
        raise ValueError(f"not a commit id: {text[:80]!r}")
    return text
