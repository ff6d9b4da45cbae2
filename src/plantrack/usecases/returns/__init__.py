"""The quarterly return: ask each lead for their items, read the answers back.

``request`` builds one :class:`Return` per lead (or directorate) from the plans
as committed; the renderers (:mod:`plantrack.render.returns`) lay it out as a
workbook or a CSV. What a return records beside the visible rows -- the commit
it was made from, and each row's status and due as issued -- is named here once
(:data:`META_KEYS`, :data:`COLUMNS`), so the writer and the reader agree.

No Typer, no rich, no flag names: problems are :class:`Diagnostic` values and
refusals :class:`PlantrackError`; the CLI adds the options.
"""

from __future__ import annotations

# The whole loop, one module each: what a return holds (form), who is asked what
# (request), the sealed record of what was issued (issued), reading the answers back
# (read), comparing them with the record (compare), the quarter and day they are for
# (when), checking them (collect), writing them (apply), and who has not answered
# (chase). The names other layers use are gathered here.
from plantrack.usecases.returns.apply import Applied, PlanEdit, apply
from plantrack.usecases.returns.chase import Outstanding, chase, chase_returns
from plantrack.usecases.returns.collect import (
    Answer,
    Collection,
    collect,
    commit_message,
    describe_changes,
)
from plantrack.usecases.returns.collecting import collect_returns
from plantrack.usecases.returns.form import (
    COLUMNS,
    FILL_IN,
    GIVEN,
    MARKER,
    META_KEYS,
    NO_CHANGE,
    READABLE_SUFFIXES,
    Return,
    ReturnRow,
    item_ref,
    load_openpyxl,
    quarter_folder,
    refused_format,
    return_paths,
    slug,
    unique_stems,
)
from plantrack.usecases.returns.read import FilledReturn, FilledRow, read_return
from plantrack.usecases.returns.request import (
    Issue,
    Requested,
    build_returns,
    issue,
    request_for,
    returns_for,
)

__all__ = [
    "COLUMNS",
    "FILL_IN",
    "GIVEN",
    "MARKER",
    "META_KEYS",
    "NO_CHANGE",
    "READABLE_SUFFIXES",
    "Answer",
    "Applied",
    "Collection",
    "FilledReturn",
    "FilledRow",
    "Issue",
    "Outstanding",
    "PlanEdit",
    "Requested",
    "Return",
    "ReturnRow",
    "apply",
    "build_returns",
    "chase",
    "chase_returns",
    "collect",
    "collect_returns",
    "commit_message",
    "describe_changes",
    "issue",
    "item_ref",
    "load_openpyxl",
    "quarter_folder",
    "read_return",
    "refused_format",
    "request_for",
    "return_paths",
    "returns_for",
    "slug",
    "unique_stems",
]
