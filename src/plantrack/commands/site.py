"""``plantrack site``: the public progress site, a folder of plain HTML and open data."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from plantrack.cli import options as shared


def command(
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", metavar="DIR", help="The folder to write the site into (made if new)."
        ),
    ],
    quarter: shared.QuarterOption = None,
    plans: shared.PlansOption = None,
) -> int:
    """Write the public progress site: every plan's progress as at the close of a quarter
    (default: the last one closed), a page per plan, open data and an accessibility
    statement. Items marked `public: false` are left out everywhere.

    Example: plantrack site -o public
    """
    from plantrack.render.site import render_site, write_published
    from plantrack.usecases.site import publish

    site, written = publish(output, plans, shared.quarter(quarter), render_site)
    write_published(site, written, output)
    return 0
