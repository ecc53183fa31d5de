"""Search tests start and end with an empty index.

The index's tables live outside the models' metadata, so the suite-wide
`clean_database` fixture does not empty them; ids restart after each test, and a
stale document would point at another test's content.
"""

import pytest


def empty_index(app) -> None:
    """Delete every document of the search index."""
    from portal.core.extensions import db
    from portal.search import indexing

    with app.app_context():
        indexing.clear()
        db.session.commit()


@pytest.fixture(autouse=True)
def _empty_search_index(app):
    """An empty index before and after each test."""
    empty_index(app)
    yield
    empty_index(app)
