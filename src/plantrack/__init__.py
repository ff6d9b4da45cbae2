"""plantrack: milestone tracking for action plans kept as YAML files in git.

Only the version lives here so that ``plantrack --help`` starts fast; the
library entry points are in :mod:`plantrack.api` (``load_folder``).
"""

__version__ = "0.1.0"
FORMAT_VERSION = 1


def __getattr__(name: str):
    """``plantrack.load_folder`` without importing the core at start-up (PEP 562)."""
    if name in ("load_folder", "load_rows"):
        from plantrack import api

        return getattr(api, name)
    raise AttributeError(f"module 'plantrack' has no attribute {name!r}")
