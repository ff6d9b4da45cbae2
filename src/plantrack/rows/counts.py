"""The vocabulary of counts every report gives, defined once: each count's key (JSON,
CSV), its words in a sentence, its column header, its colour and letter, the statuses
it holds, and what a reader must be told about it ("Done includes cancelled items")."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from plantrack.plan.status import Status


@dataclass(frozen=True)
class Count:
    """One of the counts every report gives (table, JSON, CSV, Markdown, HTML, guide):
    ``key`` in JSON and CSV, ``words`` in sentences, ``header`` over a column."""

    key: str
    words: str
    header: str
    rag: str
    letter: str  # printed beside the colour: colour is never the only carrier of meaning
    statuses: frozenset[Status | None]
    # What the header cannot say and a reader would not guess, said once under every
    # table, paper and site that prints the count or its share (:func:`count_notes`).
    note: str | None = None


# THE vocabulary of counts, defined once; in the order a table and a stacked bar show
# them, worst first. "in-progress" and "on-hold" report progress without a RAG rating:
# they are counted together as "unrated". "Not started" (a status saying so) and "no
# status" (none reported) are kept apart.
COUNTS = (
    Count("off_track", "off track", "Off track", "red", "R", frozenset({Status.OFF_TRACK})),
    Count("behind", "behind", "Behind", "amber", "A", frozenset({Status.BEHIND})),
    Count("on_track", "on track", "On track", "green", "G", frozenset({Status.ON_TRACK})),
    Count(
        "unrated",
        "unrated (in progress or on hold)",
        "Unrated",
        "grey",
        "U",
        frozenset({Status.IN_PROGRESS, Status.ON_HOLD}),
    ),
    Count(
        "not_started", "not started", "Not started", "grey", "N", frozenset({Status.NOT_STARTED})
    ),
    Count("no_status", "no status", "No status", "grey", "–", frozenset({None})),
    Count(
        "done",
        "done",
        "Done",
        "blue",
        "D",
        frozenset({Status.COMPLETED, Status.COMPLETED_ONGOING, Status.CANCELLED}),
        # Cancelled work is finished (never overdue, nothing more to deliver), so it is
        # counted with completed work; a committee reading "Done %" must be told.
        note="includes cancelled items as well as completed ones",
    ),
)
# A count's words after its number in a sentence ("5 with no status"): the terminal's
# summary sentence and the committee paper's opening one.
SENTENCE_WORDS = {c.key: c.words for c in COUNTS} | {"no_status": "with no status"}
# Started and not done: the "in progress" of a committee's sentence.
IN_PROGRESS = ("off_track", "behind", "on_track", "unrated")
NOT_IN_PROGRESS = ("not_started", "no_status")  # nor done
_COUNT_OF = {status: count for count in COUNTS for status in count.statuses}
# What a status filter takes for "no status reported" (squashed: any case or spacing).
NO_STATUS_WORDS = frozenset({"none", "nostatus", "notreported"})


def count_notes(keys: Iterable[str] | None = None) -> list[str]:
    """ "Done includes cancelled items as well as completed ones.": the note of each count
    (of those in ``keys``; default all) that has one, as the footnote of every summary
    table, paper and site page that shows it or its percentage ("Done %")."""
    wanted = None if keys is None else set(keys)
    return [
        f"{c.header} {c.note}." for c in COUNTS if c.note and (wanted is None or c.key in wanted)
    ]


def count_of(status: Status | None) -> Count:
    """The count a trackable of this status is in (every status is in exactly one)."""
    return _COUNT_OF[status]
