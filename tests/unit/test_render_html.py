"""The committee paper's palette and chart geometry (render/html.py)."""

from __future__ import annotations

import pytest

from plantrack.plan.status import Status
from plantrack.render.html import PALETTE, short_quarter, trend_chart
from plantrack.rows.counts import COUNTS
from plantrack.usecases.report import Mix


def _luminance(colour: str) -> float:
    """WCAG 2 relative luminance of ``#rrggbb``."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, two: str) -> float:
    light, dark = sorted((_luminance(one), _luminance(two)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("rag", sorted(PALETTE))
def test_each_letter_on_its_colour_passes_wcag_aa(rag):
    fill, ink = PALETTE[rag]
    assert contrast(fill, ink) >= 4.5, (rag, round(contrast(fill, ink), 2))


def test_every_count_has_a_colour_and_its_own_letter():
    assert set(PALETTE) == {c.rag for c in COUNTS}
    assert len({c.letter for c in COUNTS}) == len(COUNTS)


def test_the_fills_differ_in_lightness_so_greyscale_print_tells_them_apart():
    lights = sorted(_luminance(PALETTE[b][0]) for b in ("red", "amber", "green", "blue", "grey"))
    assert all(b - a > 0.02 for a, b in zip(lights, lights[1:], strict=False))


def test_bar_segments_fill_the_bar_and_keep_the_counts():
    mix = Mix.of([Status.OFF_TRACK, Status.ON_TRACK, Status.ON_TRACK, None])
    segments = mix.segments
    assert [(s["letter"], s["count"]) for s in segments] == [("R", 1), ("G", 2), ("–", 1)]
    assert sum(s["share"] for s in segments) == pytest.approx(100)
    assert mix.percent("on_track") == 50


def test_chart_columns_stack_to_their_totals_within_the_plot():
    trend = [
        {"quarter": "Q1 2025/26", "mix": Mix.of([Status.ON_TRACK] * 4), "overdue": 0},
        {"quarter": "Q2 2025/26", "mix": Mix.of([Status.ON_TRACK, None]), "overdue": 1},
    ]
    chart = trend_chart(trend)
    first, second = chart["columns"]
    assert first["top"] == chart["top"]  # the tallest column reaches the top of the plot
    assert second["rects"][-1]["y"] == pytest.approx(
        chart["base"] - (chart["base"] - chart["top"]) / 2
    )
    assert first["x"] + first["w"] <= second["x"] <= chart["width"]
    assert trend_chart([]) is None


def test_short_quarter_labels():
    assert short_quarter("Q4 2025/26") == "Q4 25/26"
    assert short_quarter("Q4 2026") == "Q4 2026"


def test_every_status_and_no_status_falls_in_exactly_one_bucket():
    for status in [*Status, None]:
        assert sum(status in count.statuses for count in COUNTS) == 1, status
