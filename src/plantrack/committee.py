"""The committee report: per plan, a RAG summary per theme, what is overdue
with its rationale, what was re-dated, what changed since a revision, and
what falls due next quarter -- as plain data for the HTML and Markdown
templates (``templates/report.*.j2``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from plantrack.period import QuarterName
from plantrack.plan.status import Status

# Report buckets, in the order a stacked bar shows them.
BUCKETS = (
    ("red", "Off track", (Status.OFF_TRACK,)),
    ("amber", "Behind", (Status.BEHIND,)),
    ("green", "On track", (Status.ON_TRACK,)),
    ("grey", "Not started / not reported", (Status.NOT_STARTED, None)),
    ("blue", "Completed", (Status.COMPLETED, Status.COMPLETED_ONGOING)),
    ("cancelled", "Cancelled", (Status.CANCELLED,)),
)
BAR_WIDTH = 240


@dataclass
class ThemeSummary:
    id: str
    title: str
    counts: dict[str, int]
    total: int

    @property
    def segments(self) -> list[dict[str, Any]]:
        """Stacked-bar segments: bucket, count, x and width in SVG units."""
        found, x = [], 0.0
        for bucket, label, _ in BUCKETS:
            count = self.counts.get(bucket, 0)
            if not count:
                continue
            width = BAR_WIDTH * count / self.total if self.total else 0
            found.append(
                {
                    "bucket": bucket,
                    "label": label,
                    "count": count,
                    "x": round(x, 2),
                    "width": round(width, 2),
                }
            )
            x += width
        return found


@dataclass
class PlanReport:
    id: str
    title: str
    period: str | None
    as_of: str | None
    file: str
    themes: list[ThemeSummary] = field(default_factory=list)
    overdue: list[dict[str, Any]] = field(default_factory=list)
    revised: list[dict[str, Any]] = field(default_factory=list)
    changes: list[dict[str, Any]] = field(default_factory=list)
    due_next: list[dict[str, Any]] = field(default_factory=list)
    as_at: str = ""  # day D in this plan's calendar (plans may start their years apart)
    next_quarter: str = ""


def bucket_of(status: Status | None) -> str:
    return next(name for name, _, statuses in BUCKETS if status in statuses)


def build(
    workspace, rows, quarter: QuarterName | None, since: str | None, plans_paths: list | None
) -> dict[str, Any]:
    """The whole report's context."""
    from plantrack.period import AsAt, quarter_or_current
    from plantrack.query import overdue, shared, upcoming
    from plantrack.records import record

    today = workspace.today
    as_at = AsAt(quarter=quarter)
    late = overdue(rows, as_at, today)
    following = upcoming(rows, quarter=quarter, following=True, today=today)
    changes = _changes(since, plans_paths)
    reports = []
    for plan in workspace.infos:
        mine = [row for row in rows if row.plan == plan.id]
        if not mine:
            continue
        report = PlanReport(plan.id, plan.title, plan.period, plan.as_of, plan.file)
        report.themes = _themes(mine)
        report.overdue = [record(item.row, item) for item in late if item.row.plan == plan.id]
        report.revised = [_revision(row) for row in mine if row.original_due]
        report.due_next = [record(row) for row in following if row.plan == plan.id]
        report.changes = [c for c in changes if c["plan"] == plan.id]
        year_start = mine[0].year_start
        report.as_at = as_at.day_in(year_start, today).isoformat()
        report.next_quarter = quarter_or_current(quarter, year_start, today).next().label()
        reports.append(report)
    return {
        "plans": reports,
        "quarter": quarter.text if quarter else None,
        "as_at": shared(r.as_at for r in reports) or (None if reports else today.isoformat()),
        "next_quarter": shared(r.next_quarter for r in reports),
        "since": since,
        "generated": today.isoformat(),
        "buckets": [(name, label) for name, label, _ in BUCKETS],
    }


def _themes(rows) -> list[ThemeSummary]:
    themes: dict[str, ThemeSummary] = {}
    for row in rows:
        summary = themes.setdefault(row.theme, ThemeSummary(row.theme, row.theme_title, {}, 0))
        bucket = bucket_of(row.status)
        summary.counts[bucket] = summary.counts.get(bucket, 0) + 1
        summary.total += 1
    return list(themes.values())


def _revision(row) -> dict[str, Any]:
    from plantrack.changes import slip
    from plantrack.records import record

    meta = {"financial_year": row.financial_year, "year_start": row.year_start}
    return {**record(row), "slip": slip(row.original_due, row.due, meta)}


def _changes(since: str | None, plans_paths: list | None) -> list[dict[str, Any]]:
    if not since:
        return []
    from plantrack.changes import diff
    from plantrack.config import default_plans
    from plantrack.render.history import headline

    return [
        change.as_dict() | {"summary": headline(change)}
        for change in diff(since, None, plans_paths or [default_plans()])
    ]


def render(context: dict[str, Any], output: str) -> str:
    """HTML (autoescaped: plan text is untrusted) or GitHub Markdown."""
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=PackageLoader("plantrack", "templates"),
        autoescape=select_autoescape(["html.j2"], default=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = _markdown_cell
    env.filters["day"] = _day
    name = "report.html.j2" if output == "html" else "report.md.j2"
    return env.get_template(name).render(**context)


def _markdown_cell(value: Any) -> str:
    text = "" if value is None else " ".join(str(value).split())
    if isinstance(value, list):
        text = "; ".join(map(str, value))
    for char in "\\|*_`<>[]":
        text = text.replace(char, "\\" + char)
    return text


def _day(value: str | None) -> str:
    if not value:
        return ""
    day = date.fromisoformat(value)
    return f"{day.day} {day:%B %Y}"
