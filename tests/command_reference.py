"""Write docs/reference/commands.md from the Typer app itself: every command's help,
usage, arguments and options, so the page cannot say what ``plantrack --help`` does not.

``python tests/command_reference.py --write`` (run by ``make docs``) rewrites the page;
``tests/acceptance/test_docs.py`` fails when the committed page is not what this
renders. Edit a command's docstring or option help, never the page.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "reference" / "commands.md"

HEADER = """\
# Commands

Every command, its arguments and its options, generated from the command line
itself (`make docs` runs `tests/command_reference.py`; `tests/acceptance/test_docs.py`
fails when this page and `plantrack --help` disagree). The
[plan format](../reference/plan-format.md) and the
[date grammar](../reference/dates.md) say what the values mean; the
[user guide](../guide.md) shows the commands at work.

Exit codes: 0 success; 1 the check failed (`validate` found an error,
`schema --check` is stale, `dates` could not read an expression,
`overdue --exit-code` found any); 2 usage (an unknown option, a bad quarter,
no plans found); 3 an unexpected error (its traceback only under `--debug`);
130 interrupted. No command prints a traceback for bad input.

A quarter `Q` is written as in plans (`Q4-25/26`, `'Q4 25/26'`, `Q4 2025/26`),
or `current`, `last`, `next`, and is read in each plan's own financial calendar.
`ID` is an item id, unique across the plans, or `PLAN-ID:ID`.
"""


# What each key of a report's JSON row means (plantrack.rows.records.record writes them). A key
# the code writes and this table lacks fails the page test: say what it means here.
KEY_MEANINGS = {
    "plan": "plan id",
    "id": "item id",
    "kind": "`action` or `milestone`",
    "title": "text as written",
    "theme": "id of the theme it is under",
    "objective": "id of the objective it is under",
    "action": "id of its action (a milestone's), else null",
    "due": "the date expression as written",
    "deadline": "ISO date, or null (no deadline)",
    "quarter": "the financial quarter the deadline falls in (`Q4 2025/26`), or null",
    "original_due": "the first target date as written, or null",
    "status": "canonical status, or null (not reported)",
    "status_word": "the status as the file writes it (a legend word, a spelling)",
    "rag": "`red`, `amber`, `green`, `blue` or `grey`, or null",
    "rationale": "text, or null (inherited from its action)",
    "lead": "list of strings (inherited)",
    "directorate": "text, or null (inherited)",
    "as_of": "ISO date the status was assessed (inherited), or null",
    "updated": "ISO date it was last updated (its as_of or the last commit changing it), or null",
    "rule_status": "the status the plan's `rag_rule` gives it as at day D (`on-track`, "
    "`behind` or `off-track`), or null (done, no deadline, or no rule)",
    "occurrence": "the occurrence of a recurring target it is reported for, or null",
    "file": "the plan file",
    "line": "the line the item starts on",
}
# Written last, after overdue's own keys (plantrack.rows.records.record).
LAST_KEYS = ("rule_status",)
# Written only by overdue, after the keys above.
LATE_KEYS = {
    "days_overdue": "D minus the deadline, in days",
    "as_at": "day D, ISO",
}


def _json_section() -> list[str]:
    """The JSON row of overdue, upcoming and list, key by key, in the order written."""
    from plantrack.rows.records import record_keys

    keys = record_keys()
    unknown = [key for key in keys if key not in KEY_MEANINGS]
    if unknown:
        raise SystemExit(f"say what {unknown} mean in KEY_MEANINGS, {Path(__file__).name}")
    # rule_status depends on day D, so it is written last, after overdue's own keys.
    rows = [f"| `{key}` | {KEY_MEANINGS[key]} |" for key in keys if key not in LAST_KEYS]
    rows += [f"| `{key}` | {meaning} (overdue only) |" for key, meaning in LATE_KEYS.items()]
    rows += [f"| `{key}` | {KEY_MEANINGS[key]} |" for key in keys if key in LAST_KEYS]
    return [
        "",
        "## JSON rows",
        "",
        "`--format json` of `overdue`, `upcoming` and `list` writes one array, an object per",
        "trackable, with these keys in this order:",
        "",
        "| key | value |",
        "|---|---|",
        *rows,
    ]


def _app_command() -> Any:
    """The click group Typer builds from ``plantrack.cli.app``."""
    import typer.main

    from plantrack.cli import app

    return typer.main.get_command(app)


def _cell(text: str) -> str:
    """Text for one Markdown table cell: one line, pipes escaped."""
    return " ".join(text.split()).replace("|", "\\|")


def _value(param: Any) -> str:
    """What an option takes: its choices, its metavar, or nothing for a flag."""
    if getattr(param, "is_flag", False):
        return ""
    choices = getattr(param.type, "choices", None)
    if choices:
        return "|".join(c.value if isinstance(c, Enum) else str(c) for c in choices)
    metavar = param.metavar or param.type.name.upper()
    return metavar if metavar not in ("STR", "BOOLEAN") else "TEXT"


def _default(param: Any) -> str:
    default = param.default
    if default is None or default is False or default == () or callable(default):
        return ""
    if isinstance(default, Enum):
        default = default.value
    return f"`{default}`"


def _names(param: Any) -> str:
    if param.param_type_name == "argument":
        return f"`{(param.metavar or param.name.upper()).rstrip('.')}`"
    return ", ".join(f"`{name}`" for name in [*param.opts, *param.secondary_opts])


def _param_table(params: list[Any]) -> list[str]:
    rows = ["| argument or option | value | default | what it does |", "|---|---|---|---|"]
    for param in params:
        if getattr(param, "hidden", False):
            continue
        value = _value(param) if param.param_type_name == "option" else ""
        text = getattr(param, "help", None) or ""
        if param.param_type_name == "option" and param.required:
            text += " Required."
        if param.multiple and "repeatable" not in text.lower():
            text += " Repeatable."
        shown = f"`{_cell(value)}`" if value else ""
        rows.append(f"| {_names(param)} | {shown} | {_default(param)} | {_cell(text)} |")
    return rows


def _help_paragraphs(text: str) -> list[str]:
    """A docstring as Markdown: paragraphs as prose, an ``Example:`` as a code block."""
    out = []
    for paragraph in text.strip().split("\n\n"):
        if paragraph.startswith("Example:"):
            example = paragraph.removeprefix("Example:").strip()
            out += ["Example:", "", "```sh", *example.splitlines(), "```", ""]
        else:
            out += [" ".join(paragraph.split()), ""]
    return out


def _usage(group: Any, name: str, command: Any) -> str:
    from typer._click import Context

    context = Context(command, info_name=name, parent=Context(group, info_name="plantrack"))
    pieces = [piece.strip("{}").upper() for piece in command.collect_usage_pieces(context)]
    return " ".join(["plantrack", name, *pieces])


def render() -> str:
    """The whole page, as the current command line describes itself."""
    group = _app_command()
    lines = [HEADER]
    lines += ["| command | what it does |", "|---|---|"]
    for name, command in group.commands.items():
        first = (command.help or "").strip().split("\n\n")[0]
        lines.append(f"| [`{name}`](#plantrack-{name}) | {_cell(first)} |")
    lines += ["", "## Global options", ""]
    lines += ["Accepted before or after the command (`plantrack --no-color summary`).", ""]
    lines += _param_table(group.params)
    lines += _json_section()
    for name, command in group.commands.items():
        lines += [
            "",
            f"## plantrack {name}",
            "",
            "```text",
            _usage(group, name, command),
            "```",
            "",
        ]
        lines += _help_paragraphs(command.help or "")
        lines += _param_table(command.params)
    return "\n".join(lines) + "\n"


def is_current() -> bool:
    return PAGE.exists() and PAGE.read_text(encoding="utf-8") == render()


if __name__ == "__main__":
    if "--write" in sys.argv:
        if not is_current():
            PAGE.write_text(render(), encoding="utf-8")
            print(f"updated {PAGE.relative_to(ROOT)}")
    else:
        sys.stdout.write(render())
