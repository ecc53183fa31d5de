"""Functions a lower layer calls and a higher one provides, registered by their owner.

portal.core imports no domain (the import-linter layers in pyproject.toml): a rule in
permissions.py asks a question by name, and the owning domain registers the function
that answers it when its package is imported (portal/spaces/__init__.py, ...). The
composition root (portal/__init__.py) imports every domain, so the app, its CLI and the
workers always have the answers. The questions asked today:
- "space_role": (user id, space id) -> role or None (spaces)
- "space_roles": (user, spaces) -> {space id: role} in one query (spaces)
- "experience_of_thread": thread id -> the experience it discusses, or None (experiences)
- "contribution_of_thread": thread id -> the assembly contribution it comments, or None,
  and "contribution_permission": (question, user, contribution) -> bool (assembly)
- "organisation_signatory": (user, organisation) -> bool (experiences)
- "writable_organisations": user -> organisations they may write for (experiences)
- "listed_charter_version": organisation -> its listed charter version, or None (alliance)
- "is_ally": user -> whether they signed the charter, validated (alliance)
- "organisation_experiences": (organisation, user) -> its experiences they may read, for
  the allies directory's organisation page (experiences; alliance asks)
Domains below a higher one call it the same way: forums, materials and experiences tell
the search index about their changes through "search.index_post" and the like (search,
see portal/search/__init__.py), and do nothing when search is not there.
"""

from __future__ import annotations

from collections.abc import Callable

_ANSWERS: dict[str, Callable] = {}


def register(question: str, answer: Callable) -> None:
    """`answer(...)` answers `question` from now on (registering again replaces it)."""
    _ANSWERS[question] = answer


def answers(question: str) -> bool:
    """Whether a domain registered an answer to `question`."""
    return question in _ANSWERS


def ask(question: str, *args):
    """The registered answer to `question` for `args`; LookupError when no domain answers
    (its package was never imported: a bug of the entry point, not of the caller)."""
    try:
        answer = _ANSWERS[question]
    except KeyError:
        raise LookupError(f"no domain answers {question!r} (see portal/core/lookups.py)") from None
    return answer(*args)
