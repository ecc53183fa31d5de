"""Two moderators deciding on one shared resource at the same moment: one decision, one email."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from portal.accounts.models import User
from portal.core.extensions import db
from portal.materials import sharing
from portal.materials.models import Material
from portal.notifications.models import OutboxEmail
from tests import factories


@pytest.mark.postgres_only
def test_two_moderators_publishing_at_once_make_one_decision_and_one_email(app):
    resource = factories.shared_resource()
    moderators = [factories.user(role="admin").id, factories.user(is_library_editor=True).id]
    barrier = threading.Barrier(len(moderators))
    outcomes: list[str] = []

    def publish(moderator_id: int) -> None:
        with app.app_context():
            try:
                material = db.session.get(Material, resource.id)
                moderator = db.session.get(User, moderator_id)
                barrier.wait(timeout=30)
                sharing.publish_resource(material, moderator)
                db.session.commit()
                outcomes.append("published")
            except sharing.NotWaiting:
                db.session.rollback()
                outcomes.append("refused")
            finally:
                db.session.remove()

    threads = [threading.Thread(target=publish, args=(m,)) for m in moderators]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert sorted(outcomes) == ["published", "refused"]
    with app.app_context():
        assert db.session.get(Material, resource.id).status == "published"
        assert db.session.scalar(select(func.count(OutboxEmail.id))) == 1
