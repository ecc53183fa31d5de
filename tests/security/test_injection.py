"""Injection through query strings: search, filters, sort and pagination of every page.

Every GET route of the inventory is requested, by a persona allowed to see it, with every
query parameter the portal reads (request.args and the filter forms' fields) set to SQL,
template-injection and numeric payloads. The answer is a normal one (200, a redirect,
400 or 404), never a 500, and leaks nothing: no evaluated template, no database error,
no configuration.
"""

from __future__ import annotations

import pytest

from tests.security.helpers import REDIRECTS, url_of
from tests.security.routes import ROUTES, get_routes

#: Query parameters read by the portal (grep request.args) and by its filter forms.
PARAMETERS = (
    "q",
    "page",
    "show",
    "type",
    "status",
    "quote",
    "organisation",
    "meeting",
    "kind",
    "region",
    "fundamental",
    "theme",
    "family",
    "sort",
    "next",
)

#: Payloads, each with text that must never appear in the answer because of it.
PAYLOADS = {
    "' OR 1=1--": ("syntax error", "sqlite3.", "psycopg", "OperationalError", "Traceback"),
    "1; DROP TABLE users;--": ("syntax error", "sqlite3.", "psycopg", "ProgrammingError"),
    "1' UNION SELECT password_hash FROM users--": ("scrypt:", "pbkdf2:"),
    "{{7*191}}": ("1337",),
    "{% raw %}{{config}}": ("SECRET_KEY", "testing-secret-key"),
    "${7*191}#{7*191}": ("1337",),
    "99999999999999999999999": ("Traceback",),
    "-1": ("Traceback",),
    "0": ("Traceback",),
    "abc": ("Traceback",),
    "1e9": ("Traceback",),
    "\x00": ("Traceback",),
    "%": ("Traceback",),
    '"*^()': ("Traceback", "fts5: syntax error"),
    "²": ("Traceback",),  # str.isdigit() says yes, int() says no
}

#: Page and id parameters alone (with other filters, an earlier refusal could hide a crash).
NUMBERS = ("99999999999999999999999", "9223372036854775808", "²", "١", "-0", "+1", " 1")

NORMAL = {200, 400, 404} | REDIRECTS
PREFERENCE = "Amfoa"
#: Downloads and feeds answer with files; the static files ignore the query string.
SKIPPED = {"static"}


@pytest.fixture
def clients(as_viewer, world):
    return {code: as_viewer(world.person(code)) for code in PREFERENCE}


@pytest.mark.parametrize("with_page", [True, False], ids=["with-page", "without-page"])
def test_hostile_query_strings_answer_normally_and_leak_nothing(app, world, clients, with_page):
    """One request per route and payload, every parameter at once (without `page` too:
    a refused page number answers 404 before the filters are read)."""
    problems = []
    names = [p for p in PARAMETERS if with_page or p != "page"]
    for endpoint in get_routes():
        if endpoint in SKIPPED:
            continue
        access = ROUTES[endpoint]
        code = next(c for c in PREFERENCE if c in access.get)
        url = url_of(app, endpoint, world)
        for payload, forbidden in PAYLOADS.items():
            response = clients[code].get(url, query_string={n: payload for n in names})
            body = response.get_data().decode("utf-8", "replace")  # files are bytes
            response.close()
            if response.status_code not in NORMAL:
                problems.append(f"{url} {payload!r}: {response.status_code}")
            leaked = [text for text in forbidden if text in body]
            if leaked:
                problems.append(f"{url} {payload!r}: shows {leaked}")
    assert not problems, "\n".join(problems)


def test_odd_numbers_in_page_and_id_parameters_answer_normally(app, world, clients):
    problems = []
    for endpoint in get_routes():
        if endpoint in SKIPPED:
            continue
        code = next(c for c in PREFERENCE if c in ROUTES[endpoint].get)
        url = url_of(app, endpoint, world)
        for name in ("page", "meeting", "organisation"):
            for number in NUMBERS:
                response = clients[code].get(url, query_string={name: number})
                response.close()
                if response.status_code not in NORMAL:
                    problems.append(f"{url}?{name}={number!r}: {response.status_code}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    "query",
    ["' OR 1=1--", "{{7*191}}", "NEAR(a b)", '"unbalanced', "a* OR b*", "-", "énergie'--"],
)
def test_search_treats_operators_and_injections_as_words(clients, query):
    for code in "ao":
        response = clients[code].get("/search", query_string={"q": query})
        assert response.status_code == 200
        assert "1337" not in response.get_data(as_text=True)


@pytest.mark.parametrize("page", ["0", "-1", "abc", "1e3", "99999999999999999999", "2.5", ""])
@pytest.mark.parametrize("path", ["/allies", "/experiences", "/resources", "/search?q=eau"])
def test_odd_page_numbers_answer_normally(clients, path, page):
    separator = "&" if "?" in path else "?"
    response = clients["a"].get(f"{path}{separator}page={page}")
    assert response.status_code in {200, 400, 404} | REDIRECTS


@pytest.mark.parametrize(
    ("raw", "number"),
    [
        ("1", 1),
        ("0042", 42),
        ("2147483647", 2147483647),
        ("2147483648", None),
        ("²", None),
        ("١", None),
        ("-1", None),
        ("+1", None),
        (" 1", None),
        ("", None),
        (None, None),
        ("9" * 400, None),
    ],
)
def test_plain_number_takes_ascii_digits_within_the_integer_range(raw, number):
    from portal.core.pagination import plain_number

    assert plain_number(raw) == number
