"""The options commands share (plantrack.cli.options) and the translation of domain
errors into flag errors (plantrack.cli.flags)."""

from __future__ import annotations

import inspect
from typing import Annotated

import pytest
import typer

from conftest import MINIMAL_PLAN
from plantrack.cli import app
from plantrack.cli.options import (
    Format,
    PaperFormatOption,
    ReportOptions,
    report_options,
    statuses,
)
from plantrack.errors import BadValue, PlantrackError
from plantrack.plan.status import Status
from plantrack.workspace import load_folder


def commands() -> dict:
    return typer.main.get_command(app).commands


def test_no_command_declares_a_flag_twice():
    """A command's own option can never silently replace a shared one."""
    for name, command in commands().items():
        flags = [opt for param in command.params for opt in param.opts + param.secondary_opts]
        assert len(flags) == len(set(flags)), f"{name}: {sorted(flags)}"


def test_report_options_come_after_a_commands_own_and_arrive_as_one_value():
    received = []

    @report_options(with_all=False)
    def command(options: ReportOptions, by: str = "theme") -> int:
        received.append((options, by))
        return 0

    own_then_shared = "by plans output_format plan theme lead status directorate stale no_cache"
    assert " ".join(inspect.signature(command).parameters) == own_then_shared
    shared = dict.fromkeys(["plans", "plan", "theme", "lead", "status", "directorate"])
    command(by="lead", output_format=Format.json, no_cache=True, stale=False, **shared)
    assert received == [(ReportOptions(output_format=Format.json, no_cache=True), "lead")]


def test_a_commands_own_option_never_silently_replaces_a_shared_one():
    """The old signature rewriting let a command's own ``output`` stand in for the
    shared ``--format`` without a word; now it is refused when the command is defined."""

    def own_output(options: ReportOptions, output_format: PaperFormatOption = Format.html) -> int:
        return 0

    def own_plans_flag(
        options: ReportOptions, where: Annotated[str, typer.Option("--plans")] = "."
    ) -> int:
        return 0

    with pytest.raises(
        TypeError,
        match=r"own_output.*'output_format' \(--format/-f\) collides "
        r"with the shared report option 'output_format' \(--format/-f\)",
    ):
        report_options(own_output)
    with pytest.raises(TypeError, match=r"'where' \(--plans\) collides .* 'plans'"):
        report_options(own_plans_flag)
    assert "--format" in _flags_of(report_options(with_format=False)(own_output))


def _flags_of(command) -> list[str]:
    """The flags Typer makes of ``command``, as a user would see them."""
    probe = typer.Typer()
    probe.command()(command)
    return [opt for param in typer.main.get_command(probe).params for opt in param.opts]


def test_plans_means_the_same_in_every_command():
    found = {}
    for name, command in commands().items():
        for param in command.params:
            if "--plans" in param.opts:
                found[name] = (tuple(param.opts), param.multiple, param.help)
    assert {"validate", "diff", "report", "overdue", "show", "update", "trend"} <= set(found)
    assert len(set(found.values())) == 1, found


def test_each_format_option_offers_only_what_its_command_writes():
    def choices(command: str) -> list[str]:
        [param] = [p for p in commands()[command].params if "--format" in p.opts]
        return list(param.type.choices)

    assert choices("report") == ["html", "markdown"]
    assert choices("validate") == ["text", "github", "json"]
    assert choices("overdue") == ["table", "json", "csv", "markdown"]
    assert choices("show") == ["table", "json"]


def test_the_library_names_values_and_the_cli_names_flags(cli, plans_dir):
    (plans_dir / "demo.yaml").write_text(MINIMAL_PLAN)
    with pytest.raises(BadValue) as refused:
        load_folder(plans_dir).overdue(quarter="Q5-25/26")
    assert refused.value.message.startswith("quarter: 'Q5' is not a quarter")
    assert "--" not in refused.value.message + (refused.value.hint or "")
    result = cli("overdue", "--plans", plans_dir, "--quarter", "Q5-25/26")
    assert result.exit_code == 2
    assert "plantrack: error: --quarter: 'Q5' is not a quarter" in result.stderr


def test_a_quarter_one_calendar_cannot_read_names_the_flag_and_its_remedy(cli, plans_dir):
    (plans_dir / "demo.yaml").write_text(MINIMAL_PLAN)
    with pytest.raises(BadValue) as refused:
        load_folder(plans_dir).overdue(quarter="Q4 2026")
    assert "--" not in refused.value.message + (refused.value.hint or "")
    result = cli("overdue", "--plans", plans_dir, "--quarter", "Q4 2026")
    assert "error: --quarter Q4 2026: 'Q4 2026' is ambiguous" in result.stderr
    assert "choose plans with --plan" in result.stderr


def test_update_with_nothing_to_change_lists_the_flags(cli, plans_dir):
    (plans_dir / "demo.yaml").write_text(MINIMAL_PLAN)
    result = cli("update", "T1.1.a", "--plans", plans_dir)
    assert result.exit_code == 2
    assert "hint: give --status, --rationale, --due or --as-of" in result.stderr


def test_a_hint_names_the_value_to_a_library_and_the_flag_to_a_user(cli, tmp_path):
    with pytest.raises(PlantrackError) as refused:
        load_folder(tmp_path / "nope")
    assert refused.value.hint == "give plans a folder of plan files, or set PLANTRACK_PLANS"
    result = cli("validate", tmp_path / "nope")
    assert "hint: give --plans a folder of plan files" in result.stderr


def test_an_unknown_status_is_refused_by_its_name():
    with pytest.raises(BadValue, match="^status: unknown status 'nearly'"):
        statuses(["nearly"])


@pytest.mark.parametrize("text", ["none", "None", "no status", "not reported", "Not-Reported"])
def test_each_spelling_of_no_status_filters_rows_with_none(text):
    assert statuses([text, "on track"]) == (None, Status.ON_TRACK)


# Flags whose meaning is the same wherever they appear: each is written in one
# typer.Option call in the source (a command narrowing one passes its own help).
SHARED_FLAGS = (
    "--quarter",
    "--as-of",
    "--format",
    "--plans",
    "--plan",
    "--lead",
    "--directorate",
    "--returns",
    "--dry-run",
)


def option_declarations() -> dict[str, list[str]]:
    """Each flag given to a ``typer.Option(...)`` call in the source, with where."""
    import ast

    from conftest import ROOT

    found: dict[str, list[str]] = {}
    for path in sorted((ROOT / "src" / "plantrack").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and ast.unparse(node.func) == "typer.Option":
                for arg in node.args:
                    if isinstance(arg, ast.Constant) and str(arg.value).startswith("--"):
                        where = f"{path.relative_to(ROOT).as_posix()}:{node.lineno}"
                        found.setdefault(arg.value, []).append(where)
    return found


def test_each_shared_option_is_declared_once():
    declared = option_declarations()
    twice = {flag: declared.get(flag) for flag in SHARED_FLAGS if len(declared.get(flag, [])) != 1}
    assert not twice, f"declare these once, in plantrack/cli/options.py: {twice}"


def test_a_narrower_quarter_keeps_the_shared_flag_and_says_what_it_means():
    chase = commands()["chase"]
    [quarter] = [p for p in chase.params if p.name == "quarter"]
    assert quarter.opts == ["--quarter", "-q"] and quarter.required
    assert quarter.help == "The quarter the returns are for."
    [shared] = [p for p in commands()["overdue"].params if p.name == "quarter"]
    assert shared.opts == quarter.opts and shared.metavar == quarter.metavar == "Q"
    assert not shared.required and "Q4-25/26" in shared.help


def test_an_unknown_plan_is_refused_alike_by_reports_and_returns(cli, write_plan, plans_dir):
    write_plan()
    for args in (["list"], ["request", "--quarter", "Q3-26/27", "--dry-run"]):
        result = cli(*args, "--plans", plans_dir, "--plan", "nope")
        assert result.exit_code == 2
        assert "--plan nope: no such plan" in result.stderr and "plans here: demo" in result.stderr
