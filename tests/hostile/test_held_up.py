"""Issue 26, "What held up, keep it so": attacks the audit tried that plantrack already
refused cleanly, replayed so they stay refused: a revision that looks like an option,
returns that are not what their name says, and ``import`` given a FIFO or an output
that exists. Listed in tests/hostile/README.md."""

from __future__ import annotations

import os
import zipfile

import pytest

from conftest import posix_only
from gitkit import commit_edit, demo_repo
from returns_kit import FOLDER, QUARTER, fill_csv, needs_git

pytestmark = needs_git

# What a hostile revision could try to make git do if it reached git as an option.
OPTION_REVISIONS = (
    "--output={pwned}",
    "--upload-pack=touch {pwned}",
    "HEAD...--output={pwned}",
    "-h",
)


@pytest.mark.parametrize("revision", OPTION_REVISIONS)
def test_a_revision_that_looks_like_an_option_is_refused_as_a_revision(cli, tmp_path, revision):
    repo = tmp_path / "repo"
    repo.mkdir()
    demo_repo(repo)
    commit_edit(repo, "status: on track", "status: off track", "status")
    pwned = tmp_path / "pwned"
    given = revision.format(pwned=pwned)
    for args in (
        ("diff", "--plans", repo / "plans", "--", given),
        ("report", "--plans", repo / "plans", "--since", given),
    ):
        result = cli(*args)
        assert result.exit_code == 2, result.output
        assert "unknown revision" in result.stderr
        assert "Traceback" not in result.output
    assert not pwned.exists()


@pytest.fixture
def issued(cli, plan_repo):
    """CSV returns issued for Q3 26/27; returns (folder, plan file)."""
    pytest.importorskip("openpyxl")
    assert cli("request", "--quarter", QUARTER, "-f", "csv").exit_code == 0
    return plan_repo / "returns" / FOLDER, plan_repo / "plans" / "housing.yaml"


def test_returns_that_are_not_what_their_name_says_are_refused_cleanly(cli, issued):
    """A macro workbook (.xlsm), a zip with no workbook in it named .xlsx, and a CSV
    saved as UTF-16: each is refused at its file (PT505), nothing is written, and
    chase lists it as unreadable, not missing."""
    folder, plan = issued
    before = plan.read_bytes()
    good = folder / "head-of-housing.csv"
    fill_csv(good, {"housing:H1": {"New status": "completed"}})
    macro = folder / "head-of-finance.xlsm"
    (folder / "head-of-finance.csv").rename(macro)
    empty_zip = folder / "head-of-communities.xlsx"
    with zipfile.ZipFile(empty_zip, "w") as archive:
        archive.writestr("readme.txt", "no workbook here")
    (folder / "head-of-communities.csv").unlink()
    wide = folder / "head-of-housing-utf16.csv"
    wide.write_bytes(good.read_text(encoding="utf-8-sig").encode("utf-16"))
    result = cli("collect", good, macro, empty_zip, wide)
    assert result.exit_code == 1
    for path in (macro, empty_zip, wide):
        assert f"{path}: error PT505" in result.stderr, path
    assert "a macro-enabled workbook" in result.stderr
    assert "Traceback" not in result.output
    assert plan.read_bytes() == before
    chased = cli("chase", "--quarter", QUARTER, "--format", "csv")
    assert chased.exit_code in (0, 1), chased.output
    states = {row.split(",")[0]: row.split(",")[1] for row in chased.stdout.splitlines()[1:]}
    assert states["Head of Finance"] == states["Head of Communities"] == "unreadable"


@posix_only
def test_import_refuses_a_fifo_and_an_output_that_exists(cli, tmp_path):
    sheet = tmp_path / "tracker.csv"
    os.mkfifo(sheet)
    result = cli("import", sheet, "-o", tmp_path / "plan.yaml")
    assert result.exit_code == 2
    assert f"the sheet: '{sheet}' is not a regular file (a FIFO" in result.stderr
    assert not (tmp_path / "plan.yaml").exists()
    real = tmp_path / "real.csv"
    real.write_text("Action,Lead\nDo it,Head of HR\n")
    existing = tmp_path / "existing.yaml"
    existing.write_text("keep me\n")
    guessed = cli("import", real, "--guess-map")
    assert guessed.exit_code == 0, guessed.output
    mapped = tmp_path / "real.map.yaml"
    mapped.write_text(guessed.stdout)
    again = cli("import", real, "--map", mapped, "-o", existing)
    assert again.exit_code == 1, again.output
    assert str(existing) in again.stderr and "exists" in again.stderr
    assert existing.read_text() == "keep me\n"
