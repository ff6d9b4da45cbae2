"""Mutation fuzzing of the seed plans: whatever a merge or a bad edit does to a file,
every command that reads plans ends with exit 0, 1 or 2 and never a traceback.

The default run is a few hundred mutations with a fixed seed; `make fuzz` sets
PLANTRACK_FUZZ_RUNS for a long run."""

from __future__ import annotations

import os
import random

from typer.testing import CliRunner

from conftest import ROOT
from plantrack.cli import app

SEEDS = [
    ROOT / "plans" / name
    for name in ("year-ahead-delivery-plan-2023.yaml", "equality-plan-2022-23.yaml")
]
RUNS = int(os.environ.get("PLANTRACK_FUZZ_RUNS", "300"))


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One of: delete, duplicate or swap lines, change indentation, flip a byte, truncate."""
    lines = data.split(b"\n")
    choice = rng.randrange(6)
    index = rng.randrange(len(lines))
    if choice == 0:
        del lines[index]
    elif choice == 1:
        lines.insert(index, lines[index])
    elif choice == 2:
        other = rng.randrange(len(lines))
        lines[index], lines[other] = lines[other], lines[index]
    elif choice == 3:
        lines[index] = b" " * rng.randrange(0, 9) + lines[index].lstrip(b" ")
    elif choice == 4:
        flat = bytearray(b"\n".join(lines))
        position = rng.randrange(len(flat))
        flat[position] ^= 1 << rng.randrange(8)
        return bytes(flat)
    else:
        return b"\n".join(lines)[: rng.randrange(len(data))]
    return b"\n".join(lines)


COMMANDS = [
    ["validate"],
    ["overdue", "--quarter", "Q4-25/26", "--no-cache"],
    ["list", "--no-cache"],
    ["summary", "--no-cache"],
    ["show", "3.5"],
]


def test_mutated_plans_never_crash(tmp_path):
    rng = random.Random(20261123)
    runner = CliRunner(env={"NO_COLOR": "1", "PLANTRACK_TODAY": "2026-11-23"})
    originals = [path.read_bytes() for path in SEEDS]
    target = tmp_path / "plan.yaml"
    failures = []
    for run in range(RUNS):
        data = originals[run % len(originals)]
        for _ in range(rng.randrange(1, 4)):
            data = mutate(data, rng)
        target.write_bytes(data)
        commands = COMMANDS if run % 10 == 0 else COMMANDS[:1]
        for command in commands:
            argv = (
                [*command, str(target)]
                if command[0] == "validate"
                else [*command, "--plans", str(target)]
            )
            result = runner.invoke(app, argv)
            # An exception escaping the CLI's guard shows as exit 1 with result.exception
            # set (in-process nothing prints "Traceback"), so look at the exception.
            escaped = result.exception is not None and not isinstance(result.exception, SystemExit)
            if result.exit_code not in (0, 1, 2) or escaped:
                failures.append((run, command[0], result.exit_code, repr(result.exception)))
    assert failures == [], failures[:5]
