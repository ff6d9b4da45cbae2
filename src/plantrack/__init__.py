"""plantrack: milestone tracking for action plans kept as YAML files in git.

Only the version lives here so that ``plantrack --help`` starts fast; the
library entry points are in :mod:`plantrack.api` (``load_folder``).
"""

__version__ = "0.1.0"
FORMAT_VERSION = 1
