"""``usecases/update.py``: byte-exact golden edits, the smallest diff, and refusals that
change nothing (the command: commands/test_update.py; the splicing: test_edit.py)."""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import posix_only
from plantrack.errors import PlantrackError
from plantrack.usecases.update import update_item

DATA = Path(__file__).parents[1] / "data" / "edit"
BEFORE = (DATA / "before.yaml").read_text(encoding="utf-8")
TODAY = __import__("datetime").date(2026, 11, 23)


def update(path: Path, ref: str, **values):
    return update_item(ref, [str(path)], today=TODAY, **values)


def changed_lines(before: str, after: str) -> list[str]:
    """The diff's - and + lines, without headers."""
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


GOLDEN = {
    "status": ("R13", {"status": "completed"}),
    "rationale": ("R13", {"rationale": "Signed off: delivered in Q4", "as_of": "2026-03-31"}),
    "due_first_revision": ("R13", {"due": "Q1 26/27"}),
    "due_second_revision": ("R16", {"due": "Q2 26/27"}),
    "block_rationale": ("R14", {"rationale": "One line now."}),
    "long_rationale": ("R13", {"rationale": "word " * 40 + "end"}),
    "multi_line_rationale": ("R16", {"rationale": "First.\nSecond: with a colon."}),
    "flow_item": ("R15", {"status": "Off track"}),
    "insert_status": ("R16", {"status": "not started"}),
}


@pytest.mark.parametrize("case", sorted(GOLDEN))
def test_golden_update(golden_plan, case):
    ref, values = GOLDEN[case]
    update(golden_plan, ref, **values)
    expected = (DATA / f"{case}.after.yaml").read_bytes()
    assert golden_plan.read_bytes() == expected


def test_status_change_touches_only_its_line_and_adds_as_of(golden_plan):
    update(golden_plan, "R13", status="completed")
    diff = changed_lines(BEFORE, golden_plan.read_text())
    assert diff == [
        "-            status: Behind schedule  # RAG: amber",
        "+            status: completed  # RAG: amber",
        "+            as_of: 2026-11-23",
    ]


def test_second_due_revision_keeps_the_first_original(golden_plan):
    update(golden_plan, "R13", due="Q1 26/27")
    update(golden_plan, "R13", due="Q2 26/27")
    text = golden_plan.read_text()
    assert "original_due: Q4 25/26   # target agreed at Cabinet" not in text
    assert "            due: Q2 26/27   # target agreed at Cabinet" in text
    assert text.count("original_due: Q4 25/26") == 2  # R13's and R16's


@pytest.mark.parametrize("newline", ["\r\n"])
def test_crlf_and_bom_survive(golden_plan, newline):
    data = ("\ufeff" + BEFORE.replace("\n", newline)).encode("utf-8")
    golden_plan.write_bytes(data)
    update(golden_plan, "R16", status="done", rationale="Finished.")
    after = golden_plan.read_bytes()
    assert after.startswith("\ufeff".encode())
    assert b"\n" not in after.replace(b"\r\n", b"")
    text = after.decode("utf-8-sig")
    assert "            status: completed\r\n            rationale: Finished.\r\n" in text
    assert len(changed_lines(BEFORE.replace("\n", newline), text)) == 3


@posix_only
def test_file_mode_is_kept(golden_plan):
    os.chmod(golden_plan, 0o640)
    update(golden_plan, "R13", status="completed")
    assert golden_plan.stat().st_mode & 0o777 == 0o640


def test_nothing_to_change_writes_nothing(golden_plan):
    result = update(golden_plan, "R14", status="ON TRACK", as_of=None)
    assert list(result.changes) == ["as_of"]  # re-confirmed today; the status line stays
    stamp = golden_plan.stat().st_mtime_ns
    result = update(golden_plan, "R16", due="Q1 26/27")
    assert not result.changed and golden_plan.stat().st_mtime_ns == stamp


def test_dry_run_shows_a_diff_and_writes_nothing(golden_plan):
    stamp = golden_plan.stat().st_mtime_ns
    result = update_item("R13", [str(golden_plan)], today=TODAY, status="done", dry_run=True)
    assert "+            status: completed  # RAG: amber" in result.diff()
    assert golden_plan.stat().st_mtime_ns == stamp


REFUSALS = {
    "unknown id": ("R99", {"status": "done"}, 2),
    "bad status": ("R13", {"status": "nearly"}, 2),
    "bad due": ("R13", {"due": "Smarch 2026"}, 2),
    "due back to the original": ("R16", {"due": "Q4 25/26"}, 1),
    "theme has no status": ("T1", {"status": "done"}, 2),
    "bad as_of": ("R13", {"as_of": "31/03/2026"}, 2),
    "nothing asked": ("R13", {}, 2),
}


@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_refused_update_changes_no_byte(golden_plan, case):
    ref, values, code = REFUSALS[case]
    before, stamp = golden_plan.read_bytes(), golden_plan.stat().st_mtime_ns
    with pytest.raises(PlantrackError) as caught:
        update(golden_plan, ref, **values)
    assert caught.value.exit_code == code
    assert golden_plan.read_bytes() == before and golden_plan.stat().st_mtime_ns == stamp
    assert [p.name for p in golden_plan.parent.iterdir()] == ["golden.yaml"]


def test_file_changed_on_disk_meanwhile_is_refused(golden_plan, monkeypatch):
    import plantrack.usecases.update as edit

    real_verify = edit.verify

    def meddle(*args, **kwargs):
        real_verify(*args, **kwargs)
        golden_plan.write_text(BEFORE + "# someone else\n")

    monkeypatch.setattr(edit, "verify", meddle)
    with pytest.raises(PlantrackError, match="changed on disk"):
        update(golden_plan, "R13", status="done")
    assert golden_plan.read_text().endswith("# someone else\n")


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=st.lists(
        st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from(["\n", ": ", " #"]),
        min_size=1,
        max_size=60,
    )
    .map("".join)
    .filter(lambda t: t.strip())
)
def test_any_rationale_changes_only_the_target_lines(golden_plan, text):
    golden_plan.write_text(BEFORE)
    update(golden_plan, "R13", rationale=text, as_of="2026-03-31")
    after = golden_plan.read_text()
    removed = [line for line in changed_lines(BEFORE, after) if line.startswith("-")]
    assert removed == ['-            rationale: "Waiting on: partner sign-off"']
    from plantrack.plan.load import load_text

    action = load_text(after).data["themes"][0]["objectives"][0]["actions"][0]
    assert action["rationale"] == text and action["as_of"] == "2026-03-31"
