"""``plantrack history ID``: an item's status, due and rationale over the commits."""

from __future__ import annotations

from plantrack.cli.options import Format, ItemArgument, PlansOption, TableOrJsonOption


def command(
    item_id: ItemArgument,
    plans: PlansOption = None,
    output_format: TableOrJsonOption = Format.table,
) -> int:
    """The item at each commit that changed it, oldest first.

    Example: plantrack history 3.5.a
    """
    from plantrack.render.history import write_history
    from plantrack.usecases.history import item_history

    ref, title, rows = item_history(plans, item_id)
    write_history(ref, title, rows, output_format.value)
    return 0
