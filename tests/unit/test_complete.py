"""``complete.py``: the values offered on Tab, item ids, plan ids and status spellings
(through the shell's protocol: acceptance/test_integrations.py)."""

from __future__ import annotations

import pytest

from conftest import MINIMAL_PLAN
from plantrack.cli.complete import item_ids, plan_ids, statuses


@pytest.fixture
def completion_plans(plans_dir, monkeypatch):
    (plans_dir / "demo.yaml").write_text(MINIMAL_PLAN)
    monkeypatch.setenv("PLANTRACK_PLANS", str(plans_dir))
    return plans_dir


def test_completion_of_item_ids_plan_ids_and_statuses(completion_plans):
    assert item_ids("T1.1.b") == ["T1.1.b", "T1.1.b-1", "T1.1.b-2"]
    assert "demo:T1.1.a" in item_ids("demo:")
    assert plan_ids("") == ["demo"]
    assert "Behind schedule" in statuses("beh") and "behind" in statuses("BEH")
