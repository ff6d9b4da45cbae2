"""One module per command; each exposes ``command`` and imports the core lazily."""

from plantrack.commands import schema, validate

COMMANDS = [
    ("validate", validate.command),
    ("schema", schema.command),
]
