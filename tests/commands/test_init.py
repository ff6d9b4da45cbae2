"""``plantrack init``: what it says is left to do, and never overwriting without --force
(the repository it writes, checked by validate, schema, pre-commit and the workflow:
acceptance/test_integrations.py)."""

from __future__ import annotations

from conftest import unwrapped


def test_init_says_what_is_left_to_do(cli, tmp_path):
    result = cli("init", tmp_path / "repo")
    assert result.exit_code == 0
    assert "next: git init, pre-commit install, then edit plans/example.yaml" in result.stdout
    assert "each quarter: plantrack request (returns to the leads) -> chase -> collect" in (
        result.stdout
    )
    assert "-> close Q (tags plantrack/YYYY-YY-QN) -> report --quarter Q" in result.stdout
    (tmp_path / "repo" / ".git").mkdir()  # its own repository now: nothing to init
    again = cli("init", tmp_path / "repo", "--force")
    assert "next: pre-commit install, then edit plans/example.yaml" in again.stdout
    assert "note:" not in again.stdout


def test_init_inside_another_repository_says_where_the_config_works(cli, tmp_path):
    (tmp_path / ".git").mkdir()
    result = cli("init", tmp_path / "plans-repo")
    said = unwrapped(result.stdout)
    assert "next: git init, pre-commit install" in said  # a repository of its own
    assert f"is inside the git repository at {tmp_path.resolve()}" in said


def test_init_refuses_to_overwrite_without_force(cli, tmp_path):
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "example.yaml").write_text("mine\n")
    result = cli("init", tmp_path)
    assert result.exit_code == 1 and "--force" in result.stderr
    assert (tmp_path / "plans" / "example.yaml").read_text() == "mine\n"
    assert not (tmp_path / ".pre-commit-config.yaml").exists()
    assert cli("init", tmp_path, "--force").exit_code == 0
    assert (tmp_path / "plans" / "example.yaml").read_text().startswith("# yaml-language")
