"""Similar experiences: shared tags and text, never from the same organisation."""

from datetime import timedelta

from tests import factories

SOLAR = {
    "context": "Les toits des écoles communales restaient vides.",
    "actions": "Une coopérative citoyenne d'énergie a installé des panneaux photovoltaïques.",
    "results": "300 sociétaires et 450 kWc de centrales solaires.",
    "lessons": "Mobiliser l'épargne des habitants pour l'énergie solaire.",
}
CANTEEN = {
    "context": "Les cantines scolaires servaient des repas industriels.",
    "actions": "Une régie agricole municipale cultive des légumes bio pour la restauration.",
    "results": "100 % de légumes bio locaux dans les assiettes des enfants.",
    "lessons": "Former les cuisiniers avant de changer les menus.",
}


def similar(app, experience, viewer="member"):
    """Titles of the experiences similar to `experience` that `viewer` sees, best first.

    `viewer`: "member" (a new signed-in member), None (a visitor), or a user.
    """
    from portal.accounts.models import User
    from portal.core.extensions import db
    from portal.experiences.models import Experience
    from portal.experiences.similarity import similar_experiences

    if viewer == "member":
        viewer = factories.user()
    with app.app_context():
        reference = db.session.get(Experience, experience.id)
        reader = db.session.get(User, viewer.id) if viewer is not None else None
        return [e.title for e in similar_experiences(reference, reader)]


def test_shared_tags_and_words_rank_first_and_the_same_organisation_never_appears(app):
    mine = factories.ally()
    reference = factories.experience(
        mine, title="Centrales solaires citoyennes", themes=["energy"],
        fundamentals=["engagement", "value"], **SOLAR,
    )  # fmt: skip
    factories.experience(mine, title="Notre autre projet solaire", themes=["energy"], **SOLAR)
    factories.experience(
        factories.ally(), title="Énergies citoyennes à Figeac", themes=["energy"],
        fundamentals=["engagement", "value"], **SOLAR,
    )  # fmt: skip
    factories.experience(
        factories.ally(), title="Toits solaires", themes=["housing"], fundamentals=["systemic"],
        actions="Des panneaux photovoltaïques sur les toits; une coopérative d'énergie.",
    )  # fmt: skip
    factories.experience(
        factories.ally(), title="Cantine bio", themes=["food"], fundamentals=["cooperation"],
        **CANTEEN,
    )  # fmt: skip
    titles = similar(app, reference)
    assert titles[:2] == ["Énergies citoyennes à Figeac", "Toits solaires"]
    assert "Notre autre projet solaire" not in titles
    assert "Centrales solaires citoyennes" not in titles


def test_text_alone_brings_experiences_closer(app):
    reference = factories.experience(
        title="Cantine", themes=["food"], fundamentals=["value"], **CANTEEN
    )
    factories.experience(
        title="Restauration scolaire", themes=["health"], fundamentals=["systemic"], **CANTEEN
    )
    factories.experience(title="Mobilité", themes=["mobility"], fundamentals=["systemic"])
    assert similar(app, reference)[0] == "Restauration scolaire"


def test_drafts_and_hidden_experiences_are_never_suggested(app):
    reference = factories.experience(visibility="public", **SOLAR)
    factories.experience(title="Brouillon solaire", status="draft", **SOLAR)
    factories.experience(title="Pour les alliés", visibility="allies", **SOLAR)
    assert similar(app, reference, None) == []
    assert similar(app, reference, factories.user()) == ["Pour les alliés"]


def test_words_are_folded_and_plurals_ignored():
    from portal.experiences.similarity import tokens

    assert tokens("Les Énergies des réseaux") == tokens("énergie réseau")
    assert tokens("de la et les") == []


def test_experiences_close_to_a_member_come_from_other_organisations(app):
    from portal.core.db import utcnow
    from portal.core.extensions import db
    from portal.experiences.similarity import experiences_close_to

    mine = factories.ally()
    member = factories.user(organisation_id=mine.id)
    factories.experience(mine, title="Notre cantine", themes=["food"], **CANTEEN)
    factories.experience(factories.ally(), title="Cantine voisine", themes=["food"], **CANTEEN)
    factories.experience(
        factories.ally(), title="Vélo", themes=["mobility"], fundamentals=["systemic"]
    )
    with app.app_context():
        from portal.accounts.models import User

        reader = db.session.get(User, member.id)
        reader.is_authenticated  # noqa: B018 - a real account, as the digest passes
        close = [e.title for e in experiences_close_to(reader)]
        assert close[0] == "Cantine voisine" and "Notre cantine" not in close
        assert experiences_close_to(reader, since=utcnow() + timedelta(days=1)) == []
        loner = db.session.get(User, factories.user().id)
        assert experiences_close_to(loner) == []
