"""Forms of calls: the call, its questions, an application (built from the questions),
a review, a decision, the table's filters."""

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
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from portal.alliance.constants import ORGANISATION_KINDS, REGIONS
from portal.core.forms import max_length, strip
from portal.meetings.forms import local_time_field
from portal.meetings.times import NonexistentLocalTime, local_to_utc
from portal.programmes.calls.calls import CallDetails, QuestionDetails
from portal.programmes.calls.models import QuestionKind

INTRODUCTION_MAX = 20_000
LABEL_MAX = 300
HINT_MAX = 1_000
CHOICES_TEXT_MAX = 5_000
COMMENT_MAX = 5_000
MESSAGE_MAX = 5_000
INVITEES_MAX = 5_000


def pairs(items) -> list[SelectChoice]:
    """(value, label) pairs as WTForms choices."""
    return [SelectChoice(value, label) for value, label in items]


def kind_labels() -> dict:
    """Question kinds and their translated names."""
    return {
        QuestionKind.SHORT_TEXT.value: _l("Short text"),
        QuestionKind.LONG_TEXT.value: _l("Long text"),
        QuestionKind.ONE_CHOICE.value: _l("One choice"),
        QuestionKind.SEVERAL_CHOICES.value: _l("Several choices"),
        QuestionKind.NUMBER.value: _l("Number"),
        QuestionKind.YES_NO.value: _l("Yes or no"),
    }


def state_labels() -> dict:
    """Application states and their translated names."""
    return {
        "draft": _l("Draft"),
        "submitted": _l("Submitted"),
        "withdrawn": _l("Withdrawn"),
        "accepted": _l("Accepted"),
        "waitlisted": _l("Waitlisted"),
        "declined": _l("Declined"),
    }


class MultiCheckboxField(SelectMultipleField):
    """A list of checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class CallForm(FlaskForm):
    """Open or edit a call; moments are entered in the cohort's time zone."""

    opens_at = local_time_field(_l("Opens"), InputRequired(_l("Enter the opening date and time.")))
    closes_at = local_time_field(
        _l("Closes"), InputRequired(_l("Enter the closing date and time."))
    )
    introduction = TextAreaField(
        _l("Introduction (Markdown)"), filters=[strip], validators=[max_length(INTRODUCTION_MAX)]
    )
    holds_decisions = BooleanField(_l("Hold the decisions until I release them all"))

    def __init__(self, *args, zone_name: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.zone_name = zone_name
        self.details: CallDetails | None = None

    def _to_utc(self, field):
        if field.data is None:
            return None
        try:
            return local_to_utc(field.data, self.zone_name)
        except NonexistentLocalTime:
            field.errors.append(
                _l(
                    "This time does not exist in %(zone)s: the clocks go forward that night. "
                    "Choose another time.",
                    zone=self.zone_name,
                )
            )
            return None

    def validate(self, extra_validators=None) -> bool:
        """The fields, then the closing after the opening."""
        valid = super().validate(extra_validators)
        opens_at, closes_at = self._to_utc(self.opens_at), self._to_utc(self.closes_at)
        if opens_at and closes_at and closes_at <= opens_at:
            self.closes_at.errors.append(_l("The call must close after it opens."))
        if not valid or any(field.errors for field in self):
            return False
        self.details = CallDetails(
            opens_at=opens_at,
            closes_at=closes_at,
            introduction=self.introduction.data or "",
            holds_decisions=bool(self.holds_decisions.data),
        )
        return True


class QuestionForm(FlaskForm):
    """Add or edit one question."""

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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = pairs(kind_labels().items())

    def validate(self, extra_validators=None) -> bool:
        """A choice question has from 2 to 30 different choices."""
        valid = super().validate(extra_validators)
        if self.kind.data in ("one_choice", "several_choices"):
            lines = {line.strip() for line in (self.choices.data or "").splitlines()} - {""}
            if not 2 <= len(lines) <= 30:
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


class ApplicationForm(FlaskForm):
    """An application: on whose behalf (new ones), the territory, the people to invite; the
    questions' fields are added per call by application_form()."""

    applying_for = RadioField(_l("You apply"), choices=[], validators=[Optional()])
    territory = StringField(_l("Territory"), filters=[strip], validators=[max_length(200)])
    invitees = TextAreaField(
        _l("People to invite to the cohort if the application is accepted (one email per line)"),
        filters=[strip],
        validators=[max_length(INVITEES_MAX)],
    )
    save = SubmitField(_l("Save the draft"))
    submit_application = SubmitField(_l("Submit the application"))


def _question_field(question):
    """The WTForms field of one question (choices are checked by the services)."""
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
    return StringField(label, description=description, filters=[strip])


def application_form(questions, *, options=None, **kwargs) -> ApplicationForm:
    """An ApplicationForm with one field per question; `options` (ApplicantOptions) for a new
    application fills "you apply" with the organisations the person signed for."""

    class CallApplicationForm(ApplicationForm):
        pass

    for question in questions:
        setattr(CallApplicationForm, question.field_name, _question_field(question))
    form = CallApplicationForm(**kwargs)
    if options is not None:
        choices = pairs((str(o.id), _l("For %(name)s", name=o.name)) for o in options.organisations)
        if options.personal:
            choices.append(SelectChoice("individual", _l("Individually")))
        form.applying_for.choices = choices
        form.applying_for.validators = [InputRequired(_l("Choose on whose behalf you apply."))]
    form.question_fields = [(q, form[q.field_name]) for q in questions]
    return form


class ReviewForm(FlaskForm):
    """A score from 1 to 5 and a private comment."""

    score = RadioField(
        _l("Score"),
        choices=pairs((str(n), str(n)) for n in range(1, 6)),
        validators=[InputRequired(_l("Choose a score from 1 to 5."))],
    )
    comment = TextAreaField(
        _l("Private comment (reviewers only)"),
        filters=[strip],
        validators=[max_length(COMMENT_MAX)],
    )


class DecisionForm(FlaskForm):
    """Accept, waitlist or decline, with an optional word to the applicant."""

    decision = RadioField(
        _l("Decision"),
        choices=pairs(
            [
                ("accepted", _l("Accept")),
                ("waitlisted", _l("Waitlist")),
                ("declined", _l("Decline")),
            ]
        ),
        validators=[InputRequired(_l("Choose a decision."))],
    )
    message = TextAreaField(
        _l("Message to the applicant (optional)"),
        filters=[strip],
        validators=[max_length(MESSAGE_MAX)],
    )


class ActionForm(FlaskForm):
    """A button that posts (withdraw, release, move, delete): only the CSRF token."""


class MoveForm(FlaskForm):
    """Move a question up or down."""

    direction = SelectField(choices=pairs([("up", "up"), ("down", "down")]))


class TableFilterForm(FlaskForm):
    """The filters of the applications table (GET, no CSRF)."""

    class Meta:
        csrf = False

    state = SelectField(_l("State"), choices=[], validators=[Optional()])
    kind = SelectField(_l("Kind of organisation"), choices=[], validators=[Optional()])
    region = SelectField(_l("Region"), choices=[], validators=[Optional()])
    reviewed_by_me = SelectField(
        _l("Reviewed by me"),
        choices=pairs([("", _l("All")), ("yes", _l("Yes")), ("no", _l("No"))]),
        validators=[Optional()],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        states = state_labels()
        everything = [("", _l("All"))]
        self.state.choices = pairs(
            everything
            + [(s, states[s]) for s in ("submitted", "accepted", "waitlisted", "declined")]
        )
        self.kind.choices = pairs(everything + list(ORGANISATION_KINDS.items()))
        self.region.choices = pairs(everything + list(REGIONS.items()))
