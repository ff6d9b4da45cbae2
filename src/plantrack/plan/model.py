"""Pydantic models of plan format version 1 (docs/reference/plan-format.md).

The models check shape and types; what needs the whole plan (unique ids,
links, dates in the plan's calendar) is in :mod:`plantrack.plan.check`. Inherited
values (lead, directorate, cabinet member, as_of) are not copied here: the
index resolves them once, so files stay as written.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationInfo,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from plantrack.dates import DateError, parse_month
from plantrack.plan.ragrule import TOLERANCE_FORMS, TOLERANCE_PATTERN, Tolerance

# Statuses live in plantrack.plan.status (no pydantic); re-exported as the model's vocabulary.
from plantrack.plan.status import (
    BUILT_IN,
    CANONICAL,
    DONE,
    RAG,
    SEVERITY,
    SPELLINGS,
    Status,
    UnknownStatus,
    Vocabulary,
    accepted_spellings,
    parse_status,
    spelling_pattern,
)

# The key under which validation receives the plan's own status vocabulary (its legend):
# an item's status is read with the words of the plan it belongs to.
VOCABULARY = "vocabulary"


def legend_context(data: Any) -> dict[str, Vocabulary]:
    """The validation context for a plan's raw data: its legend, when the legend itself is
    well formed (a malformed one is reported by the ``statuses`` field, and items are then
    read with the built-in words alone)."""
    legend = data.get("statuses") if isinstance(data, dict) else None
    if not isinstance(legend, dict) or not legend:
        return {VOCABULARY: BUILT_IN}
    try:
        parsed = {str(word): BUILT_IN.parse(str(value)) for word, value in legend.items()}
    except UnknownStatus:
        return {VOCABULARY: BUILT_IN}
    return {VOCABULARY: Vocabulary(parsed)}


def _status_before(value: Any, info: ValidationInfo) -> Any:
    if value is None or isinstance(value, Status):
        return value
    vocabulary = (info.context or {}).get(VOCABULARY, BUILT_IN)
    if not isinstance(value, str):
        raise PydanticCustomError(
            "status_type",
            "status must be text; use one of: {canonical}",
            {"canonical": vocabulary.accepted()},
        )
    try:
        return vocabulary.parse(value)
    except UnknownStatus:
        raise PydanticCustomError(
            "status",
            "{unknown}; use one of: {canonical}",
            {"unknown": vocabulary.unknown(_shown(value)), "canonical": vocabulary.accepted()},
        ) from None


def _legend_status(value: Any) -> Any:
    """A legend's value: a canonical status in any built-in spelling."""
    if isinstance(value, Status):
        return value
    try:
        return BUILT_IN.parse(str(value))
    except UnknownStatus:
        raise PydanticCustomError(
            "legend_status",
            "'{value}' is not a canonical status; a legend maps the plan's words to one of: "
            "{canonical}",
            {"value": _shown(str(value)), "canonical": CANONICAL},
        ) from None


def _shown(value: str) -> str:
    return value if len(value) <= 60 else value[:60] + f"… ({len(value):,} characters)"


# --- field types ----------------------------------------------------------------------


def _one_or_many(value: Any) -> Any:
    """``lead: X`` and ``lead: [X, Y]`` are both fine; the model holds a list."""
    return [value] if isinstance(value, str) else value


def _iso_date(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise PydanticCustomError(
                "iso_date", "'{value}' is not an ISO date; write YYYY-MM-DD", {"value": value}
            ) from None
    return value


# A number as YAML 1.2 writes one (what an editor reads): 1, +1, 01, 1.0, 1e0, 0x1.
_YAML_NUMBER = re.compile(
    r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|0x[0-9a-fA-F]+|0o[0-7]+"
)
# The format version (or a month) written as text: "1", "+1", "01", "1.0".
WHOLE_NUMBER_TEXT = r"\+?0*{}(\.0*)?"


def _whole_number(value: Any) -> Any:
    """A YAML number that is whole, as an int (``1.0`` is 1): the JSON schema an editor
    checks with cannot tell ``1.0`` from ``1`` and accepts both, so validate does too.
    Anything else is returned as it came, for the field to refuse."""
    if isinstance(value, str) and _YAML_NUMBER.fullmatch(value.strip()):
        text = value.strip()
        number = int(text, 0) if text[:2] in ("0x", "0o") else float(text)
        return int(number) if float(number).is_integer() else value
    return value


def _format_version(value: Any) -> Any:
    return _whole_number(value)


def _month(value: Any) -> Any:
    try:
        return parse_month(_whole_number(value))
    except DateError:
        raise PydanticCustomError(
            "month", "'{value}' is not a month; write e.g. April or 4", {"value": value}
        ) from None


def _spelling_variants() -> list[str]:
    """Spellings an editor should accept without a squiggle: as written, lower case, and
    the canonical values (matching in plantrack itself ignores case and separators)."""
    words = accepted_spellings()
    return list(dict.fromkeys([*words, *(w.lower() for w in words)]))


# The schema cannot know a plan's legend: an item's status is any text here, and the
# plan-level rule in plantrack.plan.schema holds it to the built-in spellings when the plan has
# no legend (validate checks the rest).
STATUS_SCHEMA = {"type": "string", "pattern": spelling_pattern(), "examples": _spelling_variants()}
StatusField = Annotated[
    Status | None,
    BeforeValidator(_status_before),
    WithJsonSchema({"anyOf": [{"type": "string", "minLength": 1}, {"type": "null"}]}),
]
LegendStatus = Annotated[
    Status,
    BeforeValidator(_legend_status),
    WithJsonSchema({**STATUS_SCHEMA, "description": "A canonical status or built-in spelling."}),
]
# A lead or a link names someone or something: never empty text, alone or in a list.
TextList = Annotated[
    list[Annotated[str, Field(min_length=1)]],
    BeforeValidator(_one_or_many),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "minLength": 1},
                {"type": "array", "items": {"type": "string", "minLength": 1}},
            ]
        }
    ),
]
MONTH_SCHEMA = {
    "anyOf": [
        {"type": "integer", "minimum": 1, "maximum": 12},
        {
            "type": "string",
            "pattern": "^([A-Za-z]{3,9}|" + WHOLE_NUMBER_TEXT.format("([1-9]|1[0-2])") + ")$",
            "examples": ["April", "July"],
        },
    ]
}
IsoDate = Annotated[date, BeforeValidator(_iso_date)]


def _tolerance(value: Any) -> Any:
    """``rag_rule.behind``: a whole number of days, weeks, months or quarters."""
    try:
        Tolerance.parse(value if isinstance(value, str) else "")
    except ValueError:
        raise PydanticCustomError(
            "tolerance",
            "'{value}' is not a tolerance; write e.g. {forms}",
            {"value": _shown(str(value)), "forms": TOLERANCE_FORMS},
        ) from None
    return str(value)


ToleranceText = Annotated[
    str,
    BeforeValidator(_tolerance),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": TOLERANCE_PATTERN,
            "examples": ["3 months", "90 days", "6 weeks", "1 quarter"],
        }
    ),
]
Text = Annotated[str, Field(min_length=1)]

DUE_FORMS = (
    "Q4 25/26",
    "Quarter 4",
    "2026-03-31",
    "August 2021",
    "Autumn 2016",
    "early 2017",
    "end June 2016",
    "by March 2017",
    "July – November 2021",
    "Q1 & Q3 26/27",
    "from May 2016",
    "ongoing",
)
DUE_HELP = (
    "Target date as written in the source, a date expression: e.g. "
    + ", ".join(f"'{f}'" for f in DUE_FORMS)
    + ". Year-less forms are read in the plan's financial_year."
)


# ``public`` as YAML 1.2 writes a boolean (what the JSON schema's "boolean" accepts too):
# not yes/no/on/off/0/1, so an editor and validate agree on every value.
PUBLIC_TRUE = ("true", "True", "TRUE")
PUBLIC_FALSE = ("false", "False", "FALSE")


def _yaml_bool(value: Any) -> Any:
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str) and value in PUBLIC_TRUE + PUBLIC_FALSE:
        return value in PUBLIC_TRUE
    raise PydanticCustomError(
        "yaml_bool",
        "'{value}' is not true or false; write false to withhold it from the public site",
        {"value": _shown(str(value))},
    )


PublicFlag = Annotated[bool | None, BeforeValidator(_yaml_bool)]
PUBLIC_HELP = (
    "false withholds this item and everything below it from the public site "
    "(`plantrack site`); reports, validate and returns are unchanged. Default: true."
)


def _text(description: str, **extra: Any) -> Any:
    return Field(default=None, description=description, **extra)


# --- levels ------------------------------------------------------------------------


class _Item(BaseModel):
    """Keys every level below the plan shares."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)

    id: Text = Field(description="Unique within the plan; addressed from outside as PLAN-ID:ID.")
    title: Text = Field(description="Text as in the source document.")
    description: str | None = _text("Longer free text.")
    lead: TextList | None = _text(
        "Person, post or service: a string or a list of strings; inherited from the nearest "
        "ancestor that has one."
    )
    directorate: str | None = _text("Directorate; inherited like lead.")
    cabinet_member: str | None = _text("Cabinet member; inherited like lead.")
    links: TextList | None = _text(
        "Ids this item relates to: ID in the same plan or PLAN-ID:ID; must resolve."
    )
    notes: str | None = _text("Free text, e.g. comments and links to earlier activity.")
    public: PublicFlag = _text(PUBLIC_HELP)


class _Tracked(_Item):
    """Keys of the levels that carry dates and statuses (actions and milestones)."""

    measure: str | None = _text("How will we know we have achieved it?")
    original_due: str | None = _text(
        "The first target date, kept when the target was revised. " + DUE_HELP
    )
    status: StatusField = _text(
        "Status (any accepted spelling; tools write the canonical value). Absent means not "
        "reported."
    )
    rationale: str | None = _text("Rationale for status / progress commentary.")
    as_of: IsoDate | None = _text("ISO date the status was assessed; inherited from the plan.")
    # The status word as the file writes it ("Delivered", "Green"): reports show it beside
    # the canonical state it stands for in this plan.
    _status_word: str | None = PrivateAttr(default=None)

    @model_validator(mode="wrap")
    @classmethod
    def _keep_status_word(cls, data: Any, handler: Any) -> Any:
        item = handler(data)
        if isinstance(data, dict) and isinstance(data.get("status"), str):
            item._status_word = data["status"].strip()
        return item

    @property
    def status_word(self) -> str | None:
        """The status as written; the canonical value when the item was built in code."""
        if self._status_word is not None:
            return self._status_word
        return self.status.value if self.status else None


class Milestone(_Tracked):
    """A dated sub-step of an action ("Key milestones", "a) b) c)")."""

    due: Text = Field(description=DUE_HELP)


class Action(_Tracked):
    """A row of the plan; without milestones it must have a due date."""

    due: str | None = _text(DUE_HELP + " Required unless the action has milestones.")
    milestones: list[Milestone] = Field(default_factory=list, description="Dated sub-steps.")


class Objective(_Item):
    """An outcome or objective under a theme."""

    measure: str | None = _text("How will we know we have achieved it?")
    actions: list[Action] = Field(default_factory=list, description="Actions (rows).")


class Theme(_Item):
    """A theme, priority or council plan theme."""

    objectives: list[Objective] = Field(default_factory=list, description="Objectives/outcomes.")


class RagRule(BaseModel):
    """The plan's own colour rule, by time past the original deadline."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    behind: ToleranceText = Field(
        description="Up to this far past the original deadline a trackable is behind "
        "(amber); further, off track (red): days, weeks, months or quarters, e.g. "
        "'3 months'."
    )


PLAN_ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
# The plan id as an editor reads it: YAML 1.2 gives ``id: 2026`` as a number and
# ``id: true`` as a boolean, which plantrack reads as the text written (both match the
# pattern). JSON Schema cannot tell ``1.0`` from ``1``: that one id the editor passes and
# validate refuses (tests/unit/test_schema.py).
PlanId = Annotated[
    str,
    Field(pattern=PLAN_ID_PATTERN),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": PLAN_ID_PATTERN},
                {"type": "integer", "minimum": 0},
                {"type": "boolean"},
            ]
        }
    ),
]


class Plan(BaseModel):
    """A plantrack plan file, format version 1."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    plantrack: Annotated[
        Literal[1],
        BeforeValidator(_format_version),
        WithJsonSchema(
            {
                "anyOf": [
                    {"const": 1},
                    {"type": "string", "pattern": "^" + WHOLE_NUMBER_TEXT.format("1") + "$"},
                ]
            }
        ),
    ] = Field(description="Format version; 1.")
    id: PlanId = Field(
        description="Plan id, unique in the repo: lowercase letters, digits and hyphens.",
    )
    title: Text = Field(description="Title of the plan as in the source.")
    description: str | None = _text("Longer free text.")
    organisation: str | None = _text("The body that owns the plan.")
    period: str | None = _text("The period the plan covers, a date expression.")
    financial_year: str | None = _text(
        "Context for year-less dates ('Quarter 4', 'April to June'), e.g. 2025/26."
    )
    year_start: Annotated[int, BeforeValidator(_month), WithJsonSchema(MONTH_SCHEMA)] = Field(
        default=4,
        description="First month of the financial year (e.g. April, July); default April.",
    )
    as_of: IsoDate | None = _text("ISO date the statuses in this file were last reviewed.")
    source: str | None = _text("The document the plan was transcribed from.")
    public: PublicFlag = _text(PUBLIC_HELP)
    statuses: dict[Annotated[str, Field(min_length=1)], LegendStatus] | None = _text(
        "The plan's own status legend, as its document prints its key: each word the plan "
        "uses mapped to a canonical status (e.g. 'Delivered: completed', 'Green: completed'). "
        "It wins over the built-in spellings for this plan."
    )
    rag_rule: RagRule | None = _text(
        "The plan's own RAG rule by time, as its reports define their colours (e.g. "
        "'behind: 3 months'): validate warns where a stated status is better than the rule "
        "gives."
    )
    themes: list[Theme] = Field(default_factory=list, description="Themes or priorities.")


LEVEL_KEYS: dict[str, frozenset[str]] = {
    "plan": frozenset(Plan.model_fields),
    "themes": frozenset(Theme.model_fields),
    "objectives": frozenset(Objective.model_fields),
    "actions": frozenset(Action.model_fields),
    "milestones": frozenset(Milestone.model_fields),
}


__all__ = [
    "CANONICAL",
    "DONE",
    "LEVEL_KEYS",
    "RAG",
    "SEVERITY",
    "SPELLINGS",
    "Action",
    "Milestone",
    "Objective",
    "Plan",
    "RagRule",
    "Status",
    "Theme",
    "Vocabulary",
    "accepted_spellings",
    "legend_context",
    "parse_status",
]
