"""Forums in a real browser: a thread, a reply and its email; moderation pages; hostile posts.

Selectors use ids, names and URLs rather than visible text, so the journeys hold
whatever the French catalog says. Every page visited is scanned by axe-core.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from tests import factories
from tests.browser.helpers import follow, go, log_in
from tests.forums.xss_corpus import PAYLOADS

IMMEDIATELY = {"forum": "immediately", "mentions": True, "digest": "weekly"}


def test_a_member_starts_a_thread_another_replies_and_the_first_is_notified(open_page, mail_link):
    cohort = factories.space(title="Territoires pilotes 2027")
    starter = factories.user(display_name="Léa Martin", notification_preferences=IMMEDIATELY)
    replier = factories.user(display_name="Karim Benali")
    factories.membership(cohort, starter)
    factories.membership(cohort, replier)

    page = open_page()
    log_in(page, starter)
    go(page, f"/spaces/{cohort.slug}")
    follow(page, page.locator(f"main a[href='/spaces/{cohort.slug}/forum']"))
    follow(page, page.locator(f"main a[href='/spaces/{cohort.slug}/forum/new']"))
    follow(page, page.locator("main form input[type=submit]"))  # empty: errors, accessible
    assert page.locator(".error-summary").is_visible()
    assert page.locator("#title").get_attribute("aria-invalid") == "true"
    page.locator("#title").fill("Cantines : passer au bio local")
    page.locator("#body").fill("Quels **fournisseurs** avez-vous trouvés ?")
    follow(page, page.locator("main form input[type=submit]"))
    thread_path = urlsplit(page.url).path
    assert thread_path.startswith("/threads/")
    assert page.locator("main h1").inner_text() == "Cantines : passer au bio local"

    other = open_page()
    log_in(other, replier)
    go(other, f"/spaces/{cohort.slug}/forum")
    assert other.locator("main .badge-unread").count() == 1
    follow(other, other.locator(f"main a[href='{thread_path}']"))
    follow(other, other.locator("main .forum-post-actions a[href*='quote=']"))
    assert other.locator("#body").input_value().startswith("> ")
    other.locator("#body").fill("La légumerie de la régie agricole, @LeaMartin.")
    follow(other, other.locator("#reply input[type=submit]"))
    assert other.locator("main .forum-post").count() == 2

    # The starter hears of the reply by email (a mention, here), and its link finds it.
    post_path = mail_link(starter.email, "/posts/")
    go(page, post_path)  # the permanent link redirects to the thread's page, at the reply
    assert urlsplit(page.url).path == thread_path and urlsplit(page.url).fragment.startswith(
        "post-"
    )
    assert "légumerie" in page.locator("main").inner_text()


def test_moderation_pages_have_no_accessibility_violation(open_page):
    community = factories.space(title="Fabriques locales", kind="community")
    target = factories.space(title="Mise en récit", kind="community")
    facilitator = factories.user()
    member = factories.user()
    factories.membership(community, facilitator, role="facilitator")
    factories.membership(target, facilitator, role="facilitator")
    factories.membership(community, member)
    thread = factories.thread(community, author=member, title="Tiers-lieux ruraux")
    reply = factories.post(thread, facilitator, "Bienvenue !")

    page = open_page()
    log_in(page, member)
    go(page, f"/posts/{reply.id}/flag")
    page.locator("#reason").fill("Hors sujet")
    follow(page, page.locator("main form input[type=submit]"))
    go(page, f"/posts/{reply.id - 1}/edit")

    moderator = open_page()
    log_in(moderator, facilitator)
    go(moderator, f"/spaces/{community.slug}/forum/moderation")
    go(moderator, f"/posts/{reply.id - 1}/hide")
    moderator.locator("#reason").fill("Propos à reformuler")
    follow(moderator, moderator.locator("main form input[type=submit]"))
    assert moderator.locator("main .forum-hidden-notice").count() == 1
    go(moderator, f"/threads/{thread.id}/move")
    go(moderator, f"/spaces/{community.slug}")


def test_a_page_of_hostile_posts_opens_no_dialog(open_page):
    space = factories.space(title="Cohorte")
    member = factories.user()
    factories.membership(space, member)
    thread = factories.thread(space, author=member, title="XSS", body=PAYLOADS[0])
    for payload in PAYLOADS[1:]:
        factories.post(thread, member, payload)

    page = open_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    log_in(page, member)
    go(page, f"/threads/{thread.id}")
    go(page, f"/threads/{thread.id}?page=2")
    page.locator("main .forum-post").first.hover()
    page.wait_for_timeout(300)
    assert dialogs == []
