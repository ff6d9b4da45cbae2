"""Records as text for scripts and papers: JSON, CSV, and the GitHub Markdown table
of the committee paper; and :func:`write`, which sends records to the format asked
for (the terminal table is :mod:`plantrack.render.table`).

Commands pass plain records (:mod:`plantrack.rows.records`) and the columns the
table, CSV and Markdown should show; JSON always carries the whole record.
Plan text is anyone's: a CSV cell that would start a formula gets a leading
apostrophe (OWASP's CSV-injection advice; numbers stay numbers), a Markdown cell
is escaped so it renders as written, and control characters show as ``\x1b`` in
both (the rules are :mod:`plantrack.textsafe`'s; :func:`markdown_cell` and
:func:`csv_cell` apply them to a record's values).
"""

from __future__ import annotations

import codecs
import csv
import json
import os
import sys
from collections.abc import Sequence
from typing import Any

from plantrack.render.table import Column, cell_text, write_table
from plantrack.textsafe import csv_text, markdown_text


def write(
    records: Sequence[dict[str, Any]],
    columns: Sequence[Column],
    output_format: str,
    *,
    title: str | None = None,
    empty: str = "nothing to show",
    group_key: str | None = None,
) -> None:
    """Print ``records`` in ``output_format`` format (table, json, csv or markdown)."""
    if output_format == "json":
        write_json_array(records)
    elif output_format == "csv":
        write_csv(records, columns)
    elif output_format == "markdown":
        sys.stdout.write(markdown_table(records, columns, title))
    else:
        write_table(records, columns, title=title, empty=empty, group_key=group_key)


def unicode_stdout() -> bool:
    """Whether stdout can carry any character (not so under PYTHONIOENCODING=ascii)."""
    encoding = (getattr(sys.stdout, "encoding", None) or "utf-8").lower()
    return encoding.replace("-", "").replace("_", "").startswith("utf")


def write_json(value: Any, **options: Any) -> None:
    """Indented JSON on stdout; characters stdout cannot carry are written as \\u
    escapes, so JSON output never loses text whatever the terminal's encoding."""
    text = json.dumps(value, indent=2, ensure_ascii=not unicode_stdout(), **options)
    sys.stdout.write(text + "\n")


def write_json_array(records: Sequence[dict[str, Any]]) -> None:
    """One array, one object per line: readable, and encoded by json's C encoder
    (``indent=`` falls back to the pure-Python one, several times slower)."""
    unicode = unicode_stdout()
    dumps = json.JSONEncoder(ensure_ascii=not unicode).encode
    encoding = "utf-8" if unicode else "ascii"  # ensure_ascii text is ASCII
    write_json_encoded([dumps(item).encode(encoding) for item in records])


def write_json_encoded(texts: Sequence[bytes]) -> None:
    """The array of :func:`write_json_array` from values already encoded as JSON bytes
    (UTF-8, or ASCII when stdout cannot carry every character).

    Written as bytes where that is the same as writing text: a UTF-8 stdout on a system
    whose text streams leave line ends alone (a warm ``overdue`` writes 16 MB this way,
    with no decoding and encoding between the cache and stdout). Elsewhere (Windows'
    CRLF, a UTF-16 stdout, a text-only stream) as text, like every other output."""
    array = b"[\n" + b",\n".join(texts) + b"\n]\n" if texts else b"[]\n"
    stream = getattr(sys.stdout, "buffer", None)
    if stream is None or os.name == "nt" or not _utf8(sys.stdout):
        sys.stdout.write(array.decode("utf-8"))
        return
    sys.stdout.flush()  # whatever was written as text goes first
    stream.write(array)
    stream.flush()


def _utf8(stream: Any) -> bool:
    try:
        return codecs.lookup(getattr(stream, "encoding", None) or "").name == "utf-8"
    except LookupError:
        return False


def write_csv(records: Sequence[dict[str, Any]], columns: Sequence[Column]) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow([c.key for c in columns])
    for item in records:
        writer.writerow([csv_cell(item.get(c.key)) for c in columns])


def csv_cell(value: Any) -> str:
    """A record's value as a CSV cell: a number as itself (``-3`` days is a number a
    spreadsheet sums), anything else as one line of text that cannot run as a formula
    (``=HYPERLINK(...)`` is written ``'=HYPERLINK(...)``)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return csv_text(value)
    return csv_text(cell_text(value))


def markdown_cell(value: Any) -> str:
    """A value as the text of one Markdown table cell or line: one line that renders as
    written (no HTML, link, emphasis or code; a pipe cannot end the cell)."""
    return markdown_text(cell_text(value))


def markdown_table(
    records: Sequence[dict[str, Any]], columns: Sequence[Column], title: str | None = None
) -> str:
    """A GitHub-flavoured Markdown table, ready to paste into a paper."""
    align = {"left": ":---", "right": "---:", "center": ":---:"}
    lines = [f"**{markdown_cell(title)}**", ""] if title else []
    lines.append("| " + " | ".join(markdown_cell(c.header) for c in columns) + " |")
    lines.append("| " + " | ".join(align.get(c.justify, "---") for c in columns) + " |")
    for item in records:
        lines.append("| " + " | ".join(markdown_cell(c.text(item)) for c in columns) + " |")
    return "\n".join(lines) + "\n"
