"""Every command shown in README.md and docs/ runs and prints what the page shows."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import command_reference
from conftest import ROOT
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


# --- the project's own reference (docs/reference/) -------------------------------------

REFERENCE = ROOT / "docs" / "reference"
PLAN_FORMAT = ROOT / "docs/reference/plan-format.md"


def test_the_commands_page_is_what_the_command_line_says():
    """docs/reference/commands.md is generated from the Typer app: a changed help text,
    option or command leaves it stale until `make docs` writes it again."""
    assert (REFERENCE / "commands.md").read_text(encoding="utf-8") == command_reference.render(), (
        "docs/reference/commands.md is stale: run `make docs`"
    )


def test_every_command_has_its_section_in_the_commands_page():
    import typer.main

    from plantrack.cli import app

    page = (REFERENCE / "commands.md").read_text(encoding="utf-8")
    names = list(typer.main.get_command(app).commands)
    assert len(names) >= 19
    missing = [name for name in names if f"\n## plantrack {name}\n" not in page]
    assert not missing, f"commands missing from docs/reference/commands.md: {missing}"


def test_every_key_a_plan_accepts_is_in_the_plan_format_reference():
    from plantrack.plan.model import LEVEL_KEYS

    page = PLAN_FORMAT.read_text(encoding="utf-8")
    table = page.split("## Keys", 1)[1].split("\n## ", 1)[0]
    listed = set(re.findall(r"^\| `(\w+)` \|", table, flags=re.M))
    accepted = set().union(*LEVEL_KEYS.values())
    assert accepted - listed == set(), (
        "keys missing from the Keys table of docs/reference/plan-format.md"
    )


def test_every_status_word_is_in_the_plan_format_reference():
    from plantrack.plan.status import SPELLINGS

    page = PLAN_FORMAT.read_text(encoding="utf-8")
    rows = {
        row.split("|")[1].strip(" `"): row.split("|")[4]
        for row in page.splitlines()
        if row.startswith("| `") and row.count("|") == 5
    }
    for status, words in SPELLINGS.items():
        written = [word.strip() for word in rows.get(status.value, "").split(",")]
        assert written == list(words), (
            f"{status.value}: docs/reference/plan-format.md lists {written}"
        )


def test_the_guide_and_readme_link_to_the_reference():
    pages = sorted(path.name for path in REFERENCE.glob("*.md"))
    assert len(pages) >= 3  # the plan format, the date grammar, the commands
    for doc in (ROOT / "README.md", ROOT / "docs" / "guide.md"):
        text = doc.read_text(encoding="utf-8")
        for page in pages:
            assert f"docs/reference/{page}" in text or f"](reference/{page})" in text, (
                f"{doc.name} does not link to docs/reference/{page}"
            )


# The design notes the project was started from live outside the repository; a clone
# never has them. Written in pieces so that this file does not match itself.
SPEC_NAMES = ("plan-format", "dates", "cli", "user-guide")
CITED = re.compile(r"[\w./-]*\b(" + "|".join(SPEC_NAMES) + r")\.md\b")
OUTSIDE = ".." + "/shared"
SKIPPED_DIRS = {".git", "__pycache__", "build", "node_modules"}
# This file builds the names in its own checks; a page in docs/reference/ links to the
# pages beside it by their bare names.
CHECKER = "tests/acceptance/test_docs.py"
IN_THE_REFERENCE = "docs/reference/"


def repository_files() -> list[Path]:
    """Every file a clone holds (no virtualenvs, caches or build output)."""
    found = []
    for path in ROOT.rglob("*"):
        parts = path.relative_to(ROOT).parts
        if any(p in SKIPPED_DIRS or p.startswith((".venv", ".pytest", ".ruff")) for p in parts):
            continue
        if path.is_file() and not any(p.endswith(".egg-info") for p in parts):
            found.append(path)
    return found


def wrong_citations(relative: str, text: str) -> list[str]:
    """Mentions of a design note that is not in the repository: only
    ``docs/reference/plan-format.md`` and ``docs/reference/dates.md`` exist (cited bare
    only from the pages beside them in docs/reference/)."""
    wrong = []
    if OUTSIDE in text:
        wrong.append(f"{relative}: mentions {OUTSIDE}")
    for match in CITED.finditer(text):
        cited, name = match.group(0), match.group(1)
        here = relative.startswith(IN_THE_REFERENCE) and cited == f"{name}.md"
        if name in ("cli", "user-guide") or not (cited.endswith(f"reference/{name}.md") or here):
            line = text.count("\n", 0, match.start()) + 1
            wrong.append(f"{relative}:{line}: {cited}")
    return wrong


def test_no_file_cites_a_note_the_repository_does_not_have():
    wrong = []
    for path in repository_files():
        if path.relative_to(ROOT).as_posix() == CHECKER:
            continue
        text = path.read_bytes().decode("utf-8", errors="ignore")
        wrong += wrong_citations(path.relative_to(ROOT).as_posix(), text)
    assert not wrong, "cite docs/reference/ instead:\n" + "\n".join(wrong)


def test_the_citation_check_sees_what_it_must():
    plan_format, cli = f"{SPEC_NAMES[0]}.md", f"{SPEC_NAMES[2]}.md"  # never spelt out here
    assert wrong_citations("src/a.py", f"see {plan_format}") == [f"src/a.py:1: {plan_format}"]
    assert wrong_citations("src/a.py", f"x\n({cli})") == [f"src/a.py:2: {cli}"]
    assert wrong_citations("tests/command_reference.py", f"({plan_format})") != []
    assert wrong_citations("docs/reference/x.md", "[d](dates" + ".md)") == []
    assert wrong_citations("docs/guide.md", "[d](reference/dates" + ".md)") == []
    assert wrong_citations("src/a.py", "docs/reference/dates" + ".md") == []
    assert wrong_citations("src/a.py", "the " + OUTSIDE + "/spec") == [
        f"src/a.py: mentions {OUTSIDE}"
    ]
    assert wrong_citations("src/a.py", f"{OUTSIDE.removeprefix('../')}/spec/{plan_format}") != []
