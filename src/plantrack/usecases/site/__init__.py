"""``plantrack site``: the public progress site, as data (see :mod:`.build`)."""

from plantrack.usecases.site.build import COLUMNS, Site, build_site
from plantrack.usecases.site.pages import Item, PlanPage
from plantrack.usecases.site.publish import MARKER, publish

__all__ = ["COLUMNS", "MARKER", "Item", "PlanPage", "Site", "build_site", "publish"]
