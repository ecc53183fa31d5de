"""Links between the assembly's parts, which may land one by one."""

from flask import current_app, url_for


def part_url(endpoint: str, **values) -> str | None:
    """The URL of `endpoint`, or None when that part of the assembly is not there."""
    if endpoint not in current_app.view_functions:
        return None
    return url_for(endpoint, **values)
