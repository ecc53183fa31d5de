"""The emails of spaces, written to the outbox in the caller's transaction."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.notifications.services import enqueue


def send_invitation(invitation, token: str, *, inviter, user) -> None:
    """Email the link of one sending of `invitation` (in the account's language, else French).

    The dedupe key names the sending, so a retried request never emails twice.
    """
    from portal.spaces.invitations import max_age

    enqueue(
        to=invitation.email,
        template="spaces/invitation",
        subject=_l("Invitation to join %(space)s", space=invitation.space.title),
        dedupe_key=f"spaces-invitation:{invitation.id}:{invitation.send_count}",
        locale=user.locale if user is not None and user.locale else "fr",
        user_id=user.id if user is not None else None,
        context={
            "invitation": invitation,
            "space": invitation.space,
            "inviter": inviter,
            "has_account": user is not None,
            "token": token,
            "days": max_age().days,
        },
    )
