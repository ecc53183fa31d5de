"""Searching on the database: folding, ranking, and only what the searcher may see."""

from portal.core.extensions import db
from portal.search import query
from tests import factories
from tests.search import builders


def found(app, user, q, **options):
    """(kind, title) of the results `user` gets for `q`, best first, and the counts."""
    from portal.accounts.models import User

    with app.app_context():
        viewer = db.session.get(User, user.id) if user is not None else None
        page = query.search(viewer, q, **options)
        return [(r.kind, r.object_id) for r in page.items], page


def test_accented_singular_finds_unaccented_plural_and_back(app):
    plural = builders.material(title="Les energies du territoire", visibility="public")
    accented = builders.material(title="Une Énergie locale", visibility="public")
    for q in ("énergie", "energie", "ÉNERGIES", "energies"):
        results, _ = found(app, None, q)
        assert {object_id for _, object_id in results} == {plural.id, accented.id}, q


def test_words_of_the_description_are_found_and_highlighted(app):
    builders.material(
        title="Compte rendu",
        visibility="public",
        description="Nos **chevaux** de trait au travail.",
    )
    _, page = found(app, None, "cheval")
    assert page.total == 1
    assert "<mark>chevaux</mark>" in str(page.items[0].snippet)
    assert "**" not in str(page.items[0].snippet)


def test_all_words_of_the_query_must_match(app):
    builders.material(title="Cantine scolaire bio", visibility="public")
    builders.material(title="Cantine d'entreprise", visibility="public")
    results, _ = found(app, None, "cantines scolaires")
    assert len(results) == 1


def test_a_title_match_comes_before_body_matches(app):
    body_only = builders.material(
        title="Notes de séance",
        visibility="public",
        description="coopérative " * 30,
    )
    in_title = builders.material(
        title="La coopérative énergétique", visibility="public", description="Un compte rendu."
    )
    results, _ = found(app, None, "coopératives")
    assert [object_id for _, object_id in results] == [in_title.id, body_only.id]


def test_a_page_of_results_and_the_counts_per_kind(app):
    for number in range(5):
        builders.material(title=f"Mobilité {number}", visibility="public")
    results, page = found(app, None, "mobilite", per_page=2, page=3)
    assert page.total == 5 and page.pages == 3 and page.counts == {"material": 5}
    assert len(results) == 1 and page.has_prev and not page.has_next


def test_a_query_without_words_runs_no_search(app, count_queries):
    with count_queries() as statements:
        results, page = found(app, None, '"" * ^ -- ;')
    assert results == [] and page.words == [] and page.total == 0
    assert not [s for s in statements if "search_documents" in s]


def test_a_hidden_post_disappears_from_results(app):
    space = factories.space(kind="community")
    member = factories.user()
    factories.membership(space, member)
    _, post = builders.thread(space, title="Réunion", body="Le compost partagé du quartier")
    assert found(app, member, "composts")[1].counts == {"post": 1}
    from portal.forums import moderation
    from portal.forums.models import Post

    with app.app_context():
        moderator = factories.user(role="admin")
        moderation.hide_post(db.session.get(Post, post.id), moderator, "Hors sujet")
        db.session.commit()
    assert found(app, member, "composts")[1].counts == {}


def test_a_deleted_post_disappears_from_results(app):
    space = factories.space(kind="community")
    member = factories.user()
    factories.membership(space, member)
    thread, _ = builders.thread(space, title="Réunion", body="Premier message")
    reply = builders.reply(thread, body="Le compost partagé du quartier")
    assert found(app, member, "compost")[0] == [("post", reply.id)]
    from portal.forums import services
    from portal.forums.models import Post

    with app.app_context():
        services.delete_post(db.session.get(Post, reply.id))
        db.session.commit()
    assert found(app, member, "compost")[0] == []


def test_an_unpublished_experience_disappears_from_results(app):
    shared = builders.experience(title="Budget participatif", visibility="public")
    assert found(app, None, "budgets participatifs")[0] == [("experience", shared.id)]
    from portal.experiences import services
    from portal.experiences.models import Experience

    with app.app_context():
        services.unpublish(db.session.get(Experience, shared.id))
        db.session.commit()
    assert found(app, None, "budget participatif")[0] == []


def test_a_draft_is_never_found(app):
    builders.experience(title="Brouillon de cantine", published=False)
    admin = factories.user(role="admin")
    assert found(app, admin, "brouillon")[1].total == 0


def test_a_word_of_the_lessons_finds_the_experience(app):
    shared = builders.experience(
        title="Cantines scolaires", lessons="Associer les cuisiniers dès le départ."
    )
    ally = factories.user()
    assert found(app, ally, "cuisinier")[0] == [("experience", shared.id)]
    assert found(app, None, "cuisinier")[0] == []  # an allies experience, not public


def test_an_attachment_is_found_only_with_its_published_experience(app):
    draft = builders.experience(title="Cantines", published=False, visibility="public")
    builders.material(None, title="Menus bio", visibility="public", experience_id=draft.id)
    ally = factories.user()
    assert found(app, ally, "menu")[1].total == 0
    from portal.experiences import services
    from portal.experiences.models import Experience

    with app.app_context():
        experience = db.session.get(Experience, draft.id)
        services.publish(experience, experience.author)
        db.session.commit()
    assert found(app, None, "menu")[1].counts == {"material": 1}
