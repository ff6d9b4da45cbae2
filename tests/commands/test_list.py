"""``plantrack list``: the filters, and ``--all-levels`` as a tree and as JSON."""

from __future__ import annotations

import json

from conftest import MINIMAL_PLAN


def test_list_and_its_filters(cli, folder):
    def listed(*filters: str) -> list[dict]:
        return json.loads(cli("list", "--plans", folder, "--format", "json", *filters).stdout)

    assert len(listed()) == 13
    only = listed("--status", "G", "--status", "behind schedule")
    # T1.1.b-2 has no status of its own: it reports its action's "behind schedule".
    assert sorted(r["id"] for r in only) == ["A7", "B1", "T1.1.a", "T1.1.b-2"]
    assert {r["plan"] for r in listed("--lead", "head of")} == {"demo"}
    by_theme = listed("--plan", "edge", "--theme", "T2", "--directorate", "")
    assert [r["id"] for r in by_theme] == ["B1", "B2"]


def test_list_all_levels_shows_the_tree(cli, folder):
    out = cli("list", "--plans", folder, "--all-levels", "--plan", "demo").stdout
    assert "Demo plan (demo)" in out and "T1.1 Talk to communities" in out
    assert "T1.1.b-1 Venue agreed — July 2026 completed" in out
    assert "Edge cases" not in out  # --plan drops the other plan


def test_list_all_levels_keeps_only_branches_that_pass_the_filters(cli, folder):
    out = cli("list", "--plans", folder, "--all-levels", "--lead", "carol").stdout
    assert "Edge cases (edge)" in out and "T2 Theme two" in out and "B1 Next year" in out
    assert "Demo plan" not in out and "T1 Theme one" not in out and "A1 " not in out
    nothing = cli("list", "--plans", folder, "--all-levels", "--status", "red", "--plan", "demo")
    assert nothing.exit_code == 0 and nothing.stdout.strip() == "no trackables match"


def test_list_all_levels_as_json_is_the_tree(cli, folder):
    args = ("list", "--plans", folder, "--all-levels", "--format", "json", "--status", "done")
    [demo, edge] = sorted(json.loads(cli(*args).stdout), key=lambda plan: plan["plan"])
    assert [theme["id"] for theme in edge["items"]] == ["T1"]
    [objective] = edge["items"][0]["items"]
    assert objective["kind"] == "objective"
    assert [(a["id"], a["status"]) for a in objective["items"]] == [("A2", "completed")]
    [milestone] = demo["items"][0]["items"][0]["items"][0]["items"]
    assert milestone == {
        "kind": "milestone",
        "id": "T1.1.b-1",
        "title": "Venue agreed",
        "due": "July 2026",
        "status": "completed",
        "items": [],
    }
    refused = cli("list", "--plans", folder, "--all-levels", "--format", "csv")
    assert refused.exit_code == 2 and "--format table or --format json" in refused.stderr


def test_list_all_levels_without_filters_keeps_empty_branches(cli, plans_dir):
    """Only a filter prunes: a theme with no objectives yet is still part of the plan."""
    (plans_dir / "p.yaml").write_text(
        MINIMAL_PLAN + "  - id: T2\n    title: Not yet planned\n", encoding="utf-8"
    )
    out = cli("list", "--plans", plans_dir, "--all-levels").stdout
    assert "T2 Not yet planned" in out and "T1.1.b-2 Invitations sent" in out
    pruned = cli("list", "--plans", plans_dir, "--all-levels", "--lead", "head").stdout
    assert "T1.1.b-2 Invitations sent" in pruned and "T2 Not yet planned" not in pruned
