"""Results are frozen at the close and published at the results date; admins read them first."""

from __future__ import annotations

from datetime import timedelta

from portal.assembly.models import AssemblyEdition
from portal.core.db import utcnow
from portal.core.extensions import db
from tests.assembly.vote.helpers import build


def _results_later(app, cast):
    """Move the results date two days ahead; the vote has closed already."""
    with app.app_context():
        edition = db.session.get(AssemblyEdition, cast.edition.id)
        edition.results_at = utcnow() + timedelta(days=2)
        db.session.commit()


def test_before_the_results_date_allies_are_told_when(app, client, login):
    cast = build("results")
    _results_later(app, cast)
    login(client, cast.people["signatory"])
    page = client.get(f"/assemblee/{cast.edition.year}/resultats").get_data(as_text=True)
    assert "The results are published here on" in page
    assert "Quorum" not in page


def test_administrators_read_the_frozen_results_before_they_are_published(app, client, login):
    cast = build("results")
    _results_later(app, cast)
    login(client, cast.people["admin"])
    page = client.get(f"/assemblee/{cast.edition.year}/resultats").get_data(as_text=True)
    assert "Only administrators read these results until they are published on" in page
    assert "Quorum of 25% not met." in page


def test_from_the_results_date_everyone_reads_them(client):
    cast = build("results")
    page = client.get(f"/assemblee/{cast.edition.year}/resultats").get_data(as_text=True)
    assert "Quorum of 25% not met." in page
    assert "Only administrators" not in page
