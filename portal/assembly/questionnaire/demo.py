"""Demo data of the questionnaire: a questionnaire ready for the 2027 edition, and for the
2026 edition a closed questionnaire with a dozen answers so that its results show. Safe to run
again: questions and answers are only added where there are none. The editions themselves are
the governance demo's: a missing one is skipped with a line."""

from __future__ import annotations

from sqlalchemy import select

from portal.accounts.demo import seed_account
from portal.assembly.loading import edition_by_year
from portal.assembly.models import AssemblyEdition
from portal.assembly.questionnaire.compose import questions_of
from portal.assembly.questionnaire.models import QuestionnaireQuestion, QuestionnaireResponse
from portal.core.db import utcnow
from portal.core.extensions import db

#: (label, kind, required, choices, hint)
QUESTIONS = (
    ("Dans l'ensemble, l'alliance vous a-t-elle été utile cette année ?", "scale", True, [], ""),
    (
        "Ce qui vous a le plus servi",
        "one_choice",
        True,
        ["Les promotions", "Les communautés", "La bibliothèque", "Les rencontres"],
        "",
    ),
    (
        "Les formats auxquels vous avez participé",
        "several_choices",
        False,
        ["Séances en visio", "Visites de territoire", "Forums", "Assemblée"],
        "Cochez tout ce qui s'applique.",
    ),
    ("Que devrait changer l'alliance l'an prochain ?", "long_text", False, [], ""),
)
#: The 2026 answers: (scale, one choice, several choices, text, organisation kind, region).
ANSWERS_2026 = (
    (5, "Les promotions", [0, 1], "Plus de visites entre territoires.", "collectivite", "bretagne"),
    (4, "Les promotions", [0], "", "collectivite", "bretagne"),
    (4, "Les communautés", [0, 2], "Des séances le soir.", "collectivite", "occitanie"),
    (3, "La bibliothèque", [2], "", "collectivite", "bretagne"),
    (5, "Les rencontres", [1, 3], "Une assemblée plus longue.", "collectivite", "grand-est"),
    (4, "Les communautés", [0], "", "association", "bretagne"),
    (2, "La bibliothèque", [], "Mieux classer les ressources.", "association", "occitanie"),
    (4, "Les promotions", [0, 1, 3], "", "association", "bretagne"),
    (5, "Les communautés", [2], "Continuer ainsi !", "association", "bretagne"),
    (3, "Les rencontres", [3], "", "association", "normandie"),
    (4, "Les promotions", [0], "Des traductions des ressources.", "individual", ""),
    (1, "Les rencontres", [], "", "individual", ""),
)


def _questions(edition: AssemblyEdition) -> tuple[list[QuestionnaireQuestion], bool]:
    """The edition's questions, the demo's ones added if it has none; (questions, added)."""
    existing = questions_of(edition.id)
    if existing:
        return existing, False
    for position, (label, kind, required, choices, hint) in enumerate(QUESTIONS, 1):
        db.session.add(
            QuestionnaireQuestion(
                edition_id=edition.id,
                position=position,
                label=label,
                kind=kind,
                is_required=required,
                choices=list(choices),
                hint=hint,
            )
        )
    db.session.flush()
    return questions_of(edition.id), True


def _answers_2026(edition: AssemblyEdition, questions: list) -> int:
    """A dozen answers by demo respondents, unless the edition has answers already."""
    if db.session.scalar(
        select(QuestionnaireResponse.id).where(QuestionnaireResponse.edition_id == edition.id)
    ):
        return 0
    scale, useful, formats, text = (str(q.id) for q in questions[:4])
    choices = questions[2].choices
    now = utcnow()
    for n, (value, pick, picked, words, kind, region) in enumerate(ANSWERS_2026, 1):
        person, _created = seed_account(f"repondant{n}@example.org", f"Répondant·e {n}", "member")
        answers = {scale: value, useful: pick}
        if picked:
            answers[formats] = [choices[i] for i in picked]
        if words:
            answers[text] = words
        db.session.add(
            QuestionnaireResponse(
                edition_id=edition.id,
                respondent_id=person.id,
                organisation_kind=kind,
                region=region,
                answers=answers,
                created_at=now,
                updated_at=now,
            )
        )
    db.session.flush()
    return len(ANSWERS_2026)


def seed_questionnaire_demo() -> list[str]:
    """The 2027 questionnaire ready, the 2026 one answered; a line per step."""
    lines = []
    upcoming = edition_by_year(2027)
    if upcoming is None:
        lines.append("Questionnaire 2027: skipped (no 2027 assembly edition).")
    else:
        _questions_2027, added = _questions(upcoming)
        lines.append(f"Questionnaire 2027: {'added' if added else 'already there'}.")
    past = edition_by_year(2026)
    if past is None:
        lines.append("Questionnaire 2026: skipped (no 2026 assembly edition).")
        return lines
    questions, _added = _questions(past)
    if [q.kind for q in questions[:4]] != [q[1] for q in QUESTIONS]:
        lines.append("Questionnaire 2026 answers: skipped (its questions are not the demo's).")
        return lines
    count = _answers_2026(past, questions)
    lines.append(f"Questionnaire 2026 answers: {count} added.")
    if not past.has_closed("evaluation", utcnow()):
        lines.append("Questionnaire 2026: its evaluation phase is not closed, results wait.")
    return lines
