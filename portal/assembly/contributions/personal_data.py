"""What contributions hold about a person: what they wrote, what they support.

Contributions belong to the assembly's record: when their author deletes their account
they stay, shown as written by "Former member". Supports are the person's own: they are
removed with the account (the counts go down), like the experiences' "helped me" marks.
"""

from __future__ import annotations

from sqlalchemy import delete, select

from portal.assembly.contributions.models import Contribution, ContributionSupport
from portal.core.extensions import db
from portal.core.personal_data import exporter, on_account_deletion


@exporter("assembly_contributions")
def export_contributions(user) -> dict:
    """The contributions you wrote, and those you support."""
    written = db.session.scalars(
        select(Contribution)
        .where(Contribution.author_id == user.id)
        .order_by(Contribution.created_at, Contribution.id)
    )
    supported = db.session.execute(
        select(ContributionSupport.created_at, Contribution.title)
        .join(Contribution, Contribution.id == ContributionSupport.contribution_id)
        .where(ContributionSupport.user_id == user.id)
        .order_by(ContributionSupport.created_at)
    )
    return {
        "written": [
            {
                "title": c.title,
                "body": c.body,
                "fundamental": c.fundamental,
                "organisation_id": c.organisation_id,
                "state": c.state,
                "created_at": c.created_at.isoformat(),
            }
            for c in written
        ],
        "supported": [
            {"contribution": row.title, "supported_at": row.created_at.isoformat()}
            for row in supported
        ],
    }


@on_account_deletion
def erase_supports(user) -> None:
    """Remove the deleted account's supports; the contributions stay."""
    db.session.execute(delete(ContributionSupport).where(ContributionSupport.user_id == user.id))
