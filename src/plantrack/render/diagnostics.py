"""Printing a check report: for people (text), for GitHub Actions (workflow
commands that become annotations on the pull request) and for tools (json)."""

from __future__ import annotations

from plantrack.errors import Diagnostic
from plantrack.render.console import console, safe
from plantrack.render.formats import write_json
from plantrack.render.github import write_annotations
from plantrack.workspace import CheckReport


def render_check(report: CheckReport, output_format: str) -> None:
    {"text": _text, "github": write_annotations, "json": _json}[output_format](report)


def _text(report: CheckReport) -> None:
    out = console()
    for diagnostic in report.diagnostics:
        colour = "red" if diagnostic.severity == "error" else "yellow"
        out.print(_styled(diagnostic, colour, safe), soft_wrap=True)
    colour = "red" if report.failing else "green"
    out.print(f"[bold {colour}]{safe(report.summary('--strict'))}[/]", soft_wrap=True)


def _styled(diagnostic: Diagnostic, colour: str, safe) -> str:
    """One line, whatever the file's name or the value quoted holds."""
    where = f"{safe(diagnostic.where, one_line=True)}: " if diagnostic.where else ""
    hint = f"; {safe(diagnostic.hint, one_line=True)}" if diagnostic.hint else ""
    return (
        f"[bold]{where}[/][{colour}]{diagnostic.severity} {diagnostic.code}[/]: "
        f"{safe(diagnostic.message, one_line=True)}{hint}"
    )


def _json(report: CheckReport) -> None:
    write_json(report.as_dict())
