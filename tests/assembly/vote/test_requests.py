"""Every route of the vote for every persona, and the phases refused outside their dates."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from portal.assembly.vote.models import Ballot, Candidacy, Minutes, Proxy, VoteItem
from portal.assembly.vote.voices import organisation_key, person_key
from portal.core.extensions import db
from tests import factories
from tests.assembly.vote.helpers import build
from tests.helpers import post_form

PERSONAS = ["anonymous", "ally", "individual", "signatory", "second", "holder", "admin"]
VOTERS = {"individual", "signatory", "second", "holder"}


def _as(client, login, cast, name):
    """Log `name` in on the client (anonymous stays out)."""
    if cast.people[name] is not None:
        login(client, cast.people[name])


def _refused(response, name, allowed) -> bool:
    """Whether the answer refuses `name` (login page for anonymous, 403 for others)."""
    if name in allowed:
        return False
    if name == "anonymous":
        assert response.status_code == 302 and "/login" in response.location
    else:
        assert response.status_code in (403, 404)
    return True


def _count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def _voice(cast, name) -> str:
    if name == "individual":
        return person_key(cast.people[name].id)
    if name == "holder":
        return organisation_key(cast.other_organisation.id)
    return organisation_key(cast.organisation.id)


@pytest.mark.parametrize("name", PERSONAS)
def test_the_vote_page_is_for_signed_in_people(app, client, login, name):
    cast = build()
    _as(client, login, cast, name)
    response = client.get(f"/assemblee/{cast.edition.year}/vote")
    if _refused(response, name, set(PERSONAS) - {"anonymous"}):
        return
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Adopt the orientations" in html
    assert ("Cast this ballot" in html) == (name in VOTERS)


@pytest.mark.parametrize("name", PERSONAS)
def test_casting_a_ballot_needs_a_voice_and_shows_the_receipt_once(app, client, login, name):
    cast = build()
    _as(client, login, cast, name)
    voice = _voice(cast, name)
    response = post_form(
        client,
        f"/assemblee/{cast.edition.year}/vote/bulletin",
        {"item_id": cast.motion.id, "voice": voice, "choice": "pour"},
    )
    if _refused(response, name, VOTERS):
        assert _count(app, Ballot) == 0
        return
    assert response.status_code == 200
    assert re.search(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", response.get_data(True))
    assert _count(app, Ballot) == 1
    # The code is not in the session cookie nor on the page afterwards.
    page = client.get(f"/assemblee/{cast.edition.year}/vote").get_data(as_text=True)
    assert "you cast this voice" in page


def test_the_second_signatory_sees_the_voice_cast_not_how(app, client, login):
    cast = build()
    login(client, cast.people["signatory"])
    post_form(
        client,
        f"/assemblee/{cast.edition.year}/vote/bulletin",
        {"item_id": cast.motion.id, "voice": _voice(cast, "signatory"), "choice": "contre"},
    )
    other = app.test_client()
    other.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    login(other, cast.people["second"])
    html = other.get(f"/assemblee/{cast.edition.year}/vote").get_data(as_text=True)
    assert "cast by a co-signatory" in html
    assert "Contre" not in html.split("Adopt the orientations")[1].split("</section>")[0]
    response = post_form(
        other,
        f"/assemblee/{cast.edition.year}/vote/bulletin",
        {"item_id": cast.motion.id, "voice": _voice(cast, "second"), "choice": "pour"},
    )
    assert response.status_code == 302
    assert _count(app, Ballot) == 1


@pytest.mark.parametrize("phase", ["consultation", "results"])
def test_ballots_posted_outside_the_vote_are_refused(app, client, login, phase):
    cast = build(phase)
    login(client, cast.people["individual"])
    response = post_form(
        client,
        f"/assemblee/{cast.edition.year}/vote/bulletin",
        {"item_id": cast.motion.id, "voice": _voice(cast, "individual"), "choice": "pour"},
        follow_redirects=True,
    )
    assert "The vote is not open." in response.get_data(as_text=True)
    assert _count(app, Ballot) == 0


@pytest.mark.parametrize("name", PERSONAS)
def test_results_are_public_once_frozen(app, client, login, name):
    cast = build("results")
    _as(client, login, cast, name)
    response = client.get(f"/assemblee/{cast.edition.year}/resultats")
    assert response.status_code == 200
    assert "Quorum of 25% not met." in response.get_data(as_text=True)


def test_results_wait_for_the_close(app, client):
    cast = build()
    html = client.get(f"/assemblee/{cast.edition.year}/resultats").get_data(as_text=True)
    assert "The results are published here on" in html


@pytest.mark.parametrize("name", PERSONAS)
def test_receipts_are_checked_by_signed_in_people(app, client, login, name):
    cast = build("results")
    _as(client, login, cast, name)
    response = post_form(
        client, f"/assemblee/{cast.edition.year}/vote/recu", {"code": "AAAA-BBBB-CCCC-DDDD"}
    )
    if _refused(response, name, set(PERSONAS) - {"anonymous"}):
        return
    assert "No ballot of this assembly carries this code." in response.get_data(as_text=True)


@pytest.mark.parametrize("name", PERSONAS)
def test_proxies_are_given_by_signatories_of_organisations_before_the_vote(
    app, client, login, name
):
    cast = build("evaluation")
    _as(client, login, cast, name)
    target = factories.ally()
    giver = cast.other_organisation if name == "holder" else cast.organisation
    response = post_form(
        client,
        f"/assemblee/{cast.edition.year}/vote/pouvoir",
        {"giver": giver.id, "holder": target.id},
    )
    if _refused(response, name, set(PERSONAS) - {"anonymous"}):
        return
    assert response.status_code == 302
    if name not in {"signatory", "second", "holder"}:
        assert _count(app, Proxy) == 1  # no organisation of theirs to give
        return
    # The holder's organisation holds a proxy: it cannot give its own voice away.
    assert _count(app, Proxy) == (1 if name == "holder" else 2)


@pytest.mark.parametrize("name", PERSONAS)
def test_a_proxy_is_withdrawn_by_a_signatory_of_its_giver(app, client, login, name):
    cast = build("evaluation")
    signer = factories.user()
    with app.app_context():
        proxy = db.session.scalar(select(Proxy))
        proxy_id, giver_id = proxy.id, proxy.giver_organisation_id
    _as(client, login, cast, name)
    # Even the holder's side cannot take back a proxy it did not give.
    response = post_form(client, f"/assemblee/{cast.edition.year}/vote/pouvoir/{proxy_id}/retirer")
    _refused(response, name, set(PERSONAS) - {"anonymous"})
    assert _count(app, Proxy) == 1
    with app.app_context():
        from portal.alliance.models import Organisation

        factories.signature(
            signer=signer, organisation=db.session.get(Organisation, giver_id), version=9
        )
    login(client, signer)
    response = post_form(client, f"/assemblee/{cast.edition.year}/vote/pouvoir/{proxy_id}/retirer")
    assert response.status_code == 302
    assert _count(app, Proxy) == 0


@pytest.mark.parametrize("name", PERSONAS)
def test_allies_stand_for_elections_before_the_vote(app, client, login, name):
    cast = build("evaluation")
    _as(client, login, cast, name)
    response = post_form(
        client,
        f"/assemblee/{cast.edition.year}/vote/election/{cast.election.id}/candidature",
        {"statement": "I will serve the alliance."},
    )
    if _refused(response, name, VOTERS):
        assert _count(app, Candidacy) == 2
        return
    assert response.status_code == 302
    assert _count(app, Candidacy) == 3


def test_candidacies_are_refused_once_the_vote_opened(app, client, login):
    cast = build()
    login(client, cast.people["individual"])
    response = post_form(
        client,
        f"/assemblee/{cast.edition.year}/vote/election/{cast.election.id}/candidature",
        {"statement": "Late."},
        follow_redirects=True,
    )
    assert "can no longer change" in response.get_data(as_text=True)
    assert _count(app, Candidacy) == 2


@pytest.mark.parametrize("name", PERSONAS)
def test_only_admins_prepare_the_vote(app, client, login, name):
    cast = build("evaluation")
    year = cast.edition.year
    _as(client, login, cast, name)
    with app.app_context():
        candidacy_id = db.session.scalar(select(Candidacy.id))
    answers = [
        client.get(f"/assemblee/{year}/vote/preparer"),
        post_form(
            client,
            f"/assemblee/{year}/vote/preparer",
            {"kind": "motion", "topic": "report", "title": "Approve the report", "seats": "1"},
        ),
        post_form(
            client,
            f"/assemblee/{year}/vote/preparer/reglages",
            {
                "organisations_weight": "1",
                "individuals_college_weight": "5",
                "quorum_percent": "30",
            },
        ),
        post_form(client, f"/assemblee/{year}/vote/preparer/proces-verbal", {"body": "# PV"}),
        post_form(
            client,
            f"/assemblee/{year}/vote/preparer/candidatures/{candidacy_id}",
            {"decision": "refuse"},
        ),
        client.get(f"/assemblee/{year}/vote/preparer/{cast.motion.id}/modifier"),
        post_form(
            client,
            f"/assemblee/{year}/vote/preparer/{cast.motion.id}/modifier",
            {"kind": "motion", "topic": "orientations", "title": "Orientations 2027", "seats": "1"},
        ),
        post_form(client, f"/assemblee/{year}/vote/preparer/{cast.motion.id}/supprimer"),
    ]
    for response in answers:
        if _refused(response, name, {"admin"}):
            continue
        assert response.status_code in (200, 302)
    with app.app_context():
        titles = set(db.session.scalars(select(VoteItem.title)))
        minutes = db.session.scalar(select(Minutes.body))
    if name == "admin":
        assert "Approve the report" in titles and "Adopt the orientations" not in titles
        assert minutes == "# PV"
    else:
        assert "Approve the report" not in titles and minutes is None


def test_the_ballot_cannot_change_once_the_vote_opened(app, client, login):
    cast = build()
    login(client, cast.people["admin"])
    response = post_form(
        client,
        f"/assemblee/{cast.edition.year}/vote/preparer",
        {"kind": "motion", "topic": "report", "title": "Late motion", "seats": "1"},
        follow_redirects=True,
    )
    assert "can no longer change" in response.get_data(as_text=True)
    with app.app_context():
        assert "Late motion" not in set(db.session.scalars(select(VoteItem.title)))


def test_an_unknown_edition_is_not_found(app, client, login):
    cast = build()
    login(client, cast.people["admin"])
    assert client.get("/assemblee/1900/vote").status_code == 404
    assert client.get("/assemblee/1900/resultats").status_code == 404


@pytest.mark.parametrize("name", ["signatory", "holder", "individual", "ally"])
def test_before_the_vote_signatories_find_the_proxy_and_candidacy_forms(app, client, login, name):
    cast = build("evaluation")
    login(client, cast.people[name])
    html = client.get(f"/assemblee/{cast.edition.year}/vote").get_data(as_text=True)
    assert ('action="/assemblee/' + str(cast.edition.year) + '/vote/pouvoir"' in html) == (
        name in {"signatory", "holder"}
    )
    assert ("/candidature" in html) == (name != "ally")
    assert "Cast this ballot" not in html


def test_after_the_close_the_vote_page_leads_to_the_results_and_receipts(app, client, login):
    cast = build("results")
    login(client, cast.people["signatory"])
    html = client.get(f"/assemblee/{cast.edition.year}/vote").get_data(as_text=True)
    assert f"/assemblee/{cast.edition.year}/resultats" in html
    assert "Cast this ballot" not in html


def test_the_signatories_of_a_giver_read_whom_their_voice_went_to(app, client, login):
    cast = build()
    factories.vote_proxy(cast.edition, cast.organisation, factories.ally(name="Receveuse"))
    login(client, cast.people["second"])
    html = client.get(f"/assemblee/{cast.edition.year}/vote").get_data(as_text=True)
    assert "gives its voice to Receveuse" in html
    assert "Cast this ballot" not in html
