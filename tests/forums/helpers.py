"""Helpers of the forum tests: requests as a browser sends them, a forum with its people."""

from __future__ import annotations

from tests import factories
from tests.helpers import post_form


def send(client, method: str, path: str, form=None):
    """GET, or POST with the session's CSRF token; the body is read and closed."""
    if method == "GET":
        response = client.get(path)
    else:
        response = post_form(client, path, form or {})
    response.get_data()
    response.close()
    return response


def forum_with_people(kind: str = "cohort") -> dict:
    """A space with the six viewpoints, a thread by its member and a reply by another member."""
    space = factories.space(title=f"Forum {factories.next_number()}", kind=kind)
    people = factories.space_people(space)
    replier = factories.user(display_name="Other Member")
    factories.membership(space, replier)
    thread = factories.thread(
        space, author=people["member"], title="Cantines bio", body="Texte secret du fil"
    )
    reply = factories.post(thread, replier, "Réponse secrète")
    first_post_id = reply.id - 1
    return {
        "space": space,
        "people": people,
        "thread": thread,
        "own_post_id": first_post_id,
        "other_post_id": reply.id,
        "replier": replier,
    }
