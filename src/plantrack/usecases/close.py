"""Closing a quarter: an annotated git tag on the commit that holds its final statuses.

A quarter's returns belong to that quarter whenever they are committed; what was
reported for it is what the plans said when it was signed off. Git already has the
tool: ``plantrack close Q3-21/22`` tags the commit ``plantrack/2021-22-Q3``, and from
then on the paper for that quarter is read from the tag (the same bytes in April as at
the close), the trend takes each quarter from its tag, and "changes this quarter" is
the difference between one close and the next.

The tag names the quarter in its plans' financial calendar:

- April years (the UK's): ``plantrack/2021-22-Q3`` (FY 2021/22, Q3 = Oct-Dec 2021);
- calendar years (January): ``plantrack/2021-Q3`` (Jul-Sep 2021), as plans write
  "Q3 2021";
- any other start month adds it, so the tag is never ambiguous in a repository that
  holds plans of several calendars: ``plantrack/2021-22-Q3-jul`` (a July year,
  Q3 = Jan-Mar 2022).

A tag that does not read as a quarter is ignored (someone's own tag under the prefix).
"""

from __future__ import annotations

import calendar
import os
import re
from collections.abc import Sequence
from datetime import date
from typing import NamedTuple

from plantrack.dates import Quarter
from plantrack.errors import BadValue
from plantrack.git import gitlog
from plantrack.rows.period import QuarterName
from plantrack.workspace import Workspace, load_contents

PREFIX = "plantrack/"
_MONTHS = {calendar.month_abbr[m].lower(): m for m in range(1, 13)}
_TAG = re.compile(r"^plantrack/(\d{4})(?:-(\d{2}))?-Q([1-4])(?:-([a-z]{3}))?$")


def tag_name(quarter: Quarter) -> str:
    """The tag that closes ``quarter``: ``plantrack/2021-22-Q3`` (see the module's text
    for calendar years and other start months)."""
    start = quarter.start_year
    if quarter.year_start == 1:
        return f"{PREFIX}{start}-Q{quarter.number}"
    name = f"{PREFIX}{start}-{(start + 1) % 100:02d}-Q{quarter.number}"
    if quarter.year_start != 4:
        name += "-" + calendar.month_abbr[quarter.year_start].lower()
    return name


def quarter_of_tag(name: str) -> Quarter | None:
    """The quarter a tag closes, or None when the name is not one :func:`tag_name` makes."""
    found = _TAG.match(name)
    if not found:
        return None
    start, end, number, month = found.groups()
    start_year = int(start)
    if end is None:
        return Quarter(start_year, int(number), 1) if month is None else None
    year_start = 4 if month is None else _MONTHS.get(month)
    if (month is not None and year_start in (None, 1, 4)) or int(end) != (start_year + 1) % 100:
        return None  # "-jan"/"-apr" are written without a month; the years must follow
    return Quarter(start_year, int(number), year_start or 4)


class ClosedQuarter(NamedTuple):
    """One closed quarter: its label ("Q3 2021/22"), the tag, the commit it names, that
    commit's date (ISO 8601, the committer's), and who closed it when, saying what."""

    label: str
    tag: str
    sha: str
    date: str
    quarter: Quarter
    closed_by: str  # "Name <email>" from the tag; "" for a tag made by hand without one
    closed_on: str  # the tag's own date (ISO 8601)
    message: str

    @property
    def day(self) -> date:
        """The calendar day the quarter was closed on (in the closer's own offset)."""
        return date.fromisoformat(self.closed_on[:10])


def closed_quarters(path: str | os.PathLike) -> list[ClosedQuarter]:
    """Every quarter closed in the repository holding ``path`` (a plans folder, a plan
    file or the repository itself), in order of the quarters' first days.

    Outside a git repository, or without git, nothing has been closed: an empty list.
    """
    try:
        root, _ = gitlog.locate(path)
    except gitlog.GitError:
        return []
    return closes_in(root)


def closes_in(root: str) -> list[ClosedQuarter]:
    """:func:`closed_quarters` of the repository at ``root``."""
    found = []
    for tag in gitlog.tags(PREFIX, root):
        quarter = quarter_of_tag(tag.name)
        if quarter is None:
            continue
        found.append(
            ClosedQuarter(
                quarter.label(),
                tag.name,
                tag.sha,
                tag.committed,
                quarter,
                tag.tagger,
                tag.tagged,
                tag.message,
            )
        )
    return sorted(found, key=lambda c: (c.quarter.first_day, c.quarter.year_start))


def closed(named: QuarterName | None, path: str | os.PathLike) -> ClosedQuarter | None:
    """The close of the quarter ``named`` (read in each closed quarter's own calendar),
    or None when it is not closed (or no quarter is named)."""
    if named is None:
        return None
    for close in closed_quarters(path):
        try:
            if named.in_calendar(close.quarter.year_start) == close.quarter:
                return close
        except BadValue:  # a name this calendar cannot read ("Q3 2021" in an April year)
            continue
    return None


# --- the plans as at a commit -----------------------------------------------------------


def contents_at(commit: str, plans_paths: Sequence[str | os.PathLike]) -> dict[str, bytes]:
    """The plan files under each path as committed at ``commit``, named as the folder
    finder names them on disk (``plans/x.yaml`` for ``--plans plans``) and in its
    order, so a report read from history prints the file names it printed then."""
    found: dict[str, bytes] = {}
    for path in plans_paths:
        root, prefix = gitlog.locate(path)
        files = gitlog.files_at(commit, prefix, root)
        for name in sorted(files, key=_walk_order):
            if name == prefix:  # the path names one plan file
                found[str(path)] = files[name]
            else:
                inside = name[len(prefix) + 1 :] if prefix else name
                found[os.path.join(str(path), *inside.split("/"))] = files[name]
    return found


def _walk_order(name: str) -> tuple[tuple[str, ...], str]:
    """os.walk's order, as :func:`plantrack.config.plan_files_under` lists files: a
    folder's own files, then each sub-folder's, by name."""
    folder, _, base = name.rpartition("/")
    return (tuple(folder.split("/")) if folder else (), base)


def plans_at(commit: str, plans_paths: Sequence[str | os.PathLike], today: date) -> Workspace:
    """The plans under ``plans_paths`` as at ``commit``, loaded and checked as files on
    disk are, with ``today`` as the day they are read on."""
    return load_contents(contents_at(commit, plans_paths), today)
