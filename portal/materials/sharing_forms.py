"""Forms of resources shared by allies: sharing or editing one, declining, reporting."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, SelectMultipleField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from portal.core.forms import strip
from portal.experiences.constants import FUNDAMENTALS
from portal.materials.constants import LANGUAGES, REASON_MAX, REASON_MIN, theme_choices
from portal.materials.forms import MaterialForm

#: The organisation select's value for "in my own name".
NO_ORGANISATION = 0


class CheckboxesField(SelectMultipleField):
    """Several choices as checkboxes (rendered in a fieldset by the template)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class ShareResourceForm(MaterialForm):
    """A file or a link shared with the alliance: what it is, for what, from whom."""

    #: Several themes instead of the material form's one; no session (no space).
    theme = None
    meeting = None
    themes = CheckboxesField(_l("Themes"), validators=[Optional()])
    fundamentals = CheckboxesField(_l("Fundamentals"), validators=[Optional()])
    language = SelectField(_l("Language"), default="fr")
    organisation = SelectField(_l("Shared on behalf of"), coerce=int, default=NO_ORGANISATION)

    def __init__(self, *args, organisations, material=None, **kwargs):
        super().__init__(
            *args, meetings=[], visibilities=["allies", "public"], material=material, **kwargs
        )
        self.themes.choices = theme_choices()
        self.fundamentals.choices = list(FUNDAMENTALS.items())
        self.language.choices = list(LANGUAGES.items())
        self.organisation.choices = [(NO_ORGANISATION, _l("Myself (no organisation)"))]
        self.organisation.choices += [(o.id, o.name) for o in organisations]
        if self.visibility.data not in ("allies", "public"):
            self.visibility.data = "allies"  # the material forms' default ("space") is not offered
        self.submit.label.text = (
            _l("Send for moderation") if material is None else _l("Save and send for moderation")
        )


def _reason(label, required_message):
    """A reason between REASON_MIN and REASON_MAX characters."""
    return TextAreaField(
        label,
        filters=[strip],
        validators=[
            DataRequired(required_message),
            Length(
                min=REASON_MIN,
                max=REASON_MAX,
                message=_l("Between %(min)d and %(max)d characters, please."),
            ),
        ],
    )


class DeclineResourceForm(FlaskForm):
    """Why a resource is declined: emailed to its author."""

    reason = _reason(
        _l("Reason (sent to the author)"), _l("Please give the reason: the author will read it.")
    )


class ReportResourceForm(FlaskForm):
    """Why a resource should be looked at by the moderators."""

    reason = _reason(
        _l("What is wrong with this resource?"),
        _l("Please say what is wrong: the moderators will read it."),
    )


class PublishResourceForm(FlaskForm):
    """Confirms a publication (its CSRF token is the whole form)."""
