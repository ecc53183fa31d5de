"""Results: counts per question, free texts without authors in an order that is not the
answers', breakdowns that hide groups of fewer than 5, and the anonymous CSV."""

from __future__ import annotations

import csv
import io

from portal.assembly.models import AssemblyEdition
from portal.assembly.questionnaire import results
from portal.core.extensions import db
from tests import factories


def answer(scene, person, satisfaction, useful, took_part, text=None, **profile):
    data = {
        str(scene.questions[0].id): satisfaction,
        str(scene.questions[1].id): useful,
        str(scene.questions[2].id): took_part,
    }
    if text:
        data[str(scene.questions[3].id)] = text
    factories.questionnaire_response(scene.edition, person, data, **profile)


def many_answers(scene):
    """6 associations in Bretagne, 2 universities in Corse, 1 individual."""
    for n in range(6):
        answer(
            scene, factories.user(), 4 + n % 2, "Forums", ["Visio"], f"Texte {5 - n}",
            kind="association", region="bretagne",
        )  # fmt: skip
    for _ in range(2):
        answer(scene, factories.user(), 2, "Cohorts", ["Visio", "Visits"], kind="universite",
               region="corse")  # fmt: skip
    answer(scene, factories.user(), 1, "Cohorts", [], "zèbre et ânes", kind="individual")


def computed(scene):
    with factories.context():
        return results.questionnaire_results(db.session.get(AssemblyEdition, scene.edition.id))


def test_counts_per_question_and_per_answer(scene):
    many_answers(scene)
    shown = computed(scene)
    assert shown.respondents == 9
    scale, useful, took_part, texts = shown.questions
    assert scale.options == [("1", 1), ("2", 2), ("3", 0), ("4", 3), ("5", 3)]
    assert useful.options == [("Cohorts", 3), ("Forums", 6)]
    assert took_part.options == [("Visio", 8), ("Visits", 2)]
    assert took_part.respondents == 8  # an empty list is no answer
    assert texts.respondents == 7 and not texts.has_counts


def test_free_texts_are_listed_by_text_not_by_answer_time(scene):
    many_answers(scene)
    texts = computed(scene).questions[3].texts
    assert texts == sorted(texts, key=str.casefold) and texts[0] == "Texte 0"


def test_the_small_group_rule_hides_breakdowns_below_5(scene):
    many_answers(scene)
    scale = computed(scene).questions[0]
    with factories.context():
        kind, region = results.kind_label, results.region_label
        shown = {row.label: row for row in scale.by_kind}
        assert shown[kind("association")].respondents == 6
        assert shown[kind("association")].counts == [0, 0, 0, 3, 3]
        for hidden in (kind("universite"), kind("individual")):
            assert shown[hidden].respondents is None and shown[hidden].counts is None
        regions = {row.label: row.respondents for row in scale.by_region}
        assert regions == {"Bretagne": 6, "Corse": None, region(""): None}


def test_the_csv_is_anonymous_and_masks_small_groups(scene, as_persona):
    many_answers(scene)
    page = as_persona("admin").get(f"/assemblee/{scene.edition.year}/questionnaire/reponses.csv")
    assert page.status_code == 200 and page.mimetype == "text/csv"
    assert page.headers["Cache-Control"] == "no-store"
    text = page.get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0] == ["Kind of organisation", "Region", "Satisfaction", "Most useful",
                       "Took part in", "Anything else?"]  # fmt: skip
    body = rows[1:]
    assert len(body) == 9 and body == sorted(body)
    assert {r[0] for r in body} == {"Association", "fewer than 5"}
    assert {r[1] for r in body} == {"Bretagne", "fewer than 5"}
    assert ["fewer than 5", "fewer than 5", "2", "Cohorts", "Visio; Visits", ""] in body
    # Nobody's name, address or id: only the group columns and the answers.
    assert "@" not in text and "Member" not in text


def test_a_formula_in_a_free_text_is_defused_in_the_csv(scene):
    answer(scene, factories.user(), 3, "Forums", [], "=HYPERLINK(1)")
    with factories.context():
        edition = db.session.get(AssemblyEdition, scene.edition.id)
        text = "".join(results.anonymous_csv(edition))
    assert "'=HYPERLINK(1)" in text
