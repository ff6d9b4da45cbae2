"""Renderers: the only modules that import rich. They take rows from the core
and never compute anything a test would want to check without a terminal."""
