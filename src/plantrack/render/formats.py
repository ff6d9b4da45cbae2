"""Records as text for scripts and papers: JSON, CSV, and the GitHub Markdown table
of the committee paper; and :func:`write`, which sends records to the format asked
for (the terminal table is :mod:`plantrack.render.table`).

Commands pass plain records (:mod:`plantrack.records`) and the columns the
table, CSV and Markdown should show; JSON always carries the whole record.
Markdown escaping is written once, here (:func:`markdown_cell`).
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


def write(
    records: Sequence[dict[str, Any]],
    columns: Sequence[Column],
    output: str,
    *,
    title: str | None = None,
    empty: str = "nothing to show",
    group_key: str | None = None,
) -> None:
    """Print ``records`` in ``output`` format (table, json, csv or markdown)."""
    if output == "json":
        write_json_array(records)
    elif output == "csv":
        write_csv(records, columns)
    elif output == "markdown":
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
        writer.writerow([cell_text(item.get(c.key)) for c in columns])


def markdown_cell(value: Any) -> str:
    """A value as the text of one Markdown table cell: one line, with the characters
    that would end the cell or the table (a backslash, a pipe) escaped."""
    return cell_text(value).replace("\\", "\\\\").replace("|", "\\|")


def markdown_text(value: Any) -> str:
    """:func:`markdown_cell`, with inline markup (emphasis, code, HTML tags, links) escaped
    too: for the committee paper, where a plan's text must read as written, never as
    markup a renderer acts on."""
    text = markdown_cell(value)
    for char in "*_`<>[]":
        text = text.replace(char, "\\" + char)
    return text


def markdown_table(
    records: Sequence[dict[str, Any]], columns: Sequence[Column], title: str | None = None
) -> str:
    """A GitHub-flavoured Markdown table, ready to paste into a paper."""
    align = {"left": ":---", "right": "---:", "center": ":---:"}
    lines = [f"**{markdown_cell(title)}**", ""] if title else []
    lines.append("| " + " | ".join(c.header for c in columns) + " |")
    lines.append("| " + " | ".join(align.get(c.justify, "---") for c in columns) + " |")
    for item in records:
        lines.append("| " + " | ".join(markdown_cell(c.text(item)) for c in columns) + " |")
    return "\n".join(lines) + "\n"
