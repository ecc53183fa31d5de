"""seed-demo prepares a reminder and a digest: the first worker turn writes both as .eml files."""

from __future__ import annotations

from email import message_from_bytes, policy
from pathlib import Path

from sqlalchemy import select


def test_seed_demo_then_one_worker_turn_writes_a_reminder_and_a_digest(app, runner, deliver):
    from portal.accounts.models import User
    from portal.core.db import utcnow
    from portal.core.extensions import db
    from portal.notifications.models import OutboxEmail
    from portal.notifications.schedulers import run_schedulers

    first = runner.invoke(args=["portal", "seed-demo"])
    assert first.exit_code == 0, first.output
    assert "Demo member: registered for a session within 24 hours." in first.output
    second = runner.invoke(args=["portal", "seed-demo"])
    assert "Demo member: already registered" in second.output
    assert "Digest demo: 0 pieces of activity added." in second.output

    with app.app_context():
        counts = run_schedulers(utcnow())
        member = db.session.scalar(select(User).where(User.email == "membre@example.org"))
        rows = {
            row.template: row
            for row in db.session.scalars(
                select(OutboxEmail).where(OutboxEmail.user_id == member.id)
            )
        }
        assert counts["reminders"] >= 1 and counts["digests"] >= 1
        assert {"meetings/reminder", "digests/digest"} <= set(rows)
        digest = rows["digests/digest"].body_text
        for piece in (
            "Convention de partenariat de la ressourcerie",
            "Bienvenue : présentez votre territoire",
            "Retours d'expérience proches des vôtres",  # the demo member reads French
            "Nouveaux alliés",
        ):
            assert piece in digest
        reminder_id = rows["meetings/reminder"].id

    assert deliver().sent >= 2
    mail_dir = Path(app.config["MAIL_FILE_DIR"])
    [eml] = mail_dir.glob(f"{reminder_id:06d}-reminder-*.eml")
    message = message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert [p.get_content_type() for p in message.iter_attachments()] == ["text/calendar"]
