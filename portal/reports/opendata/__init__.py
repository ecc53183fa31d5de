"""Open data (/donnees): the allies directory and each published report's figures, as CSV
and JSON under the Licence Ouverte 2.0, with their schema and HTTP caching.

The published reports are read from their stored versions (published.py); the figures
become rows with figures.flatten_figures.
"""

from portal.reports.opendata import views  # noqa: F401
from portal.reports.opendata.figures import flatten_figures

__all__ = ["flatten_figures"]
