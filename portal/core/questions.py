"""Questions composed by organisers and the answers people give: one piece for every domain
that asks questions (calls for applications, the assembly's questionnaire).

It knows question-like objects only by their attributes (`id`, `kind`, `is_required`,
`choices`, `field_name`, `position`), so each domain keeps its own table; no domain import.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from flask_babel import lazy_gettext as _l

SHORT_MAX = 500
LONG_MAX = 10_000
NUMBER_LIMIT = Decimal("1e12")
#: A choice question offers from 2 to this many choices.
CHOICES_MAX = 30
#: The values of a scale question, lowest first.
SCALE_VALUES = ("1", "2", "3", "4", "5")


class QuestionKind(enum.StrEnum):
    """What a question asks for."""

    SHORT_TEXT = "short_text"
    LONG_TEXT = "long_text"
    ONE_CHOICE = "one_choice"
    SEVERAL_CHOICES = "several_choices"
    NUMBER = "number"
    YES_NO = "yes_no"
    SCALE = "scale"


#: Kinds whose question lists its choices.
CHOICE_KINDS = (QuestionKind.ONE_CHOICE.value, QuestionKind.SEVERAL_CHOICES.value)


def kind_labels() -> dict:
    """Question kinds and their translated names."""
    return {
        QuestionKind.SHORT_TEXT.value: _l("Short text"),
        QuestionKind.LONG_TEXT.value: _l("Long text"),
        QuestionKind.ONE_CHOICE.value: _l("One choice"),
        QuestionKind.SEVERAL_CHOICES.value: _l("Several choices"),
        QuestionKind.NUMBER.value: _l("Number"),
        QuestionKind.YES_NO.value: _l("Yes or no"),
        QuestionKind.SCALE.value: _l("Scale from 1 to 5"),
    }


class QuestionRuleError(ValueError):
    """A question the composing rules refuse (the view shows its own translated message)."""


class QuestionsLocked(QuestionRuleError):
    """Questions cannot change once someone answered them."""


class InvalidAnswers(ValueError):
    """Answers that do not fit their questions: field name -> message."""

    def __init__(self, errors: dict):
        super().__init__(", ".join(errors))
        self.errors = errors


@dataclass
class QuestionDetails:
    """What a question form gives."""

    label: str
    kind: str
    is_required: bool = False
    hint: str = ""
    choices: list[str] = field(default_factory=list)


def parse_choices(lines) -> list[str]:
    """Choices in order, trimmed, without blanks or repeats."""
    choices: list[str] = []
    for line in lines or []:
        line = line.strip()
        if line and line not in choices:
            choices.append(line)
    return choices


def clean_details(details: QuestionDetails, kinds=None) -> QuestionDetails:
    """Trimmed label and choices; choices only for choice kinds, from 2 to CHOICES_MAX of them;
    `kinds` limits the kinds a domain offers. Raises QuestionRuleError."""
    allowed = kinds or {k.value for k in QuestionKind}
    if details.kind not in allowed:
        raise QuestionRuleError("unknown question kind")
    choices: list[str] = []
    if details.kind in CHOICE_KINDS:
        choices = parse_choices(details.choices)
        if not 2 <= len(choices) <= CHOICES_MAX:
            raise QuestionRuleError("a choice question needs from 2 to 30 choices")
    return QuestionDetails(
        label=details.label.strip(),
        kind=details.kind,
        is_required=bool(details.is_required),
        hint=(details.hint or "").strip(),
        choices=choices,
    )


def apply_details(question, details: QuestionDetails) -> None:
    """Copy cleaned details onto a question row."""
    question.label = details.label
    question.kind = details.kind
    question.is_required = details.is_required
    question.hint = details.hint
    question.choices = details.choices


def move_among(siblings: list, question, direction: str) -> bool:
    """Swap `question` with its neighbour "up" or "down" among `siblings` (in their order) and
    renumber them from 1; False at either end or for another direction."""
    index = next(i for i, q in enumerate(siblings) if q.id == question.id)
    other = index - 1 if direction == "up" else index + 1
    if direction not in ("up", "down") or not 0 <= other < len(siblings):
        return False
    siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, sibling in enumerate(siblings, 1):
        sibling.position = position
    return True


def _number(value: str):
    """A number typed with a dot or a comma, as int when whole; raises ValueError."""
    try:
        number = Decimal(value.replace(",", ".").replace(" ", ""))
    except InvalidOperation as error:
        raise ValueError(value) from error
    if not number.is_finite() or abs(number) >= NUMBER_LIMIT:
        raise ValueError(value)
    return int(number) if number == number.to_integral_value() else float(number)


def clean_answer(question, raw):
    """The clean answer to one question, None when empty; raises ValueError with a message."""
    kind = question.kind
    if kind == QuestionKind.SEVERAL_CHOICES.value:
        values = [v for v in (raw if isinstance(raw, list) else [raw]) if isinstance(v, str) and v]
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
    if kind == QuestionKind.SCALE.value:
        if text not in SCALE_VALUES:
            raise ValueError(_l("Choose a value from 1 to 5."))
        return int(text)
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
            value = clean_answer(question, raw.get(question.field_name))
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


def form_data(questions, answers: dict | None) -> dict:
    """A form's initial values from saved answers, by field name."""
    data = {}
    for question in questions:
        value = (answers or {}).get(str(question.id))
        data[question.field_name] = (
            value if value is None or isinstance(value, list) else str(value)
        )
    return data
