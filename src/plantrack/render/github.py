"""GitHub Actions workflow annotations (``validate --format github``): each problem
becomes ``::error file=F,line=L,col=C::message`` on the line it names."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from plantrack.errors import Diagnostic
from plantrack.textsafe import visible_controls

if TYPE_CHECKING:
    from plantrack.workspace import CheckReport


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
    """The runner's own escapes (``%``, CR, LF), after every other control character is
    shown as ``\\x1b``: the job log obeys ANSI sequences, and a plan's text must not
    colour or hide lines of it."""
    escaped = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return visible_controls(escaped)


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def write_annotations(report: CheckReport) -> None:
    """Each problem as a workflow annotation, then the one-line summary."""
    for diagnostic in report.diagnostics:
        sys.stdout.write(github_annotation(diagnostic) + "\n")
    sys.stdout.write(report.summary("--strict") + "\n")
