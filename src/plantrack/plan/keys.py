"""The shape of a plan: its levels, and the order keys are written in
(docs/reference/plan-format.md).

Which keys each level accepts is the models' business (``plan.model.LEVEL_KEYS``,
derived from their fields); the order they are written in is stated here once, for
every writer (``update`` inserting a key, ``import`` writing a plan). Plain data,
no pydantic: ``diff`` and ``history`` walk raw plans with these levels.
``tests/unit/test_keys.py`` holds the two together: every key a model accepts has
its place here, and the levels are the models' nested lists.
"""

from __future__ import annotations

# Where a node sits: mapping keys and list indexes from the top, the shape of a
# pydantic error's ``loc`` (``("themes", 0, "objectives", 2, "title")``).
PathKey = tuple[str | int, ...]

# Plan -> themes -> objectives -> actions -> milestones.
LEVELS = ("themes", "objectives", "actions", "milestones")
KIND = {
    "themes": "theme",
    "objectives": "objective",
    "actions": "action",
    "milestones": "milestone",
}
TRACKED_KINDS = ("action", "milestone")  # the levels with due dates and statuses

# The order keys are written in: a new key goes after the last existing key that
# comes before it here.
PLAN_KEY_ORDER = (
    "plantrack",
    "id",
    "title",
    "description",
    "organisation",
    "period",
    "financial_year",
    "year_start",
    "as_of",
    "source",
    "public",
    "statuses",
    "rag_rule",
    "themes",
)
ITEM_KEY_ORDER = (
    "id",
    "title",
    "description",
    "lead",
    "directorate",
    "cabinet_member",
    "measure",
    "due",
    "original_due",
    "status",
    "rationale",
    "as_of",
    "links",
    "notes",
    "public",
    "objectives",
    "actions",
    "milestones",
)


def kind_of_level(level: str) -> str:
    """``plan`` for the plan itself, else the singular of a level (``themes`` -> ``theme``)."""
    return KIND.get(level, "plan")
