"""The one place that turns a domain error into a flag error.

The core names a bad value by what it is (``quarter``, ``as_of``, ``status``) and
never by a command-line flag, so a library call gets a message about its own
argument. Here the CLI puts the flag the user typed in its place:
``BadValue("quarter", ...)`` becomes "--quarter: ...".
"""

from __future__ import annotations

from plantrack.errors import BadValue, PlantrackError, UsageError

# The value each flag gives the core, by the core's name for it.
FLAGS = {
    "as_of": "--as-of",
    "by": "--by",
    "deadline": "--deadline",
    "due": "--due",
    "force": "--force",
    "financial_year": "--financial-year",
    "first": "--from",
    "last": "--to",
    "output": "--output",
    "plan": "--plan",
    "plans": "--plans",
    "quarter": "--quarter",
    "rationale": "--rationale",
    "status": "--status",
    "strict": "--strict",
    "theme": "--theme",
    "year_start": "--year-start",
}


def flag(name: str) -> str:
    return FLAGS.get(name, name)


def as_flag_error(err: PlantrackError) -> PlantrackError:
    """``err`` as the CLI reports it: the flag in place of the core's name for a value."""
    from plantrack.rows.period import QuarterNotInCalendar

    if isinstance(err, QuarterNotInCalendar):
        hint = f"{err.advice}; in a folder that mixes calendars, choose plans with --plan"
        return UsageError(err.described_as(flag(err.name)), hint=hint)
    if isinstance(err, BadValue):
        return UsageError(err.described_as(flag(err.name)), hint=err.hint)
    if err.named and err.hint_template:
        hint = err.hint_template.format(*(flag(name) for name in err.named))
        return PlantrackError(err.message, err.exit_code, err.diagnostics, hint)
    return err
