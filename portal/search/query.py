"""Searching: one query across materials, forum posts and experiences, filtered by permission.

`search(user, q, kinds=None, page=1, per_page=20)` returns a `SearchPage`; it runs two
queries (counts per kind, then one page), whatever the number of documents.
Nothing the user may not open is counted or listed: permissions are SQL conditions
on the index's filter columns and on live memberships (joining a space shows its
content at once).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime

from markupsafe import Markup
from sqlalchemy import and_, case, false, func, literal_column, or_, select, table, true
from sqlalchemy.sql import column

from portal.core.extensions import db
from portal.core.permissions import is_admin, is_signed_in
from portal.search import text as folding
from portal.search.schema import documents as d_table
from portal.search.snippets import highlight, snippet

#: Kinds of documents, in the order the filters show them.
KINDS = ("experience", "material", "post")
_fts = table("search_fts", column("rowid"))
_FTS = literal_column("search_fts")
_TSV = literal_column("search_documents.tsv")
d = d_table.c


@dataclass(frozen=True)
class Result:
    """One search result, ready for the page."""

    kind: str
    object_id: int
    parent_id: int | None
    title: Markup
    snippet: Markup
    updated_at: datetime | None


@dataclass
class SearchPage:
    """A page of results, with counts per kind of what the user may see."""

    query: str
    words: list[str]
    kinds: tuple[str, ...]
    page: int
    per_page: int
    items: list[Result] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    truncated: bool = False

    @property
    def total(self) -> int:
        """Results across the selected kinds."""
        return sum(self.counts.get(kind, 0) for kind in self.kinds)

    @property
    def pages(self) -> int:
        """Number of pages (0 without results)."""
        return math.ceil(self.total / self.per_page)

    @property
    def has_prev(self) -> bool:
        """A previous page exists."""
        return self.page > 1

    @property
    def has_next(self) -> bool:
        """A next page exists."""
        return self.page < self.pages


# --- who sees what -----------------------------------------------------------------------


def _my_spaces(user):
    """Ids of the spaces `user` belongs to (a subquery)."""
    from portal.spaces.models import Membership

    return select(Membership.space_id).where(Membership.user_id == user.id)


def _space_visible(user):
    """The document's space is one `user` can see (permissions.can_see_space)."""
    from portal.spaces.models import Space

    if is_admin(user):
        return d.space_id.is_not(None)
    if not is_signed_in(user):
        return false()
    open_communities = select(Space.id).where(
        Space.kind == "community", Space.archived_at.is_(None)
    )
    return or_(d.space_id.in_(_my_spaces(user)), d.space_id.in_(open_communities))


def _shared_visibilities(user) -> tuple[str, ...]:
    """Visibilities open to `user` beyond spaces: public, and allies once signed in."""
    return ("public", "allies") if is_signed_in(user) else ("public",)


def _published_experiences(user, column_name: str):
    """A subquery of `column_name` over the experiences `user` may read; None without them."""
    from portal.search.indexing import _models

    experience = getattr(_models("portal.experiences.models"), "Experience", None)
    if experience is None:
        return None
    column = getattr(experience, column_name)
    return select(column).where(
        experience.status == "published",
        experience.visibility.in_(_shared_visibilities(user)),
        column.is_not(None),
    )


def _materials(user):
    """Materials: permissions.can_download_material (admins see all).

    An experience's attachment (parent_id) is seen by whoever may read the experience.
    """
    if is_admin(user):
        return d.kind == "material"
    shared = d.visibility.in_(_shared_visibilities(user))
    if is_signed_in(user):
        shared = or_(shared, d.space_id.in_(_my_spaces(user)))
    readable = _published_experiences(user, "id")
    attached = d.parent_id.in_(readable) if readable is not None else false()
    return and_(d.kind == "material", or_(and_(d.parent_id.is_(None), shared), attached))


def _experiences(user):
    """Published experiences: public ones for everyone, allies ones for the signed-in."""
    return and_(
        d.kind == "experience",
        d.status == "published",
        d.visibility.in_(_shared_visibilities(user)),
    )


def _discussions(user):
    """Posts of an experience's discussion: visible with their published experience."""
    threads = _published_experiences(user, "discussion_thread_id")
    if threads is None:
        return false()
    return and_(d.space_id.is_(None), d.parent_id.in_(threads))


def _posts(user):
    """Posts neither hidden nor deleted, in a space `user` sees or a visible discussion."""
    return and_(
        d.kind == "post", d.status == "visible", or_(_space_visible(user), _discussions(user))
    )


def visible_to(user):
    """SQL condition on search_documents: what `user` may find."""
    return or_(_materials(user), _posts(user), _experiences(user))


# --- matching ----------------------------------------------------------------------------


def _matching(words: list[str], dialect: str):
    """(FROM clause, match condition, title-match condition, rank) for `dialect`."""
    if dialect == "postgresql":
        # The documents' tsvector holds folded words too (indexing._put); plainto_tsquery
        # ignores every operator, so any text is a valid query.
        tsquery = func.plainto_tsquery(
            literal_column("'french'::regconfig"), func.search_fold(" ".join(words))
        )
        title_match = func.ts_filter(_TSV, literal_column("'{a}'::\"char\"[]")).op("@@")(tsquery)
        rank = func.ts_rank(_TSV, tsquery).desc()
        return d_table, _TSV.op("@@")(tsquery), title_match, rank
    joined = d_table.join(_fts, _fts.c.rowid == d.id)
    in_titles = select(_fts.c.rowid).where(_FTS.op("MATCH")(folding.fts5_title_match(words)))
    # bm25: lower is better; a word in the title weighs ten times a word in the body.
    rank = func.bm25(_FTS, 10.0, 1.0).asc()
    return joined, _FTS.op("MATCH")(folding.fts5_match(words)), d.id.in_(in_titles), rank


def search(user, q: str, kinds=None, page: int = 1, per_page: int = 20) -> SearchPage:
    """The results `user` may see for the query `q`, best first (title matches first)."""
    q = (q or "").replace("\x00", "")
    kinds = tuple(k for k in KINDS if not kinds or k in kinds) or KINDS
    result = SearchPage(
        query=q, words=folding.query_tokens(q), kinds=kinds, page=max(1, page), per_page=per_page,
        truncated=len(q) > folding.MAX_QUERY_LENGTH,
    )  # fmt: skip
    if not result.words:
        return result
    dialect = db.session.get_bind().dialect.name
    source, matches, title_match, rank = _matching(result.words, dialect)
    allowed = and_(matches, visible_to(user))
    counts = select(d.kind, func.count()).select_from(source).where(allowed).group_by(d.kind)
    result.counts = {kind: n for kind, n in db.session.execute(counts)}
    if not result.total or result.page > result.pages:
        return result
    rows = db.session.execute(
        select(d.kind, d.object_id, d.parent_id, d.title, d.body, d.updated_at)
        .select_from(source)
        .where(allowed, d.kind.in_(kinds) if kinds != KINDS else true())
        .order_by(case((title_match, 0), else_=1), rank, d.updated_at.desc(), d.id.desc())
        .limit(per_page)
        .offset((result.page - 1) * per_page)
    )
    result.items = [
        Result(
            kind=row.kind,
            object_id=row.object_id,
            parent_id=row.parent_id,
            title=highlight(row.title, result.words),
            snippet=snippet(row.body, result.words),
            updated_at=row.updated_at,
        )  # fmt: skip
        for row in rows
    ]
    return result
