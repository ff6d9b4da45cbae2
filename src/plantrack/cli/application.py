"""The Typer app: global options, command registration, and the one place that
turns a PlantrackError into a message and an exit code (domain errors get their
flag names from :mod:`plantrack.cli.flags` first).

Command modules import only Typer at module level and their use case inside their
function bodies, so ``plantrack --help`` and shell completion stay fast.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import gc
import os
import re
import sys
from collections.abc import Callable
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from plantrack import __version__
from plantrack.cli import options
from plantrack.errors import EXIT_USAGE, PlantrackError

EXIT_INTERRUPTED = 130
EXIT_INTERNAL = 3
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE: what `yes | head -1` reports, not a failed check

GLOBAL_FLAGS = ("--no-color", "--debug")


class _GlobalFlagsAnywhere(TyperGroup):
    """Accept the global flags after the command too: ``plantrack summary --no-color``
    reads as ``plantrack --no-color summary``, as people type it (docs/reference/commands.md)."""

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:
        command_at = next((i for i, arg in enumerate(args) if not arg.startswith("-")), None)
        if command_at is not None:
            rest = args[command_at:]
            end = rest.index("--") if "--" in rest else len(rest)
            moved = [arg for arg in rest[:end] if arg in GLOBAL_FLAGS]
            rest = [arg for arg in rest[:end] if arg not in GLOBAL_FLAGS] + rest[end:]
            args = [*args[:command_at], *moved, *rest]
        _refuse_an_unquoted_quarter(args)
        return super().parse_args(ctx, args)


_QUARTER_HEAD = re.compile(r"^(Q[1-4]|Quarter)$", re.IGNORECASE)
_YEAR_TAIL = re.compile(r"^(FY)?\d{2,4}(/\d{2,4})?$", re.IGNORECASE)


def _refuse_an_unquoted_quarter(args: list[str]) -> None:
    """``--quarter Q4 25/26`` unquoted reaches us as two words; the second would be
    refused as "unexpected extra argument", which does not say what went wrong."""
    for i, arg in enumerate(args[:-2]):
        head, tail = args[i + 1], args[i + 2]
        if arg in ("--quarter", "-q") and _QUARTER_HEAD.match(head) and _YEAR_TAIL.match(tail):
            raise typer.BadParameter(
                f"'{head} {tail}' reached plantrack as two words; "
                f"quote it (--quarter '{head} {tail}') or write --quarter {head}-{tail}",
                param_hint="--quarter",
            )


app = typer.Typer(
    cls=_GlobalFlagsAnywhere,
    name="plantrack",
    help="Track council action plans kept as YAML files in git: what is overdue, what is due "
    "next, what changed.",
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=True,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        try:  # runs before any command's guard: a lost output is said here
            typer.echo(f"plantrack {__version__}")
        except OSError as err:
            raise typer.Exit(output_lost(err) or EXIT_INTERNAL) from None
        raise typer.Exit()


@app.callback()
def _global(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
    no_color: Annotated[bool, typer.Option("--no-color", help="Plain output, no colour.")] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show a traceback for unexpected errors.")
    ] = False,
) -> None:
    """Track council action plans kept as YAML files in git."""
    if no_color:
        os.environ["NO_COLOR"] = "1"
    if debug:
        os.environ["PLANTRACK_DEBUG"] = "1"


def report_error(err: PlantrackError) -> None:
    """Each located diagnostic, then one line for the error and its hint, on stderr
    (the line that says what to do is the last one read)."""
    from plantrack.render.console import error_console, safe

    console = error_console()
    if err.diagnostics:
        for diagnostic in err.diagnostics:
            console.print(safe(diagnostic.text(), True), highlight=False, soft_wrap=True)
    message = safe(err.message, one_line=True)  # a file named with a line break stays one line
    console.print(f"plantrack: error: {message}", style="bold red", highlight=False, soft_wrap=True)
    if err.hint:
        console.print(f"  hint: {safe(err.hint, one_line=True)}", highlight=False)


def reader_gone(err: BaseException) -> bool:
    """Whether ``err`` is a write to a pipe whose reader has closed it: BrokenPipeError
    on POSIX; on Windows the write fails with EINVAL instead (``plantrack list | more``
    quit early). A bad file name is EINVAL there too, but names its file."""
    if isinstance(err, BrokenPipeError):
        return True
    return (
        sys.platform == "win32"
        and isinstance(err, OSError)
        and err.errno == errno.EINVAL
        and err.filename is None
    )


def silence_stdout() -> None:
    """Point stdout at /dev/null so the exit's final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # not a real file (tests)
        pass


def output_failed(err: BaseException) -> bool:
    """Whether ``err`` is the output itself failing (a full disk, an I/O error) rather than
    a bug: an OSError naming no file, of the kinds a write to stdout raises."""
    lost = {errno.ENOSPC, errno.EIO, errno.EFBIG, errno.EBADF, getattr(errno, "EDQUOT", errno.EIO)}
    return isinstance(err, OSError) and err.filename is None and err.errno in lost


def output_lost(err: BaseException) -> int | None:
    """The exit code when ``err`` is stdout failing, None for anything else: the reader
    has gone (``plantrack list | head -1``: 141, quietly) or the output cannot be
    written (a full disk: said, exit 1). Stdout is then pointed at /dev/null, so the
    exit's final flush cannot fail again."""
    if reader_gone(err):
        silence_stdout()
        return EXIT_BROKEN_PIPE
    if output_failed(err):
        silence_stdout()
        typer.echo(f"plantrack: error: cannot write the output: {err.strerror}", err=True)  # type: ignore[attr-defined]
        return 1
    return None


def guarded(func: Callable[..., Any]) -> Callable[..., Any]:
    """Run a command so that no bad input ever ends in a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            code = func(*args, **kwargs)
        except PlantrackError as err:
            from plantrack.cli.flags import as_flag_error

            shown = as_flag_error(err)
            report_error(shown)
            raise typer.Exit(shown.exit_code) from None
        except KeyboardInterrupt:
            typer.echo("plantrack: interrupted", err=True)
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except (typer.Exit, typer.Abort, typer.BadParameter):
            raise
        except Exception as err:  # noqa: BLE001 - the last line of defence
            lost = output_lost(err)
            if lost is not None:
                raise typer.Exit(lost) from None
            if os.environ.get("PLANTRACK_DEBUG"):
                raise
            typer.echo(
                f"plantrack: internal error: {type(err).__name__}: {err} "
                "(run with --debug for the traceback)",
                err=True,
            )
            raise typer.Exit(EXIT_INTERNAL) from None
        if code:
            raise typer.Exit(code)
        return None

    return wrapper


def _register() -> None:
    from plantrack.commands import COMMANDS

    for name, func in COMMANDS:
        app.command(name)(guarded(func))


_register()


def _tolerate_narrow_encodings() -> None:
    """Plans hold '£', '–' and names in any script; under ``LC_ALL=C`` or
    ``PYTHONIOENCODING=ascii`` the terminal cannot show them. Print '?' for those
    characters rather than stop with an encoding error. A closed stdout or stderr
    (Python then has None there) becomes /dev/null."""
    if sys.stdout is None:  # `plantrack report >&-`: fd 1 closed, output goes nowhere
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the process
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and (stream.encoding or "").lower().replace("-", "") != "utf8":
            reconfigure(errors="replace")


def main() -> None:
    """Console-script entry point.

    The cyclic garbage collector is off for the run: a command is one short process
    whose objects (rows, records, cached entries) live until it exits, and the
    profile of a warm ``overdue`` over 100k trackables showed about a third of the
    run in collections that freed nothing. Reference counting still frees every
    acyclic object at once; the run's few cycles go when the process ends.

    Pydantic plugins are off unless ``PYDANTIC_DISABLE_PLUGINS`` says otherwise:
    they are observability hooks for applications, and finding them scans the
    metadata of every installed package (~60 ms) before the first plan is read.
    """
    gc.disable()
    options.keep_until_exit = LOADED.append  # this process ends with _exit_at_once
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    _tolerate_narrow_encodings()
    try:
        app(prog_name="plantrack")
    except SystemExit as done:
        if isinstance(done.code, int | None):
            # Click caught a closed pipe itself (--help to `head`), wrapped stdout and
            # exited 1: the reader has gone, which every other path says with 141.
            pacified = type(sys.stdout).__name__ == "PacifyFlushWrapper"
            _exit_at_once(EXIT_BROKEN_PIPE if pacified else done.code or 0)
        raise
    except KeyboardInterrupt:
        sys.exit(EXIT_INTERRUPTED)
    except OSError as err:  # stdout failing outside a command (--version, --help)
        lost = output_lost(err)
        if lost is None:
            typer.echo(f"plantrack: internal error: OSError: {err}", err=True)
            lost = EXIT_INTERNAL
        _exit_at_once(lost)


# The exit trick, all of it here: main() has every report keep what it loaded in LOADED
# (through plantrack.cli.options.keep_until_exit) and ends with _exit_at_once, so 100k rows
# are never freed object by object only to exit. Only main() does: a program running the
# app in-process (the tests) keeps nothing.
LOADED: list[object] = []


def _exit_at_once(code: int) -> None:
    """End the process without tearing the interpreter down, as mypy does by default.

    What a report loaded is kept until the end (:data:`LOADED`): freeing 100k rows
    object by object, and then every module, only to exit was a tenth of a warm
    ``overdue`` over a big repo (bench/README.md, W). Exit handlers run and both
    streams are flushed first, so nothing written is lost; a flush that fails is
    reported as any lost output is (:func:`output_lost`).

    ``atexit._run_exitfuncs`` is private: no public API runs the handlers before
    ``os._exit``, which skips them. tests/unit/test_architecture.py fails loudly
    if it goes (test_the_private_apis_the_exit_and_the_cache_rely_on_exist).
    """
    import atexit

    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
    except OSError as err:  # what was left in the buffer could not be written either
        lost = output_lost(err)
        code = code if lost is None else lost
    except ValueError:  # closed: nothing to write
        pass
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.flush()
    os._exit(code)


__all__ = ["EXIT_USAGE", "app", "main"]
