"""What the dispositif views share: the signed-in user, page numbers, loaders."""

from __future__ import annotations

from flask import abort
from flask_login import current_user

from portal.core import pagination
from portal.programmes import services


def me():
    """The signed-in user object itself (services want the model, not the proxy)."""
    return current_user._get_current_object()


def page_number() -> int:
    """The requested page; anything but a plausible positive number is a 404."""
    return pagination.page_number("page")


def checked_page(page, number: int):
    """`page`, or a 404 past the last page."""
    if number > 1 and number > page.pages:
        abort(404)
    return page


def programme_or_404(slug: str):
    """The programme of `slug` with its editions, or 404."""
    programme = services.load_programme(slug)
    if programme is None:
        abort(404)
    return programme
