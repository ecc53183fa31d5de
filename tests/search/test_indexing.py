"""The index follows its content: create, edit, delete, move, and a full rebuild."""

from io import BytesIO

import pytest
from sqlalchemy import func, select, text
from werkzeug.datastructures import FileStorage

from portal.core.extensions import db
from portal.materials import services as materials
from portal.materials.models import Material
from portal.search import indexing, query
from portal.search.schema import documents
from tests import factories
from tests.search import builders


def hits(app, q: str, user=None) -> int:
    """How many results `q` gives (anonymous unless `user`)."""
    from portal.accounts.models import User

    with app.app_context():
        viewer = db.session.get(User, user.id) if user else None
        return query.search(viewer, q).total


def test_a_posted_material_is_found_at_once(app):
    space = factories.space()
    with app.app_context():
        poster = factories.user()
        materials.post_material(
            db.session.get(type(space), space.id),
            poster,
            materials.MaterialFields(title="Plan vélo", visibility="public"),
            upload=FileStorage(stream=BytesIO(b"notes"), filename="plan.txt"),
        )
        db.session.commit()
    assert hits(app, "velos") == 1


def test_an_edited_material_is_found_by_its_new_words_only(app):
    made = factories.material(None, title="Plan vélo", visibility="public")
    with app.app_context():
        material = db.session.get(Material, made.id)
        fields = materials.MaterialFields(
            title="Covoiturage rural", description="Des **aires** de covoiturage.",
            visibility="public",
        )  # fmt: skip
        materials.update_material(material, fields)
        db.session.commit()
    assert hits(app, "velo") == 0
    assert hits(app, "covoiturages") == 1
    assert hits(app, "aire") == 1


def test_a_material_made_private_leaves_the_public_results(app):
    space = factories.space()
    made = factories.material(space, title="Plan vélo", visibility="public")
    with app.app_context():
        material = db.session.get(Material, made.id)
        materials.update_material(
            material, materials.MaterialFields(title="Plan vélo", visibility="space")
        )
        db.session.commit()
    assert hits(app, "velo") == 0


def test_a_deleted_material_leaves_the_index(app):
    made = factories.material(None, title="Plan vélo", visibility="public")
    with app.app_context():
        materials.delete_material(db.session.get(Material, made.id))
        db.session.commit()
        assert db.session.scalar(select(func.count()).select_from(documents)) == 0
    assert hits(app, "velo") == 0


def test_an_edited_post_is_found_by_its_new_words(app):
    from portal.forums import services
    from portal.forums.models import Post

    space = factories.space(kind="community")
    _, post = builders.thread(space, title="Réunion", body="Ordre du jour")
    ally = factories.user()
    with app.app_context():
        services.edit_post(db.session.get(Post, post.id), ally, "La **méthanisation** agricole")
        db.session.commit()
    assert hits(app, "methanisations", ally) == 1
    assert hits(app, "ordre", ally) == 0


def test_a_thread_moved_to_a_cohort_leaves_outsiders_results(app):
    from portal.forums import moderation
    from portal.forums.models import Thread
    from portal.spaces.models import Space

    community, cohort = factories.space(kind="community"), factories.space(kind="cohort")
    thread, _ = builders.thread(community, title="Réunion", body="La méthanisation")
    ally = factories.user()
    assert hits(app, "methanisation", ally) == 1
    with app.app_context():
        moderation.move_thread(db.session.get(Thread, thread.id), db.session.get(Space, cohort.id))
        db.session.commit()
    assert hits(app, "methanisation", ally) == 0


def test_reindex_all_rebuilds_every_kind(app):
    space = factories.space(kind="community")
    factories.material(None, title="Énergie", visibility="public")
    builders.thread(space, title="Énergie", body="Énergies")
    builders.experience(title="Énergie", visibility="public")
    with app.app_context():
        indexing.clear()
        db.session.commit()
    assert hits(app, "energie") == 0
    with app.app_context():
        counts = indexing.reindex_all()
        db.session.commit()
    # the generated opening post of the experience's discussion is left out
    assert counts == {"material": 1, "post": 1, "experience": 1}
    assert hits(app, "energie", factories.user()) == 3


def test_the_reindex_command_reports_its_counts(app, runner):
    factories.material(None, title="Énergie", visibility="public")
    result = runner.invoke(args=["portal", "reindex-search"])
    assert result.exit_code == 0, result.output
    assert "1 materials, 0 posts, 0 experiences" in result.output
    assert hits(app, "energie") == 1


def test_ensure_schema_is_idempotent_and_drop_schema_undoes_it(app):
    with app.app_context():
        indexing.ensure_schema(db.engine)
        indexing.ensure_schema(db.engine)
        factories.material(None, title="Énergie", visibility="public")
        indexing.drop_schema(db.engine)
        with db.engine.connect() as connection:
            names = set(db.inspect(connection).get_table_names())
        assert not {n for n in names if n.startswith("search_")}
        indexing.ensure_schema(db.engine)
        with db.engine.begin() as connection:
            assert connection.execute(text("SELECT count(*) FROM search_documents")).scalar() == 0


def test_alembic_ignores_the_index_tables():
    assert not indexing.include_object(documents, "search_documents", "table", True, None)
    assert not indexing.include_object(None, "search_fts_data", "table", True, None)
    assert indexing.include_object(Material.__table__, "materials", "table", False, None)


@pytest.mark.postgres_only
def test_postgresql_folds_accents_with_unaccent_and_searches_through_a_gin_index(app):
    with app.app_context(), db.engine.connect() as connection:
        assert connection.execute(text("SELECT search_fold('Énergie')")).scalar() == "Energie"
        indexes = connection.execute(
            text("SELECT indexdef FROM pg_indexes WHERE tablename = 'search_documents'")
        ).scalars()
        assert any("USING gin (tsv)" in definition for definition in indexes)
