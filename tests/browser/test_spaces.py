"""Spaces in a real browser: an administrator sets up a cohort and a community, a facilitator
invites, the invited member accepts from the email, another member joins the community;
axe-core scans every page on the way.

Selectors use ids, names and URLs rather than visible text, so the journeys hold
whatever the French catalog says.
"""

from __future__ import annotations

from tests import factories
from tests.browser.helpers import follow, go, log_in


def test_an_administrator_sets_up_a_cohort_and_a_community(page, visit):
    admin = factories.user(role="admin", email="coordination@example.org")
    factories.user(email="claire@example.org", display_name="Claire Facilitatrice")
    log_in(page, admin.email)

    # The spaces page, then the creation form, first sent incomplete (errors are accessible).
    visit("/spaces")
    follow(page, page.locator("main a[href='/spaces/new']"))
    page.locator("#title").fill("Territoires pilotes 2027")
    follow(page, page.locator("main form button[type=submit]"))
    assert page.locator(".error-summary").count() == 1
    page.locator("#description").fill("Une année d'accompagnement.\n\n## Programme\n\n- séances")
    page.locator("#starts_on").fill("2027-01-18")
    page.locator("#ends_on").fill("2027-12-10")
    page.locator("#timezone").select_option("Europe/Paris")
    page.locator("input[name=cover_colour][value='#4b3f8c']").check()
    follow(page, page.locator("main form button[type=submit]"))
    assert page.url.endswith("/spaces/territoires-pilotes-2027")
    assert page.locator("main h1").inner_text() == "Territoires pilotes 2027"

    # Its edit page, its facilitators (Claire is appointed), its empty invitation list.
    visit("/spaces/territoires-pilotes-2027/edit")
    visit("/spaces/territoires-pilotes-2027")
    follow(page, page.locator("main a[href='/spaces/territoires-pilotes-2027/facilitators']"))
    page.locator("#email").fill("claire@example.org")
    follow(page, page.locator("main form button[type=submit]"))
    assert page.locator(".facilitator-list li").count() == 1
    visit("/spaces/territoires-pilotes-2027/invitations")
    visit("/spaces/territoires-pilotes-2027/members")

    # A learning community, then the list of every space.
    visit("/spaces/new")
    page.locator("#title").fill("Mise en récit")
    page.locator("#kind-1").check()
    follow(page, page.locator("main form button[type=submit]"))
    assert page.url.endswith("/spaces/mise-en-recit")
    visit("/spaces/manage")
    assert page.locator("main tbody tr").count() == 2

    # Archiving the community: read-only, and its page says so.
    visit("/spaces/mise-en-recit")
    follow(page, page.locator("form[action='/spaces/mise-en-recit/archive'] button"))
    assert page.locator("main .notice").count() == 1


def test_a_facilitator_invites_a_member_who_accepts_from_the_email(
    open_page, visit, page, mail_link
):
    cohort = factories.space(title="Territoires pilotes 2027", kind="cohort")
    claire = factories.user(email="claire@example.org", display_name="Claire Facilitatrice")
    factories.membership(cohort, claire, role="facilitator")
    factories.user(email="alex@example.org", display_name="Alex Membre")
    community = factories.space(title="Fabriques locales", kind="community")

    # Claire pastes two addresses, one of them mistyped: the report says which line.
    log_in(page, claire.email)
    visit(f"/spaces/{cohort.slug}")
    follow(page, page.locator(f"main a[href='/spaces/{cohort.slug}/invitations']"))
    page.locator("#addresses").fill("alex@example.org\nnot-an-address")
    follow(page, page.locator("main form button[type=submit]"))
    assert page.locator(".invite-report").count() == 1
    assert page.locator("#addresses").input_value() == "not-an-address"
    assert page.locator(".invitation-table tbody tr").count() == 1

    # Alex opens the emailed link without being logged in, logs in from it and accepts.
    alex = open_page()
    link = mail_link("alex@example.org", "/invitations/")
    go(alex, link)
    follow(alex, alex.locator(f"main a[href='/auth/login?next={link}']"))
    alex.locator("#email").fill("alex@example.org")
    alex.locator("#password").fill(factories.PASSWORD)
    follow(alex, alex.locator("main form button[type=submit]"))
    assert alex.url.endswith(link)
    follow(alex, alex.locator(f"form[action='{link}/accept'] button"))
    assert alex.url.endswith(f"/spaces/{cohort.slug}")

    # Alex finds the open community in the list and joins it in one click.
    go(alex, "/spaces?show=joinable")
    follow(alex, alex.locator(f"form[action='/spaces/{community.slug}/join'] button"))
    assert alex.url.endswith(f"/spaces/{community.slug}")
    assert alex.locator(f"form[action='/spaces/{community.slug}/leave']").count() == 1

    # Claire's list shows the invitation accepted.
    visit(f"/spaces/{cohort.slug}/invitations")
    assert page.locator(".invitation-table .badge-validated").count() == 1


def test_a_refused_invitation_link_is_accessible(page, visit):
    visit("/invitations/not-a-real-token", status=404)
    assert page.locator("main .invitation-refusal").count() == 1
