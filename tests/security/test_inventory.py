"""Every route is declared, and answers each persona as its line in routes.py says.

The GET pass also proves that reading changes nothing: every table is compared before
and after each request (GET_WRITES lists the deliberate exceptions). The POST pass sends
the route's sample form with a valid CSRF token; refused personas must leave every table
as it was. Every answer carries the security headers.
"""

from __future__ import annotations

import pytest

from tests.security.db_state import changed_tables, snapshot
from tests.security.helpers import (
    expected,
    outcome,
    security_header_problems,
    send,
    token_for,
    url_of,
)
from tests.security.routes import (
    GET_WRITES,
    PUBLIC,
    ROUTES,
    get_routes,
    methods_of,
    post_routes,
)
from tests.security.world import PERSONAS, build_world

#: HEAD and OPTIONS come with GET and every route; PUT, PATCH and DELETE are not used.
IGNORED_METHODS = {"HEAD", "OPTIONS"}


def test_every_route_is_in_the_inventory_with_its_methods(app):
    served = {}
    for rule in app.url_map.iter_rules():
        served.setdefault(rule.endpoint, set()).update(rule.methods - IGNORED_METHODS)
    missing = sorted(set(served) - set(ROUTES))
    assert not missing, f"routes without a line in tests/security/routes.py: {missing}"
    stale = sorted(set(ROUTES) - set(served))
    assert not stale, f"lines of tests/security/routes.py for routes that are gone: {stale}"
    wrong = {
        endpoint: sorted(methods)
        for endpoint, methods in served.items()
        if methods != methods_of(ROUTES[endpoint])
    }
    assert not wrong, f"methods served differ from the declared ones: {wrong}"


def test_routes_open_to_anonymous_visitors_are_declared_public():
    open_routes = {
        endpoint
        for endpoint, access in ROUTES.items()
        if any("a" in (access.allowed(m) or "") for m in ("GET", "POST"))
    }
    assert open_routes == PUBLIC, (
        f"open but not in PUBLIC: {sorted(open_routes - PUBLIC)}; "
        f"in PUBLIC but closed: {sorted(PUBLIC - open_routes)}"
    )


def test_every_get_answers_each_persona_as_declared_and_writes_nothing(app, as_viewer, world):
    """One world for all GETs (reading must not change it), one client per persona."""
    clients = {code: as_viewer(world.person(code)) for code in PERSONAS}
    problems = []
    state = snapshot()
    for endpoint in get_routes():
        access = ROUTES[endpoint]
        url = url_of(app, endpoint, world)
        for code, client in clients.items():
            response = send(client, "GET", url)
            before, state = state, snapshot()
            who = f"GET {url} as {PERSONAS[code]}"
            problems += [f"{who}: {p}" for p in security_header_problems(response)]
            if outcome(response) != expected(access.get, code, access.noop):
                problems.append(
                    f"{who}: {expected(access.get, code)} expected, got {response.status_code}"
                )
            written = changed_tables(before, state)
            if written and endpoint not in GET_WRITES:
                problems.append(f"{who}: wrote to {written}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("endpoint", post_routes())
def test_post_answers_each_persona_as_declared_and_refusals_write_nothing(
    app, as_viewer, world, endpoint
):
    """Refused personas first: a refusal must leave every table untouched. An allowed
    persona's action may consume its object (delete, archive): the next allowed persona
    then gets a world of its own."""
    access = ROUTES[endpoint]
    problems = []
    refused = [c for c in PERSONAS if c not in access.post]
    dirty = False
    for code in refused + list(access.post):
        if dirty:
            world, dirty = build_world(), False
        client = as_viewer(world.person(code))
        url = url_of(app, endpoint, world)
        token = token_for(client, "POST")
        before = snapshot()
        response = send(client, "POST", url, access.data, token)
        written = changed_tables(before, snapshot())
        who = f"POST {url} as {PERSONAS[code]}"
        problems += [f"{who}: {p}" for p in security_header_problems(response)]
        want = expected(access.post, code, access.noop)
        if outcome(response) != want:
            problems.append(f"{who}: {want} expected, got {response.status_code}")
        if written and code not in access.post:
            problems.append(f"{who}: refused, yet wrote to {written}")
        dirty = bool(written)
    assert not problems, "\n".join(problems)
