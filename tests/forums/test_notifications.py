"""Emails of the forums: mentions of space members and followers' immediate notices."""

from __future__ import annotations

import pytest

from portal.accounts.models import User
from portal.core.extensions import db
from portal.forums.notify import handle, mentioned_handles
from tests import factories
from tests.forums.helpers import send


def immediate(**fields):
    """A member who wants forum news immediately."""
    prefs = {"forum": "immediately", "mentions": True, "digest": "weekly"}
    return factories.user(notification_preferences=prefs, **fields)


def digest_reader(**fields):
    """A member who reads forum news in the digest."""
    return factories.user(notification_preferences={"forum": "digest", "mentions": True}, **fields)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Merci @LéaMartin !", {"leamartin"}),
        ("cc @lea-martin, @KARIM.", {"leamartin", "karim"}),
        ("écrire à lea@example.org", set()),
        ("@@double et @ seul", set()),
    ],
)
def test_mentions_are_read_as_handles(text, expected):
    assert mentioned_handles(text) == expected


def test_a_handle_is_the_name_unaccented_without_spaces():
    assert handle("Léa Martin") == handle("@LeaMartin") == "leamartin"
    assert handle("Sophie Le Roux") == "sophieleroux"


# --- refused first -------------------------------------------------------------------


def test_only_members_of_the_space_are_notified_of_a_mention(outbox):
    space = factories.space()
    author = factories.user()
    factories.membership(space, author)
    member = digest_reader(display_name="Léa Martin")
    factories.membership(space, member)
    stranger = digest_reader(display_name="Karim Benali")
    factories.thread(space, author=author, body="Qu'en pensent @LeaMartin et @KarimBenali ?")
    assert [row["recipient"] for row in outbox(template="forums/mention")] == [member.email]
    assert not outbox(recipient=stranger.email)


def test_nobody_is_told_of_their_own_post_and_muted_people_hear_nothing(as_viewer, outbox):
    space = factories.space(kind="community")
    author = immediate()
    muted = immediate()
    follower = immediate()
    for person in (author, muted, follower):
        factories.membership(space, person)
    send(as_viewer(follower), "POST", f"/spaces/{space.slug}/forum/subscription/follow")
    send(as_viewer(muted), "POST", f"/spaces/{space.slug}/forum/subscription/follow")
    thread = factories.thread(space, author=author, body="Premier")
    send(as_viewer(muted), "POST", f"/threads/{thread.id}/subscription/mute")
    factories.post(thread, author, "Deuxième")
    recipients = [row["recipient"] for row in outbox(template="forums/new_post")]
    # Both forum followers hear of the opening post; once muted, the thread is silent.
    assert recipients == [muted.email, follower.email, follower.email]


def test_people_who_can_no_longer_see_the_space_are_not_told(app, outbox):
    space = factories.space()
    author = immediate()
    leaver = immediate()
    factories.membership(space, author)
    factories.membership(space, leaver)
    thread = factories.thread(space, author=author)
    factories.post(thread, leaver, "J'en suis")  # the leaver now follows the thread
    with app.app_context():
        from sqlalchemy import delete

        from portal.spaces.models import Membership

        db.session.execute(delete(Membership).where(Membership.user_id == leaver.id))
        db.session.commit()
    factories.post(thread, author, "Suite")
    assert not outbox(recipient=leaver.email)


def test_digest_readers_get_no_immediate_email(outbox):
    space = factories.space()
    author = factories.user()
    reader = digest_reader()
    factories.membership(space, author)
    factories.membership(space, reader)
    thread = factories.thread(space, author=author)
    factories.post(thread, reader, "Je suis")
    factories.post(thread, author, "Merci")
    assert not outbox(recipient=reader.email)


# --- working cases -------------------------------------------------------------------


def test_repliers_follow_and_hear_of_new_posts_once(app, outbox):
    space = factories.space()
    author = immediate()
    replier = immediate()
    factories.membership(space, author)
    factories.membership(space, replier)
    thread = factories.thread(space, author=author, title="Cantines")
    first = factories.post(thread, replier, "Je m'abonne")
    second = factories.post(thread, author, "Bienvenue")
    rows = outbox(template="forums/new_post")
    assert [(r["recipient"], r["dedupe_key"]) for r in rows] == [
        (author.email, f"forum-post:{first.id}:{author.id}"),
        (replier.email, f"forum-post:{second.id}:{replier.id}"),
    ]
    assert "Cantines" in rows[0]["subject"]
    assert f"http://localhost/posts/{first.id}" in rows[0]["body_text"]


def test_a_mentioned_follower_gets_one_email_not_two(outbox):
    space = factories.space()
    author = immediate()
    reader = immediate(display_name="Léa Martin")
    factories.membership(space, author)
    factories.membership(space, reader)
    thread = factories.thread(space, author=reader)
    factories.post(thread, author, "Merci @LeaMartin")
    assert [row["template"] for row in outbox(recipient=reader.email)] == ["forums/mention"]


def test_a_mention_added_by_an_edit_is_notified_once(as_viewer, outbox):
    space = factories.space()
    author = factories.user()
    member = digest_reader(display_name="Karim Benali")
    factories.membership(space, author)
    factories.membership(space, member)
    thread = factories.thread(space, author=author, body="Bonjour")
    post_id = _first_post_id(thread)
    client = as_viewer(author)
    send(client, "POST", f"/posts/{post_id}/edit", {"body": "Bonjour @KarimBenali"})
    send(client, "POST", f"/posts/{post_id}/edit", {"body": "Bonjour @karimbenali !"})
    assert len(outbox(recipient=member.email)) == 1


def test_a_follower_receives_the_notice_over_real_smtp(smtp_server, deliver):
    space = factories.space()
    author = factories.user(display_name="Claire")
    follower = immediate()
    factories.membership(space, author)
    factories.membership(space, follower)
    thread = factories.thread(space, author=follower, title="Énergie citoyenne")
    factories.post(thread, author, "Voici notre *retour*")
    deliver()
    messages = [m for m in smtp_server.messages() if follower.email in m["To"]]
    assert len(messages) == 1
    assert "Énergie citoyenne" in messages[0]["Subject"]
    text = messages[0].get_body(preferencelist=("plain",)).get_content()
    assert "Claire" in text and "Voici notre *retour*" in text
    # An optional email: one click stops forum notices (RFC 8058), the footer says so too.
    unsubscribe = messages[0]["List-Unsubscribe"].strip()
    assert unsubscribe.startswith("<http://localhost/unsubscribe/")
    assert messages[0]["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe.strip("<>") in text


def test_forum_notices_and_mentions_carry_their_own_unsubscribe_link(app, outbox):
    from portal.notifications.unsubscribe import read_token

    space = factories.space()
    author = factories.user()
    follower = immediate(display_name="Léa Martin")
    reader = immediate()
    for person in (author, follower, reader):
        factories.membership(space, person)
    thread = factories.thread(space, author=reader)
    factories.post(thread, author, "Merci @LeaMartin")
    with app.app_context():
        for row in outbox(template="forums/mention") + outbox(template="forums/new_post"):
            token = row["headers"]["List-Unsubscribe"].strip("<>").rsplit("/", 1)[1]
            assert read_token(token)[1] == row["category"]
    assert [r["category"] for r in outbox(template="forums/mention")] == ["mentions"]
    assert [r["category"] for r in outbox(template="forums/new_post")] == ["forum"]


def _first_post_id(thread) -> int:
    """The opening post of `thread`."""
    from sqlalchemy import select

    from portal.forums.models import Post

    with factories.context():
        return db.session.scalar(select(Post.id).where(Post.thread_id == thread.id))


def test_deleted_accounts_are_never_notified(app, outbox):
    space = factories.space()
    author = factories.user()
    gone = immediate()
    factories.membership(space, author)
    factories.membership(space, gone)
    thread = factories.thread(space, author=gone)
    with app.app_context():
        from portal.accounts.personal import delete_account

        delete_account(db.session.get(User, gone.id))
        db.session.commit()
    factories.post(thread, author, "Quelqu'un ?")
    assert not outbox(template="forums/new_post")
