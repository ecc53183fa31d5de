"""Spaces: cohorts and learning communities, memberships, invitations."""

from flask import Blueprint

bp = Blueprint("spaces", __name__)

from portal.spaces import display, personal_data, views  # noqa: E402, F401
