"""Answers checked by the kind of their question (the shared rules of portal.core.questions),
and the addresses to invite."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.core.questions import (  # noqa: F401 - part of this module's interface
    LONG_MAX,
    SHORT_MAX,
    InvalidAnswers,
    clean_answers,
)
from portal.spaces.invitations import TooManyAddresses, parse_addresses


def clean_invitees(text: str) -> str:
    """The addresses to invite, one per line, each checked; raises InvalidAnswers."""
    try:
        parsed = parse_addresses(text or "")
    except TooManyAddresses as error:
        raise InvalidAnswers({"invitees": _l("Too many addresses at once.")}) from error
    if parsed.invalid:
        shown = ", ".join(line for _, line in parsed.invalid)
        raise InvalidAnswers({"invitees": _l("Not valid addresses: %(lines)s", lines=shown)})
    return "\n".join(parsed.valid)


def require_complete(questions, raw: dict, territory: str) -> None:
    """Raise InvalidAnswers unless every required answer and the territory are given."""
    problems = {}
    try:
        clean_answers(questions, raw, complete=True)
    except InvalidAnswers as error:
        problems.update(error.errors)
    if not (territory or "").strip():
        problems["territory"] = _l("Name the territory you apply for.")
    if problems:
        raise InvalidAnswers(problems)
