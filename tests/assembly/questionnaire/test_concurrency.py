"""The same person sending their answers twice at once (two tabs, a double click) on
PostgreSQL: one response, no error (the edition's row lock orders the two)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.accounts.models import User
from portal.assembly.models import AssemblyEdition
from portal.assembly.questionnaire import answering
from portal.assembly.questionnaire.models import QuestionnaireResponse
from portal.core.db import utcnow
from portal.core.extensions import db
from tests.calls.test_concurrency import run_together


@pytest.mark.postgres_only
def test_a_double_first_answer_makes_one_response(app, scene):
    person = scene.people["organisation"]

    def send(satisfaction):
        edition = db.session.get(AssemblyEdition, scene.edition.id)
        user = db.session.get(User, person.id)
        data = scene.answers(**{scene.field(0): satisfaction})
        return answering.save_answer(edition, user, data, utcnow()).id

    outcomes = run_together(app, send, ["2", "5"])
    assert all(isinstance(o, int) for o in outcomes), outcomes
    with app.app_context():
        rows = db.session.scalars(select(QuestionnaireResponse)).all()
        assert len(rows) == 1
        assert rows[0].answers[str(scene.questions[0].id)] in (2, 5)
