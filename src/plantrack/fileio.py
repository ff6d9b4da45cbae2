"""Writing files so that nothing is lost: a reader, a crash or a full disk
sees either the old file or the new one, never half of either."""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from plantrack.errors import PlantrackError


def write_atomically(
    path: str | os.PathLike,
    data: bytes,
    durable: bool = True,
    make_folder: bool = False,
    *,
    follow_links: bool = True,
) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over.

    The existing file's permission bits are kept, so an edit never turns a
    plan world-writable or strips the group bit a team relies on. A new file gets
    what ``open()`` would give it (0666 less the umask), not the owner-only mode
    of the temporary file: a schema or report is read by CI and colleagues.
    ``make_folder`` creates missing folders first (a new repo's ``plans/``).
    ``follow_links=False`` refuses a symbolic link at ``path`` and never writes through
    one: the rename replaces whatever name is there, so a link planted after the check
    is replaced, its target untouched (a return written into a shared folder).
    Every failure is a :class:`PlantrackError` naming the path, never a traceback.
    """
    # A symlinked plan is edited at its target; the link stays a link.
    target = Path(os.path.realpath(path)) if follow_links else Path(path)
    if not follow_links and os.path.islink(target):
        raise PlantrackError(
            f"cannot write {path}: it is a symbolic link, and plantrack never writes through one",
            hint="remove the link (or move it away) and run the command again",
        )
    try:
        if make_folder:
            target.parent.mkdir(parents=True, exist_ok=True)
        mode = _mode_for(target, path)
        import tempfile  # here: a report served from the cache writes nothing (~1 ms)

        handle, temp_name = tempfile.mkstemp(
            prefix=f".{target.name[:100]}.", suffix=".tmp", dir=target.parent
        )
    except OSError as err:
        raise PlantrackError(f"cannot write {path}: {err.strerror or err}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            if durable:  # a plan: on disk before the rename; a cache entry need not be
                os.fsync(stream.fileno())
        os.chmod(temp_name, mode)
        os.replace(temp_name, target)
    except OSError as err:
        _remove_quietly(temp_name)
        raise PlantrackError(f"cannot write {target}: {err.strerror}") from None
    except BaseException:
        _remove_quietly(temp_name)
        raise


def _mode_for(target: Path, path: str | os.PathLike) -> int:
    """The file's own mode, or a new file's; refuses a read-only file."""
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        return 0o666 & ~_umask()
    if not os.access(target, os.W_OK) or not mode & 0o222:
        raise PlantrackError(
            f"cannot write {path}: the file is read-only",
            hint="make it writable (chmod u+w) and run the command again",
        )
    return mode


def _umask() -> int:
    """The process umask (reading it means setting it: put it straight back)."""
    current = os.umask(0o022)
    os.umask(current)
    return current


def _remove_quietly(name: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(name)
