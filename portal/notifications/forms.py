"""The preferences form: which optional emails a member receives, and how often."""

from __future__ import annotations

from babel.dates import get_day_names
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, SelectChoice, SelectField
from wtforms.validators import InputRequired

from portal.notifications.preferences import (
    CATEGORY_LABELS,
    Category,
    DigestFrequency,
    ForumDelivery,
)


class NotificationsForm(FlaskForm):
    """One switch per on/off category, the digest's frequency and day, forum notices."""

    session_reminders = BooleanField(CATEGORY_LABELS[Category.REMINDERS])
    session_changes = BooleanField(CATEGORY_LABELS[Category.CHANGES])
    catchups = BooleanField(CATEGORY_LABELS[Category.CATCHUPS])
    mentions = BooleanField(CATEGORY_LABELS[Category.MENTIONS])
    assembly = BooleanField(CATEGORY_LABELS[Category.ASSEMBLY])
    digest = RadioField(
        _l("Summary of activity by email"),
        choices=[
            SelectChoice(DigestFrequency.NEVER.value, _l("Never")),
            SelectChoice(DigestFrequency.DAILY.value, _l("Every day")),
            SelectChoice(DigestFrequency.WEEKLY.value, _l("Every week")),
        ],
        validators=[InputRequired(_l("Choose how often."))],
    )
    digest_weekday = SelectField(_l("Day of the weekly summary"), coerce=int)
    forum = RadioField(
        _l("New posts in the threads I follow"),
        choices=[
            SelectChoice(ForumDelivery.IMMEDIATELY.value, _l("Email me each post")),
            SelectChoice(ForumDelivery.DIGEST.value, _l("Include them in my summary")),
            SelectChoice(ForumDelivery.NEVER.value, _l("Do not email me")),
        ],
        validators=[InputRequired(_l("Choose how."))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Day names in the page's language, Monday (0) first as babel and Python count.
        names = get_day_names("wide", locale=get_locale())
        self.digest_weekday.choices = [SelectChoice(day, names[day]) for day in range(7)]
