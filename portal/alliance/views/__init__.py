"""Alliance pages: the charter and signing (charter.py), the allies directory (directory.py)."""

from portal.alliance.views import charter, directory  # noqa: F401
