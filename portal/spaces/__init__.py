"""Spaces: cohorts and learning communities, memberships, invitations."""

from flask import Blueprint

bp = Blueprint("spaces", __name__)
