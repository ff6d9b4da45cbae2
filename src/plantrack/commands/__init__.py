"""One module per command; each exposes ``command`` and imports the core lazily."""

from plantrack.commands import (
    cache,
    dates,
    diff,
    history,
    import_,
    init,
    overdue,
    report,
    request,
    schema,
    show,
    summary,
    trend,
    upcoming,
    update,
    validate,
)
from plantrack.commands import list as list_

COMMANDS = [
    ("overdue", overdue.command),
    ("upcoming", upcoming.command),
    ("summary", summary.command),
    ("list", list_.command),
    ("show", show.command),
    ("report", report.command),
    ("update", update.command),
    ("diff", diff.command),
    ("trend", trend.command),
    ("history", history.command),
    ("dates", dates.command),
    ("validate", validate.command),
    ("schema", schema.command),
    ("init", init.command),
    ("cache", cache.command),
    ("import", import_.command),
    ("request", request.command),
]
