"""Dispositifs' rules: status from dates and calls, the catalogue's filters, slugs,
facilitators, and the timeline."""

from __future__ import annotations

from datetime import UTC, date, datetime

from portal.core.extensions import db
from portal.programmes import services, timeline
from portal.programmes.models import Programme
from tests import factories

#: 5 December 2026 at noon in Paris.
NOW = datetime(2026, 12, 5, 11, 0, tzinfo=UTC)


def _load(*made) -> list[Programme]:
    """The programmes again, with their editions, in the app context."""
    ids = [p.id for p in made]
    query = services.list_query(services.ProgrammeFilters()).where(Programme.id.in_(ids))
    found = {p.id: p for p in db.session.scalars(query)}
    return [found[i] for i in ids]


def _slugs(filters: services.ProgrammeFilters, now=NOW) -> set[str]:
    """Slugs the catalogue lists with `filters`."""
    return {p.slug for p in db.session.scalars(services.list_query(filters, now))}


def test_the_status_follows_the_dates(app):
    upcoming = factories.programme(starts_on=date(2027, 1, 1), ends_on=date(2027, 6, 1))
    running = factories.programme(starts_on=date(2026, 1, 1), ends_on=date(2027, 6, 1))
    finished = factories.programme(starts_on=date(2025, 1, 1), ends_on=date(2026, 1, 1))
    undated = factories.programme(starts_on=None, ends_on=None)
    with app.app_context():
        statuses = [
            c.status for c in services.cards(_load(upcoming, running, finished, undated), NOW)
        ]
    assert statuses == ["upcoming", "running", "finished", "running"]


def test_an_open_call_on_an_edition_makes_the_programme_open_for_applications(app, open_calls):
    cohort, other = factories.space(), factories.space()
    journey = factories.programme(editions=(other, cohort), starts_on=date(2027, 1, 1))
    community = factories.programme(
        kind="learning_community",
        starts_on=None,
        ends_on=None,
        editions=(factories.space(kind="community"),),
    )
    series = factories.programme(kind="event_series")
    plain = factories.programme(kind="accompaniment")
    asked = open_calls(cohort)
    with app.app_context():
        cards = services.cards(_load(journey, community, series, plain), NOW)
        assert [c.status for c in cards] == ["open", "running", "upcoming", "upcoming"]
        assert [c.action for c in cards] == ["apply", "join", "register", "read"]
        assert cards[0].edition.space_id == cohort.id  # the edition with the open call
    assert len(asked) == 1  # one question to the calls package for the whole page


def test_the_catalogue_filters_by_kind_audience_and_region(app):
    factories.programme(slug="national", audience_kinds=["collectivite"], regions=[])
    factories.programme(slug="occitan", audience_kinds=["association"], regions=["occitanie"])
    factories.programme(slug="breton", kind="learning_community", regions=["bretagne"])
    with app.app_context():
        assert _slugs(services.ProgrammeFilters(kind="learning_community")) == {"breton"}
        assert _slugs(services.ProgrammeFilters(audience="collectivite")) == {"national"}
        # A nationwide programme (no region) runs in every region.
        assert _slugs(services.ProgrammeFilters(region="occitanie")) == {"national", "occitan"}


def test_the_catalogue_filters_by_status_an_open_call_winning_over_dates(app, open_calls):
    cohort = factories.space()
    factories.programme(slug="soon", starts_on=date(2027, 1, 1), editions=(cohort,))
    factories.programme(slug="later", starts_on=date(2027, 1, 1))
    factories.programme(slug="now", starts_on=date(2026, 1, 1), ends_on=None)
    factories.programme(slug="past", starts_on=date(2020, 1, 1), ends_on=date(2021, 1, 1))
    open_calls(cohort)
    with app.app_context():
        assert _slugs(services.ProgrammeFilters(status="open")) == {"soon"}
        assert _slugs(services.ProgrammeFilters(status="upcoming")) == {"later"}
        assert _slugs(services.ProgrammeFilters(status="running")) == {"now"}
        assert _slugs(services.ProgrammeFilters(status="finished")) == {"past"}


def test_a_slug_never_takes_a_fixed_route_of_the_catalogue(app):
    with app.app_context():
        assert services.unique_slug("Frise") == "frise-2"
        assert services.unique_slug("Propositions") == "propositions-2"
        made = services.create_programme({"title": "Parcours", "kind": "other"})
        assert made.slug == "parcours"
        assert services.unique_slug("Parcours") == "parcours-2"


def test_the_facilitators_are_those_of_the_linked_spaces_each_once(app):
    first, second, unrelated = factories.space(), factories.space(), factories.space()
    claire, hugo, member = (factories.user(display_name=n) for n in ("Claire", "Hugo", "Léa"))
    for space in (first, second):
        factories.membership(space, claire, role="facilitator")
    factories.membership(second, hugo, role="facilitator")
    factories.membership(first, member)
    factories.membership(unrelated, factories.user(), role="facilitator")
    programme = factories.programme(editions=(first, second))
    with app.app_context():
        loaded = services.load_programme(programme.slug)
        names = [u.display_name for u in services.facilitators(loaded)]
    assert names == ["Claire", "Hugo"]


def test_a_space_runs_one_programme_at_most(app):
    space = factories.space()
    factories.programme(editions=(space,))
    other = factories.programme()
    with app.app_context():
        loaded = db.session.get(Programme, other.id)
        try:
            services.add_edition(loaded, db.session.merge(space))
        except services.ProgrammeRuleError:
            pass
        else:  # pragma: no cover - the rule must hold
            raise AssertionError("a second programme took the space")
        assert services.free_spaces() == []


def test_the_timeline_groups_programmes_since_2020_and_every_milestone_by_year(app):
    factories.milestone(title="Villes pairs", happened_on=date(2018, 11, 20))
    factories.milestone(title="Appel", happened_on=date(2020, 6, 15))
    factories.programme(title="Ancien", starts_on=date(2019, 1, 1))
    factories.programme(title="Parcours", starts_on=date(2020, 9, 1))
    with app.app_context():
        years = timeline.by_year(timeline.items())
    assert [y.year for y in years] == [2018, 2020]
    assert [i.title for i in years[1].items] == ["Appel", "Parcours"]
    assert years[0].y < years[1].y
