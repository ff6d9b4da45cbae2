"""plantrack: milestone tracking for action plans kept as YAML files in git.

Only the version lives here so that ``plantrack --help`` starts fast; the
library entry points are in :mod:`plantrack.workspace` (``load``, ``load_folder``).
"""

__version__ = "0.1.0"
# The name to install this project by: "plantrack" on the package index is an
# unrelated project, so no message or generated file may tell anyone to install that
# (tests/acceptance/test_install_name.py scans for it).
DISTRIBUTION = "plantrack-milestones"
FORMAT_VERSION = 1


def __getattr__(name: str):
    """``plantrack.load_folder`` without importing the core at start-up (PEP 562)."""
    if name in ("load", "load_folder", "load_rows"):
        # Lazy by design: the core loads only when a library caller asks for it.
        from plantrack import workspace

        return getattr(workspace, name)
    raise AttributeError(f"module 'plantrack' has no attribute {name!r}")
