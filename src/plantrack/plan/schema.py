"""The JSON schema of the plan format, generated from the pydantic models.

Editors (yaml-language-server) and ``check-jsonschema`` read the committed
``schemas/plan.schema.json``; generating it from the models means the two can
only drift when someone forgets ``plantrack schema``, which ``--check`` and a
test catch.
"""

from __future__ import annotations

import json
from pathlib import Path

from plantrack import FORMAT_VERSION
from plantrack.fileio import write_atomically
from plantrack.plan.model import Plan

SCHEMA_PATH = Path("schemas") / "plan.schema.json"
SCHEMA_ID = f"https://plantrack.readthedocs.io/schemas/plan-{FORMAT_VERSION}.schema.json"
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def build_schema() -> dict:
    """The schema as a dict: the models' own schema under a 2020-12 header."""
    generated = Plan.model_json_schema(mode="validation")
    header = {
        "$schema": DIALECT,
        "$id": SCHEMA_ID,
        "title": "plantrack plan",
        "description": (
            f"A plantrack plan file, format version {FORMAT_VERSION}: themes, objectives, "
            "actions and milestones with lead, target date and RAG status."
        ),
    }
    generated.pop("title", None)
    generated.pop("description", None)
    _scalars_are_text(generated)
    from plantrack.plan.model import STATUS_SCHEMA

    generated["$defs"]["BuiltInStatus"] = {
        **STATUS_SCHEMA,
        "description": "A canonical status or one of its built-in spellings.",
    }
    return {**header, **generated, **_built_in_statuses_without_a_legend()}


def _built_in_statuses_without_a_legend() -> dict:
    """A plan with no ``statuses:`` legend may only use the built-in spellings: the item
    models accept any text (they cannot see the plan's legend), so the rule sits here, at
    the plan, where the legend's presence is known."""
    status = {"status": {"anyOf": [{"$ref": "#/$defs/BuiltInStatus"}, {"type": "null"}]}}
    rule: dict = {"properties": {**status, "milestones": {"items": {"properties": status}}}}
    for level in ("actions", "objectives", "themes"):
        rule = {"properties": {level: {"items": rule}}}
    return {"if": {"required": ["statuses"]}, "else": rule}


def _scalars_are_text(node: object) -> None:
    """Let text fields take YAML numbers and booleans, as plantrack does: its loader reads
    every plain scalar as written, so ``id: 3.1`` is the id '3.1', ``due: 2022`` the year
    2022 and ``title: yes`` the word. Without this an editor would underline plans that
    ``plantrack validate`` accepts. Not where the text has a form (a pattern, a date): a
    number or a boolean is never one (the plan id has its own rule, below)."""
    if isinstance(node, dict):
        if node.get("type") == "string" and not {"pattern", "enum", "format"} & set(node):
            node["type"] = ["string", "number", "boolean"]
        for value in node.values():
            _scalars_are_text(value)
    elif isinstance(node, list):
        for value in node:
            _scalars_are_text(value)


def render_schema() -> str:
    """The file's exact text: stable key order, two-space indent, final newline."""
    return json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n"


def is_current(path: Path = SCHEMA_PATH) -> bool:
    """True when the file on disk is what the models generate now."""
    try:
        return path.read_text(encoding="utf-8") == render_schema()
    except (OSError, ValueError):  # absent, unreadable, or not even text: not current
        return False


def write_schema(path: Path = SCHEMA_PATH) -> bool:
    """Write the schema; return whether the file changed."""
    text = render_schema()
    if is_current(path):
        return False
    write_atomically(path, text.encode("utf-8"), make_folder=True)
    return True
