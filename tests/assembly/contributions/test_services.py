"""Contributions' rules: the phase, one support per person, counts after merges and
withdrawals, the random order's stability, the answers' emails."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.accounts.models import User
from portal.assembly.contributions import listing, services
from portal.assembly.contributions.models import Contribution, ContributionSupport
from portal.assembly.models import AssemblyEdition
from portal.core.db import utcnow
from portal.core.extensions import db
from portal.forums.models import Thread
from tests import factories


def _get(model, obj):
    return db.session.get(model, obj.id)


def _counts(contribution):
    return listing.counts([contribution.id])[contribution.id]


def test_a_signed_ally_contributes_for_their_organisation_with_a_thread(app, people, consultation):
    with app.app_context():
        author = _get(User, people.org_signatory)
        contribution = services.submit(
            _get(AssemblyEdition, consultation),
            author,
            title="Plus de coopération",
            body="**Coopérons** <script>alert(1)</script>",
            fundamental="cooperation",
            theme_keys=["energy"],
            organisation=services.signed_organisations(author)[0],
        )
        db.session.commit()
        assert contribution.organisation_id == people.organisation.id
        assert "<strong>Coopérons</strong>" in contribution.body_html
        assert "<script>" not in contribution.body_html
        assert [t.key for t in contribution.themes] == ["energy"]
        thread = db.session.get(Thread, contribution.thread_id)
        assert thread.space_id is None
        assert services.contribution_for_thread(thread.id).id == contribution.id


def test_nobody_contributes_for_an_organisation_they_did_not_sign_for(app, people, consultation):
    with app.app_context():
        with pytest.raises(services.ContributionError):
            services.submit(
                _get(AssemblyEdition, consultation),
                _get(User, people.individual),
                title="T",
                body="B",
                fundamental="value",
                organisation=db.session.merge(people.organisation),
            )


@pytest.mark.parametrize("phase", ["evaluation", "vote", "results"])
def test_contributing_and_supporting_are_refused_outside_the_consultation(app, people, phase):
    edition = factories.assembly_edition(phase=phase)
    contribution = factories.contribution(edition, people.individual)
    with app.app_context():
        with pytest.raises(services.ContributionError):
            services.submit(
                _get(AssemblyEdition, edition),
                _get(User, people.individual),
                title="Late",
                body="Too late",
                fundamental="value",
            )
        item = _get(Contribution, contribution)
        with pytest.raises(services.ContributionError):
            services.support(item, _get(User, people.org_signatory))
        with pytest.raises(services.ContributionError):
            services.withdraw_support(item, _get(User, people.individual))
        with pytest.raises(services.ContributionError):
            services.edit(item, title="X", body="Y", fundamental="value")


def test_the_consultation_refuses_at_its_closing_moment(app, people, consultation):
    contribution = factories.contribution(consultation, people.individual)
    with app.app_context():
        item = _get(Contribution, contribution)
        closes = item.edition.consultation_closes_at
        services.support(item, _get(User, people.admin), now=closes - timedelta(seconds=1))
        with pytest.raises(services.ContributionError):
            services.withdraw_support(item, _get(User, people.admin), now=closes)


def test_one_support_per_person(app, people, consultation):
    contribution = factories.contribution(consultation, people.individual)
    with app.app_context():
        item = _get(Contribution, contribution)
        person = _get(User, people.org_signatory)
        assert services.support(item, person) is True
        assert services.support(item, person) is False
        db.session.commit()
        assert _counts(item).people == 1
        with pytest.raises(Exception):  # noqa: B017 - the database refuses a second row
            with db.session.begin_nested():
                db.session.add(ContributionSupport(contribution_id=item.id, user_id=person.id))


def test_two_signatories_of_one_organisation_count_it_once(app, people, consultation):
    contribution = factories.contribution(consultation, people.unsigned)
    for person in (people.org_signatory, people.second_signatory, people.individual):
        factories.contribution_support(contribution, person)
    with app.app_context():
        counts = _counts(_get(Contribution, contribution))
        assert (counts.people, counts.organisations) == (3, 1)


def test_a_withdrawn_support_no_longer_counts(app, people, consultation):
    contribution = factories.contribution(consultation, people.individual)
    factories.contribution_support(contribution, people.org_signatory)
    factories.contribution_support(contribution, people.second_signatory)
    with app.app_context():
        item = _get(Contribution, contribution)
        assert services.withdraw_support(item, _get(User, people.org_signatory)) is True
        assert services.withdraw_support(item, _get(User, people.org_signatory)) is False
        db.session.commit()
        assert (_counts(item).people, _counts(item).organisations) == (1, 1)
        services.withdraw_support(item, _get(User, people.second_signatory))
        db.session.commit()
        assert (_counts(item).people, _counts(item).organisations) == (0, 0)


def test_a_merge_moves_the_supports_counting_each_person_once(app, people, consultation, outbox):
    source = factories.contribution(consultation, people.individual, title="Source")
    target = factories.contribution(consultation, people.org_signatory, title="Target")
    factories.contribution_support(source, people.second_signatory)  # supports both
    factories.contribution_support(target, people.second_signatory)
    factories.contribution_support(source, people.unsigned)
    factories.contribution_support(source, people.org_signatory)  # the target's author
    with app.app_context():
        item, into = _get(Contribution, source), _get(Contribution, target)
        services.answer(item, _get(User, people.admin), state="merged", merged_into=into)
        db.session.commit()
        counts = _counts(into)
        assert (counts.people, counts.organisations) == (3, 1)
        assert _counts(item).people == 0
        assert item.merged_into_id == into.id
        with pytest.raises(services.ContributionError):
            services.support(item, _get(User, people.admin))
    # The source's author and its three supporters are told, each once.
    assert len(outbox(template="assembly/contribution_answer")) == 4


def test_not_retained_needs_a_reason_and_tells_in_each_language(app, people, consultation, outbox):
    french = factories.signed_ally(locale="fr")
    contribution = factories.contribution(consultation, people.individual, title="Idée")
    factories.contribution_support(contribution, french)
    with app.app_context():
        item = _get(Contribution, contribution)
        admin = _get(User, people.admin)
        with pytest.raises(services.ContributionError):
            services.answer(item, admin, state="not_retained", reason="  ")
        services.answer(item, admin, state="not_retained", reason="Hors du champ de la charte.")
        db.session.commit()
        services.answer(item, admin, state="not_retained", reason="Hors du champ de la charte.")
        db.session.commit()  # the same answer again: nobody is emailed twice
    rows = outbox(template="assembly/contribution_answer")
    assert len(rows) == 2
    by_user = {row["user_id"]: row for row in rows}
    assert "Not retained" in by_user[people.individual.id]["body_text"]
    assert by_user[people.individual.id]["body_text"].startswith("Hello")
    assert by_user[french.id]["body_text"].startswith("Bonjour")  # the new texts: lead's catalog


def test_merging_into_a_merged_contribution_is_refused(app, people, consultation):
    first = factories.contribution(consultation, people.individual)
    second = factories.contribution(consultation, people.individual)
    with app.app_context():
        admin = _get(User, people.admin)
        services.answer(
            _get(Contribution, first),
            admin,
            state="merged",
            merged_into=_get(Contribution, second),
        )
        db.session.commit()
        with pytest.raises(services.ContributionError):
            services.answer(
                _get(Contribution, second),
                admin,
                state="merged",
                merged_into=_get(Contribution, first),
            )


def test_the_random_order_is_stable_per_seed_and_differs_between_seeds(app, people, consultation):
    for _ in range(12):
        factories.contribution(consultation, people.individual)
    with app.app_context():
        edition = _get(AssemblyEdition, consultation)
        filters = listing.ListFilters(sort="random")

        def order(seed):
            return [c.id for c in db.session.scalars(listing.list_query(edition, filters, seed))]

        assert order(12345) == order(12345)
        assert sorted(order(12345)) == sorted(order(777))
        assert len({tuple(order(seed)) for seed in (3, 12345, 777, 99991)}) > 1


def test_sorts_by_supports_and_comments(app, people, consultation):
    quiet = factories.contribution(consultation, people.individual, title="Quiet")
    loved = factories.contribution(consultation, people.individual, title="Loved")
    talked = factories.contribution(consultation, people.individual, title="Talked")
    factories.contribution_support(loved, people.org_signatory)
    with app.app_context():
        thread = db.session.get(Thread, talked.thread_id)
        factories.post(thread, people.admin)
        edition = _get(AssemblyEdition, consultation)

        def titles(sort, **filters):
            query = listing.list_query(edition, listing.ListFilters(sort=sort, **filters), 1)
            return [c.title for c in db.session.scalars(query)]

        assert titles("supported")[0] == "Loved"
        assert titles("discussed")[0] == "Talked"
        assert titles("newest") == ["Talked", "Loved", "Quiet"]
        assert titles("newest", state="open") == ["Talked", "Loved", "Quiet"]
        assert titles("newest", state="retained") == []
        assert titles("newest", fundamental="value") == []
    assert quiet.id


def test_thread_rules_follow_the_contribution(app, people, consultation):
    from portal.core import permissions

    contribution = factories.contribution(consultation, people.individual)
    with app.app_context():
        thread = db.session.get(Thread, contribution.thread_id)
        assert permissions.can_see_thread(_get(User, people.unsigned), thread)
        assert permissions.can_post_in_thread(_get(User, people.unsigned), thread)
        assert not permissions.can_see_thread(None, thread)
        assert not permissions.can_moderate_thread(_get(User, people.admin), thread)
        assert db.session.scalar(select(Contribution.id).where(Contribution.thread_id == thread.id))
        assert utcnow()


def test_the_export_lists_contributions_and_deletion_removes_supports(app, people, consultation):
    from portal.core.personal_data import erase_everywhere, export_sections

    contribution = factories.contribution(consultation, people.individual, title="Mienne")
    factories.contribution_support(contribution, people.individual)
    with app.app_context():
        person = _get(User, people.individual)
        section = export_sections(person)["assembly_contributions"]
        assert [c["title"] for c in section["written"]] == ["Mienne"]
        assert [s["contribution"] for s in section["supported"]] == ["Mienne"]
        erase_everywhere(person)
        db.session.flush()
        assert _counts(_get(Contribution, contribution)).people == 0
        db.session.rollback()
