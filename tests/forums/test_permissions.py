"""Every forum route, for each of the six viewpoints: exactly the expected status.

A cohort's forum is invisible (404) to those outside it; a community's forum is
open to any ally for reading, and to its members for writing.
"""

from __future__ import annotations

import pytest

from tests import factories
from tests.forums.helpers import forum_with_people, send

VIEWPOINTS = ("anonymous", "ally", "member", "other_facilitator", "facilitator", "admin")
LOGIN = 302  # visitors are sent to the login page
DONE = 302  # the action worked and redirects (POST/redirect/GET)


def statuses(*values) -> dict:
    """Expected status per viewpoint, in VIEWPOINTS order."""
    return dict(zip(VIEWPOINTS, values, strict=True))


def thread_form():
    return {"title": "Un nouveau fil", "body": "Premier message"}


def body_form():
    return {"body": "Un message"}


def reason_form():
    return {"reason": "Hors sujet"}


# {slug}: the space; {tid}: the thread; {own}: a post by "member"; {other}: a post by another
# member; {target}: a second space that the facilitator also facilitates.
COHORT_ROUTES = [
    ("GET", "/spaces/{slug}/forum", None, statuses(LOGIN, 404, 200, 404, 200, 200)),
    ("GET", "/spaces/{slug}/forum/new", None, statuses(LOGIN, 404, 200, 404, 200, 200)),
    ("POST", "/spaces/{slug}/forum/new", thread_form, statuses(LOGIN, 404, DONE, 404, DONE, DONE)),
    ("GET", "/spaces/{slug}/forum/moderation", None, statuses(LOGIN, 404, 403, 404, 200, 200)),
    (
        "POST",
        "/spaces/{slug}/forum/subscription/follow",
        None,
        statuses(LOGIN, 404, DONE, 404, DONE, DONE),
    ),
    ("GET", "/threads/{tid}", None, statuses(LOGIN, 404, 200, 404, 200, 200)),
    ("GET", "/threads/{tid}?quote={other}", None, statuses(LOGIN, 404, 200, 404, 200, 200)),
    ("POST", "/threads/{tid}/reply", body_form, statuses(LOGIN, 404, DONE, 404, DONE, DONE)),
    (
        "POST",
        "/threads/{tid}/subscription/mute",
        None,
        statuses(LOGIN, 404, DONE, 404, DONE, DONE),
    ),
    ("GET", "/posts/{own}", None, statuses(LOGIN, 404, 302, 404, 302, 302)),
    ("GET", "/posts/{own}/edit", None, statuses(LOGIN, 404, 200, 404, 403, 403)),
    ("POST", "/posts/{own}/edit", body_form, statuses(LOGIN, 404, DONE, 404, 403, 403)),
    ("POST", "/posts/{own}/delete", None, statuses(LOGIN, 404, DONE, 404, 403, 403)),
    ("GET", "/posts/{other}/flag", None, statuses(LOGIN, 404, 200, 404, 200, 200)),
    ("POST", "/posts/{other}/flag", reason_form, statuses(LOGIN, 404, DONE, 404, DONE, DONE)),
    ("GET", "/posts/{other}/hide", None, statuses(LOGIN, 404, 403, 404, 200, 200)),
    ("POST", "/posts/{other}/hide", reason_form, statuses(LOGIN, 404, 403, 404, DONE, DONE)),
    ("POST", "/posts/{other}/unhide", None, statuses(LOGIN, 404, 403, 404, DONE, DONE)),
    ("POST", "/posts/{other}/dismiss", None, statuses(LOGIN, 404, 403, 404, DONE, DONE)),
    ("POST", "/threads/{tid}/pin", None, statuses(LOGIN, 404, 403, 404, DONE, DONE)),
    ("POST", "/threads/{tid}/unpin", None, statuses(LOGIN, 404, 403, 404, DONE, DONE)),
    ("POST", "/threads/{tid}/lock", None, statuses(LOGIN, 404, 403, 404, DONE, DONE)),
    ("POST", "/threads/{tid}/unlock", None, statuses(LOGIN, 404, 403, 404, DONE, DONE)),
    ("GET", "/threads/{tid}/move", None, statuses(LOGIN, 404, 403, 404, 200, 200)),
    ("POST", "/threads/{tid}/move", "target", statuses(LOGIN, 404, 403, 404, DONE, DONE)),
]

COMMUNITY_ROUTES = [
    ("GET", "/spaces/{slug}/forum", None, statuses(LOGIN, 200, 200, 200, 200, 200)),
    ("GET", "/spaces/{slug}/forum/new", None, statuses(LOGIN, 403, 200, 403, 200, 200)),
    ("POST", "/spaces/{slug}/forum/new", thread_form, statuses(LOGIN, 403, DONE, 403, DONE, DONE)),
    ("GET", "/spaces/{slug}/forum/moderation", None, statuses(LOGIN, 403, 403, 403, 200, 200)),
    (
        "POST",
        "/spaces/{slug}/forum/subscription/follow",
        None,
        statuses(LOGIN, DONE, DONE, DONE, DONE, DONE),
    ),
    ("GET", "/threads/{tid}", None, statuses(LOGIN, 200, 200, 200, 200, 200)),
    ("POST", "/threads/{tid}/reply", body_form, statuses(LOGIN, 403, DONE, 403, DONE, DONE)),
    ("GET", "/posts/{own}", None, statuses(LOGIN, 302, 302, 302, 302, 302)),
    ("GET", "/posts/{own}/edit", None, statuses(LOGIN, 403, 200, 403, 403, 403)),
    ("POST", "/posts/{own}/delete", None, statuses(LOGIN, 403, DONE, 403, 403, 403)),
    ("GET", "/posts/{other}/flag", None, statuses(LOGIN, 403, 200, 403, 200, 200)),
    ("GET", "/posts/{other}/hide", None, statuses(LOGIN, 403, 403, 403, 200, 200)),
    ("POST", "/threads/{tid}/lock", None, statuses(LOGIN, 403, 403, 403, DONE, DONE)),
    ("GET", "/threads/{tid}/move", None, statuses(LOGIN, 403, 403, 403, 200, 200)),
]


def cases(routes):
    """(route, viewpoint) pairs with readable ids."""
    return [
        pytest.param(route, who, id=f"{route[0]} {route[1]} as {who}")
        for route in routes
        for who in VIEWPOINTS
    ]


def run(as_viewer, kind, route, who):
    """Build the forum, send the route's request as `who`, check the status."""
    method, template, form, expected = route
    forum = forum_with_people(kind)
    people = forum["people"]
    target = factories.space(title=f"Target {factories.next_number()}")
    factories.membership(target, people["facilitator"], role="facilitator")
    if form == "target":

        def form():
            return {"space": str(target.id)}

    path = template.format(
        slug=forum["space"].slug,
        tid=forum["thread"].id,
        own=forum["own_post_id"],
        other=forum["other_post_id"],
    )
    response = send(as_viewer(people[who]), method, path, form() if form else None)
    assert response.status_code == expected[who], (path, who)
    return response


@pytest.mark.parametrize(("route", "who"), cases(COHORT_ROUTES))
def test_cohort_forum_routes_answer_each_viewpoint_exactly(as_viewer, route, who):
    response = run(as_viewer, "cohort", route, who)
    if response.status_code in (403, 404):
        assert b"Texte secret" not in response.get_data()


@pytest.mark.parametrize(("route", "who"), cases(COMMUNITY_ROUTES))
def test_community_forum_routes_answer_each_viewpoint_exactly(as_viewer, route, who):
    run(as_viewer, "community", route, who)


def test_a_visitor_is_sent_to_log_in_then_back_to_the_thread(client):
    forum = forum_with_people()
    response = send(client, "POST", f"/threads/{forum['thread'].id}/reply", {"body": "x"})
    assert response.status_code == 302
    assert "/auth/login" in response.headers["Location"]
    assert response.headers["Location"].endswith(f"next=/threads/{forum['thread'].id}")


def test_forms_need_a_csrf_token(login, client):
    forum = forum_with_people()
    login(client, forum["people"]["member"])
    response = client.post(f"/threads/{forum['thread'].id}/reply", data={"body": "sans jeton"})
    assert response.status_code == 400


@pytest.mark.parametrize(
    "path",
    [
        "/threads/99999999",
        "/threads/99999999999999",
        "/threads/abc",
        "/posts/99999999",
        "/spaces/nowhere/forum",
        "/threads/{tid}?page=0",
        "/threads/{tid}?page=2",
        "/threads/{tid}?page=x",
        "/threads/{tid}?quote=abc",
        "/spaces/{slug}/forum?page=99",
    ],
)
def test_bad_ids_and_pages_are_not_found(login, client, path):
    forum = forum_with_people()
    login(client, forum["people"]["admin"])
    path = path.format(tid=forum["thread"].id, slug=forum["space"].slug)
    assert client.get(path).status_code == 404
