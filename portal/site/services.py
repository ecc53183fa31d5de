"""Rules of the site domain: contact messages and what they owe the administrators."""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select

from portal.accounts.models import Role, User
from portal.core.db import utcnow
from portal.core.extensions import db
from portal.core.personal_data import exporter, on_account_deletion
from portal.notifications.services import enqueue
from portal.site.models import ContactMessage

SUBJECTS = {
    "accessibility": _l("Accessibility problem reported on the portal"),
    "other": _l("New message from the portal's contact form"),
}


def active_admins() -> list[User]:
    """Administrators who can receive mail (not deleted), in a stable order."""
    return list(
        db.session.scalars(
            select(User)
            .where(User.role == Role.ADMIN.value, User.deleted_at.is_(None))
            .order_by(User.id)
        )
    )


def send_contact_message(
    *, name: str, email: str, topic: str, page_url: str, body: str, user: User | None
) -> ContactMessage:
    """Store a contact message and queue one email per administrator, in their language."""
    message = ContactMessage(
        name=name.strip(),
        email=email.strip(),
        topic=topic,
        page_url=(page_url or "").strip(),
        # Browsers send CRLF line ends; store plain newlines.
        body=body.replace("\r\n", "\n").strip(),
        user_id=user.id if user is not None else None,
    )
    db.session.add(message)
    db.session.flush()
    for admin in active_admins():
        enqueue(
            to=admin.email,
            template="site/contact_message",
            subject=SUBJECTS.get(topic, SUBJECTS["other"]),
            dedupe_key=f"contact:{message.id}:{admin.id}",
            locale=admin.locale,
            user_id=admin.id,
            # Answering the email answers the person who wrote.
            headers={"Reply-To": message.email},
            context={"message": message, "admin": admin},
        )
    return message


def mark_handled(message: ContactMessage, now: datetime | None = None) -> bool:
    """Mark a message handled; False if it already was (the first date is kept)."""
    if message.handled_at is not None:
        return False
    message.handled_at = now or utcnow()
    return True


def count_open_messages() -> int:
    """How many contact messages wait for an administrator (for dashboards)."""
    return db.session.scalar(
        select(func.count(ContactMessage.id)).where(ContactMessage.handled_at.is_(None))
    )


def delete_handled_messages(before: datetime) -> int:
    """Delete messages handled before `before` (retention promised by the privacy notice)."""
    result = db.session.execute(delete(ContactMessage).where(ContactMessage.handled_at < before))
    return result.rowcount


@exporter("contact_messages")
def export_contact_messages(user: User) -> list[dict]:
    """The messages a member sent through the contact form while signed in."""
    messages = db.session.scalars(
        select(ContactMessage)
        .where(ContactMessage.user_id == user.id)
        .order_by(ContactMessage.created_at)
    )
    return [
        {
            "sent_at": m.created_at.isoformat(),
            "name": m.name,
            "email": m.email,
            "topic": m.topic,
            "page_url": m.page_url,
            "body": m.body,
            "handled_at": m.handled_at.isoformat() if m.handled_at else None,
        }
        for m in messages
    ]


@on_account_deletion
def erase_contact_messages(user: User) -> None:
    """Unlink a deleted member's messages and remove their name and address from them."""
    for message in db.session.scalars(
        select(ContactMessage).where(ContactMessage.user_id == user.id)
    ):
        message.name = ""
        message.email = ""
        message.user_id = None
