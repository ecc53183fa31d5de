"""Bilans: the alliance's yearly report in figures, its open data, and the map of allies.

Figures are computed in SQL from every domain below (reports sits above programmes and
assembly); a published version freezes them in a stored snapshot.
"""

from flask import Blueprint

bp = Blueprint("reports", __name__)

from portal.reports import opendata  # noqa: E402, F401
