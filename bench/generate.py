"""Synthetic plan corpus for benchmarks: N files x 100 trackables, realistic.

Mixed date forms, statuses in several spellings, leads, comments and the
modeline, so the parser, the validator and the date cache see what real
plans give them. Deterministic for a given seed.

    python bench/generate.py OUT_DIR --files 1000
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

# Target dates over three financial years, in the forms plans use.
DUES = [
    "Q1 25/26",
    "Q2 25/26",
    "Q3 2025/26",
    "Q4 25/26",
    "Quarter 4",
    "March 2026",
    "by March 2026",
    "Autumn 2025",
    "early 2026",
    "July – November 2025",
    "ongoing",
    "from May 2025",
    "end June 2025",
    "Q1 & Q3 26/27",
    "2026-03-31",
    "April to June",
    "Q2 26/27",
    "Q4 2026/27",
    "by March 2027",
    "Summer 2027",
    "Q3 27/28",
    "December 2027",
    "early 2028",
    "Q4 27/28",
]
# Status spellings weighted like a real tracker (seed 001: two thirds done).
STATUSES = (
    ["Completed"] * 9
    + ["Completed / Ongoing"] * 3
    + ["On track"] * 4
    + ["Behind schedule", "Amber", "Off track", "Not started", "G", "off-track"]
)
LEADS = [
    "Head of Organisational Development",
    "Service Director of Housing",
    "Assistant Director Education and Skills",
    "Head of Policy, Performance and Intelligence",
]


def plan_text(number: int, rng: random.Random) -> str:
    lines = [
        "# yaml-language-server: $schema=../schemas/plan.schema.json",
        f"# Synthetic plan {number} for benchmarks.",
        "plantrack: 1",
        f"id: bench-plan-{number:05d}",
        f"title: Benchmark plan {number}",
        "organisation: Example Borough Council",
        "financial_year: 2025/26",
        "as_of: 2026-01-15",
        "themes:",
    ]
    for t in range(1, 3):
        lines += [
            f"  - id: T{t}",
            f"    title: Theme {t} of plan {number}",
            f"    lead: {rng.choice(LEADS)}",
            "    objectives:",
        ]
        for o in range(1, 6):
            lines += [
                f"      - id: T{t}.{o}",
                f"        title: Objective {o} under theme {t}",
                "        actions:",
            ]
            for a in range(1, 11):
                lines += _action(f"T{t}.{o}.{a}", rng)
    return "\n".join(lines) + "\n"


def _action(item_id: str, rng: random.Random) -> list[str]:
    """Ten actions per objective, ten objectives: 100 trackables per file."""
    lines = [
        f"          - id: {item_id}",
        f"            title: Deliver the {item_id} programme of work with partners",
        f"            due: {rng.choice(DUES)}   # as written in the source",
    ]
    if rng.random() < 0.8:
        lines.append(f"            status: {rng.choice(STATUSES)}")
        lines.append("            rationale: Progress reported at the quarterly review meeting.")
    if rng.random() < 0.3:
        lines.append(f"            lead: [{rng.choice(LEADS)}, Performance Officer]")
    return lines


def generate(folder: Path, files: int, seed: int = 1) -> list[Path]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(files):
        path = folder / f"plan-{number:05d}.yaml"
        path.write_text(plan_text(number, rng), encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    generate(options.folder, options.files, options.seed)
    print(f"wrote {options.files} plans to {options.folder}")
