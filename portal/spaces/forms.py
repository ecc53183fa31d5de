"""Forms of spaces: the space itself, facilitators, invitations."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields import EmailField
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from portal.core.forms import max_length, normalize_email, strip
from portal.core.i18n import DEFAULT_TIMEZONE, timezone_choices
from portal.core.uploads import UploadRefused, check_upload
from portal.spaces.constants import (
    COVER_PALETTE,
    DEFAULT_COVER,
    DESCRIPTION_MAX,
    INVITE_BATCH_MAX,
    INVITE_LINE_MAX,
    TITLE_MAX,
)
from portal.spaces.models import DEFAULT_REMINDER_OFFSETS, SpaceKind

#: Image types a cover may be (checked on the content by portal.core.uploads).
COVER_IMAGE_ACCEPT = (".jpg", ".jpeg", ".png", ".webp", ".gif")

#: Reminder offsets offered on the space form (minutes before a session -> label).
REMINDER_CHOICES = {
    7 * 24 * 60: _l("7 days before"),
    3 * 24 * 60: _l("3 days before"),
    24 * 60: _l("1 day before"),
    2 * 60: _l("2 hours before"),
    60: _l("1 hour before"),
}

KIND_LABELS = {
    SpaceKind.COHORT.value: _l("Cohort (closed, by invitation, with dates)"),
    SpaceKind.COMMUNITY.value: _l("Learning community (open to every member)"),
}


def reminder_choices(space=None) -> list[SelectChoice]:
    """The offered offsets, longest first, plus any other the space already has (set
    before this form offered a list), so that saving the form keeps it."""
    from datetime import timedelta

    from flask_babel import format_timedelta
    from flask_babel import gettext as _

    labels = dict(REMINDER_CHOICES)
    for offset in getattr(space, "reminder_offsets", None) or []:
        if isinstance(offset, int) and offset > 0 and offset not in labels:
            delay = format_timedelta(timedelta(minutes=offset), threshold=1.5)
            labels[offset] = _("%(delay)s before", delay=delay)
    return [SelectChoice(offset, labels[offset]) for offset in sorted(labels, reverse=True)]


class SpaceForm(FlaskForm):
    """Create or edit a cohort or a learning community."""

    title = StringField(
        _l("Title"),
        filters=[strip],
        validators=[
            DataRequired(_l("Enter a title.")),
            max_length(TITLE_MAX),
        ],
    )
    description = TextAreaField(
        _l("Description"),
        filters=[strip],
        validators=[max_length(DESCRIPTION_MAX)],
    )
    kind = RadioField(
        _l("Kind of space"),
        choices=[SelectChoice(kind, label) for kind, label in KIND_LABELS.items()],
        default=SpaceKind.COHORT.value,
        validators=[DataRequired(_l("Choose the kind of space."))],
    )
    timezone = SelectField(_l("Time zone of its sessions"), default=DEFAULT_TIMEZONE)
    starts_on = DateField(_l("Start date"), validators=[Optional()])
    ends_on = DateField(_l("End date"), validators=[Optional()])
    cover_colour = RadioField(
        _l("Cover colour"),
        choices=[SelectChoice(colour, label) for colour, (_key, label) in COVER_PALETTE.items()],
        default=DEFAULT_COVER,
        validators=[DataRequired(_l("Choose a colour from the palette."))],
    )
    cover_image = FileField(
        _l("Cover image (optional)"), render_kw={"accept": ",".join(COVER_IMAGE_ACCEPT)}
    )
    remove_cover_image = BooleanField(_l("Remove the cover image"))
    reminder_offsets = SelectMultipleField(
        _l("Reminders before each session"),
        coerce=int,
        default=list(DEFAULT_REMINDER_OFFSETS),
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
        invalid_value_message=_l("Choose among the reminders offered."),
        invalid_choice_message=_l("Choose among the reminders offered."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.timezone.choices = [
            SelectChoice(zone, zone.replace("_", " ")) for zone in timezone_choices()
        ]
        self.reminder_offsets.choices = reminder_choices(kwargs.get("obj"))

    @property
    def has_cover_image(self) -> bool:
        """Whether an image was sent."""
        return bool(self.cover_image.data and getattr(self.cover_image.data, "filename", ""))

    def _check_cover_image(self) -> bool:
        """An image passing every upload rule (nothing is written yet)."""
        if not self.has_cover_image:
            return True
        try:
            checked = check_upload(self.cover_image.data)
        except UploadRefused as refusal:
            self.cover_image.errors.append(str(refusal))
            return False
        if checked.file_type.family != "image":
            self.cover_image.errors.append(_l("The cover must be a PNG, JPEG, GIF or WebP image."))
            return False
        return True

    def validate(self, extra_validators=None) -> bool:
        """The field checks, the cover image, then the cohort dates (Optional() would skip
        inline validators)."""
        valid = super().validate(extra_validators)
        valid = self._check_cover_image() and valid
        if self.kind.data != SpaceKind.COHORT.value:
            return valid
        start, end = self.starts_on, self.ends_on
        if start.data is None and not start.errors:
            start.errors.append(_l("A cohort needs a start date."))
        if end.data is None and not end.errors:
            end.errors.append(_l("A cohort needs an end date."))
        elif start.data is not None and end.data is not None and end.data < start.data:
            end.errors.append(_l("The end date cannot be before the start date."))
        return valid and not start.errors and not end.errors

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
            "reminder_offsets": self.reminder_offsets.data or [],
        }


class FacilitatorForm(FlaskForm):
    """Appoint an existing account as facilitator, by its email address."""

    email = EmailField(
        _l("Email address of the account"),
        filters=[normalize_email],
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
