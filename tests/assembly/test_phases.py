"""An edition's phases open and close by themselves at their dates."""

from __future__ import annotations

from datetime import timedelta

import pytest

from portal.core.db import utcnow
from tests import factories


@pytest.mark.parametrize("phase", ["consultation", "evaluation", "vote", "results"])
def test_only_the_phase_of_the_day_is_open(app, phase):
    edition = factories.assembly_edition(phase=phase)
    now = utcnow()
    assert edition.open_phases(now) == [phase]
    order = ["consultation", "evaluation", "vote", "results"]
    for before in order[: order.index(phase)]:
        assert edition.has_closed(before, now)


def test_a_phase_closes_at_its_closing_moment(app):
    edition = factories.assembly_edition(phase="vote")
    closes = edition.vote_closes_at
    assert edition.is_open("vote", closes - timedelta(seconds=1))
    assert not edition.is_open("vote", closes)
    assert edition.has_closed("vote", closes)


def test_a_phase_without_dates_never_opens(app):
    edition = factories.assembly_edition(vote_opens_at=None, vote_closes_at=None)
    assert not edition.is_open("vote", utcnow())
    assert not edition.has_closed("vote", utcnow())


def test_results_never_close(app):
    edition = factories.assembly_edition(phase="results")
    assert edition.is_open("results", utcnow() + timedelta(days=3650))
