"""Calls into the forums and search domains, which land in parallel: each is optional.

Imported lazily so experiences work (and are tested) whichever of them is installed.
"""

from __future__ import annotations

import logging

from flask_babel import force_locale
from flask_babel import gettext as _

log = logging.getLogger("portal.experiences")


def _module(name: str):
    """The module `name`, or None if its domain is not installed yet."""
    import importlib

    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as error:
        if error.name and name.startswith(error.name):
            return None
        raise


def open_discussion(experience, author) -> int | None:
    """Open the experience's discussion thread (forums); its id, or None without forums."""
    forums = _module("portal.forums.services")
    if forums is None or not hasattr(forums, "create_thread"):
        log.warning("forums not installed: experience %s has no discussion yet", experience.id)
        return None
    with force_locale(getattr(author, "locale", None) or "fr"):
        body = _(
            "Questions and comments about the experience “%(title)s” of %(organisation)s.",
            title=experience.title,
            organisation=experience.organisation.name,
        )
    thread = forums.create_thread(
        author=author, title=experience.title[:200], body=body, space=None
    )
    return thread.id


def index(experience) -> None:
    """Add or refresh the experience in the search index (no-op without search)."""
    indexing = _module("portal.search.indexing")
    if indexing is not None and hasattr(indexing, "index_experience"):
        indexing.index_experience(experience)


def unindex(experience) -> None:
    """Take the experience out of the search index (no-op without search)."""
    indexing = _module("portal.search.indexing")
    if indexing is not None and hasattr(indexing, "remove_experience"):
        indexing.remove_experience(experience)


def index_material(material) -> None:
    """Re-index an attachment once it knows its experience (search hides it with a draft)."""
    indexing = _module("portal.search.indexing")
    if indexing is not None and hasattr(indexing, "index_material"):
        indexing.index_material(material)
