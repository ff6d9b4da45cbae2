"""The written key order and the levels agree with the models: a key added to a model
without a place in the order (or a level renamed) fails here, not in an edit."""

from __future__ import annotations

import typing

from plantrack.plan.keys import ITEM_KEY_ORDER, KIND, LEVELS, PLAN_KEY_ORDER, kind_of_level
from plantrack.plan.model import LEVEL_KEYS, Action, Milestone, Objective, Plan, Theme


def test_every_key_a_model_accepts_has_its_place_in_the_written_order():
    assert set(PLAN_KEY_ORDER) == set(Plan.model_fields)
    item_keys = set().union(*(LEVEL_KEYS[level] for level in LEVELS))
    assert set(ITEM_KEY_ORDER) == item_keys


LEVEL_MODELS = (Theme, Objective, Action, Milestone)


def test_levels_are_the_models_nested_lists():
    chain, model = [], Plan
    while True:
        nested = [
            (name, typing.get_args(field.annotation)[0])
            for name, field in model.model_fields.items()
            if typing.get_origin(field.annotation) is list
            and isinstance(typing.get_args(field.annotation)[0], type)
            and issubclass(
                typing.get_args(field.annotation)[0], (Theme, Objective, Action, Milestone)
            )
        ]
        if not nested:
            break
        [(name, model)] = nested
        chain.append(name)
    assert tuple(chain) == LEVELS
    assert [kind_of_level(level) for level in LEVELS] == list(KIND.values())
    assert kind_of_level("plan") == "plan"
