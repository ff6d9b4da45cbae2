"""A plan's status legend and the built-in words, through validate and the reports."""

from __future__ import annotations

import json

from conftest import MINIMAL_PLAN

LEGEND = """\
statuses:
  Delivered: completed
  On Track to deliver: on-track
  Some issues - narrative disclosure: behind
  Not on track to deliver: off-track
  Green: completed        # this trust's green means done
  Amber: on track
"""


def with_legend(text: str = MINIMAL_PLAN) -> str:
    return text.replace("themes:\n", LEGEND + "themes:\n", 1)


def listed(cli, plans_dir, *args: str) -> dict[str, dict]:
    result = cli("list", "--plans", plans_dir, "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    return {row["id"]: row for row in json.loads(result.stdout)}


def test_legend_words_validate_and_keep_their_meaning(cli, write_plan, plans_dir):
    text = with_legend().replace("status: on track", "status: Green")
    text = text.replace("status: behind schedule", "status: some issues - narrative disclosure")
    write_plan(text)
    assert cli("validate", plans_dir).exit_code == 0
    rows = listed(cli, plans_dir)
    # Green is done in this plan; the word as written travels beside the canonical state.
    assert rows["T1.1.a"]["status"] == "completed" and rows["T1.1.a"]["status_word"] == "Green"
    assert rows["T1.1.a"]["rag"] == "blue"
    assert rows["T1.1.b-2"]["status"] == "behind"
    assert rows["T1.1.b-2"]["status_word"] == "some issues - narrative disclosure"


def test_the_same_word_means_what_each_plan_says(cli, write_plan, plans_dir):
    write_plan(with_legend().replace("status: on track", "status: Green"))
    other = MINIMAL_PLAN.replace("id: demo", "id: other").replace("on track", "Green")
    write_plan(other, name="other.yaml")
    done = {r["plan"] for r in listed(cli, plans_dir, "--status", "completed").values()}
    assert "demo" in done
    rows = json.loads(cli("list", "--plans", plans_dir, "--format", "json").stdout)
    meaning = {(r["plan"], r["id"]): r["status"] for r in rows}
    assert meaning[("demo", "T1.1.a")] == "completed"
    assert meaning[("other", "T1.1.a")] == "on-track"


def test_words_in_neither_legend_nor_built_ins_are_refused_with_the_choices(
    cli, write_plan, plans_dir
):
    write_plan(with_legend().replace("status: on track", "status: Sort of fine"))
    result = cli("validate", plans_dir)
    assert result.exit_code == 1
    assert "demo.yaml:" in result.stdout + result.stderr
    output = result.stdout + result.stderr
    assert "unknown status 'Sort of fine'" in output and "On Track to deliver" in output


def test_a_legend_must_map_to_canonical_statuses(cli, write_plan, plans_dir):
    write_plan(with_legend().replace("Delivered: completed", "Delivered: finished"))
    result = cli("validate", plans_dir)
    output = result.stdout + result.stderr
    assert result.exit_code == 1 and "'finished' is not a canonical status" in output


def test_built_in_words_of_other_bodies_are_accepted(cli, write_plan, plans_dir):
    write_plan(MINIMAL_PLAN.replace("status: on track", "status: On hold"))
    assert cli("validate", plans_dir).exit_code == 0
    row = listed(cli, plans_dir)["T1.1.a"]
    assert row["status"] == "on-hold" and row["status_word"] == "On hold"


def test_milestones_report_their_actions_status(cli, write_plan, plans_dir):
    write_plan()
    rows = listed(cli, plans_dir)
    # T1.1.b is "behind schedule" with "Venue booking delayed."; T1.1.b-2 has neither.
    assert rows["T1.1.b-2"]["status"] == "behind"
    assert rows["T1.1.b-2"]["rationale"] == "Venue booking delayed."
    assert rows["T1.1.b-1"]["status"] == "completed"  # its own status wins


def test_the_json_schema_accepts_a_legend_plan_and_keeps_built_ins_otherwise():
    import jsonschema
    import yaml

    from plantrack.plan.schema import build_schema

    checker = jsonschema.Draft202012Validator(build_schema())

    def errors(text: str) -> list[str]:
        return [e.message for e in checker.iter_errors(yaml.load(text, Loader=yaml.CSafeLoader))]

    legend_plan = with_legend().replace("status: on track", "status: On Track to deliver")
    assert errors(legend_plan) == []
    assert errors(MINIMAL_PLAN.replace("status: on track", "status: On Track to deliver"))
    assert errors(with_legend().replace("Delivered: completed", "Delivered: finished"))


def test_tables_show_a_legend_word_beside_its_meaning(cli, write_plan, plans_dir):
    text = with_legend().replace("status: on track", "status: Green")
    write_plan(text.replace("status: behind schedule", "status: On Track to deliver"))
    for output in ("table", "markdown"):
        shown = cli("list", "--plans", plans_dir, "--format", output).stdout
        assert "Green (completed)" in shown and "On Track to deliver (on-track)" in shown
        # A word whose built-in meaning holds reads as the canonical state, as before.
        assert "completed (" not in shown
    csv_text = cli("list", "--plans", plans_dir, "--format", "csv").stdout
    assert "Green (completed)" not in csv_text and ",completed," in csv_text


def test_update_takes_the_plans_own_words_and_writes_them_as_the_legend_does(
    cli, write_plan, plans_dir
):
    path = write_plan(with_legend())
    before = path.read_text()
    result = cli("update", "T1.1.a", "--status", "DELIVERED", "--plans", plans_dir)
    assert result.exit_code == 0, result.stderr
    after = path.read_text()
    assert [line for line in after.splitlines() if line not in before.splitlines()] == [
        "            status: Delivered",
        "            as_of: 2026-11-23",
    ]
    # The same meaning in another word is "already so": nothing is written.
    again = cli("update", "T1.1.a", "--status", "completed", "--plans", plans_dir)
    assert again.exit_code == 0 and path.read_text() == after
    # Amber means on track in this plan: written as the legend spells it.
    assert cli("update", "T1.1.a", "--status", "amber", "--plans", plans_dir).exit_code == 0
    assert "            status: Amber\n" in path.read_text()
    row = listed(cli, plans_dir)["T1.1.a"]
    assert row["status"] == "on-track" and row["status_word"] == "Amber"


def test_update_refuses_a_word_in_neither_the_legend_nor_the_built_ins(cli, write_plan, plans_dir):
    path = write_plan(with_legend())
    before = path.read_bytes()
    result = cli("update", "T1.1.a", "--status", "sort of fine", "--plans", plans_dir)
    assert result.exit_code == 2 and "unknown status 'sort of fine'" in result.stderr
    assert "On Track to deliver" in result.stderr
    assert path.read_bytes() == before
    typo = cli("update", "T1.1.a", "--status", "on track to delivr", "--plans", plans_dir)
    assert typo.exit_code == 2 and "did you mean 'On Track to deliver'?" in typo.stderr
    assert path.read_bytes() == before


def test_validate_and_the_status_filter_suggest_the_word_meant(cli, write_plan, plans_dir):
    write_plan(MINIMAL_PLAN.replace("status: on track", "status: on trak"))
    checked = cli("validate", plans_dir, "--format", "json")
    [problem] = json.loads(checked.stdout)["diagnostics"]
    assert checked.exit_code == 1 and problem["message"].startswith(
        "unknown status 'on trak'; did you mean 'On track'?; use one of: "
    )
    assert "did you mean" not in problem["message"].split("use one of")[1]  # said once
    assert not problem.get("hint")
    write_plan(MINIMAL_PLAN)
    filtered = cli("overdue", "--plans", plans_dir, "--status", "complted")
    assert filtered.exit_code == 2 and "did you mean 'completed'?" in filtered.stderr
