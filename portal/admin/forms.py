"""Forms of the administration pages."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import HiddenField, TextAreaField
from wtforms.validators import AnyOf, DataRequired, Length

REASON_MIN = 10
REASON_MAX = 2000


class RefuseSignatureForm(FlaskForm):
    """Why a signature is refused: emailed to the signer."""

    reason = TextAreaField(
        _l("Reason (sent to the signer)"),
        filters=[lambda value: value.strip() if isinstance(value, str) else value],
        validators=[
            DataRequired(_l("Please give the reason: the signer will read it.")),
            Length(
                min=REASON_MIN,
                max=REASON_MAX,
                message=_l("Between %(min)d and %(max)d characters, please."),
            ),
        ],
    )


class ImportAlliesForm(FlaskForm):
    """A CSV file of allies."""

    file = FileField(_l("CSV file"), validators=[FileRequired(_l("Please choose a file."))])


class ResetTwoFactorForm(FlaskForm):
    """Confirms the reset of someone's two-factor login (its CSRF token is the whole form)."""


class LibraryEditorForm(FlaskForm):
    """Grant ("yes") or revoke ("no") the library editor role."""

    grant = HiddenField(validators=[AnyOf(["yes", "no"])])
