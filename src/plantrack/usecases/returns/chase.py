"""``chase``: the leads whose returns are missing or incomplete."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass

from plantrack.rows.period import QuarterName
from plantrack.rows.query import Filters
from plantrack.usecases.returns.form import READABLE_SUFFIXES, REFUSED_SUFFIXES, quarter_folder
from plantrack.usecases.returns.read import FilledReturn, read_return
from plantrack.usecases.returns.request import quarter_label, returns_for
from plantrack.workspace import Workspace, load

# --- chase: who has not answered --------------------------------------------------------------

# Returns, and spreadsheets a return may have been saved as that read_return refuses
# with the way to fix it (.ods): those are "unreadable", not "missing".
RETURN_SUFFIXES = (*READABLE_SUFFIXES, *REFUSED_SUFFIXES)


@dataclass(frozen=True)
class Outstanding:
    """One owner's return for ``chase``: its state and how far it got."""

    owner: str
    state: str  # missing, unreadable, not answered, incomplete, complete
    answered: int
    rows: int
    file: str

    def as_dict(self, by: str = "lead") -> dict[str, object]:
        return {
            by: self.owner,
            "state": self.state,
            "answered": self.answered,
            "rows": self.rows,
            "file": self.file,
        }


def chase(
    workspace: Workspace,
    quarter: QuarterName | None,
    folder: str | os.PathLike,
    *,
    by: str = "lead",
    filters: Filters | None = None,
    all_plans: bool = False,
) -> tuple[str, list[Outstanding]]:
    """The quarter's folder and every owner's return state, owners sorted by name.

    Who should answer comes from the plans (as ``request`` would ask today); what they
    answered comes from the files in the quarter's folder, matched by the owner each
    return records. A return is complete when every row has a New status ("no change"
    counts); an owner with a return but no longer in the plans is still listed.
    """
    issued = returns_for(workspace, quarter, by=by, filters=filters, all_plans=all_plans)
    expected = {ret.owner: len(ret.rows) for ret in issued}
    by_stem = {ret.stem: ret.owner for ret in issued}
    where = os.path.join(folder, quarter_folder(quarter_label(quarter, workspace)))
    best: dict[str, FilledReturn] = {}
    unreadable: dict[str, str] = {}
    names = sorted(os.listdir(where)) if os.path.isdir(where) else []
    for name in names:
        if not name.lower().endswith(RETURN_SUFFIXES) or name.startswith((".", "~$")):
            continue
        found = read_return(os.path.join(where, name))
        if found.problems and not found.rows:
            stem = os.path.splitext(name)[0]
            unreadable[found.meta.get("owner") or by_stem.get(stem, stem)] = found.path
            continue
        if found.meta.get("by", by) != by:
            continue
        held = best.get(found.owner)
        if held is None or found.answered > held.answered:
            best[found.owner] = found
    owners = sorted({*expected, *best, *unreadable}, key=lambda o: (o.casefold(), o))
    if filters is not None and filters != Filters():
        # Narrowed: only the owners the filters ask about, not every return in the folder.
        owners = [owner for owner in owners if owner in expected or _named(owner, by, filters)]
    states = []
    for owner in owners:
        found = best.get(owner)
        if found is None:
            state = "unreadable" if owner in unreadable else "missing"
            file = unreadable.get(owner, "")
            states.append(Outstanding(owner, state, 0, expected.get(owner, 0), file))
            continue
        total, answered = len(found.rows), found.answered
        state = (
            "complete" if answered == total else "not answered" if answered == 0 else "incomplete"
        )
        states.append(Outstanding(owner, state, answered, total, found.path))
    return where, states


def chase_returns(
    plans: Sequence[str] | None,
    quarter: QuarterName | None,
    folder: str | os.PathLike,
    **options,
) -> tuple[str, list[Outstanding]]:
    """``chase``: :func:`chase` (same ``options``) over the valid plans."""
    return chase(load(plans).require_valid(), quarter, folder, **options)


def _named(owner: str, by: str, filters: Filters) -> bool:
    """Whether the lead (or directorate) filter names ``owner``, as ``request`` reads it."""
    wanted = filters.lead if by == "lead" else filters.directorate
    return bool(wanted) and wanted.casefold() in owner.casefold() and not filters.plans
