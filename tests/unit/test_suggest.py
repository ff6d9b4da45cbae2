"""The one "did you mean" helper."""

from __future__ import annotations

import difflib

from hypothesis import given
from hypothesis import strategies as st

from plantrack.suggest import closest, did_you_mean

words = st.text(alphabet="abcde ", max_size=30)


@given(words, st.lists(words, max_size=6), st.sampled_from([0.6, 0.8]))
def test_the_length_shortcut_never_changes_the_answer(word, choices, cutoff):
    """closest() skips difflib for a word too long to be near any choice; whatever the
    word and choices, its answer is difflib's."""
    expected = difflib.get_close_matches(word, choices, n=3, cutoff=cutoff)
    assert closest(word, choices, n=3, cutoff=cutoff) == expected


def test_a_word_suggests_the_nearest_choice_as_shown():
    assert did_you_mean("stauts", ["status", "title"]) == "did you mean 'status'?"
    assert did_you_mean("jnue", ["june"], shown=str.capitalize) == "did you mean 'June'?"
    assert did_you_mean("zzz", ["status"]) is None
