"""The figures' contract: the dict's shape and order, JSON as is, labels in both languages,
the under-5 rule, and a number of queries that does not grow with the data."""

from __future__ import annotations

import json
from datetime import timedelta

from flask_babel import force_locale

from portal.reports.figures import (
    FEWER_THAN_5_TEXT,
    SCHEMA_VERSION,
    SECTIONS,
    category_label,
    compute_figures,
    figure_label,
)
from portal.reports.figures.period import breakdown, masked, rate
from tests import factories
from tests.reports.helpers import AFTER_2025, at, figures


def test_every_section_and_figure_of_the_labels_is_computed_in_order():
    result = figures()

    assert result["schema"] == SCHEMA_VERSION
    assert result["year"] == 2025
    assert list(result["sections"]) == list(SECTIONS)
    for key, (_label, totals, breakdowns) in SECTIONS.items():
        assert list(result["sections"][key]["totals"]) == list(totals)
        assert list(result["sections"][key]["breakdowns"]) == list(breakdowns)
    assert json.loads(json.dumps(result)) == result


def test_breakdown_rows_omit_zeros_and_mask_counts_from_one_to_four():
    rows = [("b", 0), ("c", 1), ("a", 4), ("d", 5), ("zz", 7), (None, 3)]

    assert breakdown(rows, order=["d", "c", "b", "a"]) == [
        {"key": "d", "value": 5},
        {"key": "c", "value": None},
        {"key": "a", "value": None},
        {"key": "zz", "value": 7},
    ]
    assert [masked(n) for n in (0, 1, 4, 5, None)] == [0, None, None, 5, 0]
    assert (rate(1, 3), rate(0, 0), rate(2, 2)) == (0.3333, None, 1.0)


def test_labels_read_in_either_language(app):
    theme = {"key": "food", "label": "Alimentation", "label_en": "Food", "value": 6}
    with app.test_request_context():
        with force_locale("en"):
            english = (
                str(figure_label("activity", "attendance_rate")),
                category_label("by_theme", theme),
                category_label("by_kind", {"key": "association", "value": None}),
                category_label("by_region", {"key": "la-reunion", "value": 5}),
                str(FEWER_THAN_5_TEXT),
            )
        with force_locale("fr"):
            french = category_label("by_theme", theme)
        unknown = figure_label("activity", "gone"), category_label("by_kind", {"key": "x"})

    assert english == ("Attendance rate", "Food", "Association", "La Réunion", "fewer than 5")
    assert french == "Alimentation"
    assert unknown == ("gone", "x")


def world(size: int, edition) -> None:
    """Data in every section, `size` times over (the dates matter not: every row is read)."""
    call = factories.call_for(factories.space())
    for _ in range(size):
        organisation = factories.organisation(kind="collectivite")
        factories.signature(organisation=organisation, signed_at=at(2025, 2, 1))
        person = factories.signed_ally(organisation_id=organisation.id)
        space = factories.space()
        meeting = factories.meeting(
            space, starts_at=at(2025, 3, 1), ends_at=at(2025, 3, 1) + timedelta(hours=2)
        )
        factories.registration(meeting, person, attended=True)
        factories.programme(starts_on=at(2025, 1, 1).date(), editions=[space])
        factories.application(call, person, organisation=organisation, state="accepted")
        factories.experience(organisation, author=person, themes=("food", "energy"))
        factories.shared_resource(status="published")
        factories.material(space)
        factories.post(factories.thread(space), person)
        factories.contribution(edition, person)
        factories.questionnaire_response(edition, person, {})
        factories.vote_proxy(edition, organisation, factories.ally())
    factories.registration(factories.meeting(factories.space(), starts_in_days=-1), person)


def selects(statements) -> int:
    """The queries among `statements` (SQLite's BEGIN is not one)."""
    return sum(1 for s in statements if s.lstrip().upper().startswith(("SELECT", "WITH")))


def test_the_number_of_queries_does_not_grow_with_the_data(app, count_queries):
    counts = []
    edition = factories.assembly_edition(2025)
    for size in (1, 4):
        world(size, edition)
        with app.app_context(), count_queries() as statements:
            compute_figures(2025, now=AFTER_2025)
        counts.append(selects(statements))
    with app.app_context(), count_queries() as statements:
        compute_figures(2031, now=AFTER_2025)
    counts.append(selects(statements))

    # Three for the allies, five for the activity, one each for applications and resources,
    # three for the experiences, two for the forums and for the assembly.
    assert counts == [17, 17, 17]
