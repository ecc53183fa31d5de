"""Spaces: cohorts and learning communities, memberships, invitations."""

from flask import Blueprint

from portal.accounts.twofactor import register_facilitator_clause
from portal.core import lookups

bp = Blueprint("spaces", __name__)

from portal.spaces import display, personal_data, queries, services, views  # noqa: E402, F401

# Core's permission rules and accounts' two-factor rule ask spaces, which sits above them.
lookups.register("space_role", services.role_in)
lookups.register("space_roles", queries.roles_of)
register_facilitator_clause(queries.facilitates_a_space)
