"""Every route of spaces, from the six viewpoints: each gets exactly the expected status.

Anonymous visitors are sent to the login page (302), except on the emailed invitation
link, which must open for them. A space the viewer may not see answers 404, so private
cohorts do not even reveal that they exist; a visible space answers 403 to a refused action.
"""

from __future__ import annotations

import pytest

from portal.core.db import utcnow
from tests import factories

VIEWPOINTS = ("anonymous", "ally", "member", "other_facilitator", "facilitator", "admin")
SPACE_FORM = {
    "title": "Nouvelle cohorte",
    "kind": "cohort",
    "timezone": "Europe/Paris",
    "starts_on": "2027-01-01",
    "ends_on": "2027-06-30",
    "cover_colour": "#1d4f91",
}

#: (target, method, path, data, statuses by viewpoint in VIEWPOINTS order)
MATRIX = [
    ("cohort", "GET", "/spaces", None, (302, 200, 200, 200, 200, 200)),
    ("cohort", "GET", "/spaces?show=mine&page=1", None, (302, 200, 200, 200, 200, 200)),
    ("cohort", "GET", "/spaces/manage", None, (302, 403, 403, 403, 403, 200)),
    ("cohort", "GET", "/spaces/new", None, (302, 403, 403, 403, 403, 200)),
    ("cohort", "POST", "/spaces/new", SPACE_FORM, (302, 403, 403, 403, 403, 302)),
    ("cohort", "GET", "/spaces/{slug}", None, (302, 404, 200, 404, 200, 200)),
    ("community", "GET", "/spaces/{slug}", None, (302, 200, 200, 200, 200, 200)),
    ("archived_cohort", "GET", "/spaces/{slug}", None, (302, 404, 200, 404, 200, 200)),
    ("archived_community", "GET", "/spaces/{slug}", None, (302, 404, 200, 404, 200, 200)),
    ("cohort", "GET", "/spaces/{slug}/cover", None, (302, 404, 200, 404, 200, 200)),
    ("cohort", "GET", "/spaces/{slug}/edit", None, (302, 404, 403, 404, 403, 200)),
    ("community", "GET", "/spaces/{slug}/edit", None, (302, 403, 403, 403, 403, 200)),
    ("cohort", "POST", "/spaces/{slug}/edit", SPACE_FORM, (302, 404, 403, 404, 403, 302)),
    ("archived_cohort", "GET", "/spaces/{slug}/edit", None, (302, 404, 403, 404, 403, 403)),
    ("cohort", "POST", "/spaces/{slug}/archive", None, (302, 404, 403, 404, 403, 302)),
    ("archived_cohort", "POST", "/spaces/{slug}/archive", None, (302, 404, 403, 404, 403, 403)),
    ("archived_cohort", "POST", "/spaces/{slug}/restore", None, (302, 404, 403, 404, 403, 302)),
    ("cohort", "POST", "/spaces/{slug}/restore", None, (302, 404, 403, 404, 403, 403)),
    ("cohort", "GET", "/spaces/{slug}/members", None, (302, 404, 200, 404, 200, 200)),
    ("community", "GET", "/spaces/{slug}/members", None, (302, 403, 200, 403, 200, 200)),
    ("cohort", "GET", "/spaces/{slug}/facilitators", None, (302, 404, 403, 404, 403, 200)),
    (
        "cohort",
        "POST",
        "/spaces/{slug}/facilitators",
        {"email": "{member_email}"},
        (302, 404, 403, 404, 403, 302),
    ),
    (
        "cohort",
        "POST",
        "/spaces/{slug}/facilitators/{facilitator_id}/remove",
        None,
        (302, 404, 403, 404, 403, 302),
    ),
    ("cohort", "POST", "/spaces/{slug}/join", None, (302, 404, 302, 404, 302, 403)),
    ("community", "POST", "/spaces/{slug}/join", None, (302, 302, 302, 302, 302, 302)),
    ("archived_community", "POST", "/spaces/{slug}/join", None, (302, 404, 302, 404, 302, 403)),
    ("cohort", "POST", "/spaces/{slug}/leave", None, (302, 404, 403, 404, 403, 403)),
    ("community", "POST", "/spaces/{slug}/leave", None, (302, 302, 302, 302, 403, 302)),
    ("cohort", "GET", "/spaces/{slug}/invitations", None, (302, 404, 403, 404, 200, 200)),
    ("community", "GET", "/spaces/{slug}/invitations", None, (302, 404, 404, 404, 404, 404)),
    ("archived_cohort", "GET", "/spaces/{slug}/invitations", None, (302, 404, 403, 404, 200, 200)),
    (
        "cohort",
        "POST",
        "/spaces/{slug}/invitations",
        {"addresses": "new@example.org"},
        (302, 404, 403, 404, 200, 200),
    ),
    (
        "archived_cohort",
        "POST",
        "/spaces/{slug}/invitations",
        {"addresses": "new@example.org"},
        (302, 404, 403, 404, 403, 403),
    ),
    (
        "cohort",
        "POST",
        "/spaces/{slug}/invitations/{invitation_id}/resend",
        None,
        (302, 404, 403, 404, 302, 302),
    ),
    (
        "cohort",
        "POST",
        "/spaces/{slug}/invitations/{invitation_id}/revoke",
        None,
        (302, 404, 403, 404, 302, 302),
    ),
    # The emailed link opens for anyone; only the invited address may accept.
    ("cohort", "GET", "/invitations/{token}", None, (200, 200, 403, 403, 403, 403)),
    ("cohort", "POST", "/invitations/{token}/accept", None, (302, 302, 403, 403, 403, 403)),
]


def build(app, target: str) -> tuple[dict, dict]:
    """The target space, its people, and the values of the path placeholders."""
    from portal.core import uploads
    from portal.core.extensions import db
    from portal.spaces import invitations
    from portal.spaces.models import Invitation, Space

    kind = "community" if "community" in target else "cohort"
    archived = {"archived_at": utcnow()} if target.startswith("archived") else {}
    space = factories.space(kind=kind, **archived)
    people = factories.space_people(space)
    with app.app_context():
        stored = db.session.get(Space, space.id)
        stored.cover_image = uploads.save_bytes(
            b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "c.png", "covers"
        ).stored_name
        stored.cover_image_type = "image/png"
        invitation = Invitation(space_id=space.id, email=people["ally"].email, send_count=1)
        db.session.add(invitation)
        db.session.commit()
        token = invitations.make_token(invitation)
        values = {
            "slug": space.slug,
            "facilitator_id": people["facilitator"].id,
            "member_email": people["member"].email,
            "invitation_id": invitation.id,
            "token": token,
        }
    return people, values


@pytest.mark.parametrize(
    ("target", "method", "path", "data", "expected", "viewpoint"),
    [
        pytest.param(*row[:4], status, viewpoint, id=f"{row[1]} {row[2]} {row[0]} {viewpoint}")
        for row in MATRIX
        for viewpoint, status in zip(VIEWPOINTS, row[4], strict=True)
    ],
)
def test_each_viewpoint_gets_exactly_the_expected_status(
    app, as_viewer, target, method, path, data, expected, viewpoint
):
    people, values = build(app, target)
    client = as_viewer(people[viewpoint])
    url = path.format(**values)
    form = {key: value.format(**values) for key, value in (data or {}).items()}
    response = client.open(url, method=method, data=form)
    response.close()  # a served file stays open until then
    assert response.status_code == expected, response.get_data(as_text=True)[:500]
    if viewpoint == "anonymous" and expected == 302:
        assert response.headers["Location"].startswith("/auth/login?next=")
