"""End-to-end checks: the docs, hostile inputs, fuzzing, safety, the seed plans, integrations."""
