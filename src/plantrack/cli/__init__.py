"""The command line: the Typer app (:mod:`plantrack.cli.application`), the options
commands share (:mod:`plantrack.cli.options`) and the translation of domain errors
into flag errors (:mod:`plantrack.cli.flags`).

``app`` and ``main`` load on first use: command modules import
:mod:`plantrack.cli.options`, and importing this package must not register the
commands while they are still being imported.
"""

from __future__ import annotations

from typing import Any


def main() -> None:
    """Console-script entry point (see :func:`plantrack.cli.application.main`)."""
    from plantrack.cli.application import main as run

    run()


def __getattr__(name: str) -> Any:
    if name in ("app", "EXIT_USAGE"):
        from plantrack.cli import application

        return getattr(application, name)
    raise AttributeError(name)


__all__ = ["EXIT_USAGE", "app", "main"]
