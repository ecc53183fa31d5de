"""Calls into the forums and search domains, which land in parallel: each is optional.

Search sits above experiences (import-linter layers): its hooks come through core.lookups.

Imported lazily so experiences work (and are tested) whichever of them is installed.
"""

from __future__ import annotations

import logging

from flask_babel import force_locale
from flask_babel import gettext as _

from portal.core import lookups

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


def _search(name: str, obj) -> None:
    """Call search's hook `name` on `obj`; search sits above experiences and registers its
    hooks in core.lookups (no-op without search)."""
    if lookups.answers(f"search.{name}"):
        lookups.ask(f"search.{name}", obj)


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
    _search("index_experience", experience)


def unindex(experience) -> None:
    """Take the experience out of the search index (no-op without search)."""
    _search("remove_experience", experience)


def index_material(material) -> None:
    """Re-index an attachment once it knows its experience (search hides it with a draft)."""
    _search("index_material", material)
