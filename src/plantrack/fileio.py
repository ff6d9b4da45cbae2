"""Writing files so that nothing is lost: a reader, a crash or a full disk
sees either the old file or the new one, never half of either; and reading them
so that a hostile path cannot hang or exhaust a run (:func:`read_regular`)."""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from plantrack.errors import PlantrackError

# The most a plan, map or sheet file may hold. A real plan is tens of kilobytes and a
# 10 MB one still reads; a file past this is refused before it is read, not read and then
# found too big (a committed symlink to /dev/zero must not exhaust a CI runner's memory).
MAX_READ = 64 * 1024 * 1024
_CHUNK = 1 << 20


class RefusedRead(OSError):
    """A file plantrack will not read: not a regular file, or larger than it reads.

    ``strerror`` is the reason as shown ("not a regular file but a FIFO ..."), so callers that
    print ``err.strerror`` for any ``OSError`` say why; ``kind`` is what was found
    (``"folder"``, ``"FIFO"``...) or ``"too large"``.
    """

    def __init__(self, reason: str, kind: str) -> None:
        super().__init__(0, reason)
        self.kind = kind


_KINDS = (
    (stat.S_ISDIR, "folder"),
    (stat.S_ISFIFO, "FIFO (named pipe)"),
    (stat.S_ISCHR, "character device"),
    (stat.S_ISBLK, "block device"),
    (stat.S_ISSOCK, "socket"),
)


def read_regular(path: str | os.PathLike, limit: int = MAX_READ, follow: bool = True) -> bytes:
    """The bytes of ``path`` if it is a regular file of at most ``limit`` bytes.

    Opened first, then checked on the opened descriptor (no race between a check and the
    open): ``O_NONBLOCK`` makes opening a FIFO return at once instead of waiting for a
    writer, and ``fstat`` then refuses anything but a regular file (a FIFO, ``/dev/zero``
    behind a symlink, a folder). At most ``limit + 1`` bytes are read, so a file that grows
    while it is read is refused too. ``follow=False`` refuses a symlink (``O_NOFOLLOW``:
    the cache's own entries). Raises :class:`RefusedRead`, or the ``OSError`` of the open.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    if not follow:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    handle = os.open(path, flags)
    try:
        info = os.fstat(handle)
        refuse_unless_regular(info.st_mode)
        if info.st_size > limit:
            raise _too_large(limit)
        return _read_at_most(handle, info.st_size, limit)
    finally:
        os.close(handle)


def utf8_name(name: str) -> bool:
    """Whether a file name read from the file system (undecodable bytes held as
    surrogates, as Python keeps them) is UTF-8 text."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def refuse_unless_regular(mode: int) -> None:
    """Raise :class:`RefusedRead` naming what ``mode`` is, unless it is a regular file."""
    if stat.S_ISREG(mode):
        return
    kind = next((name for test, name in _KINDS if test(mode)), "special file")
    raise RefusedRead(f"not a regular file but a {kind}: not read", kind)


def _read_at_most(handle: int, expected: int, limit: int) -> bytes:
    """Up to ``limit`` bytes; one read of the expected size (and one more byte, to see the
    end) in the common case, chunks after that."""
    chunks = [os.read(handle, min(expected, limit) + 1)]
    total = len(chunks[0])
    while chunks[-1] and total <= limit:
        chunks.append(os.read(handle, min(_CHUNK, limit + 1 - total)))
        total += len(chunks[-1])
    if total > limit:
        raise _too_large(limit)
    return b"".join(chunks)


def _too_large(limit: int) -> RefusedRead:
    return RefusedRead(f"larger than the {limit // (1024 * 1024)} MB plantrack reads", "too large")


def write_atomically(
    path: str | os.PathLike,
    data: bytes,
    durable: bool = True,
    make_folder: bool = False,
    *,
    follow_links: bool = True,
    mode: int | None = None,
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
    ``mode`` is the written file's, whatever the old one had and whatever the umask
    (a cache entry: 0600, or a group-writable umask would make it one the cache refuses).
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
        mode = _mode_for(target, path) if mode is None else mode
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


# --- one editor at a time -------------------------------------------------------------------


@contextlib.contextmanager
def edit_lock(path: str | os.PathLike) -> Iterator[None]:
    """Hold the lock file ``path`` while the plans are edited, so that two edits at once
    (two ``collect`` runs, a ``collect`` and an ``update``) cannot both check the files,
    then both write, one losing the other's change. Taken at once or refused: a lock
    left by a process that has died (on this machine) is taken over."""
    lock = Path(path)
    try:
        lock.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise PlantrackError(f"cannot lock the plans ({lock}): {err.strerror}") from None
    for attempt in (1, 2):
        try:
            handle = os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            break
        except FileExistsError:
            holder = _holder(lock)
            if attempt == 1 and holder is not None and not _alive(holder):
                _remove_quietly(str(lock))  # its process is gone: a kill, a power cut
                continue
            raise PlantrackError(
                f"the plans are being edited by another plantrack "
                f"({'process ' + str(holder) if holder else 'unknown process'}); nothing written",
                hint=f"wait for it to finish and run the command again; if none is running, "
                f"delete {lock}",
            ) from None
        except OSError as err:
            raise PlantrackError(f"cannot lock the plans ({lock}): {err.strerror}") from None
    with os.fdopen(handle, "w") as stream:
        stream.write(f"{os.getpid()} {_machine()}\n")
    try:
        yield
    finally:
        _remove_quietly(str(lock))


def _holder(lock: Path) -> int | None:
    """The process holding ``lock``, when it is one of this machine's."""
    try:
        pid, _, host = lock.read_text().strip().partition(" ")
    except OSError:
        return None
    if host != _machine() or not pid.isdigit():
        return None
    return int(pid)


def _alive(pid: int) -> bool:
    if os.name == "nt":  # os.kill would end it there: a lock is believed, never probed
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: alive
        return True
    return True


def clean_stray(path: str | os.PathLike) -> list[str]:
    """Remove the temporary files :func:`write_atomically` leaves beside ``path`` when it
    is killed mid-write (call it holding :func:`edit_lock`: then no write is running).
    Returns the names removed."""
    target = Path(os.path.realpath(path))
    prefix = f".{target.name[:100]}."
    removed = []
    try:
        names = os.listdir(target.parent)
    except OSError:
        return []
    for name in names:
        if name.startswith(prefix) and name.endswith(".tmp"):
            _remove_quietly(str(target.parent / name))
            removed.append(str(target.parent / name))
    return removed


def _machine() -> str:
    """This machine's name (not ``socket``: 18 ms to import, on every command's path)."""
    if hasattr(os, "uname"):
        return os.uname().nodename
    return os.environ.get("COMPUTERNAME", "")
