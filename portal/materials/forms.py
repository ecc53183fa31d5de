"""Forms of materials: posting and editing a file or a link, the library filters."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from portal.core.filetypes import ACCEPTED_EXTENSIONS
from portal.core.forms import strip
from portal.core.uploads import UploadRefused, check_upload
from portal.materials.constants import (
    DESCRIPTION_MAX,
    FAMILIES,
    TITLE_MAX,
    URL_MAX,
    VISIBILITIES,
    theme_choices,
)
from portal.materials.services import is_web_url

#: The meeting select's value for "the whole space, no particular session".
NO_MEETING = 0


class MaterialForm(FlaskForm):
    """A file or a link: new (either one), or edited (a file may be replaced)."""

    title = StringField(
        _l("Title"),
        filters=[strip],
        validators=[DataRequired(_l("Give the material a title.")), Length(max=TITLE_MAX)],
    )
    file = FileField(
        _l("File"), render_kw={"accept": ",".join(f".{e}" for e in ACCEPTED_EXTENSIONS)}
    )
    url = StringField(_l("Link"), filters=[strip], validators=[Length(max=URL_MAX)])
    description = TextAreaField(
        _l("Description"), filters=[strip], validators=[Optional(), Length(max=DESCRIPTION_MAX)]
    )
    meeting = SelectField(_l("Session"), coerce=int, default=NO_MEETING)
    theme = SelectField(_l("Theme"), default="", validators=[Optional()])
    visibility = RadioField(_l("Who may see it"), default="space")
    submit = SubmitField(_l("Post the material"))

    def __init__(self, *args, meetings: list[tuple[int, str]], visibilities, material=None, **kw):
        super().__init__(*args, **kw)
        #: The material being edited (None when posting a new one).
        self.material = material
        if "meeting" in self._fields:  # the sharing form has no space, hence no session
            self.meeting.choices = [(NO_MEETING, _l("The whole space (no particular session)"))]
            self.meeting.choices += meetings
        if "theme" in self._fields:  # the sharing form asks for several themes instead
            self.theme.choices = [("", _l("No particular theme"))] + theme_choices()
        self.visibility.choices = [(key, VISIBILITIES[key]) for key in visibilities]
        if material is not None:
            self.submit.label.text = _l("Save the changes")

    @property
    def has_file(self) -> bool:
        """Whether a file was sent."""
        return bool(self.file.data and getattr(self.file.data, "filename", ""))

    @property
    def accepts_file(self) -> bool:
        """New materials take a file or a link; an edited file may be replaced."""
        return self.material is None or self.material.is_file

    @property
    def accepts_url(self) -> bool:
        """New materials take a file or a link; an edited link may change address."""
        return self.material is None or self.material.is_link

    def validate_url(self, field) -> None:
        """Only web addresses: no javascript:, data: or file: links."""
        if field.data and not is_web_url(field.data):
            raise ValidationError(_l("Give a web address starting with https:// or http://."))

    def validate(self, extra_validators=None) -> bool:
        """Either a file or a link; a file must pass every upload rule (nothing is written)."""
        valid = super().validate(extra_validators)
        if self.material is None:
            if self.has_file and self.url.data:
                self.url.errors.append(_l("Send either a file or a link, not both."))
                return False
            if not self.has_file and not self.url.data:
                self.file.errors.append(_l("Choose a file to send, or give a link below."))
                return False
        elif self.material.is_link and not self.url.data:
            self.url.errors.append(_l("Give the address of the link."))
            return False
        if self.has_file and self.accepts_file:
            try:
                check_upload(self.file.data)
            except UploadRefused as refusal:
                self.file.errors.append(str(refusal))
                return False
        return valid


class LibraryFilterForm(FlaskForm):
    """Filters of /resources (GET: no CSRF token); invalid values are reported and ignored."""

    class Meta:
        csrf = False

    theme = SelectField(_l("Theme"), default="", validators=[Optional()])
    family = SelectField(_l("Type"), default="", validators=[Optional()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.theme.choices = [("", _l("All themes"))] + theme_choices()
        self.family.choices = [("", _l("All types"))] + list(FAMILIES.items())

    def valid_value(self, name: str) -> str | None:
        """The field's value if it passed validation, else None."""
        field = self[name]
        return (field.data or None) if not field.errors else None
