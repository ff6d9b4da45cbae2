"""``plantrack show ID``: every date explained, unknown ids, links both ways."""

from __future__ import annotations

import json

from conftest import MINIMAL_PLAN


def test_show_explains_every_date_and_the_slip(cli, folder):
    out = cli("show", "demo:T1.1.b", "--plans", folder).stdout
    assert "objective: T1.1 Talk to communities" in out
    assert "Q3 26/27 → 2026-10-01 to 2026-12-31 → deadline 2026-12-31 (Q3 2026/27)" in out
    assert "Slipped" in out and "92 days" in out
    data = json.loads(cli("show", "T1.1.b", "--plans", folder, "--format", "json").stdout)
    assert data["slipped_days"] == 92 and data["lead"] == ["Head of Service"]
    assert [c["id"] for c in data["children"]] == ["T1.1.b-1", "T1.1.b-2"]


def test_show_unknown_id_suggests(cli, folder):
    result = cli("show", "T1.1.c", "--plans", folder)
    assert result.exit_code == 2 and "did you mean" in result.stderr  # a bad argument: usage


def test_show_links_both_ways(cli, folder):
    linked = MINIMAL_PLAN.replace("id: demo", "id: other").replace(
        "            status: on track\n",
        "            status: on track\n            links: ['demo:T1.1.b']\n",
    )
    (folder / "other.yaml").write_text(linked)
    data = json.loads(cli("show", "demo:T1.1.b", "--plans", folder, "--format", "json").stdout)
    assert data["linked_from"] == ["other:T1.1.a"]
