"""Where each phase of an edition stands, and the edition form's rules."""

from __future__ import annotations

from datetime import datetime

import pytest
from werkzeug.datastructures import MultiDict

from portal.assembly.governance.editions import is_past, phase_states
from portal.assembly.governance.forms import EditionForm
from portal.core.db import utcnow
from tests import factories


def test_phases_read_open_to_come_or_closed(app):
    edition = factories.assembly_edition(phase="evaluation")
    states = {item.phase: item.state for item in phase_states(edition, utcnow())}
    assert states == {
        "consultation": "closed",
        "evaluation": "open",
        "vote": "upcoming",
        "results": "upcoming",
    }


def test_a_phase_without_dates_is_to_be_set(app):
    edition = factories.assembly_edition(phase="consultation", vote_opens_at=None)
    states = {item.phase: item.state for item in phase_states(edition, utcnow())}
    assert states["vote"] == "unscheduled"


def test_an_edition_with_its_results_out_is_past(app):
    assert is_past(factories.assembly_edition(phase="results"), utcnow())
    assert not is_past(factories.assembly_edition(phase="vote"), utcnow())


def form(app, **fields) -> EditionForm:
    data = MultiDict({"year": "2030", "title": "Assemblée 2030", **fields})
    with app.test_request_context(method="POST"):
        made = EditionForm(formdata=data, meta={"csrf": False})
        made.validate()
        return made


def test_moments_are_read_in_paris_time(app):
    made = form(app, vote_opens_at="2030-06-20T10:00", vote_closes_at="2030-06-20T16:00")
    assert made.details.vote_opens_at == datetime.fromisoformat("2030-06-20T08:00+00:00")


def test_a_time_skipped_by_the_spring_change_is_refused(app):
    made = form(app, vote_opens_at="2030-03-31T02:30")
    assert made.details is None and made.vote_opens_at.errors


@pytest.mark.parametrize(
    ("opens", "closes", "message"),
    [
        ("consultation_opens_at", "consultation_closes_at", "consultation must close"),
        ("evaluation_opens_at", "evaluation_closes_at", "evaluation must close"),
        ("vote_opens_at", "vote_closes_at", "vote must close"),
        ("starts_at", "ends_at", "assembly must end"),
    ],
)
def test_a_closing_at_or_before_its_opening_is_refused(app, opens, closes, message):
    made = form(app, **{opens: "2030-05-10T10:00", closes: "2030-05-10T10:00"})
    assert made.details is None
    assert message in str(made[closes].errors[0])
