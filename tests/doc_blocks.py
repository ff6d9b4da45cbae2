"""Keep the docs true: every ``$ plantrack ...`` line in a fenced ``console``
block of README.md and docs/*.md is run, and its output must be what the
block shows under it.

``python tests/doc_blocks.py --write`` (``make docs``) re-runs the commands
and rewrites the shown output after a deliberate change.
"""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = [
    ROOT / "README.md",
    *sorted((ROOT / "docs").glob("*.md")),
    *sorted((ROOT / "docs" / "reference").glob("*.md")),
]
ENV = {"PLANTRACK_TODAY": "2026-11-23", "NO_COLOR": "1", "COLUMNS": "100", "PLANTRACK_PLANS": None}
BLOCK = re.compile(r"^```console\n(.*?)^```\n", re.S | re.M)


def commands(text: str) -> list[tuple[str, str]]:
    """(command, shown output) pairs of every console block."""
    found = []
    for block in BLOCK.findall(text):
        for chunk in re.split(r"^\$ ", block, flags=re.M)[1:]:
            command, _, output = chunk.partition("\n")
            found.append((command, output))
    return found


def run(command: str) -> str:
    """Run one documented command in-process, from the repo root."""
    import os

    from typer.testing import CliRunner

    from plantrack.cli import app

    argv = shlex.split(command)
    assert argv[0] == "plantrack", f"docs may only show plantrack commands: {command}"
    previous = os.getcwd()
    os.chdir(ROOT)
    try:
        result = CliRunner(env=ENV).invoke(app, argv[1:], catch_exceptions=False)
    finally:
        os.chdir(previous)
    output = result.stdout + result.stderr
    return "\n".join(line.rstrip() for line in output.splitlines()) + ("\n" if output else "")


def rewrite(path: Path) -> bool:
    text = path.read_text(encoding="utf-8")

    def fill(match: re.Match) -> str:
        lines = []
        for command, _ in commands(match.group(0).replace("```console\n", "```console\n", 1)):
            lines.append(f"$ {command}\n{run(command)}")
        return "```console\n" + "".join(lines) + "```\n"

    new = BLOCK.sub(fill, text)
    if new != text:
        path.write_text(new, encoding="utf-8")
    return new != text


if __name__ == "__main__":
    if "--write" in sys.argv:
        for doc in DOCS:
            if rewrite(doc):
                print(f"updated {doc.relative_to(ROOT)}")
