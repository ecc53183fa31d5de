"""`flask portal reindex-search`: rebuild the search index from the content tables."""

import click

from portal.core.cli import portal_cli
from portal.core.extensions import db


@portal_cli.command("reindex-search")
def reindex_search() -> None:
    """Rebuild the search index (after a restore, or if it ever drifts)."""
    from portal.search import indexing

    indexing.ensure_schema(db.engine)
    counts = indexing.reindex_all()
    db.session.commit()
    click.echo(
        f"Search index rebuilt: {counts['material']} materials, {counts['post']} posts,"
        f" {counts['experience']} experiences."
    )
