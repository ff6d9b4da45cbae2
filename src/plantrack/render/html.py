"""The committee paper as HTML (for the browser and print) or GitHub Markdown.

Both come from the same :class:`plantrack.usecases.report.Paper` through Jinja
templates (``templates/report.html.j2`` and ``report.md.j2``). Plan text is
untrusted: HTML is autoescaped, Markdown by :func:`plantrack.render.formats.markdown_cell`.
The RAG palette lives here, once, with the text colour printed on each fill; a test
holds every pair to WCAG AA contrast.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

import typer
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from plantrack.errors import UsageError
from plantrack.fileio import write_atomically
from plantrack.plan.status import Status
from plantrack.render.formats import markdown_cell
from plantrack.render.reports import say_ended
from plantrack.render.table import status_as_written
from plantrack.rows.counts import COUNTS, Count, count_of
from plantrack.usecases.report import Paper

# RAG colour -> (fill, text on it). Chosen to print well in colour and in greyscale (the
# fills differ in lightness too) and to pass WCAG AA (4.5:1) for the letter on the fill.
PALETTE = {
    "red": ("#b3261e", "#ffffff"),
    "amber": ("#f2b233", "#1b1b1b"),
    "green": ("#2e7d4f", "#ffffff"),
    "grey": ("#d5d8db", "#1b1b1b"),
    "blue": ("#17457a", "#ffffff"),
}
CHART = {"width": 320, "height": 170, "top": 12, "bottom": 30, "left": 6}


def write_paper(
    paper: Paper, output_format: str, output_file: Path | None, ended: list[str]
) -> None:
    """The paper on stdout, or written atomically to ``output_file`` in a folder that
    exists (a typo in the folder must not make new folders); ``ended``, the plans left
    out, said on stderr first."""
    say_ended(ended)
    text = render(paper, output_format)
    if output_file is None:
        sys.stdout.write(text)
        return
    if not output_file.parent.is_dir():
        raise UsageError(
            f"--output {output_file}: the folder {output_file.parent} does not exist",
            hint="create it first, or write into a folder that exists",
        )
    write_atomically(output_file, text.encode("utf-8"))
    typer.echo(f"wrote {output_file}", err=True)


def template_environment(escaped: list[str], escape_others: bool) -> Environment:
    """The package's templates as every page of ours is made from them: an unknown name
    is an error (never an empty cell), blocks leave no stray lines, and HTML (the
    ``escaped`` extensions) is escaped; ``escape_others`` for every other template."""
    return Environment(
        loader=PackageLoader("plantrack", "templates"),
        autoescape=select_autoescape(escaped, default=escape_others),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render(paper: Paper, output_format: str) -> str:
    """The paper as ``html`` or ``markdown`` text."""
    env = template_environment(["html.j2"], escape_others=False)  # Markdown: md filter
    env.filters["md"] = markdown_cell
    env.filters["day"] = long_day
    env.filters["short_quarter"] = short_quarter
    name = "report.html.j2" if output_format == "html" else "report.md.j2"
    return env.get_template(name).render(
        paper=paper,
        palette=PALETTE,
        chart=trend_chart(paper.trend),
        value=change_value,
        bucket=bucket,
        status_text=status_text,
    )


def long_day(value: str | None) -> str:
    """ "2026-04-01" -> "1 April 2026"."""
    if not value:
        return ""
    day = date.fromisoformat(value)
    return f"{day.day} {day:%B %Y}"


def short_quarter(label: str) -> str:
    """ "Q4 2025/26" -> "Q4 25/26", short enough to sit under a chart column."""
    head, _, year = label.partition(" ")
    return f"{head} {year[2:]}" if len(year) == 7 else label


def bucket(status: str | None) -> Count:
    """The count (colour, words, letter) a canonical status in a record falls in."""
    return count_of(Status(status) if status else None)


def status_text(status: str | None, word: str | None = None) -> str:
    """A status as the paper prints it: the canonical state in words ("on track"), or the
    plan's own legend word beside it ("Green (completed)"), as the terminal tables do."""
    shown = status_as_written({"status": status, "status_word": word}) or ""
    return shown.replace("-", " ") if shown == status else shown


def change_value(value: Any) -> str:
    if value is None or value == "":
        return "(none)"
    return str(value)


def trend_chart(trend: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Stacked columns for the inline SVG: per quarter, rects in SVG units, worst on top."""
    if not trend:
        return None
    width, height = CHART["width"], CHART["height"]
    top, bottom, left = CHART["top"], CHART["bottom"], CHART["left"]
    plot = height - top - bottom
    most = max(point["mix"].total for point in trend) or 1
    step = (width - left) / len(trend)
    columns = []
    for index, point in enumerate(trend):
        x = left + step * index + step * 0.2
        y = height - bottom
        rects = []
        for kind in reversed(COUNTS):  # done at the foot, off track on top
            count = point["mix"].counts[kind.key]
            if not count:
                continue
            size = plot * count / most
            y -= size
            rects.append(
                {
                    "rag": kind.rag,
                    "label": kind.header,
                    "count": count,
                    "y": round(y, 2),
                    "h": round(size, 2),
                }
            )
        columns.append(
            {
                "quarter": point["quarter"],
                "x": round(x, 2),
                "w": round(step * 0.6, 2),
                "mid": round(x + step * 0.3, 2),
                "rects": rects,
                "total": point["mix"].total,
                "top": round(y, 2),
            }
        )
    return {
        "width": width,
        "height": height,
        "base": height - bottom,
        "left": left,
        "top": top,
        "most": most,
        "columns": columns,
        "used": [c for c in COUNTS if any(p["mix"].counts[c.key] for p in trend)],
    }
