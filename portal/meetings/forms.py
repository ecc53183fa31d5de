"""Forms of sessions: schedule or edit, cancel, register, attendance."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields import DateTimeLocalField, URLField
from wtforms.validators import (
    DataRequired,
    InputRequired,
    NumberRange,
    Optional,
    ValidationError,
)
from wtforms.widgets import CheckboxInput, ListWidget

from portal.core.db import utcnow
from portal.core.forms import max_length, strip
from portal.meetings.services import MeetingDetails
from portal.meetings.times import NonexistentLocalTime, local_to_utc

TITLE_MAX = 200
DESCRIPTION_MAX = 20_000
PLACE_MAX = 300
URL_MAX = 500
MESSAGE_MAX = 2_000
CAPACITY_MAX = 10_000
LOCAL_FORMAT = "%Y-%m-%dT%H:%M"


def web_link(form, field) -> None:
    """Only http and https links: no javascript:, data: or file: URLs in a session."""
    if not field.data:
        return
    parts = urlsplit(field.data)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise ValidationError(_l("Enter a web address starting with https:// or http://."))


def local_time_field(label, *validators):
    """A datetime-local input (minutes), read as a wall-clock time of the space's zone."""
    return DateTimeLocalField(label, format=LOCAL_FORMAT, validators=list(validators))


class LocalTimesMixin:
    """For a form whose times are wall-clock times of one zone (`self.zone_name`)."""

    zone_name: str

    def _to_utc(self, field):
        """The field's wall-clock time in UTC, or None with an error on the field."""
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


class MeetingForm(LocalTimesMixin, FlaskForm):
    """Schedule or edit a session; times are entered in the space's time zone."""

    title = StringField(
        _l("Title"),
        filters=[strip],
        validators=[
            DataRequired(_l("Enter a title.")),
            max_length(TITLE_MAX),
        ],
    )
    description = TextAreaField(
        _l("Description (Markdown)"),
        filters=[strip],
        validators=[max_length(DESCRIPTION_MAX)],
    )
    starts_at = local_time_field(_l("Start"), InputRequired(_l("Enter the start date and time.")))
    ends_at = local_time_field(_l("End"), InputRequired(_l("Enter the end date and time.")))
    place = StringField(
        _l("Place"),
        filters=[strip],
        validators=[max_length(PLACE_MAX)],
    )
    visio_url = URLField(
        _l("Video-conference link"),
        filters=[strip],
        validators=[
            max_length(URL_MAX),
            web_link,
        ],
    )
    capacity = IntegerField(
        _l("Capacity (seats)"),
        validators=[
            Optional(),
            NumberRange(
                min=1,
                max=CAPACITY_MAX,
                message=_l("Enter a number of seats from 1 to %(max)d.", max=CAPACITY_MAX),
            ),
        ],
    )
    registration_deadline = local_time_field(_l("Registration deadline"), Optional())

    def __init__(self, *args, zone_name: str, is_new: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.zone_name = zone_name
        self.is_new = is_new
        self.details: MeetingDetails | None = None

    def validate(self, extra_validators=None) -> bool:
        """The field checks, then the times in the space's zone and the place."""
        valid = super().validate(extra_validators)
        starts_at, ends_at = self._to_utc(self.starts_at), self._to_utc(self.ends_at)
        deadline = self._to_utc(self.registration_deadline)
        if starts_at and ends_at and ends_at <= starts_at:
            self.ends_at.errors.append(_l("The end must come after the start."))
        if starts_at and self.is_new and starts_at <= utcnow():
            self.starts_at.errors.append(_l("The start must be in the future."))
        if deadline and starts_at and deadline > starts_at:
            self.registration_deadline.errors.append(
                _l("The registration deadline must come before the start.")
            )
        if not self.place.data and not self.visio_url.data and not self.place.errors:
            self.place.errors.append(_l("Give a place, a video-conference link, or both."))
        if any(field.errors for field in self) or not valid:
            return False
        self.details = MeetingDetails(
            title=self.title.data,
            description=self.description.data or "",
            starts_at=starts_at,
            ends_at=ends_at,
            place=self.place.data or "",
            visio_url=self.visio_url.data or "",
            capacity=self.capacity.data,
            registration_deadline=deadline,
        )
        return True


class CancelMeetingForm(FlaskForm):
    """Cancel a session, with an optional word to the people registered."""

    message = TextAreaField(
        _l("Message to the people registered (optional)"),
        filters=[strip],
        validators=[max_length(MESSAGE_MAX)],
    )


class ActionForm(FlaskForm):
    """A button that posts (register, unregister, regenerate): only the CSRF token."""


class MultiCheckboxField(SelectMultipleField):
    """A list of checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class AttendanceForm(FlaskForm):
    """Who came, among the confirmed registrations."""

    present = MultiCheckboxField(_l("Present"), coerce=int)

    def __init__(self, *args, sheet, **kwargs):
        super().__init__(*args, **kwargs)
        self.present.choices = [(r.id, r.user.public_name) for r in sheet]
        if not self.is_submitted():
            self.present.data = [r.id for r in sheet if r.attended]
