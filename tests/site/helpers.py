"""Small helpers for the site tests."""

import re


def html_lang(response) -> str:
    """The language a page says it is in (<html lang>)."""
    match = re.search(r'<html lang="([^"]+)"', response.get_data(as_text=True))
    assert match, "page without <html lang>"
    return match.group(1)
