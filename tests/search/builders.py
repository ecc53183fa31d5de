"""Forum posts and experiences built through their domains' real services (search tests)."""

from __future__ import annotations

from tests import factories
from tests.factories import context, save


def thread(space, *, title: str, body: str, author=None):
    """A thread in `space` (None: a discussion) with its first post: (thread, post)."""
    from portal.core.extensions import db
    from portal.forums import services
    from portal.forums.models import Post, Thread
    from portal.spaces.models import Space

    author = author or factories.user()
    with context():
        found = db.session.get(Space, space.id) if space is not None else None
        made = services.create_thread(author=author, title=title, body=body, space=found)
        db.session.commit()
        first = db.session.scalars(db.select(Post).where(Post.thread_id == made.id)).first()
        post_id = first.id
        return save(db.session.get(Thread, made.id)), save(db.session.get(Post, post_id))


def reply(thread, *, body: str, author=None):
    """A reply in `thread`."""
    from portal.core.extensions import db
    from portal.forums import services
    from portal.forums.models import Thread

    author = author or factories.user()
    with context():
        post = services.add_post(db.session.get(Thread, thread.id), author, body)
        db.session.commit()
        return save(post)


def experience(
    *,
    title: str,
    lessons: str = "Start small, with the people already involved.",
    visibility: str = "allies",
    published: bool = True,
    organisation=None,
    **fields,
):
    """An experience written (and by default published) through the experiences services."""
    from portal.core.extensions import db
    from portal.experiences import services
    from portal.experiences.models import Experience

    organisation = organisation or factories.organisation()
    author = factories.user()
    fields.setdefault("context", "A rural territory of 12,000 inhabitants.")
    fields.setdefault("actions", "Meetings with the inhabitants every month.")
    fields.setdefault("results", "Forty households took part.")
    with context():
        from portal.alliance.models import Organisation

        made = services.create_experience(
            db.session.get(Organisation, organisation.id),
            author,
            services.ExperienceFields(
                title=title,
                region="bretagne",
                lessons=lessons,
                visibility=visibility,
                fundamentals=["cooperation"],
                **fields,
            ),  # fmt: skip
        )
        if published:
            services.publish(made, author)
        db.session.commit()
        return save(db.session.get(Experience, made.id))


def material(space=None, **fields):
    """factories.material, re-indexed: that builder sets extra fields (description…) after
    the service indexed the material, as no real edit would."""
    from portal.core.extensions import db
    from portal.materials.models import Material
    from portal.search import indexing

    made = factories.material(space, **fields)
    with context():
        indexing.index_material(db.session.get(Material, made.id))
        db.session.commit()
    return made
