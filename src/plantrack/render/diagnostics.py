"""Printing a check report: for people (text), for GitHub Actions (workflow
commands that become annotations on the pull request) and for tools (json)."""

from __future__ import annotations

import sys

from plantrack.errors import Diagnostic
from plantrack.render.rows import write_json
from plantrack.workspace import CheckReport


def render_check(report: CheckReport, output: str) -> None:
    {"text": _text, "github": _github, "json": _json}[output](report)


def _text(report: CheckReport) -> None:
    from plantrack.render.console import console, safe

    out = console()
    for diagnostic in report.diagnostics:
        colour = "red" if diagnostic.severity == "error" else "yellow"
        out.print(_styled(diagnostic, colour, safe), soft_wrap=True)
    colour = "red" if report.failing else "green"
    out.print(f"[bold {colour}]{safe(report.summary())}[/]", soft_wrap=True)


def _styled(diagnostic: Diagnostic, colour: str, safe) -> str:
    where = f"{safe(diagnostic.where)}: " if diagnostic.where else ""
    hint = f"; {safe(diagnostic.hint)}" if diagnostic.hint else ""
    return (
        f"[bold]{where}[/][{colour}]{diagnostic.severity} {diagnostic.code}[/]: "
        f"{safe(diagnostic.message)}{hint}"
    )


def github_annotation(diagnostic: Diagnostic) -> str:
    """``::error file=F,line=L,col=C,title=CODE::message`` escaped as the runner requires."""
    kind = "error" if diagnostic.severity == "error" else "warning"
    props = [f"file={_escape_property(diagnostic.file)}"] if diagnostic.file else []
    if diagnostic.line:
        props.append(f"line={diagnostic.line}")
        props.append(f"col={diagnostic.col or 1}")
    props.append(f"title={_escape_property(diagnostic.code)}")
    message = diagnostic.message + (f"; {diagnostic.hint}" if diagnostic.hint else "")
    return f"::{kind} {','.join(props)}::{_escape_data(message)}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _github(report: CheckReport) -> None:
    for diagnostic in report.diagnostics:
        sys.stdout.write(github_annotation(diagnostic) + "\n")
    sys.stdout.write(report.summary() + "\n")


def _json(report: CheckReport) -> None:
    write_json(report.as_dict())
