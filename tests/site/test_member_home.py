"""A signed-in person's home: their next sessions, their spaces with what is new since their
last visit, what waits for them, experiences near their territory. Visitors keep theirs."""

from __future__ import annotations

from datetime import timedelta

from tests import factories


def _page(client) -> str:
    response = client.get("/", headers={"Accept-Language": "en"})
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_a_visitor_gets_the_alliances_home(client):
    page = _page(client)
    assert 'id="numbers-title"' in page and 'href="/auth/register"' in page
    assert 'id="waiting-title"' not in page


def test_a_member_gets_their_own_home_with_the_quick_links(client, login_as):
    login_as("member", display_name="Camille")
    page = _page(client)
    assert "Hello, Camille" in page
    for section in ("waiting-title", "sessions-title", "spaces-title", "experiences-title"):
        assert f'id="{section}"' in page
    for link in ("/charter", "/allies", "/agenda", "/account/"):
        assert f'href="{link}"' in page
    assert 'id="numbers-title"' not in page


def test_the_home_is_french_by_default(client, login_as):
    login_as("member", locale="fr")
    page = client.get("/").get_data(as_text=True)
    assert '<html lang="fr">' in page


def test_the_home_lists_next_sessions_with_the_seat_state_and_a_near_visio_link(client, login_as):
    member = login_as("member")
    space = factories.space(title="Cohorte Bretagne")
    factories.membership(space, member)
    soon = factories.meeting(
        space, title="Atelier énergie", starts_in_days=0.02, visio_url="https://visio.example.org/a"
    )
    later = factories.meeting(
        space, title="Atelier mobilité", starts_in_days=5, visio_url="https://visio.example.org/b"
    )
    factories.registration(soon, member)
    factories.registration(later, member, status="waitlisted")
    factories.meeting(factories.space(), title="Ailleurs")  # not one of their spaces
    page = _page(client)
    assert "Atelier énergie" in page and "Atelier mobilité" in page and "Ailleurs" not in page
    assert "Registered" in page and "On the waitlist" in page
    assert 'href="https://visio.example.org/a"' in page
    assert 'href="https://visio.example.org/b"' not in page


def test_the_home_counts_what_others_added_since_the_last_visit(client, login_as):
    member = login_as("member")
    quiet, busy = factories.space(title="A calme"), factories.space(title="B animée")
    for space in (quiet, busy):
        factories.membership(space, member)
    other = factories.user()
    factories.membership(busy, other)
    thread = factories.thread(busy, author=other)
    factories.post(thread, other)
    factories.post(thread, member)  # their own: not news to them
    factories.material(busy, poster=other)
    factories.meeting(busy, created_by_id=other.id)
    page = _page(client)
    assert "2 new posts, 1 new material, 1 new session" in page
    assert "Nothing new since your last visit." in page
    # Spaces with news come first.
    assert page.index("B animée") < page.index("A calme")

    # Opening the space is a visit: nothing is new any more.
    assert client.get(f"/spaces/{busy.slug}").status_code == 200
    page = _page(client)
    assert "new post" not in page
    assert page.count("Nothing new since your last visit.") == 2


def test_archived_spaces_stay_off_the_home(client, login_as):
    from portal.core.db import utcnow

    member = login_as("member")
    factories.membership(factories.space(title="Ancienne cohorte", archived_at=utcnow()), member)
    assert "Ancienne cohorte" not in _page(client)


def test_an_invitation_and_the_charter_wait_for_a_new_member(client, login_as):
    member = login_as("member")
    factories.invitation(factories.space(title="Cohorte invitante"), member.email)
    page = _page(client)
    assert "The cohort “Cohorte invitante” invites you to join it." in page
    assert "Sign the alliance charter" in page


def test_an_administrator_is_sent_to_the_signature_queue(client, login_as):
    factories.signature(
        signer=factories.user(), organisation=factories.organisation(), status="pending"
    )
    login_as("admin")
    page = _page(client)
    assert "1 organisation signature waits for your review." in page
    assert 'href="/admin/signatures"' in page


def test_experiences_of_the_territory_come_first_then_the_region_then_the_latest(client, login_as):
    from portal.core.db import utcnow

    home_org = factories.ally(region="bretagne", territory="Rennes Métropole")
    login_as("member", organisation_id=home_org.id)
    factories.experience(home_org, title="La nôtre")
    far = factories.experience(title="Loin et récente", region="occitanie")
    region = factories.experience(title="Même région", region="bretagne")
    territory = factories.experience(
        title="Même territoire", region="bretagne", territory="rennes métropole"
    )
    factories.experience(title="Loin et ancienne", region="occitanie")
    with factories.context():
        from portal.core.extensions import db
        from portal.experiences.models import Experience

        for n, experience in enumerate((far, region, territory)):
            db.session.get(Experience, experience.id).published_at = utcnow() - timedelta(days=n)
        db.session.commit()
    page = _page(client)
    assert "La nôtre" not in page
    shown = [t for t in ("Même territoire", "Même région", "Loin et récente") if t in page]
    assert shown == ["Même territoire", "Même région", "Loin et récente"]
    assert page.index("Même territoire") < page.index("Même région") < page.index("Loin et récente")
    assert "Loin et ancienne" not in page


def test_a_person_without_organisation_sees_the_latest_experiences(client, login_as):
    login_as("member")
    factories.experience(title="Une expérience publiée")
    factories.experience(title="Un brouillon", status="draft")
    page = _page(client)
    assert "Une expérience publiée" in page and "Un brouillon" not in page


def test_hidden_or_deleted_posts_and_cancelled_or_past_sessions_are_not_news(app):
    from portal.core.db import utcnow
    from portal.forums.queries import new_posts_per_space
    from portal.materials.services import new_materials_per_space
    from portal.meetings.queries import new_sessions_per_space
    from portal.spaces.visits import last_visit

    member, other = factories.user(), factories.user()
    space = factories.space()
    factories.membership(space, member)
    factories.membership(space, other)
    thread = factories.thread(space, author=other)
    factories.post(thread, other, hidden_at=utcnow())
    factories.post(thread, other, deleted_at=utcnow())
    factories.meeting(space, created_by_id=other.id, cancelled_at=utcnow())
    factories.meeting(space, created_by_id=other.id, starts_in_days=-1)
    factories.meeting(space, created_by_id=member.id)  # their own
    factories.material(space, poster=member)  # their own
    factories.material(factories.space(), poster=other)  # not their space
    with app.app_context():
        assert new_posts_per_space(member.id, last_visit()) == {space.id: 1}
        assert new_sessions_per_space(member.id, last_visit()) == {}
        assert new_materials_per_space(member.id, last_visit()) == {}
