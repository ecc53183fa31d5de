"""Forms of calls: the call, an application (built from the questions), a review, a decision,
the table's filters; the question forms are the shared ones of portal.core.question_forms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Optional

from portal.alliance.constants import ORGANISATION_KINDS, REGIONS
from portal.core.forms import max_length, strip
from portal.core.question_forms import (  # noqa: F401 - part of this module's interface
    MoveForm,
    MultiCheckboxField,
    QuestionForm,
    pairs,
    question_field,
)
from portal.core.questions import kind_labels  # noqa: F401 - part of this module's interface
from portal.meetings.forms import LocalTimesMixin, local_time_field
from portal.programmes.calls.calls import CallDetails

INTRODUCTION_MAX = 20_000
COMMENT_MAX = 5_000
MESSAGE_MAX = 5_000
INVITEES_MAX = 5_000


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


class CallForm(LocalTimesMixin, FlaskForm):
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


def application_form(questions, *, options=None, **kwargs) -> ApplicationForm:
    """An ApplicationForm with one field per question; `options` (ApplicantOptions) for a new
    application fills "you apply" with the organisations the person signed for."""

    class CallApplicationForm(ApplicationForm):
        pass

    for question in questions:
        setattr(CallApplicationForm, question.field_name, question_field(question))
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
