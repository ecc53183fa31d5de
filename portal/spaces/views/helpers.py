"""What the space views share: loading a space the viewer may see, page numbers."""

from __future__ import annotations

import functools

from flask import abort, flash, redirect, url_for
from flask_login import current_user

from portal.core import pagination
from portal.core.extensions import login_manager
from portal.core.permissions import can_see_space, is_signed_in
from portal.spaces.services import find_space

#: A database id in a URL: a larger number is a 404, not an integer overflow in PostgreSQL.
DB_ID = "int(max=2147483647)"
#: Beyond this, a page number is nonsense rather than a deep link (and would cost an OFFSET).
MAX_PAGE = 10_000


def me():
    """The signed-in user object itself (services want the model, not the proxy)."""
    return current_user._get_current_object()


def visible_space(slug: str):
    """The space of `slug` if the viewer may see it; 404 otherwise, so that private
    cohorts do not even reveal that they exist."""
    space = find_space(slug)
    if space is None or not can_see_space(current_user, space):
        abort(404)
    return space


def page_number(name: str = "page") -> int:
    """The requested page; anything but a plausible positive number is a 404."""
    return pagination.page_number(name, MAX_PAGE)


def checked_page(page, number: int):
    """404 for a page past the end (page 1 of an empty list is fine)."""
    if number > 1 and number > page.pages:
        abort(404)
    return page


def login_then(endpoint: str):
    """`login_required` for a POST action: a visitor is sent to log in, then back to the page
    `endpoint` (given the action's `slug` or `token`), since a login cannot replay a POST."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(**kwargs):
            if not is_signed_in(current_user):
                values = {key: kwargs[key] for key in ("slug", "token") if key in kwargs}
                flash(str(login_manager.login_message), login_manager.login_message_category)
                return redirect(url_for("accounts.login", next=url_for(endpoint, **values)))
            return view(**kwargs)

        return wrapped

    return decorator
