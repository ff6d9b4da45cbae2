"""The public site as files: HTML pages from ``templates/site/``, one stylesheet, the
open data as CSV and JSON, and the logo, from one :class:`plantrack.usecases.site.Site`.

Plan text is untrusted: every page is autoescaped by Jinja, and each CSV cell goes
through :func:`plantrack.textsafe.spreadsheet_text` so a spreadsheet shows a title
starting with ``=`` instead of running it. Nothing here knows the time: the same
site renders to the same bytes.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import typer
from jinja2 import Environment

from plantrack.render.html import PALETTE, status_text, template_environment, trend_chart
from plantrack.rows.counts import COUNTS, count_notes, count_of
from plantrack.rows.query import sentence
from plantrack.textsafe import spreadsheet_text
from plantrack.usecases.site import Site

CSV_NAME = "open-data.csv"
JSON_NAME = "open-data.json"
PAGES = ("index.html", "data.html", "accessibility.html")


def render_site(site: Site) -> Iterator[tuple[str, bytes]]:
    """Every file of the site as (path relative to the site's folder, bytes)."""
    env = _environment()
    common = {
        "site": site,
        "brand": site.brand,
        "counts": COUNTS,
        "palette": PALETTE,
        "csv_name": CSV_NAME,
        "json_name": JSON_NAME,
    }
    yield "style.css", env.get_template("site/style.css.j2").render(**common).encode()
    if site.brand.logo is not None and site.brand.logo_name:
        yield site.brand.logo_name, site.brand.logo.read_bytes()
    for name in PAGES:
        page = env.get_template(f"site/{name}.j2").render(
            **common, root="", here=name, chart=trend_chart(site.trend)
        )
        yield name, page.encode("utf-8")
    plan_page = env.get_template("site/plan.html.j2")
    for plan in site.pages():
        text = plan_page.render(**common, root="../", here=plan.file_name, plan=plan)
        yield plan.file_name, text.encode("utf-8")
    yield CSV_NAME, open_data_csv(site)
    yield JSON_NAME, open_data_json(site)


def _environment() -> Environment:
    env = template_environment(["html.j2", "css.j2"], escape_others=True)
    env.filters["day"] = long_date
    env.globals["status_text"] = status_text
    env.globals["sentence"] = sentence
    env.globals["count_notes"] = count_notes
    env.globals["count_of"] = count_of
    return env


def long_date(value: date | str | None) -> str:
    """2026-04-01 -> "1 April 2026"."""
    if not value:
        return ""
    day = date.fromisoformat(value) if isinstance(value, str) else value
    return f"{day.day} {day:%B %Y}"


def open_data_csv(site: Site) -> bytes:
    """UTF-8, header row first, one row per public trackable; every text cell guarded
    against spreadsheet formulas (OWASP), true/false for the overdue flag."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow([name for name, _ in site.columns])
    for record in site.open_data():
        writer.writerow([_cell(record[name]) for name, _ in site.columns])
    return out.getvalue().encode("utf-8")


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return spreadsheet_text(str(value))


def open_data_json(site: Site) -> bytes:
    """The same records as the CSV (not guarded: JSON is not read as formulas), with
    what they are as at and which commit they come from."""
    head = {
        "organisation": site.brand.organisation,
        "quarter": site.quarter,
        "as_at": site.as_at.isoformat() if site.as_at else None,
        "commit": site.source.commit,
        "columns": [name for name, _ in site.columns],
    }
    text = json.dumps(head, ensure_ascii=False, indent=1)[:-2]
    parts = [text + ',\n "items": [']
    first = True
    for record in site.open_data():
        parts.append(("\n  " if first else ",\n  ") + json.dumps(record, ensure_ascii=False))
        first = False
    parts.append("\n ]\n}\n")
    return "".join(parts).encode("utf-8")


def write_published(site: Site, written: list[str], output: Path) -> None:
    """What ``site`` did, on stderr: its notes, then how many files it wrote where."""
    for note in site.notes:
        typer.echo(f"note: {note}", err=True)
    typer.echo(f"wrote {len(written)} files to {output} ({len(site.plans)} plans)", err=True)
