"""``plantrack show ID``: one item in full, every date explained."""

from __future__ import annotations

from plantrack.cli.options import Format, ItemArgument, PlansOption, TableOrJsonOption


def command(
    item_id: ItemArgument,
    plans: PlansOption = None,
    output_format: TableOrJsonOption = Format.table,
) -> int:
    """Show one item: ancestors, milestones, links both ways, dates, status, file:line.

    Example: plantrack show year-ahead-plan-2021-22:T3.2.a
    """
    from plantrack.render.detail import write_detail
    from plantrack.usecases.lookup import show

    write_detail(show(plans, item_id), output_format.value)
    return 0
