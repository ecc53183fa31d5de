"""Forms of experiences: writing one, the list filters, and theme administration."""

from __future__ import annotations

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp
from wtforms.widgets import CheckboxInput, ListWidget

from portal.alliance.constants import ORGANISATION_KINDS, REGIONS
from portal.core.forms import strip
from portal.experiences.constants import (
    FUNDAMENTALS,
    PERIOD_MAX,
    SHORT_MAX,
    SORTS,
    TERRITORY_MAX,
    TEXT_MAX,
    TITLE_MAX,
    VISIBILITIES,
)
from portal.experiences.themes import KEY_MAX, LABEL_MAX, theme_choices

#: The space select's value for "no particular space".
NO_SPACE = 0


class CheckboxesField(SelectMultipleField):
    """Several choices as checkboxes (rendered in a fieldset by the template)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _text(label, hint_max=TEXT_MAX):
    """A Markdown part of the write-up."""
    return TextAreaField(label, filters=[strip], validators=[Optional(), Length(max=hint_max)])


def _years():
    """A year, optional."""
    return [
        Optional(),
        NumberRange(min=1900, max=2100, message=_l("Give a year between 1900 and 2100.")),
    ]


class ExperienceForm(FlaskForm):
    """Writing or editing an experience (drafts may be incomplete)."""

    organisation = SelectField(_l("Organisation"), coerce=int)
    title = StringField(
        _l("Title"),
        filters=[strip],
        validators=[DataRequired(_l("Give the experience a title.")), Length(max=TITLE_MAX)],
    )
    territory = StringField(
        _l("Territory"), filters=[strip], validators=[Optional(), Length(max=TERRITORY_MAX)]
    )
    region = SelectField(_l("Region"), validators=[DataRequired(_l("Choose a region."))])
    period = StringField(
        _l("Period"), filters=[strip], validators=[Optional(), Length(max=PERIOD_MAX)]
    )
    start_year = IntegerField(_l("First year"), validators=_years())
    end_year = IntegerField(_l("Last year"), validators=_years())
    context = _text(_l("Context"))
    actions = _text(_l("What was done"))
    actors = _text(_l("Actors involved"))
    results = _text(_l("Results"))
    difficulties = _text(_l("Difficulties"))
    lessons = _text(_l("Lessons, and what we would do differently"))
    budget = StringField(
        _l("Budget"), filters=[strip], validators=[Optional(), Length(max=SHORT_MAX)]
    )
    contact_name = StringField(
        _l("Contact person"), filters=[strip], validators=[Optional(), Length(max=SHORT_MAX)]
    )
    contact_details = StringField(
        _l("Email or phone of the contact person"),
        filters=[strip],
        validators=[Optional(), Length(max=SHORT_MAX)],
    )
    fundamentals = CheckboxesField(_l("Fundamentals"))
    themes = CheckboxesField(_l("Themes"))
    space = SelectField(_l("Space where it was worked on"), coerce=int, default=NO_SPACE)
    meetings = CheckboxesField(_l("Sessions where it was presented"), coerce=int)
    visibility = RadioField(_l("Who may read it once published"), default="allies")
    submit = SubmitField(_l("Save the draft"))

    def __init__(self, *args, organisations, meetings, spaces=(), current_themes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation.choices = [(o.id, o.name) for o in organisations]
        self.fundamentals.choices = list(FUNDAMENTALS.items())
        self.visibility.choices = list(VISIBILITIES.items())
        self.region.choices = [("", _l("Choose a region"))] + list(REGIONS.items())
        themes = theme_choices()
        known = {key for key, _label in themes}
        # A retired theme stays on the experiences that have it.
        locale = str(get_locale() or "fr")
        themes += [(t.key, t.label(locale)) for t in current_themes if t.key not in known]
        self.themes.choices = themes
        self.meetings.choices = meetings
        self.space.choices = [(NO_SPACE, _l("No particular space"))] + [
            (space.id, space.title) for space in spaces
        ]

    def validate(self, extra_validators=None) -> bool:
        """The years, when both are given, are in order."""
        valid = super().validate(extra_validators)
        if valid and self.start_year.data and self.end_year.data:
            if self.end_year.data < self.start_year.data:
                self.end_year.errors.append(_l("The last year comes after the first."))
                return False
        return valid


class ExperienceFilterForm(FlaskForm):
    """Filters of /experiences (GET: no CSRF token); invalid values are reported and ignored."""

    class Meta:
        csrf = False

    fundamental = SelectField(_l("Fundamental"), default="", validators=[Optional()])
    theme = SelectField(_l("Theme"), default="", validators=[Optional()])
    region = SelectField(_l("Region"), default="", validators=[Optional()])
    kind = SelectField(_l("Kind of organisation"), default="", validators=[Optional()])
    sort = SelectField(_l("Sort"), default="date")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fundamental.choices = [("", _l("All fundamentals"))] + list(FUNDAMENTALS.items())
        self.theme.choices = [("", _l("All themes"))] + theme_choices()
        self.region.choices = [("", _l("All regions"))] + list(REGIONS.items())
        self.kind.choices = [("", _l("All kinds"))] + list(ORGANISATION_KINDS.items())
        self.sort.choices = list(SORTS.items())

    def valid_value(self, name: str) -> str | None:
        """The field's value if it passed validation, else None."""
        field = self[name]
        return (field.data or None) if not field.errors else None


class ThemeForm(FlaskForm):
    """A theme's labels (and, for a new one, its key)."""

    key = StringField(
        _l("Key"),
        filters=[strip],
        validators=[
            DataRequired(_l("Give the theme a key.")),
            Length(max=KEY_MAX),
            Regexp(r"^[a-z0-9_]+$", message=_l("Lower-case letters, digits and _ only.")),
        ],
    )
    label_fr = StringField(
        _l("Label in French"),
        filters=[strip],
        validators=[DataRequired(_l("Give the French label.")), Length(max=LABEL_MAX)],
    )
    label_en = StringField(
        _l("Label in English"),
        filters=[strip],
        validators=[DataRequired(_l("Give the English label.")), Length(max=LABEL_MAX)],
    )
    is_active = BooleanField(_l("Offered in forms and filters"), default=True)
    submit = SubmitField(_l("Save"))
