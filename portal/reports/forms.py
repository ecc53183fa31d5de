"""Forms of the yearly reports: a new report, its editorial parts, publishing, comparing."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectMultipleField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from portal.core.forms import max_length, strip
from portal.reports.constants import NOTE_MAX, TEXT_MAX, YEAR_MAX, YEAR_MIN
from portal.reports.figures.labels import SECTIONS


def _year_range():
    return NumberRange(
        YEAR_MIN,
        YEAR_MAX,
        message=_l("Give a year from %(min)d to %(max)d.", min=YEAR_MIN, max=YEAR_MAX),
    )


class NewReportForm(FlaskForm):
    """A report for a calendar year."""

    year = IntegerField(
        _l("Year"),
        validators=[InputRequired(_l("Give the year of the report.")), _year_range()],
    )
    submit = SubmitField(_l("Create the report"))


class CheckboxesField(SelectMultipleField):
    """Several choices as checkboxes (rendered in a fieldset by the template)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _markdown(label):
    return TextAreaField(label, filters=[strip], validators=[Optional(), max_length(TEXT_MAX)])


class EditorialForm(FlaskForm):
    """The editorial parts around the figures, and the sections shown."""

    introduction = _markdown(_l("Introduction"))
    highlights = _markdown(_l("Highlights"))
    outlook = _markdown(_l("Outlook"))
    sections = CheckboxesField(_l("Sections shown"), validators=[Optional()])
    submit = SubmitField(_l("Save the draft"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.sections.choices = [(key, label) for key, (label, _f, _b) in SECTIONS.items()]


class PublishForm(FlaskForm):
    """Publish the draft: a correction says what it changes (checked by the service)."""

    note = TextAreaField(
        _l("What the correction changes"), filters=[strip], validators=[max_length(NOTE_MAX)]
    )
    submit = SubmitField(_l("Publish"))
