"""An invitation received over real SMTP, and its link followed through registration."""

from __future__ import annotations

from tests import factories
from tests.accounts.helpers import STRONG_PASSWORD, html_part, link_path, received, text_part
from tests.spaces.conftest import person


def test_an_unknown_address_receives_the_invitation_registers_and_lands_in_the_cohort(
    app, viewer, cohort, smtp_server, deliver
):
    facilitator = person(display_name="Claire Facilitatrice")
    factories.membership(cohort, facilitator, role="facilitator")
    viewer(facilitator).post(
        f"/spaces/{cohort.slug}/invitations", data={"addresses": "Newcomer@Example.org"}
    )

    # The email arrives over SMTP, in French (no account yet), text and HTML.
    [message] = received(smtp_server, deliver, to="newcomer@example.org")
    assert "Territoires pilotes" in message["Subject"]
    link = link_path(message, "/invitations/")
    assert link in html_part(message)
    assert "14" in text_part(message)

    # The visitor opens it, and chooses to create an account from the page.
    visitor = app.test_client()
    page = visitor.get(link).get_data(as_text=True)
    assert f'href="/auth/register?next={link}"' in page
    assert visitor.get(f"/auth/register?next={link}").status_code == 200
    registered = visitor.post(
        "/auth/register",
        data={
            "email": "newcomer@example.org",
            "display_name": "Nora Nouvelle",
            "password": STRONG_PASSWORD,
            "accept_privacy": "y",
        },
    )
    assert registered.headers["Location"] == "/auth/check-inbox"

    # The confirmation link leads back to the invitation through the login page.
    confirm = link_path(received(smtp_server, deliver, to="newcomer@example.org")[-1], "/confirm/")
    confirmed = visitor.get(confirm)
    assert confirmed.headers["Location"] == f"/auth/login?next={link}"
    login = visitor.post(
        f"/auth/login?next={link}",
        data={"email": "newcomer@example.org", "password": STRONG_PASSWORD, "next": link},
    )
    assert login.headers["Location"] == link
    assert f'action="{link}/accept"' in visitor.get(link).get_data(as_text=True)
    joined = visitor.post(link + "/accept")
    assert joined.headers["Location"] == f"/spaces/{cohort.slug}"
    assert visitor.get(f"/spaces/{cohort.slug}").status_code == 200


def test_the_confirmation_link_opened_while_logged_in_goes_straight_back(
    app, viewer, smtp_server, deliver, login
):
    visitor = app.test_client()
    visitor.get("/auth/register?next=/spaces")
    visitor.post(
        "/auth/register",
        data={
            "email": "camille@example.org",
            "display_name": "Camille",
            "password": STRONG_PASSWORD,
            "accept_privacy": "y",
        },
    )
    confirm = link_path(received(smtp_server, deliver, to="camille@example.org")[-1], "/confirm/")
    from portal.accounts.services import find_user_by_email

    with app.app_context():
        account = find_user_by_email("camille@example.org")
    login(visitor, account)
    assert visitor.get(confirm).headers["Location"] == "/spaces"


def test_registration_ignores_a_next_that_leaves_the_site(app, smtp_server, deliver):
    visitor = app.test_client()
    visitor.get("/auth/register?next=https://evil.example.net/")
    visitor.post(
        "/auth/register",
        data={
            "email": "camille@example.org",
            "display_name": "Camille",
            "password": STRONG_PASSWORD,
            "accept_privacy": "y",
        },
    )
    confirm = link_path(received(smtp_server, deliver, to="camille@example.org")[-1], "/confirm/")
    assert visitor.get(confirm).headers["Location"] == "/auth/login"
