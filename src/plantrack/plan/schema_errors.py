"""Schema errors (pydantic's) mapped back to the YAML line and column a person should
look at, with what would be right: the PT0xx/PT1xx half of validation
(:mod:`plantrack.plan.check` holds the plan rules beyond the schema)."""

from __future__ import annotations

from pydantic import ValidationError

from plantrack.errors import Diagnostic
from plantrack.plan.keys import PathKey, kind_of_level
from plantrack.plan.load import Document, Loc
from plantrack.plan.model import LEVEL_KEYS, Plan, legend_context
from plantrack.suggest import did_you_mean

_TYPE_WORDS = {dict: "a mapping", list: "a list", str: "text", type(None): "nothing"}


def _describe(value: object) -> str:
    return _TYPE_WORDS.get(type(value), type(value).__name__)


def diagnostic_at(doc: Document, code: str, message: str, loc: Loc, hint=None, severity="error"):
    return Diagnostic(code, message, doc.path, loc.line, loc.col, hint, severity)


def _level_of(path: PathKey) -> str:
    """Which level's keys apply at ``path`` (the nearest list key above it)."""
    for part in reversed(path):
        if isinstance(part, str) and part in LEVEL_KEYS:
            return part
    return "plan"


def schema_diagnostics(doc: Document, error: ValidationError) -> list[Diagnostic]:
    """Pydantic's errors, each pointed at the YAML node it concerns."""
    found = []
    for problem in error.errors(include_url=False):
        loc = tuple(problem["loc"])
        found.append(_schema_diagnostic(doc, problem, loc))
    return sorted(found, key=lambda d: (d.line, d.col))


def _schema_diagnostic(doc: Document, problem: dict, loc: PathKey) -> Diagnostic:
    kind = problem["type"]
    name = str(loc[-1]) if loc else "plan"
    parent = loc[:-1]
    if kind == "extra_forbidden":
        allowed = LEVEL_KEYS[_level_of(parent)]
        return diagnostic_at(
            doc,
            "PT101",
            f"unknown key '{name}'",
            doc.keys.get(loc) or doc.locate(loc),
            did_you_mean(name, allowed) or f"allowed keys: {', '.join(sorted(allowed))}",
        )
    if kind == "missing":
        return diagnostic_at(
            doc,
            "PT102",
            f"missing required key '{name}'",
            doc.value_loc(parent),
            f"add '{name}: ...' to this {_level_name(parent)}",
        )
    if loc and isinstance(loc[-1], int) and isinstance(_raw(doc, loc[:-1]), str):
        loc = loc[:-1]  # ``lead: ''``: the one text the model made a list of one
    value_loc = doc.value_loc(loc)
    if kind in ("status", "status_type"):  # the message names the word meant, if any
        return diagnostic_at(doc, "PT104", problem["msg"], value_loc)
    if kind == "string_pattern_mismatch" and loc == ("id",):
        return diagnostic_at(
            doc,
            "PT105",
            f"plan id '{problem['input']}' is not allowed",
            value_loc,
            "use lowercase letters, digits and hyphens, e.g. 'inclusion-strategy-2026'",
        )
    if kind == "literal_error" and loc == ("plantrack",):
        return diagnostic_at(
            doc, "PT103", "format version must be 1", value_loc, "write 'plantrack: 1'"
        )
    return diagnostic_at(
        doc, "PT103", _type_message(_what(loc), kind, problem), value_loc, _type_hint(kind)
    )


def _raw(doc: Document, path: PathKey) -> object:
    """The value the file gives at ``path``, None where there is none."""
    value: object = doc.data
    for part in path:
        try:
            value = value[part]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            return None
    return value


def _what(loc: PathKey) -> str:
    """The key a message names: "'lead'", or "item 2 of 'lead'" for an entry of a list
    (pydantic's location ends in the entry's index, which alone reads as a key '1')."""
    if len(loc) >= 2 and isinstance(loc[-1], int):
        return f"item {loc[-1] + 1} of '{loc[-2]}'"
    return f"'{loc[-1]}'" if loc else "the plan"


def _level_name(path: PathKey) -> str:
    return kind_of_level(_level_of(path) if path else "plan")


def _type_message(what: str, kind: str, problem: dict) -> str:
    given = _describe(problem.get("input"))
    if kind in ("string_type", "str_type"):
        return f"{what} must be text, found {given}"
    if kind == "list_type":
        return f"{what} must be a list, found {given}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"{what} must be a mapping of keys, found {given}"
    if kind == "string_too_short":
        return f"{what} must not be empty"
    return f"{what}: {problem['msg']}"


def _type_hint(kind: str) -> str | None:
    # A model not given a mapping is an entry of a level's list; a plain mapping (the
    # statuses legend) is not, so it gets no "- id:" hint.
    if kind in ("model_type", "model_attributes_type"):
        return "each entry of the list starts with '- id: ...'"
    if kind == "string_type":
        return "write a single line of text (quote it if it contains ': ')"
    return None


def validate_document(doc: Document) -> tuple[Plan | None, list[Diagnostic]]:
    """The model of one loaded document, or the located reasons it has none."""
    if doc.data is None:
        loc = Loc(1, 1, 1, 1)
        return None, [
            diagnostic_at(
                doc,
                "PT009",
                "empty file",
                loc,
                "a plan needs at least 'plantrack: 1', 'id' and 'title'",
            )
        ]
    if not isinstance(doc.data, dict):
        loc = doc.value_loc(())
        return None, [
            diagnostic_at(
                doc,
                "PT010",
                f"the top level must be a mapping of plan keys, found {_describe(doc.data)}",
                loc,
                "start the file with 'plantrack: 1', 'id: ...', 'title: ...'",
            )
        ]
    try:
        return Plan.model_validate(doc.data, context=legend_context(doc.data)), []
    except ValidationError as error:
        return None, schema_diagnostics(doc, error)
