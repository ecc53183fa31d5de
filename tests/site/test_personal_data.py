"""Contact messages take part in the personal data export and in account deletion."""

from datetime import timedelta

from sqlalchemy import select

from portal.accounts.models import User
from portal.core.db import utcnow
from portal.core.extensions import db
from portal.core.personal_data import erase_everywhere, export_sections
from portal.site import services
from portal.site.models import ContactMessage
from tests import factories


def test_member_export_lists_their_contact_messages(app):
    member = factories.user()
    with app.app_context():
        db.session.add(
            ContactMessage(
                name="M", email="m@example.org", topic="other", body="Hello", user_id=member.id
            )
        )
        db.session.add(ContactMessage(name="X", email="x@example.org", topic="other", body="Hi"))
        db.session.commit()
        sections = export_sections(db.session.get(User, member.id))
    [exported] = sections["contact_messages"]
    assert exported["body"] == "Hello" and exported["email"] == "m@example.org"
    assert exported["handled_at"] is None


def test_account_deletion_removes_name_and_address_from_messages(app):
    member = factories.user()
    with app.app_context():
        db.session.add(
            ContactMessage(
                name="M", email="m@example.org", topic="other", body="Hello", user_id=member.id
            )
        )
        db.session.commit()
        erase_everywhere(db.session.get(User, member.id))
        db.session.commit()
        stored = db.session.scalar(select(ContactMessage))
        assert (stored.name, stored.email, stored.user_id) == ("", "", None)
        assert stored.body == "Hello"


def test_old_handled_messages_can_be_purged(app):
    now = utcnow()
    with app.app_context():
        for handled in (None, now - timedelta(days=400), now - timedelta(days=10)):
            db.session.add(
                ContactMessage(
                    name="N", email="n@example.org", topic="other", body="B", handled_at=handled
                )
            )
        db.session.commit()
        assert services.delete_handled_messages(now - timedelta(days=365)) == 1
        db.session.commit()
        assert services.count_open_messages() == 1
        assert len(list(db.session.scalars(select(ContactMessage)))) == 2
