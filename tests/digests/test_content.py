"""What a digest shows: only what the member may see, with absolute links to each item."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests import factories
from tests.digests.conftest import set_preferences


@pytest.fixture
def scene(app):
    """A member of cohort `mine`, outside cohort `theirs`, and activity in both."""
    from portal.core.db import utcnow

    now = utcnow()
    member = factories.user()
    mine = factories.space(title="Ma cohorte")
    theirs = factories.space(title="Autre cohorte")
    factories.membership(mine, member)
    factories.meeting(mine, title="Séance visible", starts_in_days=3)
    factories.meeting(mine, title="Séance trop lointaine", starts_in_days=20)
    factories.meeting(mine, title="Séance annulée", starts_in_days=4, cancelled_at=now)
    factories.meeting(theirs, title="Séance privée", starts_in_days=3)
    factories.material(mine, title="Support récent")
    factories.material(mine, title="Support ancien", created_at=now - timedelta(days=30))
    factories.material(theirs, title="Support privé")
    # A followed thread of my cohort with a new post by someone else, and one of theirs
    # that the member once followed but can no longer see.
    author = factories.user()
    factories.membership(mine, author)
    followed = factories.thread(mine, author=author, title="Discussion suivie")
    hidden = factories.thread(theirs, title="Discussion privée")
    for thread in (followed, hidden):
        follow(app, member, thread)
    factories.post(followed, author, "Une nouvelle réponse.")
    for name, days in (("Nouvelle alliée", 1), ("Ancienne alliée", 40)):
        factories.signature(
            organisation=factories.organisation(name=name), decided_at=now - timedelta(days=days)
        )
    return member, now


def follow(app, user, thread):
    from portal.accounts.models import User
    from portal.core.extensions import db
    from portal.forums.models import Thread
    from portal.forums.subscriptions import set_level

    with app.app_context():
        set_level(db.session.get(User, user.id), "follow", thread=db.session.get(Thread, thread.id))
        db.session.commit()


def build(app, user, since, until):
    from portal.accounts.models import User
    from portal.core.extensions import db
    from portal.digests import build_digest

    with app.app_context():
        return build_digest(db.session.get(User, user.id), since, until)


def titles(items):
    return [item.title for item in items]


def test_only_what_the_member_may_see(app, scene):
    member, now = scene
    digest = build(app, member, now - timedelta(days=7), now + timedelta(minutes=1))
    assert titles(digest.sessions) == ["Séance visible"]
    assert titles(digest.materials) == ["Support récent"]
    assert titles(digest.threads) == ["Discussion suivie"]
    assert digest.threads[0].count == 2  # the opening post and the reply
    assert titles(digest.allies) == ["Nouvelle alliée"]
    for item in digest.sessions + digest.materials + digest.threads + digest.allies:
        assert item.url.startswith("http://localhost/")
    assert "/posts/" in digest.threads[0].url
    assert "/allies/nouvelle-alliee" in digest.allies[0].url


def test_forum_news_only_for_digest_readers(app, scene):
    member, now = scene
    set_preferences(app, member, forum="immediately")
    digest = build(app, member, now - timedelta(days=7), now + timedelta(minutes=1))
    assert digest.threads == []


def test_nothing_new_is_none(app):
    from portal.core.db import utcnow

    idle = factories.user()
    assert build(app, idle, utcnow() - timedelta(days=7), utcnow()) is None


def test_close_experiences_are_included(app):
    from portal.core.db import utcnow

    before = utcnow() - timedelta(minutes=1)
    mine = factories.ally(name="Commune du lecteur")
    reader = factories.user(organisation_id=mine.id)
    factories.experience(mine, author=reader, title="Nos toits solaires", themes=("energy",))
    factories.experience(title="Une coopérative solaire voisine", themes=("energy",))
    digest = build(app, reader, before, utcnow() + timedelta(minutes=1))
    assert "Une coopérative solaire voisine" in titles(digest.experiences)
    assert "Nos toits solaires" not in titles(digest.experiences)
    assert digest.experiences[0].url.startswith("http://localhost/experiences/")


def test_the_email_has_every_section_and_links(app, scene, run_digests, outbox):
    from portal.core.extensions import db
    from portal.digests.models import DigestSchedule

    member, now = scene
    with app.app_context():
        db.session.add(
            DigestSchedule(
                user_id=member.id, next_due_at=now, last_covered_until=now - timedelta(days=7)
            )
        )
        db.session.commit()
    assert run_digests(now + timedelta(minutes=1)) == 1
    [row] = outbox(template="digests/digest")
    for text in ("Séance visible", "Support récent", "Discussion suivie", "Nouvelle alliée"):
        assert text in row["body_text"] and text in row["body_html"]
    for text in ("Séance privée", "Support privé", "Discussion privée", "Ancienne alliée"):
        assert text not in row["body_text"]
    assert "2 new messages" in row["body_text"]
    assert 'href="http://localhost/meetings/' in row["body_html"]
