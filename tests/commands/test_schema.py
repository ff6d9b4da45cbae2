"""``plantrack schema``: the committed schema is current, ``--check`` fails when it is not
and writing fixes it (what the schema says: unit/test_schema.py)."""

from __future__ import annotations

import json

from conftest import ROOT


def test_schema_check_passes_on_the_committed_schema(cli, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = cli("schema", "--check")
    assert result.exit_code == 0, "schemas/plan.schema.json is stale: run `plantrack schema`"
    assert "schemas/plan.schema.json is up to date" in result.output


def test_schema_check_fails_when_stale_and_write_fixes_it(cli, tmp_path):
    target = tmp_path / "plan.schema.json"
    target.write_text("{}\n")
    assert cli("schema", "--check", "--output", target).exit_code == 1
    assert cli("schema", "--output", target).exit_code == 0
    schema = json.loads(target.read_text())
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].startswith("https://")
    assert cli("schema", "--check", "--output", target).exit_code == 0
