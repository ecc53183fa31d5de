"""Calls for applications to a cohort: questions, applications, reviews, decisions."""

from flask import Blueprint

bp = Blueprint("calls", __name__, url_prefix="/appels")

from portal.programmes.calls import views  # noqa: E402, F401
