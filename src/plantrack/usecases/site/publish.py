"""``plantrack site``, end to end: the folder checked, the site built (:mod:`.build`),
its files written atomically, and what an earlier build wrote and this one did not
removed; a marker file records what is there."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from plantrack.errors import BadValue
from plantrack.fileio import write_atomically
from plantrack.rows.period import QuarterName
from plantrack.usecases.site.build import Site, build_site
from plantrack.workspace import current_day

MARKER = ".plantrack-site"  # in a folder `site` made: the files it wrote, one a line


def publish(
    output: Path,
    plans: Sequence[str] | None,
    quarter: QuarterName | None,
    render: Callable[[Site], Iterable[tuple[str, bytes]]],
) -> tuple[Site, list[str]]:
    """The site of the plans under ``plans`` as at ``quarter``'s close, each file
    ``render`` makes of it written under ``output``; the site and the names written.
    The folder is checked before anything is built."""
    previous = _check_folder(output)
    site = build_site(plans, quarter, current_day())
    return site, _write(output, render(site), previous)


def _check_folder(output: Path) -> list[str]:
    """The files an earlier build wrote there; a folder with other things in it and no
    marker is refused, so a typo can never scatter pages among someone's files."""
    if output.exists() and not output.is_dir():
        raise BadValue("output", "not a folder", str(output), hint="name a new or empty folder")
    if not output.is_dir():
        return []
    marker = output / MARKER
    if marker.is_file():
        try:
            return [line for line in marker.read_text(encoding="utf-8").splitlines() if line]
        except UnicodeDecodeError:
            raise BadValue(
                "output",
                f"its {MARKER} (the list of files an earlier build wrote) is not UTF-8 text",
                str(output),
                hint=f"remove {MARKER} and the files it named, or name a new folder",
            ) from None
    if any(output.iterdir()):
        raise BadValue(
            "output",
            "the folder has files that plantrack site did not write",
            str(output),
            hint="name a new or empty folder, or one an earlier `plantrack site` wrote",
        )
    return []


def _write(output: Path, files: Iterable[tuple[str, bytes]], previous: list[str]) -> list[str]:
    """Write each file atomically, then remove what the last build wrote and this one
    did not (a plan removed, or now withheld), and record what is there."""
    written = []
    for name, content in files:
        write_atomically(output / name, content, make_folder=True)
        written.append(name)
    keep = set(written)
    root = output.resolve()
    for name in previous:  # the marker is a file anyone may have edited
        stale = output / name
        inside = not Path(name).is_absolute() and ".." not in Path(name).parts
        if name not in keep and inside and stale.is_file() and stale.resolve().is_relative_to(root):
            stale.unlink()
    write_atomically(output / MARKER, "".join(f"{n}\n" for n in written).encode(), make_folder=True)
    return written
