"""Forms of spaces: the space itself, facilitators, invitations."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields import EmailField
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

from portal.core.i18n import DEFAULT_TIMEZONE, timezone_choices
from portal.spaces.constants import (
    COVER_PALETTE,
    DEFAULT_COVER,
    DESCRIPTION_MAX,
    INVITE_BATCH_MAX,
    INVITE_LINE_MAX,
    TITLE_MAX,
)
from portal.spaces.models import SpaceKind

KIND_LABELS = {
    SpaceKind.COHORT.value: _l("Cohort (closed, by invitation, with dates)"),
    SpaceKind.COMMUNITY.value: _l("Learning community (open to every member)"),
}


def strip(value):
    """Trim surrounding spaces of text input."""
    return value.strip() if isinstance(value, str) else value


def normalize(value):
    """Addresses are compared trimmed and lower-cased."""
    return value.strip().lower() if isinstance(value, str) else value


class SpaceForm(FlaskForm):
    """Create or edit a cohort or a learning community."""

    title = StringField(
        _l("Title"),
        filters=[strip],
        validators=[
            DataRequired(_l("Enter a title.")),
            Length(max=TITLE_MAX, message=_l("At most %(max)d characters.", max=TITLE_MAX)),
        ],
    )
    description = TextAreaField(
        _l("Description"),
        filters=[strip],
        validators=[
            Length(
                max=DESCRIPTION_MAX,
                message=_l("At most %(max)d characters.", max=DESCRIPTION_MAX),
            )
        ],
    )
    kind = RadioField(
        _l("Kind of space"),
        choices=list(KIND_LABELS.items()),
        default=SpaceKind.COHORT.value,
        validators=[DataRequired(_l("Choose the kind of space."))],
    )
    timezone = SelectField(_l("Time zone of its sessions"), default=DEFAULT_TIMEZONE)
    starts_on = DateField(_l("Start date"), validators=[Optional()])
    ends_on = DateField(_l("End date"), validators=[Optional()])
    cover_colour = RadioField(
        _l("Cover colour"),
        choices=[(hex_value, label) for hex_value, (_key, label) in COVER_PALETTE.items()],
        default=DEFAULT_COVER,
        validators=[DataRequired(_l("Choose a colour from the palette."))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.timezone.choices = [(zone, zone.replace("_", " ")) for zone in timezone_choices()]

    def validate_starts_on(self, field) -> None:
        """A cohort needs its start date."""
        if self.kind.data == SpaceKind.COHORT.value and field.data is None and not field.errors:
            raise ValidationError(_l("A cohort needs a start date."))

    def validate_ends_on(self, field) -> None:
        """A cohort needs its end date, not before the start."""
        if self.kind.data != SpaceKind.COHORT.value or field.errors:
            return
        if field.data is None:
            raise ValidationError(_l("A cohort needs an end date."))
        if self.starts_on.data is not None and field.data < self.starts_on.data:
            raise ValidationError(_l("The end date cannot be before the start date."))

    def space_fields(self) -> dict:
        """The validated values, as services.create_space() takes them."""
        return {
            "title": self.title.data,
            "description": self.description.data or "",
            "kind": self.kind.data,
            "timezone": self.timezone.data,
            "starts_on": self.starts_on.data,
            "ends_on": self.ends_on.data,
            "cover_colour": self.cover_colour.data,
        }


class FacilitatorForm(FlaskForm):
    """Appoint an existing account as facilitator, by its email address."""

    email = EmailField(
        _l("Email address of the account"),
        filters=[normalize],
        validators=[
            DataRequired(_l("Enter the email address of an account.")),
            Length(max=254, message=_l("An email address has at most 254 characters.")),
            Email(_l("Enter a valid email address, like name@example.org.")),
        ],
    )


class InviteForm(FlaskForm):
    """Invite people to a cohort by pasting their addresses, one per line."""

    addresses = TextAreaField(
        _l("Email addresses, one per line"),
        validators=[
            DataRequired(_l("Paste at least one email address.")),
            # Room for 200 long addresses with their line breaks; beyond, it is not a list.
            Length(
                max=INVITE_BATCH_MAX * (INVITE_LINE_MAX + 2),
                message=_l("At most %(max)d addresses at once.", max=INVITE_BATCH_MAX),
            ),
        ],
    )

    def validate_addresses(self, field) -> None:
        """At most INVITE_BATCH_MAX non-blank lines."""
        lines = [line for line in (field.data or "").splitlines() if line.strip()]
        if len(lines) > INVITE_BATCH_MAX:
            raise ValidationError(
                _l(
                    "At most %(max)d addresses at once (you pasted %(count)d).",
                    max=INVITE_BATCH_MAX,
                    count=len(lines),
                )
            )
