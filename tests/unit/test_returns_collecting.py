"""usecases/returns/collecting.py: collect end to end. What was found is handed to the
caller before anything is written, so a refused write still shows why; a dry run or a
refusal writes nothing."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from plantrack.errors import PlantrackError
from plantrack.usecases.returns import collecting


@pytest.fixture
def steps(monkeypatch):
    """The order things happen in, with the checking and the writing stubbed."""
    done: list[str] = []
    found = SimpleNamespace(writable=True, edits=["edit"], root=None, answers=[])
    monkeypatch.setattr(collecting, "load", lambda plans: "workspace")
    monkeypatch.setattr(collecting, "collect", lambda *args, **kwargs: found)

    def apply(edits, message, root):
        done.append("write")
        raise PlantrackError("plans/a.yaml changed on disk while collecting; nothing written")

    monkeypatch.setattr(collecting, "apply", apply)
    return done, found


def test_what_was_found_is_shown_before_a_write_that_is_refused(steps):
    done, found = steps
    with pytest.raises(PlantrackError, match="changed on disk"):
        collecting.collect_returns(["r.xlsx"], ["plans"], checked=lambda r: done.append("shown"))
    assert done == ["shown", "write"]


@pytest.mark.parametrize(("dry_run", "writable"), [(True, True), (False, False)])
def test_a_dry_run_or_a_refusal_writes_nothing(steps, dry_run, writable):
    done, found = steps
    found.writable = writable
    result, applied = collecting.collect_returns(
        ["r.xlsx"], ["plans"], checked=lambda r: done.append("shown"), dry_run=dry_run
    )
    assert result is found and applied is None and done == ["shown"]
