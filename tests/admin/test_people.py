"""The administrators' people pages: the list (search, filters, pages), one person's page,
and resetting someone's two-factor login (confirmation, email, refusals)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.admin.people import PEOPLE_PER_PAGE
from tests import factories


@pytest.fixture
def admin(login_as):
    return login_as("admin", display_name="Alix Admin", email="alix.admin@example.org")


def names_listed(client, query: str = "") -> list[str]:
    """The names in the table of /admin/people?{query}."""
    import re

    response = client.get(f"/admin/people?{query}")
    assert response.status_code == 200
    return re.findall(r'<th scope="row"><a href="/admin/people/\d+">([^<]*)</a>', response.text)


def enrolled_with_a_login(**fields):
    """Someone with two-factor login on and an open login, as a lost phone leaves them."""
    person = factories.user(**fields)
    factories.two_factor(person)
    factories.login_record(person)
    return person


def account(app, person):
    """`person` read again from the database."""
    from portal.accounts.models import User
    from portal.core.extensions import db

    with app.app_context():
        found = db.session.get(User, person.id)
        db.session.expunge(found)
        return found


def open_logins(app, person) -> int:
    from portal.accounts.models import LoginSession
    from portal.core.extensions import db

    with app.app_context():
        return len(
            db.session.scalars(
                select(LoginSession.id).where(
                    LoginSession.user_id == person.id, LoginSession.ended_at.is_(None)
                )
            ).all()
        )


# --- the list -----------------------------------------------------------------------


def test_the_list_shows_each_person_with_organisation_roles_and_two_factor(client, admin):
    org = factories.organisation(name="Commune de Malaunay")
    member = factories.user(display_name="Camille Martin", organisation_id=org.id)
    cohort = factories.space()
    factories.membership(cohort, member)
    factories.membership(factories.space(), member, role="facilitator")
    factories.login_record(member)
    html = client.get("/admin/people").text
    row = html.split("Camille Martin", 1)[1].split("</tr>", 1)[0]
    assert member.email in row
    assert "Commune de Malaunay" in row
    assert "Facilitator of 1 space, Member of 1 space" in row
    assert "<td>Off</td>" in row
    assert "None recorded" not in row  # the login above


def test_search_by_part_of_a_name_or_an_address_ignores_case(client, admin):
    factories.user(display_name="Camille Martin", email="cmartin@malaunay.example")
    factories.user(display_name="Dominique Durand", email="dd@loos.example")
    assert names_listed(client, "q=MARTIN") == ["Camille Martin"]
    assert names_listed(client, "q=Loos.Ex") == ["Dominique Durand"]
    assert names_listed(client, "q=100%25") == []  # "%" is a plain character
    assert names_listed(client, "q=a_") == []


def test_filters_and_deleted_accounts_left_out_by_default(client, admin):
    facilitator = factories.user(display_name="Fatou Facilitatrice")
    factories.membership(factories.space(), facilitator, role="facilitator")
    enrolled_with_a_login(display_name="Eden Enrolled")
    factories.user(display_name="Max Member")
    factories.deleted_user()
    everyone = names_listed(client)
    assert everyone == ["Alix Admin", "Eden Enrolled", "Fatou Facilitatrice", "Max Member"]
    assert names_listed(client, "show=administrators") == ["Alix Admin"]
    assert names_listed(client, "show=facilitators") == ["Fatou Facilitatrice"]
    assert names_listed(client, "show=two-factor") == ["Eden Enrolled"]
    assert names_listed(client, "show=deleted") == ["Former member"]
    assert names_listed(client, "show=deleted&q=Max") == []


def test_an_unknown_filter_is_a_400_and_a_page_too_far_a_404(client, admin):
    assert client.get("/admin/people?show=everybody").status_code == 400
    assert client.get("/admin/people?page=2").status_code == 404
    assert client.get("/admin/people?page=abc").status_code == 404


def test_the_list_is_paginated_keeping_filter_and_search(client, admin):
    for n in range(PEOPLE_PER_PAGE + 1):
        factories.user(display_name=f"Person {n:03d}")
    first = names_listed(client, "q=person")
    assert len(first) == PEOPLE_PER_PAGE
    html = client.get("/admin/people?q=person").text
    assert "/admin/people?page=2&amp;q=person" in html
    assert names_listed(client, "q=person&page=2") == [f"Person {PEOPLE_PER_PAGE:03d}"]


def test_the_admin_index_links_to_the_people(client, admin):
    assert 'href="/admin/people"' in client.get("/admin/").text


# --- one person ---------------------------------------------------------------------


def test_the_person_page_shows_their_spaces_roles_and_two_factor(client, admin):
    person = enrolled_with_a_login(display_name="Eden Enrolled")
    cohort = factories.space(title="Territoires pilotes")
    factories.membership(cohort, person, role="facilitator")
    html = client.get(f"/admin/people/{person.id}").text
    assert "<h1>Eden Enrolled</h1>" in html
    assert person.email in html
    assert "Territoires pilotes" in html and f'href="/spaces/{cohort.slug}"' in html
    assert "Facilitator of 1 space" in html
    assert "10 recovery codes left." in html
    assert f'href="/admin/people/{person.id}/reset-two-factor"' in html


def test_an_unknown_person_is_a_404(client, admin):
    assert client.get("/admin/people/999999").status_code == 404
    assert client.get("/admin/people/999999/reset-two-factor").status_code == 404
    assert client.post("/admin/people/999999/reset-two-factor").status_code == 404


def test_the_administrators_own_page_sends_them_to_their_account_page(client, admin):
    factories.two_factor(admin)
    html = client.get(f"/admin/people/{admin.id}").text
    assert "reset-two-factor" not in html
    assert 'href="/account/two-factor"' in html


# --- resetting ----------------------------------------------------------------------


def test_the_confirmation_page_says_what_a_reset_does(client, admin):
    person = enrolled_with_a_login(display_name="Eden Enrolled")
    response = client.get(f"/admin/people/{person.id}/reset-two-factor")
    assert response.status_code == 200
    assert "Reset the two-factor login of Eden Enrolled" in response.text
    assert account(client.application, person).has_two_factor  # a GET changes nothing


@pytest.mark.parametrize("locale", ["fr", "en"])
def test_a_reset_turns_it_off_ends_the_logins_and_emails_the_person(
    app, client, admin, outbox, locale
):
    person = enrolled_with_a_login(display_name="Eden Enrolled", locale=locale)
    response = client.post(f"/admin/people/{person.id}/reset-two-factor", follow_redirects=True)
    assert response.request.path == f"/admin/people/{person.id}"
    assert "The two-factor login of Eden Enrolled is reset" in response.text
    assert not account(app, person).has_two_factor
    assert open_logins(app, person) == 0
    [email] = outbox(template="accounts/two_factor_reset")
    assert email["recipient"] == person.email and email["locale"] == locale
    assert email["is_essential"] and email["user_id"] == person.id
    assert "/auth/login" in email["body_text"]
    assert open_logins(app, admin) == 1  # the administrator stays logged in


def test_the_email_says_whether_the_role_requires_setting_it_up_again(app, client, admin, outbox):
    facilitator = enrolled_with_a_login(locale="en")
    factories.membership(factories.space(), facilitator, role="facilitator")
    member = enrolled_with_a_login(locale="en")
    for person in (facilitator, member):
        client.post(f"/admin/people/{person.id}/reset-two-factor")
    [to_facilitator] = outbox(user_id=facilitator.id)
    [to_member] = outbox(user_id=member.id)
    assert "asked to set it up again" in to_facilitator["body_text"]
    assert "password only" in to_member["body_text"]


def test_an_administrator_cannot_reset_their_own_from_there(app, client, admin, outbox):
    factories.two_factor(admin)
    for method in ("get", "post"):
        response = getattr(client, method)(
            f"/admin/people/{admin.id}/reset-two-factor", follow_redirects=True
        )
        assert response.status_code == 200
        assert "You manage your own two-factor login from your account page." in response.text
    assert account(app, admin).has_two_factor
    assert outbox() == []


def test_someone_without_two_factor_has_nothing_to_reset(app, client, admin, outbox):
    person = factories.user(display_name="Max Member")
    response = client.post(f"/admin/people/{person.id}/reset-two-factor", follow_redirects=True)
    assert "Max Member does not use two-factor login" in response.text
    assert outbox() == []
    deleted = factories.deleted_user()
    response = client.get(f"/admin/people/{deleted.id}/reset-two-factor", follow_redirects=True)
    assert response.status_code == 200
    assert "does not use two-factor login" in response.text


# --- who may ------------------------------------------------------------------------


def people_urls(person_id: int) -> list[tuple[str, str]]:
    return [
        ("GET", "/admin/people"),
        ("GET", f"/admin/people/{person_id}"),
        ("GET", f"/admin/people/{person_id}/reset-two-factor"),
        ("POST", f"/admin/people/{person_id}/reset-two-factor"),
    ]


def test_visitors_are_sent_to_log_in(app, client):
    person = enrolled_with_a_login()
    for method, path in people_urls(person.id):
        response = client.open(path, method=method)
        assert response.status_code == 302, (method, path)
        assert response.headers["Location"].startswith("/auth/login"), (method, path)
    assert account(app, person).has_two_factor


@pytest.mark.parametrize("role", ["member", "facilitator"])
def test_members_and_facilitators_are_refused(app, client, login, outbox, role):
    viewer = factories.user()
    if role == "facilitator":
        factories.membership(factories.space(), viewer, role="facilitator")
    login(client, viewer)
    person = enrolled_with_a_login()
    for method, path in people_urls(person.id):
        assert client.open(path, method=method).status_code == 403, (method, path)
    assert account(app, person).has_two_factor
    assert open_logins(app, person) == 1
    assert outbox() == []
