"""Report views: the public pages (list, report, versions, print, compare) and the admin ones."""

from portal.reports.views import admin, pdf, public  # noqa: F401
