"""The contribution pages for each persona: anonymous visitors log in, allies read and
comment, signatories (alone or for an organisation) contribute and support, admins answer."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from portal.assembly.contributions.models import Contribution, ContributionSupport
from portal.core.extensions import db
from portal.forums.models import Thread
from tests import factories
from tests.helpers import post_form

PERSONAS = ["anonymous", "unsigned", "individual", "org_signatory", "second_signatory", "admin"]
SIGNED = {"individual", "org_signatory", "second_signatory"}


def _client(as_viewer, people, persona):
    return as_viewer(getattr(people, persona))


def _supports(app, contribution) -> int:
    with app.app_context():
        return db.session.scalar(
            select(func.count(ContributionSupport.id)).where(
                ContributionSupport.contribution_id == contribution.id
            )
        )


def _url(edition, contribution=None, action=""):
    base = f"/assemblee/{edition.year}/contributions"
    return f"{base}/{contribution.id}{action}" if contribution else base + action


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_list_and_a_contribution_are_for_allies_signed_in(
    app, as_viewer, people, consultation, persona
):
    contribution = factories.contribution(consultation, people.individual, title="Des communs")
    client = _client(as_viewer, people, persona)
    for url in (_url(consultation), _url(consultation, contribution)):
        response = client.get(url)
        if persona == "anonymous":
            assert response.status_code == 302 and "/login" in response.location
        else:
            assert response.status_code == 200
            assert "Des communs" in response.get_data(as_text=True)


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_signatories_contribute(app, as_viewer, people, consultation, persona):
    client = _client(as_viewer, people, persona)
    response = client.get(_url(consultation, action="/new"))
    if persona == "anonymous":
        assert "/login" in response.location
        return
    assert response.status_code == (200 if persona in SIGNED else 403)
    if persona not in SIGNED:
        return
    response = post_form(
        client,
        _url(consultation, action="/new"),
        {"organisation": "0", "title": "Ma proposition", "body": "Texte", "fundamental": "value"},
    )
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(Contribution.title)) == "Ma proposition"


@pytest.mark.parametrize("persona", ["org_signatory", "second_signatory"])
def test_a_signatory_contributes_for_their_organisation_not_another(
    app, as_viewer, people, consultation, persona
):
    client = as_viewer(getattr(people, persona))
    form = {"title": "Pour l'asso", "body": "Texte", "fundamental": "engagement"}
    page = client.get(_url(consultation, action="/new")).get_data(as_text=True)
    assert people.organisation.name in page
    other = factories.organisation()
    response = post_form(
        client, _url(consultation, action="/new"), form | {"organisation": other.id}
    )
    assert response.status_code == 200  # not a choice: the form says so, nothing saved
    response = post_form(
        client, _url(consultation, action="/new"), form | {"organisation": people.organisation.id}
    )
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(Contribution.organisation_id)) == people.organisation.id


def test_a_form_with_errors_keeps_what_was_typed(app, as_viewer, people, consultation):
    client = as_viewer(people.individual)
    response = post_form(
        client, _url(consultation, action="/new"), {"organisation": "0", "body": "Mon texte"}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Mon texte" in page and "Give the contribution a title." in page


def test_nobody_contributes_once_the_consultation_closed(app, as_viewer, people):
    edition = factories.assembly_edition(phase="vote")
    contribution = factories.contribution(edition, people.individual, title="Ancienne")
    client = as_viewer(people.individual)
    assert client.get(_url(edition, action="/new")).status_code == 403
    assert client.get(_url(edition, contribution, "/edit")).status_code == 403
    assert post_form(client, _url(edition, contribution, "/support")).status_code == 403
    page = client.get(_url(edition, contribution)).get_data(as_text=True)
    assert "Ancienne" in page and "Support this contribution" not in page


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_author_edits(app, as_viewer, people, consultation, persona):
    contribution = factories.contribution(consultation, people.org_signatory, title="Avant")
    client = _client(as_viewer, people, persona)
    url = _url(consultation, contribution, "/edit")
    response = client.get(url)
    if persona == "anonymous":
        assert "/login" in response.location
        return
    assert response.status_code == (200 if persona == "org_signatory" else 403)
    response = post_form(
        client, url, {"title": "Après", "body": "Nouveau", "fundamental": "systemic"}
    )
    with app.app_context():
        item = db.session.get(Contribution, contribution.id)
        titles = (item.title, db.session.get(Thread, item.thread_id).title)
    expected = "Après" if persona == "org_signatory" else "Avant"
    assert titles == (expected, expected)  # the comment thread follows


@pytest.mark.parametrize("persona", PERSONAS)
def test_signatories_support_and_withdraw(app, as_viewer, people, consultation, persona):
    contribution = factories.contribution(consultation, people.individual)
    client = _client(as_viewer, people, persona)
    response = post_form(client, _url(consultation, contribution, "/support"))
    if persona == "anonymous":
        assert "/login" in response.location
        assert _supports(app, contribution) == 0
        return
    if persona not in SIGNED:
        assert response.status_code == 403
        assert _supports(app, contribution) == 0
        return
    assert response.status_code == 302
    post_form(client, _url(consultation, contribution, "/support"))  # twice: counted once
    assert _supports(app, contribution) == 1
    page = client.get(_url(consultation, contribution)).get_data(as_text=True)
    assert "Supported by 1 person" in page and "Withdraw my support" in page
    post_form(client, _url(consultation, contribution, "/support/withdraw"))
    assert _supports(app, contribution) == 0


def test_the_page_counts_people_and_organisations(app, as_viewer, people, consultation):
    contribution = factories.contribution(consultation, people.individual)
    for person in (people.org_signatory, people.second_signatory, people.individual):
        factories.contribution_support(contribution, person)
    page = as_viewer(people.unsigned).get(_url(consultation, contribution)).get_data(as_text=True)
    assert "Supported by 3 people" in page and "from 1 organisation" in page


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_admins_answer(app, as_viewer, people, consultation, persona, outbox):
    contribution = factories.contribution(consultation, people.individual)
    client = _client(as_viewer, people, persona)
    url = _url(consultation, contribution, "/answer")
    response = client.get(url)
    if persona == "anonymous":
        assert "/login" in response.location
        return
    assert response.status_code == (200 if persona == "admin" else 403)
    post_form(client, url, {"state": "retained", "merged_into": "0", "reason": "Merci"})
    with app.app_context():
        state = db.session.get(Contribution, contribution.id).state
    assert state == ("retained" if persona == "admin" else "open")
    assert len(outbox(template="assembly/contribution_answer")) == (persona == "admin")


def test_an_admin_merges_and_the_answer_form_reports_mistakes(app, as_viewer, people, consultation):
    source = factories.contribution(consultation, people.individual, title="Source")
    target = factories.contribution(consultation, people.individual, title="Cible")
    factories.contribution_support(source, people.org_signatory)
    client = as_viewer(people.admin)
    url = _url(consultation, source, "/answer")
    response = post_form(client, url, {"state": "merged", "merged_into": "0"})
    assert "Choose the contribution it is merged into." in response.get_data(as_text=True)
    response = post_form(client, url, {"state": "not_retained", "merged_into": "0"})
    assert "Give the reason why it is not retained." in response.get_data(as_text=True)
    response = post_form(client, url, {"state": "merged", "merged_into": str(target.id)})
    assert response.status_code == 302
    assert _supports(app, target) == 1
    page = client.get(_url(consultation, source)).get_data(as_text=True)
    assert "Cible" in page and "Merged into" in page


def test_comments_reuse_the_forum_thread(app, as_viewer, people, consultation):
    contribution = factories.contribution(consultation, people.individual, title="Discutons")
    client = as_viewer(people.unsigned)
    page = client.get(_url(consultation, contribution)).get_data(as_text=True)
    assert f"/threads/{contribution.thread_id}" in page
    thread_page = client.get(f"/threads/{contribution.thread_id}").get_data(as_text=True)
    assert f'href="{_url(consultation, contribution)}"' in thread_page  # back to it
    response = post_form(client, f"/threads/{contribution.thread_id}/reply", {"body": "Bravo"})
    assert response.status_code == 302
    page = client.get(_url(consultation, contribution)).get_data(as_text=True)
    assert "1 comment" in page
    anonymous = as_viewer(None).get(f"/threads/{contribution.thread_id}")
    assert "/login" in anonymous.location


def test_the_list_filters_sorts_and_pages(app, as_viewer, people, consultation):
    for number in range(25):
        factories.contribution(
            consultation,
            people.individual,
            title=f"Idée {number:02d}",
            fundamental="value" if number % 2 else "cooperation",
        )
    client = as_viewer(people.individual)
    assert "25 contributions found." in client.get(_url(consultation)).get_data(as_text=True)
    page = client.get(_url(consultation) + "?fundamental=value").get_data(as_text=True)
    assert "12 contributions found." in page

    def order(query):
        return re.findall(r"Idée \d\d(?=<)", client.get(_url(consultation) + query).get_data(True))

    first = order("?sort=random")
    assert len(first) == 20 and order("?sort=random") == first  # the seed stays in the session
    assert sorted(first + order("?sort=random&page=2")) == [f"Idée {n:02d}" for n in range(25)]
    assert client.get(_url(consultation) + "?sort=nonsense").status_code == 200
    assert client.get(_url(consultation) + "?page=9").status_code == 404
    assert client.get("/assemblee/1999/contributions").status_code == 404
