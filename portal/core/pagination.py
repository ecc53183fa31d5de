"""Page numbers and ids read from the query string.

Only ASCII digits count: `"²".isdigit()` is true but `int("²")` raises, and a number past
the database's integer range makes the OFFSET overflow; both answered 500 before.
"""

from __future__ import annotations

from flask import abort, request

#: The default highest page a list serves; a larger number is a 404.
MAX_PAGE = 10_000


def plain_number(raw: str | None, maximum: int = 2_147_483_647) -> int | None:
    """`raw` as an int if it is made of ASCII digits and at most `maximum`, else None."""
    if not raw or not raw.isascii() or not raw.isdigit() or len(raw) > len(str(maximum)):
        return None
    number = int(raw)
    return number if number <= maximum else None


def page_number(name: str = "page", max_page: int = MAX_PAGE) -> int:
    """The requested page; anything but a plausible positive number is a 404."""
    number = plain_number(request.args.get(name, "1"), max_page)
    if number is None or number < 1:
        abort(404)
    return number
