"""Fixtures of the command tests: a folder with the edge-case plan and the demo plan."""

from __future__ import annotations

import pytest

from conftest import MINIMAL_PLAN
from unit.test_query import EDGE_PLAN


@pytest.fixture
def folder(plans_dir):
    (plans_dir / "edge.yaml").write_text(EDGE_PLAN)
    (plans_dir / "demo.yaml").write_text(MINIMAL_PLAN)
    return plans_dir
