"""``plantrack site``: the public progress site, a folder of plain HTML and open data."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from plantrack.cli import options as shared

MARKER = ".plantrack-site"  # in a folder `site` made: the files it wrote, one a line


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
    from plantrack.render.site import render_site
    from plantrack.usecases.site import build_site
    from plantrack.workspace import current_day

    previous = _check_folder(output)
    site = build_site(plans, shared.quarter(quarter), current_day())
    written = _write(output, render_site(site), previous)
    for note in site.notes:
        typer.echo(f"note: {note}", err=True)
    typer.echo(f"wrote {len(written)} files to {output} ({len(site.plans)} plans)", err=True)
    return 0


def _check_folder(output: Path) -> list[str]:
    """The files an earlier build wrote there; a folder with other things in it and no
    marker is refused, so a typo can never scatter pages among someone's files."""
    from plantrack.errors import UsageError

    if output.exists() and not output.is_dir():
        raise UsageError(f"--output {output}: not a folder", hint="name a new or empty folder")
    if not output.is_dir():
        return []
    marker = output / MARKER
    if marker.is_file():
        return [line for line in marker.read_text(encoding="utf-8").splitlines() if line]
    if any(output.iterdir()):
        raise UsageError(
            f"--output {output}: the folder has files that plantrack site did not write",
            hint="name a new or empty folder, or one an earlier `plantrack site` wrote",
        )
    return []


def _write(output: Path, files, previous: list[str]) -> list[str]:
    """Write each file atomically, then remove what the last build wrote and this one
    did not (a plan removed, or now withheld), and record what is there."""
    from plantrack.fileio import write_atomically

    written = []
    for name, content in files:
        write_atomically(output / name, content, make_folder=True)
        written.append(name)
    keep = set(written)
    for name in previous:
        stale = output / name
        inside = not Path(name).is_absolute() and ".." not in Path(name).parts
        if name not in keep and inside and stale.is_file():
            stale.unlink()
    write_atomically(output / MARKER, "".join(f"{n}\n" for n in written).encode(), make_folder=True)
    return written
