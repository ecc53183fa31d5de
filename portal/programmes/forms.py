"""Forms of dispositifs: a programme, its editions, milestones, proposals and the filters."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from portal.alliance.constants import ORGANISATION_KINDS, REGIONS
from portal.core.forms import max_length, strip
from portal.programmes.constants import (
    EMAIL_MAX,
    PROGRAMME_KINDS,
    SHORT_MAX,
    STATUSES,
    SUMMARY_MAX,
    TERRITORY_SCALES,
    TEXT_MAX,
    TITLE_MAX,
)
from portal.programmes.editing import PROGRAMME_FIELDS


class CheckboxesField(SelectMultipleField):
    """Several choices as checkboxes (rendered in a fieldset by the template)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _short(label, limit=SHORT_MAX):
    """An optional one-line text."""
    return StringField(label, filters=[strip], validators=[Optional(), max_length(limit)])


def _long(label, required_message=None):
    """A Markdown text, required when `required_message` is given."""
    first = DataRequired(required_message) if required_message else Optional()
    return TextAreaField(label, filters=[strip], validators=[first, max_length(TEXT_MAX)])


def _web_address(form, field) -> None:
    """An http(s) address, when given."""
    from portal.materials.services import is_web_url

    if field.data and not is_web_url(field.data):
        raise ValidationError(_l("Give a web address starting with https:// or http://."))


class ProgrammeForm(FlaskForm):
    """A dispositif's page; facilitators get it without kind, audience, regions and dates."""

    title = StringField(
        _l("Title"),
        filters=[strip],
        validators=[DataRequired(_l("Give the dispositif a title.")), max_length(TITLE_MAX)],
    )
    summary = TextAreaField(
        _l("Summary"),
        filters=[strip],
        validators=[DataRequired(_l("Give a summary.")), max_length(SUMMARY_MAX)],
    )
    description = _long(_l("Description"))
    kind = SelectField(_l("Kind of dispositif"))
    audience_kinds = CheckboxesField(_l("Kinds of organisations it is for"))
    territory_scale = SelectField(_l("Scale of the territories"), validators=[Optional()])
    regions = CheckboxesField(_l("Regions"))
    format = _short(_l("Format"))
    duration = _short(_l("Duration"))
    starts_on = DateField(_l("Start date"), validators=[Optional()])
    ends_on = DateField(_l("End date"), validators=[Optional()])
    contact_name = _short(_l("Contact person"), 200)
    contact_email = StringField(
        _l("Contact email"),
        filters=[strip],
        validators=[
            Optional(),
            max_length(EMAIL_MAX),
            Email(_l("Enter a valid email address, like name@example.org.")),
        ],
    )
    contact_url = StringField(
        _l("Contact web page"),
        filters=[strip],
        validators=[Optional(), max_length(SHORT_MAX), _web_address],
    )
    with_community = BooleanField(
        _l("Also create a learning community for it, with the proposer as its facilitator")
    )
    submit = SubmitField(_l("Save"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Choices set after construction: WTForms warns about tuples passed to the field.
        self.kind.choices = list(PROGRAMME_KINDS.items())
        self.audience_kinds.choices = list(ORGANISATION_KINDS.items())
        self.territory_scale.choices = [("", _l("Not said"))] + list(TERRITORY_SCALES.items())
        self.regions.choices = list(REGIONS.items())

    def validate(self, extra_validators=None) -> bool:
        """The end, when both dates are given, is not before the start."""
        valid = super().validate(extra_validators)
        starts, ends = getattr(self, "starts_on", None), getattr(self, "ends_on", None)
        if valid and starts is not None and starts.data and ends.data:
            if ends.data < starts.data:
                ends.errors.append(_l("The end date comes after the start date."))
                return False
        return valid

    def fields_dict(self) -> dict:
        """The values for services.create_programme / update_programme."""
        values = {name: self[name].data for name in PROGRAMME_FIELDS if name in self}
        for name, value in values.items():
            if value is None and name not in ("starts_on", "ends_on"):
                values[name] = ""
        return values


class EditionForm(FlaskForm):
    """Link a space to a programme as one of its editions."""

    space = SelectField(_l("Space"), coerce=int)
    label = _short(_l("Name of the edition"), TITLE_MAX)
    submit = SubmitField(_l("Add the edition"))

    def __init__(self, *args, spaces=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.space.choices = [(s.id, s.title) for s in spaces]


class MilestoneForm(FlaskForm):
    """A milestone of the timeline."""

    happened_on = DateField(_l("Date"), validators=[DataRequired(_l("Give the date."))])
    title = StringField(
        _l("Title"),
        filters=[strip],
        validators=[DataRequired(_l("Give the milestone a title.")), max_length(TITLE_MAX)],
    )
    url = StringField(
        _l("Link"), filters=[strip], validators=[Optional(), max_length(SHORT_MAX), _web_address]
    )
    description = TextAreaField(
        _l("Description"), filters=[strip], validators=[Optional(), max_length(SUMMARY_MAX)]
    )
    submit = SubmitField(_l("Save"))


class ProposalForm(FlaskForm):
    """An ally's proposal of a dispositif."""

    title = StringField(
        _l("Name of the dispositif"),
        filters=[strip],
        validators=[DataRequired(_l("Give the dispositif a name.")), max_length(TITLE_MAX)],
    )
    purpose = _long(_l("What it is for"), _l("Say what it is for."))
    audience = _long(_l("Who it is for"), _l("Say who it is for."))
    format = _long(_l("Format"))
    runners = _long(_l("Who would run it"))
    submit = SubmitField(_l("Send the proposal"))


class MessageForm(FlaskForm):
    """A question to the proposer, or the proposer's answer."""

    body = TextAreaField(
        _l("Message"),
        filters=[strip],
        validators=[DataRequired(_l("Write a message.")), max_length(TEXT_MAX)],
    )
    submit = SubmitField(_l("Send"))


class DeclineForm(FlaskForm):
    """Declining a proposal, with the reason the proposer reads."""

    reason = TextAreaField(
        _l("Reason, sent to the proposer"),
        filters=[strip],
        validators=[DataRequired(_l("Give the reason.")), max_length(TEXT_MAX)],
    )
    submit = SubmitField(_l("Decline the proposal"))


class ProgrammeFilterForm(FlaskForm):
    """Filters of /dispositifs (GET: no CSRF token); invalid values are reported and ignored."""

    class Meta:
        csrf = False

    kind = SelectField(_l("Kind of dispositif"), default="", validators=[Optional()])
    status = SelectField(_l("Status"), default="", validators=[Optional()])
    audience = SelectField(_l("For organisations of kind"), default="", validators=[Optional()])
    region = SelectField(_l("Region"), default="", validators=[Optional()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = [("", _l("All kinds"))] + list(PROGRAMME_KINDS.items())
        self.status.choices = [("", _l("Any status"))] + list(STATUSES.items())
        self.audience.choices = [("", _l("All organisations"))] + list(ORGANISATION_KINDS.items())
        self.region.choices = [("", _l("All regions"))] + list(REGIONS.items())

    def valid_value(self, name: str) -> str | None:
        """The field's value if it passed validation, else None."""
        field = self[name]
        return (field.data or None) if not field.errors else None
