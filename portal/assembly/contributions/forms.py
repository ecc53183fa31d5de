"""Forms of contributions: writing one, the list's filters, the administrators' answer."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from portal.assembly.contributions.constants import (
    ANSWERS,
    BODY_MAX,
    REASON_MAX,
    SORTS,
    STATES,
    TITLE_MAX,
)
from portal.core.forms import strip
from portal.experiences.constants import FUNDAMENTALS
from portal.experiences.forms import CheckboxesField
from portal.experiences.themes import theme_choices

#: The organisation select's value for "in my own name".
INDIVIDUALLY = 0


class ContributionForm(FlaskForm):
    """Writing or editing a contribution."""

    organisation = SelectField(_l("On behalf of"), coerce=int, default=INDIVIDUALLY)
    title = StringField(
        _l("Title"),
        filters=[strip],
        validators=[DataRequired(_l("Give the contribution a title.")), Length(max=TITLE_MAX)],
    )
    body = TextAreaField(
        _l("Contribution"),
        filters=[strip],
        validators=[DataRequired(_l("Write the contribution.")), Length(max=BODY_MAX)],
    )
    fundamental = RadioField(
        _l("Fundamental"),
        validators=[DataRequired(_l("Choose one of the four fundamentals."))],
    )
    themes = CheckboxesField(_l("Themes"), validators=[Optional()])
    submit = SubmitField(_l("Submit the contribution"))

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation.choices = [(INDIVIDUALLY, _l("In my own name"))] + [
            (o.id, o.name) for o in organisations
        ]
        self.fundamental.choices = list(FUNDAMENTALS.items())
        self.themes.choices = theme_choices()


class ContributionFilterForm(FlaskForm):
    """Filters of the list (GET: no CSRF token); invalid values are reported and ignored."""

    class Meta:
        csrf = False

    fundamental = SelectField(_l("Fundamental"), default="", validators=[Optional()])
    theme = SelectField(_l("Theme"), default="", validators=[Optional()])
    state = SelectField(_l("Answer"), default="", validators=[Optional()])
    sort = SelectField(_l("Sort"), default="supported")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fundamental.choices = [("", _l("All fundamentals"))] + list(FUNDAMENTALS.items())
        self.theme.choices = [("", _l("All themes"))] + theme_choices()
        self.state.choices = [("", _l("All answers"))] + list(STATES.items())
        self.sort.choices = list(SORTS.items())

    def valid_value(self, name: str) -> str | None:
        """The field's value if it passed validation, else None."""
        field = self[name]
        return (field.data or None) if not field.errors else None


class AnswerForm(FlaskForm):
    """The administrators' answer to a contribution."""

    state = RadioField(
        _l("Answer"),
        validators=[DataRequired(_l("Choose an answer."))],
    )
    merged_into = SelectField(_l("Merged into"), coerce=int, default=0)
    reason = TextAreaField(
        _l("Reason or comment"),
        filters=[strip],
        validators=[Optional(), Length(max=REASON_MAX)],
    )
    submit = SubmitField(_l("Save the answer"))

    def __init__(self, *args, targets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.state.choices = list(ANSWERS.items())
        self.merged_into.choices = [(0, _l("(only for a merge)"))] + [
            (c.id, c.title) for c in targets
        ]
