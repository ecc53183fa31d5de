"""Answers checked by the kind of their question, and the addresses to invite."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from flask_babel import lazy_gettext as _l

from portal.programmes.calls.models import QuestionKind
from portal.spaces.invitations import TooManyAddresses, parse_addresses

SHORT_MAX = 500
LONG_MAX = 10_000
NUMBER_LIMIT = Decimal("1e12")


class InvalidAnswers(ValueError):
    """Answers that do not fit their questions: field name -> message."""

    def __init__(self, errors: dict):
        super().__init__(", ".join(errors))
        self.errors = errors


def _number(value: str):
    """A number typed with a dot or a comma, as int when whole; raises ValueError."""
    try:
        number = Decimal(value.replace(",", ".").replace(" ", ""))
    except InvalidOperation as error:
        raise ValueError(value) from error
    if not number.is_finite() or abs(number) >= NUMBER_LIMIT:
        raise ValueError(value)
    return int(number) if number == number.to_integral_value() else float(number)


def _one(question, raw):
    """The clean answer to one question, None when empty; raises ValueError with a message."""
    kind = question.kind
    if kind == QuestionKind.SEVERAL_CHOICES.value:
        values = [v for v in (raw or []) if isinstance(v, str) and v]
        if any(v not in question.choices for v in values):
            raise ValueError(_l("Choose among the choices offered."))
        return [c for c in question.choices if c in values] or None
    if isinstance(raw, list):
        raw = raw[0] if raw else ""
    text = ("" if raw is None else str(raw)).replace("\x00", "").strip()
    if not text:
        return None
    if kind == QuestionKind.SHORT_TEXT.value and len(text) > SHORT_MAX:
        raise ValueError(_l("At most %(max)d characters.", max=SHORT_MAX))
    if kind == QuestionKind.LONG_TEXT.value and len(text) > LONG_MAX:
        raise ValueError(_l("At most %(max)d characters.", max=LONG_MAX))
    if kind == QuestionKind.ONE_CHOICE.value and text not in question.choices:
        raise ValueError(_l("Choose among the choices offered."))
    if kind == QuestionKind.YES_NO.value and text not in ("yes", "no"):
        raise ValueError(_l("Answer yes or no."))
    if kind == QuestionKind.NUMBER.value:
        try:
            return _number(text)
        except ValueError as error:
            raise ValueError(_l("Enter a number, such as 12 or 3.5.")) from error
    return text


def clean_answers(questions, raw: dict, *, complete: bool) -> dict:
    """Answers keyed by question id (as text), checked by kind; with `complete`, required
    questions must be answered. Raises InvalidAnswers naming each field's problem."""
    answers, errors = {}, {}
    for question in questions:
        try:
            value = _one(question, raw.get(question.field_name))
        except ValueError as error:
            errors[question.field_name] = error.args[0]
            continue
        if value is None:
            if complete and question.is_required:
                errors[question.field_name] = _l("This question needs an answer.")
            continue
        answers[str(question.id)] = value
    if errors:
        raise InvalidAnswers(errors)
    return answers


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
