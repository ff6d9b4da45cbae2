"""``plantrack validate`` through the CLI, and the status spellings it accepts."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import MINIMAL_PLAN, run_plantrack
from plantrack.plan.status import parse_status, spelling_pattern

BROKEN = {
    "typo.yaml": MINIMAL_PLAN.replace("status: on track", "stauts: on track").replace(
        "id: demo", "id: typo"
    ),
    "dupkey.yaml": MINIMAL_PLAN.replace(
        "title: Demo plan", "title: Demo plan\ntitle: Again"
    ).replace("id: demo", "id: dupkey"),
    "badstatus.yaml": MINIMAL_PLAN.replace("status: completed", "status: finished").replace(
        "id: demo", "id: badstatus"
    ),
}


@pytest.fixture
def broken_folder(plans_dir):
    for name, text in BROKEN.items():
        (plans_dir / name).write_text(text)
    (plans_dir / "good.yaml").write_text(MINIMAL_PLAN)
    return plans_dir


def test_three_broken_files_give_three_located_errors(cli, broken_folder):
    result = cli("validate", broken_folder)
    assert result.exit_code == 1
    lines = result.stdout.strip().splitlines()
    assert lines[-1] == "3 errors in 3 of 4 files"
    located = sorted(line.split(": ")[0].rsplit("/", 1)[-1] for line in lines[:-1])
    assert located == ["badstatus.yaml:28:25", "dupkey.yaml:5:1", "typo.yaml:17:13"]
    assert "did you mean 'status'?" in result.stdout


def test_github_annotations(cli, broken_folder):
    result = cli("validate", broken_folder, "--format", "github")
    assert result.exit_code == 1
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert len(annotations) == 3
    typo = next(a for a in annotations if "typo.yaml" in a)
    assert typo.startswith(f"::error file={broken_folder}/typo.yaml,line=17,col=13,title=PT101::")
    assert "unknown key 'stauts'" in typo


def test_github_annotation_escaping():
    from plantrack.errors import Diagnostic
    from plantrack.render.github import github_annotation

    text = github_annotation(Diagnostic("PT1", "50% a\nb", "a,b:c.yaml", 3, 4, None))
    assert text == "::error file=a%2Cb%3Ac.yaml,line=3,col=4,title=PT1::50%25 a%0Ab"


def test_json_report(cli, broken_folder):
    result = cli("validate", "--format", "json", broken_folder)
    report = json.loads(result.stdout)
    assert result.exit_code == 1 and report["ok"] is False
    assert (report["errors"], report["files_checked"], report["files_with_errors"]) == (3, 4, 3)
    assert {d["code"] for d in report["diagnostics"]} == {"PT101", "PT008", "PT104"}
    assert all(
        {"file", "line", "col", "message", "hint"} <= d.keys() for d in report["diagnostics"]
    )


def test_valid_folder_exits_zero_with_a_summary(cli, write_plan, plans_dir):
    write_plan()
    result = cli("validate", plans_dir)
    assert result.exit_code == 0 and result.stdout.strip() == "no errors in 1 file"


def test_strict_fails_on_warnings(cli, write_plan, plans_dir):
    write_plan(
        MINIMAL_PLAN.replace(
            "    due: October 2026\n", "    due: October 2026\n                rationale: x\n"
        )
    )
    assert cli("validate", plans_dir).exit_code == 0
    strict = cli("validate", "--strict", plans_dir)
    assert strict.exit_code == 1 and "PT303" in strict.stdout


def test_missing_path_is_a_usage_error(cli, tmp_path):
    result = cli("validate", tmp_path / "nowhere")
    assert result.exit_code == 2 and "no such file or folder" in result.stderr


def test_folder_without_plans_is_a_usage_error(cli, tmp_path):
    result = cli("validate", tmp_path)
    assert result.exit_code == 2 and "no plan files" in result.stderr


def test_plantrack_plans_environment_variable(cli, write_plan, plans_dir, monkeypatch):
    write_plan()
    monkeypatch.setenv("PLANTRACK_PLANS", str(plans_dir))
    assert cli("validate").stdout.strip() == "no errors in 1 file"


HOSTILE = {
    "bomb.yaml": 'a: &a ["x","x"]\nb: [*a,*a]\n',
    "exec.yaml": "plantrack: !!python/object/apply:os.system ['touch pwned']\n",
    "conflict.yaml": "plantrack: 1\n<<<<<<< HEAD\nid: a\n=======\nid: b\n>>>>>>> x\n",
    "deep.yaml": "a: " + "[" * 20_000 + "]" * 20_000 + "\n",
    "latin1.yaml": "title: caf\xe9\n",
    "empty.yaml": "",
    "list.yaml": "- plantrack: 1\n",
}


def test_hostile_files_each_get_one_located_error(plans_dir, tmp_path):
    for name, text in HOSTILE.items():
        data = text.encode("latin-1") if name == "latin1.yaml" else text.encode()
        (plans_dir / name).write_bytes(data)
    result = run_plantrack("validate", plans_dir, cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert not (tmp_path / "pwned").exists()
    lines = result.stdout.strip().splitlines()
    assert lines[-1] == f"{len(HOSTILE)} errors in {len(HOSTILE)} of {len(HOSTILE)} files"
    for name in HOSTILE:
        assert sum(f"/{name}:" in line for line in lines) == 1, name


def test_version_and_help(cli):
    assert cli("--version").stdout.startswith("plantrack ")
    help_text = cli("--help").stdout
    for name in ("overdue", "validate", "summary", "schema", "dates"):
        assert name in help_text


# The spellings of docs/reference/plan-format.md's status table and the words after it, each with
# the canonical status it means, written out here rather than read from the code's
# own alias table: a wrong or missing alias there must fail this test.
SPEC_SPELLINGS = {
    "not-started": "not-started",
    "Not started": "not-started",
    "Not yet started": "not-started",
    "Not due": "not-started",
    "Not yet due": "not-started",
    "Pending": "not-started",
    "on-track": "on-track",
    "On track": "on-track",
    "Green": "on-track",
    "G": "on-track",
    "On target": "on-track",
    "behind": "behind",
    "Behind schedule": "behind",
    "Behind": "behind",
    "Amber": "behind",
    "A": "behind",
    "Delayed": "behind",
    "At risk": "behind",
    "Slipped": "behind",
    "off-track": "off-track",
    "Off track": "off-track",
    "Red": "off-track",
    "R": "off-track",
    "Off target": "off-track",
    "Not achieved": "off-track",
    "completed": "completed",
    "Completed": "completed",
    "Complete": "completed",
    "Done": "completed",
    "Achieved": "completed",
    "Blue": "completed",
    "B": "completed",
    "Delivered": "completed",
    "Implemented": "completed",
    "Fully achieved": "completed",
    "Closed": "completed",
    "completed-ongoing": "completed-ongoing",
    "Completed / Ongoing": "completed-ongoing",
    "Completed - ongoing": "completed-ongoing",
    "Complete and ongoing": "completed-ongoing",
    "cancelled": "cancelled",
    "Cancelled": "cancelled",
    "Withdrawn": "cancelled",
    "Will not be delivered": "cancelled",
    "Deleted": "cancelled",
}


def test_every_spelling_of_the_spec_means_its_status():
    assert {word: parse_status(word).value for word in SPEC_SPELLINGS} == SPEC_SPELLINGS


@settings(max_examples=300, deadline=None)
@given(
    spelling=st.sampled_from(sorted(SPEC_SPELLINGS)),
    separators=st.lists(st.sampled_from([" ", "-", "_", "/", "  ", ""]), min_size=40, max_size=40),
    upper=st.lists(st.booleans(), min_size=40, max_size=40),
)
def test_schema_status_pattern_accepts_exactly_what_validate_accepts(spelling, separators, upper):
    squashed = "".join(ch for ch in spelling if ch not in " -_/")
    text = "".join(
        (ch.upper() if up else ch.lower()) + sep
        for ch, up, sep in zip(squashed, upper, separators, strict=False)
    )
    pattern = re.compile(spelling_pattern())
    assert pattern.match(text) and parse_status(text).value == SPEC_SPELLINGS[spelling]


@given(st.text(max_size=20))
def test_schema_status_pattern_refuses_what_validate_refuses(text):
    try:
        parse_status(text)
        accepted = True
    except ValueError:
        accepted = False
    assert bool(re.match(spelling_pattern(), text)) == accepted
