"""Forms of the governance admin: an edition, a board member, a document, the purpose."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from werkzeug.datastructures import FileStorage
from wtforms import (
    BooleanField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields import DateField, URLField
from wtforms.validators import DataRequired, InputRequired, NumberRange, Optional

from portal.assembly.constants import ASSEMBLY_ZONE
from portal.assembly.governance.editions import EditionDetails
from portal.assembly.governance.models import BOARD_ROLES, DOCUMENT_KINDS
from portal.assembly.governance.services import BoardMemberDetails
from portal.core.forms import max_length, strip
from portal.core.uploads import UploadRefused, check_upload
from portal.meetings.forms import LocalTimesMixin, local_time_field, web_link

TEXT_MAX = 20_000

#: (opening field, closing field, message when the closing comes first).
WINDOWS = (
    ("starts_at", "ends_at", _l("The assembly must end after it starts.")),
    (
        "consultation_opens_at",
        "consultation_closes_at",
        _l("The consultation must close after it opens."),
    ),
    (
        "evaluation_opens_at",
        "evaluation_closes_at",
        _l("The evaluation must close after it opens."),
    ),
    ("vote_opens_at", "vote_closes_at", _l("The vote must close after it opens.")),
)
MOMENTS = (*[name for window in WINDOWS for name in window[:2]], "results_at")


class EditionForm(LocalTimesMixin, FlaskForm):
    """Create or edit an edition; moments are entered in Europe/Paris."""

    year = IntegerField(
        _l("Year"),
        validators=[InputRequired(_l("Enter the year.")), NumberRange(2000, 2200)],
    )
    title = StringField(
        _l("Title"),
        filters=[strip],
        validators=[DataRequired(_l("Enter a title.")), max_length(200)],
    )
    description = TextAreaField(
        _l("Description (Markdown)"), filters=[strip], validators=[max_length(TEXT_MAX)]
    )
    place = StringField(_l("Place"), filters=[strip], validators=[max_length(300)])
    visio_url = URLField(
        _l("Video-conference link"), filters=[strip], validators=[max_length(2000), web_link]
    )
    starts_at = local_time_field(_l("The assembly starts"), Optional())
    ends_at = local_time_field(_l("The assembly ends"), Optional())
    consultation_opens_at = local_time_field(_l("Consultation opens"), Optional())
    consultation_closes_at = local_time_field(_l("Consultation closes"), Optional())
    evaluation_opens_at = local_time_field(_l("Evaluation opens"), Optional())
    evaluation_closes_at = local_time_field(_l("Evaluation closes"), Optional())
    vote_opens_at = local_time_field(_l("Vote opens"), Optional())
    vote_closes_at = local_time_field(_l("Vote closes"), Optional())
    results_at = local_time_field(_l("Results are published"), Optional())
    with_space = BooleanField(_l("Create the assembly's community space (its programme)"))

    #: Admins enter the assembly's dates in Paris time.
    zone_name = ASSEMBLY_ZONE

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.details: EditionDetails | None = None

    def validate(self, extra_validators=None) -> bool:
        """The fields, then each closing after its opening."""
        valid = super().validate(extra_validators)
        moments = {name: self._to_utc(self[name]) for name in MOMENTS}
        for opens, closes, message in WINDOWS:
            if moments[opens] and moments[closes] and moments[closes] <= moments[opens]:
                self[closes].errors.append(message)
        if not valid or any(field.errors for field in self):
            return False
        self.details = EditionDetails(
            year=self.year.data,
            title=self.title.data,
            description=self.description.data or "",
            place=self.place.data or "",
            visio_url=self.visio_url.data or "",
            **moments,
        )
        return True


class BoardMemberForm(FlaskForm):
    """A person on the board, their role, organisation and term."""

    name = StringField(
        _l("Name"), filters=[strip], validators=[DataRequired(_l("Enter a name.")), max_length(200)]
    )
    role = SelectField(_l("Role on the board"), choices=[])
    organisation_id = SelectField(_l("Organisation (optional)"), choices=[], coerce=int)
    term_starts_on = DateField(
        _l("Term starts on"), validators=[InputRequired(_l("Enter the start of the term."))]
    )
    term_ends_on = DateField(_l("Term ends on (optional)"), validators=[Optional()])

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.role.choices = [SelectChoice(key, label) for key, label in BOARD_ROLES.items()]
        self.organisation_id.choices = [SelectChoice(0, _l("None"))] + [
            SelectChoice(key, name) for key, name in organisations
        ]

    def validate(self, extra_validators=None) -> bool:
        """The fields, then the term's end not before its start."""
        valid = super().validate(extra_validators)
        starts, ends = self.term_starts_on.data, self.term_ends_on.data
        if starts and ends and ends < starts:
            self.term_ends_on.errors.append(_l("The term cannot end before it starts."))
            return False
        return valid

    def details(self) -> BoardMemberDetails:
        """The board member as the services take it."""
        return BoardMemberDetails(
            name=self.name.data,
            role=self.role.data,
            organisation_id=self.organisation_id.data or None,
            term_starts_on=self.term_starts_on.data,
            term_ends_on=self.term_ends_on.data,
        )


class DocumentForm(FlaskForm):
    """Pick a public material, or send a new file (stored as a public material)."""

    material_id = SelectField(_l("Public material"), choices=[], coerce=int, default=0)
    title = StringField(_l("Title of the new file"), filters=[strip], validators=[max_length(200)])
    file = FileField(_l("New file"))
    kind = SelectField(_l("Kind of document"), choices=[])
    edition_id = SelectField(_l("Assembly (optional)"), choices=[], coerce=int)

    def __init__(self, *args, materials=(), editions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.material_id.choices = [SelectChoice(0, _l("None: I send a new file"))] + [
            SelectChoice(m.id, m.title) for m in materials
        ]
        self.kind.choices = [SelectChoice(key, label) for key, label in DOCUMENT_KINDS.items()]
        self.edition_id.choices = [SelectChoice(0, _l("None"))] + [
            SelectChoice(e.id, e.title) for e in editions
        ]

    @property
    def has_file(self) -> bool:
        """Whether a file was sent."""
        return isinstance(self.file.data, FileStorage) and bool(self.file.data.filename)

    def validate(self, extra_validators=None) -> bool:
        """A material picked, or a new file with its title that passes the upload rules."""
        valid = super().validate(extra_validators)
        if not valid or self.material_id.data:
            return valid
        if not self.has_file:
            self.file.errors.append(_l("Choose a public material, or send a new file."))
            return False
        if not self.title.data:
            self.title.errors.append(_l("Give the new file a title."))
            return False
        try:
            check_upload(self.file.data)
        except UploadRefused as refusal:
            self.file.errors.append(str(refusal))
            return False
        return True


class PurposeForm(FlaskForm):
    """The association's purpose and how it works."""

    purpose = TextAreaField(
        _l("The association and how it works (Markdown)"),
        filters=[strip],
        validators=[max_length(TEXT_MAX)],
    )


class ActionForm(FlaskForm):
    """A button that only carries the CSRF token (delete, remove)."""
