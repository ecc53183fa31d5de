"""What the forums hold about a person: exported, and erased or kept anonymous on deletion."""

from __future__ import annotations

from sqlalchemy import func, select

from portal.accounts.models import User
from portal.core.extensions import db
from portal.core.personal_data import export_sections
from portal.forums.models import PostFlag, Subscription, ThreadRead
from tests.forums.helpers import forum_with_people, send


def test_the_export_lists_the_members_posts(app):
    forum = forum_with_people()
    with app.app_context():
        sections = export_sections(db.session.get(User, forum["people"]["member"].id))
    posts = sections["forum_posts"]
    assert [p["body"] for p in posts] == ["Texte secret du fil"]
    assert posts[0]["thread"] == "Cantines bio" and posts[0]["space"] == forum["space"].title


def test_on_deletion_posts_stay_under_former_member_and_the_rest_goes(app, as_viewer):
    forum = forum_with_people()
    member = forum["people"]["member"]
    client = as_viewer(member)
    client.get(f"/threads/{forum['thread'].id}")  # a read mark
    send(client, "POST", f"/posts/{forum['other_post_id']}/flag", {"reason": "Spam"})
    send(client, "POST", f"/spaces/{forum['space'].slug}/forum/subscription/follow")
    with app.app_context():
        from portal.accounts.personal import delete_account

        delete_account(db.session.get(User, member.id))
        db.session.commit()
        for model in (Subscription, PostFlag, ThreadRead):
            count = db.session.scalar(
                select(func.count(model.id)).where(model.user_id == member.id)
            )
            assert count == 0, model
    html = as_viewer(forum["replier"]).get(f"/threads/{forum['thread'].id}").get_data(as_text=True)
    assert "Former member" in html and "Texte secret du fil" in html
