"""The Assemblée des alliés: its yearly editions and their phases (consultation,
evaluation, vote, results)."""

from flask import Blueprint

bp = Blueprint("assembly", __name__)
