"""The candidate is told when administrators decide on their candidacy.

An answer to the person's own request, like a charter signature's decision: it goes out
whatever their preferences (no category to unsubscribe from). The dedupe key holds the
decision: each decision is told once, a second click on the same one sends nothing.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.accounts.models import User
from portal.core.extensions import db
from portal.notifications.services import enqueue


def tell_candidate(edition, candidacy) -> None:
    """Email the candidate the decision on their candidacy (nobody when the account is gone)."""
    user = db.session.get(User, candidacy.user_id) if candidacy.user_id else None
    if user is None or user.is_deleted:
        return
    accepted = candidacy.status == "accepted"
    enqueue(
        to=user.email,
        template="assembly/candidacy_decided",
        subject=_l("Your candidacy is on the ballot")
        if accepted
        else _l("Your candidacy was not retained"),
        dedupe_key=f"candidacy:{candidacy.id}:{candidacy.status}",
        locale=user.locale,
        user_id=user.id,
        context={
            "name": user.display_name,
            "accepted": accepted,
            "election": candidacy.item.title,
            "edition": edition.title,
            "year": edition.year,
        },
    )
