"""Issue 22's "done when": the quarterly return end to end in a real git repo.

request writes one return per lead; two leads fill theirs in (a workbook and a
CSV), with a bad status word, an unreadable date and a row whose item changed in
git meanwhile; collect --dry-run reports exactly those three and writes nothing;
after the fixes collect --commit changes only the filled rows' lines, validate
passes, diff lists each change, and chase names the lead who did not answer.
"""

from __future__ import annotations

import difflib

import pytest

from returns_kit import FOLDER, QUARTER, fill_csv, fill_workbook, git, needs_git

pytestmark = needs_git
pytest.importorskip("openpyxl")


def changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def test_the_quarterly_return_round_trip(cli, plan_repo):
    plan = plan_repo / "plans" / "housing.yaml"
    folder = plan_repo / "returns" / FOLDER

    # 1. One return per lead: workbooks, and a CSV for the lead who asked for one.
    assert cli("request", "--quarter", QUARTER, "-o", "returns").exit_code == 0
    assert cli("request", "-q", QUARTER, "--lead", "communities", "-f", "csv").exit_code == 0
    assert sorted(p.name for p in folder.iterdir()) == [
        "head-of-communities.csv",
        "head-of-communities.xlsx",
        "head-of-finance.xlsx",
        "head-of-housing.xlsx",
    ]
    (folder / "head-of-communities.xlsx").unlink()  # this lead works in CSV

    # 2. Meanwhile someone updates H1 in git: the return's row for it is now stale.
    assert cli("update", "H1", "--status", "behind", "--as-of", "2026-11-10").exit_code == 0
    git(plan_repo, "commit", "-q", "-am", "H1 slipped")
    issued = plan.read_text()

    # 3. The leads fill in their returns.
    housing = folder / "head-of-housing.xlsx"
    communities = folder / "head-of-communities.csv"
    fill_workbook(
        housing,
        {
            "housing:H1": {"New status": "completed", "New rationale": "Backlog cleared."},
            "housing:H3": {"New status": "no change", "Revised date": "Q1 27/28"},
        },
        modified="2026-11-20",
    )
    fill_csv(
        communities,
        {
            "housing:C1": {"New status": "on track", "New rationale": "Two hubs open."},
            "housing:C2": {"New status": "Nearly there"},
            "housing:C3": {"New status": "behind", "Revised date": "end of Febtember 2027"},
        },
        modified="2026-11-21",
    )

    # 4. The dry run reports exactly the three problems and writes nothing.
    result = cli("collect", housing, communities, "--dry-run")
    assert result.exit_code == 1
    problems = [line for line in result.stderr.splitlines() if " PT5" in line]
    assert len(problems) == 3, result.stderr
    assert problems[0].startswith(f"{communities}:5:9: error PT501: New status: 'Nearly there'")
    assert problems[1].startswith(f"{communities}:6:11: error PT502: Revised date: 'end of Feb")
    assert "'Febtember' is not a date" in problems[1]
    assert problems[2].startswith(f"{housing}:2:1: error PT504: housing:H1 changed since")
    assert "status 'on-track' is now 'behind'" in problems[2]
    assert plan.read_text() == issued

    # 5. Fixed: the lead corrects the two values; the officer accepts H1's answer.
    fill_csv(
        communities,
        {"housing:C2": {"New status": "not started"}, "housing:C3": {"Revised date": "March 2027"}},
        modified="2026-11-21",
    )
    result = cli("collect", housing, communities, "--commit", "--force")
    assert result.exit_code == 0, result.output
    # Only the filled rows' lines; "on track" for an on-track item is no change of status.
    assert changed_lines(issued, plan.read_text()) == [
        "-            status: behind",
        "-            rationale: Contractor in place.",
        "-            as_of: 2026-11-10",
        "+            status: completed",
        "+            rationale: Backlog cleared.",
        "+            as_of: 2026-11-20",
        "-            due: Q4 26/27",
        "+            due: Q1 27/28",
        "+            original_due: Q4 26/27",
        "+            as_of: 2026-11-20",
        "+            rationale: Two hubs open.",
        "+            as_of: 2026-11-21",
        "+            status: not-started",
        "+            as_of: 2026-11-21",
        "-            due: Q3 26/27",
        "+            due: March 2027",
        "+            original_due: Q3 26/27",
        "+            as_of: 2026-11-21",
    ]
    assert git(plan_repo, "status", "--porcelain", "plans") == ""
    message = git(plan_repo, "log", "-1", "--format=%B")
    assert message.startswith("Quarterly return Q3 2026/27: 5 item(s) updated from 2 return(s)")
    assert "Head of Housing (head-of-housing.xlsx):\n- housing:H1: status behind -> completed" in (
        message
    )
    assert "Head of Communities (head-of-communities.csv):\n- housing:C1:" in message

    # 6. The plans still validate, and diff tells the committee what changed.
    assert cli("validate", "plans").exit_code == 0
    diff = cli("diff", "HEAD~1", "HEAD").stdout
    for expected in (
        "housing:H1: status behind → completed",
        "housing:H3: due Q4 26/27 → Q1 27/28",
        "housing:C1: rationale",
        "housing:C2: status — → not-started",
        "housing:C3: due Q3 26/27 → March 2027",
    ):
        assert expected in diff

    # 7. Chase names the lead who did not answer, and the one who left C3 blank.
    chase = cli("chase", "--quarter", QUARTER, "--format", "csv")
    assert chase.exit_code == 0
    assert chase.stdout.splitlines() == [
        "lead,state,answered,rows,file",
        f"Head of Finance,not answered,0,1,returns/{FOLDER}/head-of-finance.xlsx",
        f"Head of Housing,incomplete,2,3,returns/{FOLDER}/head-of-housing.xlsx",
    ]
