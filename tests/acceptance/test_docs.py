"""Every command shown in README.md and docs/ runs and prints what the page shows."""

from __future__ import annotations

import pytest

from doc_blocks import DOCS, commands, run

CASES = [
    (doc, command, shown)
    for doc in DOCS
    for command, shown in commands(doc.read_text(encoding="utf-8"))
]


def test_the_docs_show_commands():
    assert len(CASES) >= 10


@pytest.mark.parametrize(
    ("doc", "command", "shown"), CASES, ids=[f"{d.name}:{c}" for d, c, _ in CASES]
)
def test_documented_command_output(doc, command, shown):
    assert run(command) == shown, f"{doc.name}: output of `{command}` changed; run `make docs`"
