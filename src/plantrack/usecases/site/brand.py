"""Who publishes the site: the organisation's name, its accessibility contact, and
optionally its logo and colour, set once in the repository in ``plantrack-site.yaml``
at its root (beside ``plans/``), never per run, so every build of a commit looks the
same. ``plantrack init`` writes an example.

A brand colour is the header's background behind white text, and the colour of links
on white, so it must reach WCAG AA contrast (4.5:1) with white. One that does not is
darkened until it does, and the build says so (the colour written stays as it is).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from plantrack.errors import Diagnostic, PlantrackError

CONFIG_NAME = "plantrack-site.yaml"
KEYS = ("organisation", "contact", "logo", "colour")
LOGO_TYPES = (".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp")
DEFAULT_COLOUR = "#1f4e79"  # a dark blue: 8.6:1 with white
WHITE = "#ffffff"
AA_CONTRAST = 4.5
PLACEHOLDER_NAME = "Your organisation"
_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


@dataclass(frozen=True)
class Brand:
    """The site's identity; ``configured`` is False where no file sets it (the pages
    then show clear placeholders). ``notes`` are for the person building the site."""

    organisation: str
    contact: str | None = None
    logo: Path | None = None
    colour: str = DEFAULT_COLOUR
    configured: bool = False
    notes: tuple[str, ...] = field(default=())

    @property
    def logo_name(self) -> str | None:
        """The logo's name in the built site (its type kept)."""
        return f"logo{self.logo.suffix.lower()}" if self.logo else None

    @property
    def contact_href(self) -> str | None:
        """A link for the contact when it is an email address or a web address."""
        if not self.contact:
            return None
        text = self.contact.strip()
        if re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", text):
            return f"mailto:{text}"
        if re.fullmatch(r"https?://\S+", text):
            return text
        return None


def read_brand(root: Path, fallback_name: str | None = None) -> Brand:
    """The brand set in ``root/plantrack-site.yaml``; without the file, the name the
    plans share (``organisation:``) or a placeholder, and the default colour."""
    path = root / CONFIG_NAME
    if not path.is_file():
        return Brand(fallback_name or PLACEHOLDER_NAME)
    shown = str(path)
    data, lines = _load(path, shown)
    problems = [
        _problem(shown, lines, key, f"unknown key '{key}'", f"use one of: {', '.join(KEYS)}")
        for key in data
        if key not in KEYS
    ]
    values: dict[str, str] = {}
    for key in KEYS:
        value = data.get(key)
        if value is None:
            continue
        if not isinstance(value, str) or not value.strip():
            problems.append(_problem(shown, lines, key, f"{key} must be text", None))
        else:
            values[key] = value.strip()
    logo = _logo(path, values.get("logo"), lines, problems)
    colour = values.get("colour", DEFAULT_COLOUR)
    if not _HEX.match(colour):
        problems.append(
            _problem(shown, lines, "colour", f"'{colour}' is not a colour", "write e.g. '#1f4e79'")
        )
    if problems:
        raise PlantrackError(f"{shown}: {len(problems)} problem(s)", diagnostics=problems)
    used, notes = readable_colour(colour, shown)
    return Brand(
        values.get("organisation") or fallback_name or PLACEHOLDER_NAME,
        values.get("contact"),
        logo,
        used,
        configured=True,
        notes=notes,
    )


Lines = dict[str, tuple[int, int]]


def _load(path: Path, shown: str) -> tuple[dict[str, Any], Lines]:
    text = path.read_bytes().decode("utf-8", "replace")
    try:
        node = yaml.compose(text, Loader=yaml.CSafeLoader)  # the keys' lines, for messages
        data = yaml.load(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark else 0
        raise PlantrackError(
            f"{shown}: not valid YAML",
            diagnostics=[Diagnostic("PT901", f"not valid YAML: {err}", shown, line)],
        ) from None
    if data is None:
        return {}, {}
    if not isinstance(data, dict) or node is None:
        raise PlantrackError(
            f"{shown}: expected keys such as 'organisation: Example Council'",
            diagnostics=[Diagnostic("PT901", "expected a mapping of keys", shown, 1, 1)],
        )
    lines = {str(k.value): (k.start_mark.line + 1, k.start_mark.column + 1) for k, _ in node.value}
    return {str(key): value for key, value in data.items()}, lines


def _problem(shown: str, lines: Lines, key: str, message: str, hint: str | None) -> Diagnostic:
    line, col = lines.get(key, (0, 0))
    return Diagnostic("PT901", message, shown, line, col, hint)


def _logo(path: Path, value: str | None, lines: Lines, problems: list) -> Path | None:
    if value is None:
        return None
    logo = (path.parent / value).resolve()
    shown = str(path)
    if logo.suffix.lower() not in LOGO_TYPES:
        hint = "use an image of type " + ", ".join(LOGO_TYPES)
        problems.append(_problem(shown, lines, "logo", f"logo '{value}' is not an image", hint))
    elif not logo.is_file():
        hint = f"give a path relative to {path.name}"
        problems.append(_problem(shown, lines, "logo", f"logo file '{value}' not found", hint))
    return logo


# --- contrast (WCAG 2.2, 1.4.3) -------------------------------------------------------------


def _rgb(colour: str) -> tuple[int, int, int]:
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def luminance(colour: str) -> float:
    """Relative luminance as WCAG defines it."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    """The contrast ratio of two colours (1 to 21)."""
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def readable_colour(colour: str, where: str) -> tuple[str, tuple[str, ...]]:
    """``colour`` (lower case, six digits) when white text on it reaches 4.5:1; else the
    same hue darkened step by step until it does, with a note saying so."""
    r, g, b = _rgb(colour)
    given = f"#{r:02x}{g:02x}{b:02x}"
    if contrast(given, WHITE) >= AA_CONTRAST:
        return given, ()
    scale = 1.0
    used = given
    while contrast(used, WHITE) < AA_CONTRAST:
        scale -= 0.02
        used = "#" + "".join(f"{round(v * scale):02x}" for v in (r, g, b))
    note = (
        f"{where}: colour {colour} has a contrast of {contrast(given, WHITE):.1f}:1 with white "
        f"text, below the {AA_CONTRAST}:1 WCAG AA needs; the site uses {used} "
        f"({contrast(used, WHITE):.1f}:1) instead"
    )
    return used, (note,)
