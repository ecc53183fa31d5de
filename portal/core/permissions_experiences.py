"""Permission questions of experiences (portal/core/permissions.py had grown past 400 lines).

Writing for an organisation needs it to be an ally (a validated signature) and the
person to belong to it: profile organisation, or a validated signature for it.
Views and templates import from here (`can_experiences.can_see_experience` in templates).
The data comes from experiences and alliance through core.lookups (core imports no domain).
"""

from portal.core import lookups
from portal.core.permissions import is_admin, is_signed_in


def is_organisation_signatory(user, organisation) -> bool:
    """`user` signed the charter for `organisation` and an administrator validated it."""
    if not is_signed_in(user) or organisation is None:
        return False
    return lookups.ask("organisation_signatory", user, organisation)


def can_write_for(user, organisation) -> bool:
    """Write experiences for an ally organisation: its confirmed members and signatories, admins."""
    if not is_signed_in(user) or not user.is_confirmed or organisation is None:
        return False
    if lookups.ask("listed_charter_version", organisation) is None:
        return False
    if is_admin(user) or user.organisation_id == organisation.id:
        return True
    return is_organisation_signatory(user, organisation)


def can_start_experience(user) -> bool:
    """Open the "new experience" form: someone who may write for at least one organisation."""
    if not is_signed_in(user) or not user.is_confirmed:
        return False
    return bool(lookups.ask("writable_organisations", user))


def can_see_experience(user, experience) -> bool:
    """Published: public ones everyone, "allies" ones anyone signed in.

    Drafts (and unpublished ones): their author, the organisation's signatories, admins.
    portal.experiences.listing.visible_experiences() is the published half in SQL.
    """
    if experience is None:
        return False
    if experience.is_published:
        return experience.is_public or is_signed_in(user)
    if not is_signed_in(user):
        return False
    return (
        is_admin(user)
        or experience.author_id == user.id
        or is_organisation_signatory(user, experience.organisation)
    )


def can_edit_experience(user, experience) -> bool:
    """Edit, publish, unpublish, attach: the author, the organisation's signatories, admins."""
    if not is_signed_in(user) or not user.is_confirmed or experience is None:
        return False
    return (
        is_admin(user)
        or experience.author_id == user.id
        or is_organisation_signatory(user, experience.organisation)
    )


def can_discuss_experience(user, experience) -> bool:
    """Post in a published experience's discussion: confirmed members who can see it."""
    return (
        is_signed_in(user)
        and user.is_confirmed
        and experience is not None
        and experience.is_published
        and can_see_experience(user, experience)
    )


def can_mark_helpful(user, experience) -> bool:
    """Say "this helped me": confirmed members who can see a published one, not its author."""
    return can_discuss_experience(user, experience) and experience.author_id != user.id


def can_see_experience_contact(user, experience) -> bool:
    """The contact person is shown to signed-in members only, never to visitors."""
    return is_signed_in(user) and can_see_experience(user, experience)
