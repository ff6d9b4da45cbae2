"""``plantrack cache``: where the cache lives and emptying it, and ``--no-cache`` (the
cache itself: unit/test_cache.py)."""

from __future__ import annotations

from conftest import MINIMAL_PLAN
from plantrack.rows.cache import cache_dir


def test_no_cache_and_cache_clear(cli, plans_dir):
    (plans_dir / "demo.yaml").write_text(MINIMAL_PLAN)
    cli("list", "--plans", plans_dir, "--no-cache")
    assert list(cache_dir().glob("*.json")) == []
    cli("list", "--plans", plans_dir)
    assert len(list(cache_dir().glob("*.json"))) == 1
    result = cli("cache", "clear")
    assert result.exit_code == 0 and "removed 1" in result.stdout
    assert cli("cache", "path").stdout.strip() == str(cache_dir())


def test_an_unknown_cache_action_is_a_usage_error(cli):
    result = cli("cache", "empty")
    assert result.exit_code == 2 and "clear" in result.output and "path" in result.output
