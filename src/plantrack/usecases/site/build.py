"""The public progress site as plain data: the index's numbers, one page per plan, the
open data and who publishes it, from the plans and their git history.

Memory stays bounded by the rows, as for any report: the plans are read through the
cache (rows, no models), what is public is read from each file's plain YAML one at a
time, and each plan's page is built from its model only when it is rendered
(:meth:`Site.pages`), so a thousand plans' models are never held at once.

Nothing here writes HTML (``render/site.py`` does) or files (the command does). The
build is a function of the commit: "today" is the day of the commit the plans are
at, so the default quarter, the overdue counts and the words "generated from
commit abc1234 on 6 December 2026" come out the same on every machine and every
day, and two builds are byte-identical.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from plantrack.config import default_plans
from plantrack.dates import Quarter
from plantrack.git.updated import updated_dates
from plantrack.plan.walk import forget
from plantrack.rows.counts import count_of
from plantrack.rows.index import Trackable
from plantrack.rows.period import AsAt, QuarterName
from plantrack.rows.query import Group, Late, current_plans, overdue, shared, summarise
from plantrack.usecases.report import Mix
from plantrack.usecases.site.brand import Brand, read_brand
from plantrack.usecases.site.history import Close, Source, quarter_closes, source_of, tagged_closes
from plantrack.usecases.site.pages import Context, PlanPage, plan_page
from plantrack.usecases.site.public import public_ids, public_view
from plantrack.workspace import check_file, load_rows

# The open data's columns, each with what it holds: the CSV's header, the JSON's keys and
# the column page are all made from this one list.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("plan", "The plan's id."),
    ("plan_title", "The plan's title."),
    ("id", "The item's id, unique within its plan."),
    ("kind", "action, or milestone (a dated step of an action)."),
    ("title", "The item as the plan words it."),
    ("theme", "The id of the theme it is under."),
    ("theme_title", "That theme's title."),
    ("objective", "The id of the objective it is under."),
    ("objective_title", "That objective's title."),
    ("action", "For a milestone, the id of its action; empty for an action."),
    ("lead", "Who leads it, as the plan names them; several are separated by '; '."),
    ("directorate", "The directorate responsible, where the plan gives one."),
    (
        "status",
        "Its status in plantrack's words (e.g. on-track, behind, completed); empty "
        "when none is reported.",
    ),
    ("status_word", "Its status as the plan writes it (e.g. Green, Delivered)."),
    (
        "count",
        "The count it is in on the site: off_track, behind, on_track, unrated, "
        "not_started, no_status or done.",
    ),
    ("due", "The target date as the plan writes it (e.g. Q4 2025/26)."),
    ("deadline", "The last day of that target, an ISO date (YYYY-MM-DD)."),
    ("original_due", "The first target date, where it has been revised."),
    (
        "overdue",
        "true when its deadline passed before the day the site is as at and it "
        "is not done; else false.",
    ),
    ("rationale", "The latest commentary on its progress."),
    ("measure", "How the plan says we will know it is achieved."),
    ("as_of", "The day its status was last assessed, an ISO date."),
    ("page", "Its place on this site, relative to the site's home page."),
)


@dataclass
class Site:
    """Everything the site shows."""

    brand: Brand
    source: Source
    quarter: str  # "Q3 2021/22"
    as_at: date | None  # day D, when the plans share a calendar
    plans: list[PlanPage]
    total: Group  # total, mix and late: of the plans not ended, as every report counts
    mix: Mix
    late: list[Late]
    closes: list[str]  # the quarter closes the trend and the histories read
    trend: list[dict[str, Any]]
    rows: list[Trackable] = field(repr=False, default_factory=list)
    context: Context | None = field(repr=False, default=None)
    notes: list[str] = field(default_factory=list)
    columns: tuple[tuple[str, str], ...] = COLUMNS

    @property
    def current(self) -> list[PlanPage]:
        return [page for page in self.plans if not page.ended]

    @property
    def ended(self) -> list[PlanPage]:
        return [page for page in self.plans if page.ended]

    def pages(self) -> Iterator[PlanPage]:
        """Each plan's page with its items, its model read when the page is wanted."""
        for entry in self.plans:
            loaded, _problems, _refused = check_file(entry.plan_file, self.source.day)
            if loaded is None or self.context is None:
                continue
            view = public_view(loaded.plan, loaded.document)
            page = plan_page(entry, view, self.context) if view is not None else None
            forget(loaded.plan)
            if page is not None:
                yield page

    def open_data(self) -> Iterator[dict[str, Any]]:
        """One record per public trackable, in plan and file order, made as it is read
        (a thousand plans' records are never all held at once)."""
        titles = {page.id: page.title for page in self.plans}
        late = self.context.late_refs if self.context else set()
        for row in self.rows:
            yield open_record(row, (row.plan, row.id) in late, titles[row.plan])


def open_record(row: Trackable, late: bool, plan_title: str) -> dict[str, Any]:
    """A trackable as the open data gives it: text, ISO dates, and true or false."""
    return {
        "plan": row.plan,
        "plan_title": plan_title,
        "id": row.id,
        "kind": row.kind,
        "title": row.title,
        "theme": row.theme,
        "theme_title": row.theme_title,
        "objective": row.objective,
        "objective_title": row.objective_title,
        "action": row.action or "",
        "lead": "; ".join(row.lead),
        "directorate": row.directorate or "",
        "status": row.status.value if row.status else "",
        "status_word": row.status_word or "",
        "count": count_of(row.status).key,
        "due": row.due or "",
        "deadline": row.deadline.isoformat() if row.deadline else "",
        "original_due": row.original_due or "",
        "overdue": late,
        "rationale": row.rationale or "",
        "measure": row.measure or "",
        "as_of": row.as_of.isoformat() if row.as_of else "",
        "page": f"plans/{row.plan}.html#item-{row.id}",
    }


# --- building ----------------------------------------------------------------------------


def build_site(plans: Sequence[str] | None, quarter: QuarterName | None, today: date) -> Site:
    """The site over the plans under ``plans`` (default ``plans/``), as at the close of
    ``quarter`` (default: the last quarter closed by the day of the commit)."""
    paths = list(plans or [default_plans()])
    source = source_of(str(paths[0]), today)
    day = source.day
    workspace = load_rows(paths, day).require_valid()
    published = {info.id: _published(info.file) for info in workspace.infos}
    infos = [info for info in workspace.infos if published[info.id] is not None]
    public = {(plan, ident) for plan, found in published.items() if found for ident in found[0]}
    rows = [row for row in workspace.rows if (row.plan, row.id) in public]
    year_start = shared(row.year_start for row in rows) or 4
    named = quarter or _last_closed(source, year_start, day)
    reported = named.in_calendar(year_start)
    closes = []
    if len(paths) == 1:
        closes = quarter_closes(str(paths[0]), year_start, reported)[-_TREND_LIMIT:]
    as_at = AsAt(quarter=named)
    summary = summarise(rows, by="plan", quarter=named, today=day)
    late = overdue(rows, as_at, day)
    # The home page's numbers (its sentence, bar and overdue list) follow the ended-plans
    # rule of every command and the paper; ended plans have a table of their own.
    counted, ended = current_plans(infos, rows, as_at, day)
    context = Context(
        groups={group.key: group for group in summary.groups},
        late=late,
        late_refs={(item.row.plan, item.row.id) for item in late},
        public=public,
        closes=closes,  # each action's status at every quarter close in git
        ended=set(ended),
        as_at=as_at,
        day=day,
        updated=updated_dates(paths, rows),
    )
    entries = [_entry(info, published[info.id][1], rows, context) for info in infos]
    named_by = shared(entry.organisation for entry in entries if entry.organisation)
    brand = read_brand(Path(source.root), named_by)
    return Site(
        brand=brand,
        source=source,
        quarter=reported.label(),
        as_at=summary.as_at,
        plans=entries,
        total=summarise(counted, by="plan", quarter=named, today=day).total,
        mix=Mix.of([row.status for row in counted]),
        late=[entry for entry in late if entry.row.plan not in context.ended],
        closes=[close.quarter.label() for close in closes],
        trend=[_point(close) for close in closes],
        rows=rows,
        context=context,
        notes=list(brand.notes),
    )


_TREND_LIMIT = 40  # ten years of quarter closes at most
PLAN_KEYS = ("title", "description", "period", "organisation", "source", "year_start")


class CSafeLoaderAsText(yaml.CSafeLoader):
    """libyaml's safe loader with every plain scalar kept as the text written."""

    yaml_implicit_resolvers: dict = {}  # noqa: RUF012 (PyYAML's own class attribute)


def _published(file: str) -> tuple[set[str], dict[str, Any]] | None:
    """The ids of a plan file the public may see, and its own keys; None when the plan
    is withheld. Read with libyaml's safe loader, every scalar the text written (as the plan loader
    keeps them: ``id: 3.10`` stays "3.10"): the file has passed validation and only its
    shape is needed, so no model is built."""
    with open(file, "rb") as handle:
        data = yaml.load(handle.read(), Loader=CSafeLoaderAsText)
    ids = public_ids(data)
    if ids is None:
        return None
    return ids, {key: data.get(key) for key in PLAN_KEYS}


def _entry(info, meta: dict[str, Any], rows: list[Trackable], context: Context) -> PlanPage:
    """A plan's line on the index (its page's items are read later, for the page)."""
    mine = [row for row in rows if row.plan == info.id]
    year_start = mine[0].year_start if mine else 4
    return PlanPage(
        id=info.id,
        title=info.title,
        description=_text(meta.get("description")),
        period=info.period,
        organisation=_text(meta.get("organisation")),
        source=_text(meta.get("source")),
        as_at=context.as_at.day_in(year_start, context.day),
        as_of=date.fromisoformat(info.as_of) if info.as_of else None,
        ended=info.id in context.ended,
        group=context.groups.get(info.id) or Group(info.id, info.title),
        mix=Mix.of([row.status for row in mine]),
        late=[entry for entry in context.late if entry.row.plan == info.id],
        plan_file=info.file,
    )


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _last_closed(source: Source, year_start: int, day: date) -> QuarterName:
    """The last quarter tagged as closed, else the quarter before the commit's."""
    if source.commit:
        tagged = [q for q, _ in tagged_closes(source.root, year_start)]  # the repository's
        tagged = [q for q in tagged if q.last_day < day]
        if tagged:
            return QuarterName.parse(tagged[-1].label())
    return QuarterName.parse(Quarter.containing(day, year_start).previous().label())


def _point(close: Close) -> dict[str, Any]:
    return {
        "quarter": close.quarter.label(),
        "mix": Mix.of([row.status for row in close.counted]),
        "overdue": close.overdue,
        "commit": close.commit[:7],
    }
