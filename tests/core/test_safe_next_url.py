"""Redirect targets taken from forms and links never leave the site."""

import pytest

from portal.core.security import safe_next_url


@pytest.fixture
def request_context(app):
    with app.test_request_context("/", base_url="http://localhost"):
        yield


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/account/", "/account/"),
        ("/allies?q=m%C3%A9n%C3%A9&page=2", "/allies?q=m%C3%A9n%C3%A9&page=2"),
        ("http://localhost/charter", "/charter"),
        ("allies", "/allies"),
        ("/charter#sign", "/charter"),
    ],
)
def test_paths_on_this_site_are_kept(request_context, target, expected):
    assert safe_next_url(target) == expected


@pytest.mark.parametrize(
    "target",
    [
        None,
        "",
        "https://evil.example/",
        "http://evil.example/account/",
        "//evil.example/",
        "///evil.example/",
        "/\\evil.example",
        "\\\\evil.example",
        "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "https:evil.example",
        "/\t/evil.example",
        "/\r\nLocation: https://evil.example",
        "http://localhost:8080/account/",
        "ftp://localhost/file",
    ],
)
def test_targets_elsewhere_are_refused(request_context, target):
    assert safe_next_url(target) is None
