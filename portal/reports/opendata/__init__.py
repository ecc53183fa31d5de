"""Open data (/donnees): the allies directory and each published report's figures, as CSV
and JSON under the Licence Ouverte 2.0, with their schema and HTTP caching.

The published reports come from a source registered in registry.py; the figures become
rows with figures.flatten_figures.
"""

from portal.reports.opendata import views  # noqa: F401
from portal.reports.opendata.figures import flatten_figures
from portal.reports.opendata.registry import register_report_source

__all__ = ["flatten_figures", "register_report_source"]
