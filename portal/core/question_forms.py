"""Forms of composed questions, shared by every domain that asks them: composing a question,
moving it, and one answer field per question (see portal.core.questions for the rules)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired
from wtforms.widgets import CheckboxInput, ListWidget

from portal.core.forms import max_length, strip
from portal.core.questions import (
    CHOICE_KINDS,
    CHOICES_MAX,
    SCALE_VALUES,
    QuestionDetails,
    QuestionKind,
    kind_labels,
    parse_choices,
)

LABEL_MAX = 300
HINT_MAX = 1_000
CHOICES_TEXT_MAX = 5_000


def pairs(items) -> list[SelectChoice]:
    """(value, label) pairs as WTForms choices."""
    return [SelectChoice(value, label) for value, label in items]


class MultiCheckboxField(SelectMultipleField):
    """A list of checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class QuestionForm(FlaskForm):
    """Add or edit one question; `kinds` are the kinds the domain offers (all by default)."""

    label = StringField(
        _l("Question"),
        filters=[strip],
        validators=[DataRequired(_l("Enter the question.")), max_length(LABEL_MAX)],
    )
    hint = TextAreaField(_l("Hint (optional)"), filters=[strip], validators=[max_length(HINT_MAX)])
    kind = SelectField(_l("Kind of answer"), choices=[])
    is_required = BooleanField(_l("An answer is required"))
    choices = TextAreaField(
        _l("Choices, one per line"), filters=[strip], validators=[max_length(CHOICES_TEXT_MAX)]
    )

    def __init__(self, *args, kinds=None, **kwargs):
        super().__init__(*args, **kwargs)
        labels = kind_labels()
        self.kind.choices = pairs((k, labels[k]) for k in (kinds or labels))

    def validate(self, extra_validators=None) -> bool:
        """A choice question has from 2 to 30 different choices."""
        valid = super().validate(extra_validators)
        if self.kind.data in CHOICE_KINDS:
            lines = parse_choices((self.choices.data or "").splitlines())
            if not 2 <= len(lines) <= CHOICES_MAX:
                self.choices.errors.append(_l("Give from 2 to 30 different choices."))
                return False
        return valid

    def details(self) -> QuestionDetails:
        """The question as the services take it."""
        return QuestionDetails(
            label=self.label.data,
            kind=self.kind.data,
            is_required=bool(self.is_required.data),
            hint=self.hint.data or "",
            choices=(self.choices.data or "").splitlines(),
        )

    @staticmethod
    def data_of(question) -> dict:
        """The form's initial values from a saved question."""
        return {
            "label": question.label,
            "hint": question.hint,
            "kind": question.kind,
            "is_required": question.is_required,
            "choices": "\n".join(question.choices or []),
        }


class MoveForm(FlaskForm):
    """Move a question up or down."""

    direction = SelectField(choices=pairs([("up", "up"), ("down", "down")]))


def question_field(question):
    """The WTForms field of one question (answers are checked by portal.core.questions)."""
    label = question.label
    description = question.hint
    kind = question.kind
    if kind == QuestionKind.LONG_TEXT.value:
        return TextAreaField(label, description=description, filters=[strip])
    if kind == QuestionKind.ONE_CHOICE.value:
        choices = pairs((c, c) for c in question.choices)
        return RadioField(label, description=description, choices=choices, validate_choice=False)
    if kind == QuestionKind.SEVERAL_CHOICES.value:
        choices = pairs((c, c) for c in question.choices)
        return MultiCheckboxField(
            label, description=description, choices=choices, validate_choice=False
        )
    if kind == QuestionKind.YES_NO.value:
        choices = pairs([("yes", _l("Yes")), ("no", _l("No"))])
        return RadioField(label, description=description, choices=choices, validate_choice=False)
    if kind == QuestionKind.SCALE.value:
        choices = pairs((v, v) for v in SCALE_VALUES)
        return RadioField(label, description=description, choices=choices, validate_choice=False)
    return StringField(label, description=description, filters=[strip])
