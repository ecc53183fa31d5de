"""The answers lower layers ask of higher ones (core.lookups and the other registries).

Core, accounts, spaces and notifications import no domain above them; the domains
register the answers when their package is imported, and the app imports them all.
"""

from __future__ import annotations

import pytest

from portal.core import lookups

QUESTIONS = (
    "space_role",
    "space_roles",
    "experience_of_thread",
    "organisation_signatory",
    "writable_organisations",
    "listed_charter_version",
    "organisation_experiences",
    "search.index_post",
    "search.remove_post",
    "search.index_material",
    "search.remove_material",
    "search.index_experience",
    "search.remove_experience",
)


@pytest.mark.parametrize("question", QUESTIONS)
def test_the_app_has_an_answer_to_every_question_core_and_the_domains_ask(app, question):
    assert lookups.answers(question)


def test_a_question_nobody_answers_is_a_loud_error_not_a_silent_no():
    with pytest.raises(LookupError, match="no-such-question"):
        lookups.ask("no-such-question", 1)


def test_the_space_page_panels_come_from_the_domains_that_own_them(app):
    from portal.spaces import page

    assert set(page._PANELS) == {"sessions", "materials", "threads"}
    assert page.panel("nobody-registered-this", None, None) == []


def test_schedulers_run_in_their_order_whatever_the_import_order(app):
    from portal.notifications.schedulers import _registry, horizons

    assert list(_registry()) == [
        "reminders",
        "catchups",
        "digests",
        "assembly-phases",
        "vote-results",
        "purged",
    ]
    with app.app_context():  # the reminders' horizon reads the configured offsets
        assert len(horizons()) == 5  # one per registered scheduler


def test_the_two_factor_rule_knows_who_facilitates_from_spaces(app):
    from portal.accounts import twofactor
    from portal.spaces import queries

    assert twofactor._FACILITATES == [queries.facilitates_a_space]
