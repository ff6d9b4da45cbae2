"""Status words: the built-in vocabulary public bodies use, and a plan's own legend."""

from __future__ import annotations

import pytest

from plantrack.plan.status import BUILT_IN, DONE, SEVERITY, Status, UnknownStatus, Vocabulary


@pytest.mark.parametrize(
    ("word", "meaning"),
    [
        # Literal spellings, as published, not taken from the code's own table.
        ("On target", Status.ON_TRACK),
        ("On-Target", Status.ON_TRACK),
        ("Off target", Status.OFF_TRACK),
        ("Delivered", Status.COMPLETED),
        ("Implemented", Status.COMPLETED),
        ("Fully achieved", Status.COMPLETED),
        ("Closed", Status.COMPLETED),
        ("Not achieved", Status.OFF_TRACK),
        ("Not completed", Status.OFF_TRACK),
        ("Not due", Status.NOT_STARTED),
        ("Not yet due", Status.NOT_STARTED),
        ("Pending", Status.NOT_STARTED),
        ("In progress", Status.IN_PROGRESS),
        ("IN-PROGRESS", Status.IN_PROGRESS),
        ("On hold", Status.ON_HOLD),
        ("Deferred", Status.ON_HOLD),
        ("Suspended", Status.ON_HOLD),
        ("Behind schedule", Status.BEHIND),
        ("Green", Status.ON_TRACK),
        ("completed / ongoing", Status.COMPLETED_ONGOING),
    ],
)
def test_built_in_words_carry_their_published_meaning(word, meaning):
    assert BUILT_IN.parse(word) is meaning


def test_only_finished_work_is_done_and_new_states_are_not():
    assert {s for s in Status if s.done} == {
        Status.COMPLETED,
        Status.COMPLETED_ONGOING,
        Status.CANCELLED,
    }
    assert Status.IN_PROGRESS not in DONE and Status.ON_HOLD not in DONE
    assert sorted(SEVERITY, key=SEVERITY.index) == SEVERITY and set(SEVERITY) == set(Status)


def test_a_legend_wins_over_the_built_in_meaning():
    # This trust's Green means done, and it colours "On Track" amber.
    legend = Vocabulary({"Green": Status.COMPLETED, "Amber": Status.ON_TRACK})
    assert legend.parse("green") is Status.COMPLETED
    assert legend.parse("AMBER") is Status.ON_TRACK
    assert legend.parse("off track") is Status.OFF_TRACK  # the built-ins still apply
    assert BUILT_IN.parse("Green") is Status.ON_TRACK  # and other plans are unaffected


def test_unknown_word_lists_the_legend_first():
    legend = Vocabulary({"Some issues - narrative disclosure": Status.BEHIND})
    with pytest.raises(UnknownStatus) as raised:
        legend.parse("nearly")
    message = str(raised.value)
    assert "'nearly'" in message
    assert message.index("Some issues - narrative disclosure") < message.index("on-track")
    assert legend.words() == ["Some issues - narrative disclosure"]
    assert BUILT_IN.words()[0] == "not-started"


def test_the_guide_lists_every_status_and_spelling_the_code_accepts():
    """docs/guide.md's table is what users read: it must say what the code does."""
    from conftest import ROOT
    from plantrack.plan.status import RAG, SPELLINGS

    guide = (ROOT / "docs" / "guide.md").read_text(encoding="utf-8")
    rows = {}
    for line in guide.splitlines():
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        name = cells[0].strip("`")
        if len(cells) == 4 and cells[0].startswith("`") and name in {s.value for s in Status}:
            rows[Status(name)] = cells[1:]
    assert set(rows) == set(Status)
    for status, (rag, done, spellings) in rows.items():
        assert rag == RAG[status] and done == ("yes" if status.done else "no")
        assert spellings.split(", ") == list(SPELLINGS[status])


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("on trak", "On track"), ("complted", "completed"), ("behnd schedule", "Behind schedule")],
)
def test_an_unknown_status_suggests_the_nearest_accepted_word(typed, meant):
    with pytest.raises(UnknownStatus, match=f"^unknown status '{typed}'; did you mean '{meant}'"):
        BUILT_IN.parse(typed)


def test_a_legend_word_is_suggested_as_the_plan_spells_it():
    vocabulary = Vocabulary({"On Track to deliver": Status.ON_TRACK})
    assert vocabulary.unknown("on track to delivr").endswith("did you mean 'On Track to deliver'?")


def test_nothing_near_suggests_nothing_even_for_a_huge_word():
    assert BUILT_IN.unknown("xyz") == "unknown status 'xyz'"
    assert BUILT_IN.unknown("on track " * 1_000_000).endswith("'")  # no suggestion, at once
