"""Keep the search index in step with materials, forum posts and experiences.

Other domains call, inside their own transaction (the caller commits):
    index_material(m) / remove_material(m), index_post(p) / remove_post(p),
    index_thread(t) (a thread renamed or moved), index_experience(e) / remove_experience(e).
`reindex_all()` rebuilds everything (`flask portal reindex-search`). The schema
functions (`ensure_schema`, `drop_schema`, `include_object`) live in schema.py and
are re-exported here for the migration and migrations/env.py.
"""

from __future__ import annotations

import html
import importlib

import nh3
from sqlalchemy import bindparam, delete, func, insert, select, text

from portal.core.db import utcnow
from portal.core.extensions import db
from portal.core.markdown import render_markdown
from portal.search import text as folding
from portal.search.schema import (  # noqa: F401 - re-exported for migrations
    documents,
    drop_schema,
    ensure_schema,
    include_object,
)

#: Experience attributes whose text is searchable, in reading order (missing ones are skipped).
EXPERIENCE_FIELDS = (
    "summary", "territory", "region", "period", "context", "actions", "what_was_done",
    "actors", "results", "difficulties", "lessons", "would_do_differently", "budget",
)  # fmt: skip

_PG_UPSERT = text(
    "INSERT INTO search_documents (kind, object_id, parent_id, space_id, visibility, status,"
    " organisation_id, title, body, updated_at, tsv) VALUES (:kind, :object_id, :parent_id,"
    " :space_id, :visibility, :status, :organisation_id, :title, :body, :updated_at,"
    " setweight(to_tsvector('french', search_fold(:title_norm)), 'A')"
    " || setweight(to_tsvector('french', search_fold(:body_norm)), 'B'))"
    " ON CONFLICT (kind, object_id) DO UPDATE SET parent_id = excluded.parent_id,"
    " space_id = excluded.space_id, visibility = excluded.visibility, status = excluded.status,"
    " organisation_id = excluded.organisation_id, title = excluded.title, body = excluded.body,"
    " updated_at = excluded.updated_at, tsv = excluded.tsv"
).bindparams(bindparam("updated_at", type_=documents.c.updated_at.type))


def plain_text(markdown: str | None) -> str:
    """What a reader sees of a Markdown source, without its markup."""
    if not markdown:
        return ""
    rendered = str(render_markdown(markdown))
    return html.unescape(nh3.clean(rendered.replace("<", " <"), tags=set())).strip()


def _document(kind: str, obj, *, title: str, body: str, **columns) -> dict:
    """One row of search_documents."""
    row = dict(
        kind=kind, object_id=obj.id, parent_id=None, space_id=None, visibility=None,
        status="visible", organisation_id=None, title=title or "", body=body or "",
        updated_at=getattr(obj, "updated_at", None) or utcnow(),
    )  # fmt: skip
    row.update(columns)
    return row


def _remove(kind: str, object_id: int) -> None:
    """Forget one document (and its folded text on SQLite)."""
    connection = db.session.connection()
    match = (documents.c.kind == kind) & (documents.c.object_id == object_id)
    if connection.dialect.name != "postgresql":
        connection.execute(
            text(
                "DELETE FROM search_fts WHERE rowid IN"
                " (SELECT id FROM search_documents WHERE kind = :kind AND object_id = :object_id)"
            ),
            {"kind": kind, "object_id": object_id},
        )
    connection.execute(delete(documents).where(match))


def _put(row: dict) -> None:
    """Insert or replace one document, in the caller's transaction."""
    connection = db.session.connection()
    if connection.dialect.name == "postgresql":
        # The folded words (plurals too: the French stemmer keeps "vélos"), stemmed again.
        folded = {"title_norm": folding.normalise(row["title"]),
                  "body_norm": folding.normalise(row["body"])}  # fmt: skip
        connection.execute(_PG_UPSERT, {**row, **folded})
        return
    _remove(row["kind"], row["object_id"])
    new_id = connection.execute(insert(documents).values(**row).returning(documents.c.id)).scalar()
    connection.execute(
        text("INSERT INTO search_fts (rowid, title_norm, body_norm) VALUES (:id, :title, :body)"),
        {
            "id": new_id,
            "title": folding.normalise(row["title"]),
            "body": folding.normalise(row["body"]),
        },
    )


# --- materials ---------------------------------------------------------------------------


def index_material(material) -> None:
    """Index (or re-index) a material after it was posted or edited."""
    body = "\n".join(p for p in (plain_text(material.description), material.display_name) if p)
    _put(
        _document(
            "material",
            material,
            title=material.title,
            body=body,
            space_id=material.space_id,
            visibility=material.visibility,
            # An experience's attachment is seen with its experience (query._materials).
            parent_id=getattr(material, "experience_id", None),
        )  # fmt: skip
    )


def remove_material(material) -> None:
    """Drop a deleted material from the index."""
    _remove("material", material.id)


# --- forum posts -------------------------------------------------------------------------


def _post_status(post) -> str:
    """visible, hidden (moderated or flagged) or deleted."""
    if getattr(post, "deleted_at", None) is not None:
        return "deleted"
    if getattr(post, "hidden_at", None) is not None:
        return "hidden"
    return "visible"


def _opens_discussion(post) -> bool:
    """Whether `post` is the first of its thread (an experience discussion's introduction)."""
    forums = _models("portal.forums.models")
    first = select(func.min(forums.Post.id)).where(forums.Post.thread_id == post.thread_id)
    return db.session.scalar(first) == post.id


def index_post(post, thread=None) -> bool:
    """Index a post after it was written, edited, hidden, shown again or deleted.

    False when the post is left out: the generated opening of an experience's
    discussion (the experience itself is indexed; that text would be noise).
    """
    thread = thread or post.thread
    if thread.space_id is None and _opens_discussion(post):
        return False
    _put(
        _document(
            "post",
            post,
            title=thread.title,
            body=plain_text(post.body),
            parent_id=thread.id,
            space_id=thread.space_id,
            status=_post_status(post),
            updated_at=getattr(post, "edited_at", None) or post.created_at or utcnow(),
        )  # fmt: skip
    )
    return True


def remove_post(post) -> None:
    """Drop a post from the index (deleted for good)."""
    _remove("post", post.id)


def index_thread(thread) -> None:
    """Re-index every post of a thread renamed or moved to another space."""
    forums = _models("portal.forums.models")
    if forums is not None:
        for post in db.session.scalars(
            select(forums.Post).where(forums.Post.thread_id == thread.id)
        ):
            index_post(post, thread)


# --- experiences -------------------------------------------------------------------------


def _experience_body(experience) -> str:
    """The searchable text of an experience: its write-up, field after field."""
    parts = []
    for name in EXPERIENCE_FIELDS:
        value = getattr(experience, name, None)
        if isinstance(value, str) and value.strip():
            parts.append(plain_text(value))
    return "\n".join(parts)


def index_experience(experience) -> None:
    """Index an experience after it was written, edited, published or unpublished."""
    _put(
        _document(
            "experience",
            experience,
            title=experience.title,
            body=_experience_body(experience),
            space_id=getattr(experience, "space_id", None),
            visibility=experience.visibility,
            status=experience.status,
            organisation_id=getattr(experience, "organisation_id", None),
        )  # fmt: skip
    )


def remove_experience(experience) -> None:
    """Drop a deleted experience from the index."""
    _remove("experience", experience.id)


# --- rebuilding --------------------------------------------------------------------------


def _models(name: str):
    """A domain's models module, or None while that domain does not exist yet."""
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError:
        return None


def clear() -> None:
    """Empty the index (reindex_all, tests)."""
    connection = db.session.connection()
    if connection.dialect.name != "postgresql":
        connection.execute(text("DELETE FROM search_fts"))
    connection.execute(delete(documents))


def reindex_all() -> dict[str, int]:
    """Rebuild the whole index from the content tables; counts per kind."""
    from portal.materials.models import Material

    clear()
    counts = {"material": 0, "post": 0, "experience": 0}
    # Shared resources waiting for (or refused by) a moderator stay out of search.
    published = select(Material).where(Material.status == "published")
    for material in db.session.scalars(published.order_by(Material.id)):
        index_material(material)
        counts["material"] += 1
    forums = _models("portal.forums.models")
    if forums is not None:
        query = select(forums.Post, forums.Thread).join(
            forums.Thread, forums.Post.thread_id == forums.Thread.id
        )
        for post, thread in db.session.execute(query.order_by(forums.Post.id)):
            counts["post"] += index_post(post, thread)
    experiences = _models("portal.experiences.models")
    if experiences is not None:
        for experience in db.session.scalars(select(experiences.Experience)):
            index_experience(experience)
            counts["experience"] += 1
    return counts
