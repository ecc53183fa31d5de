"""Forms of the accounts domain; labels and messages are lazy so they follow the page language."""

from __future__ import annotations

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    HiddenField,
    PasswordField,
    SelectChoice,
    SelectField,
    StringField,
)
from wtforms.fields import EmailField
from wtforms.validators import DataRequired, Email, EqualTo, Length, ValidationError

from portal.accounts.passwords import MAX_LENGTH, password_problem, verify_password
from portal.core.forms import normalize_email, strip
from portal.core.i18n import LANGUAGE_NAMES, timezone_choices


def optional_int(value):
    """'' -> None, '12' -> 12; anything else raises ValueError (a form error, not a 500)."""
    if value in (None, "", "None"):
        return None
    return int(value)


def email_field(label):
    """An email input, trimmed and lower-cased, at most 254 characters."""
    return EmailField(
        label,
        filters=[normalize_email],
        validators=[
            DataRequired(_l("Enter your email address.")),
            Length(max=254, message=_l("An email address has at most 254 characters.")),
            Email(_l("Enter a valid email address, like name@example.org.")),
        ],
    )


def display_name_field():
    """The name shown to other members."""
    return StringField(
        _l("Name shown to other members"),
        filters=[strip],
        validators=[
            DataRequired(_l("Enter your name.")),
            Length(max=100, message=_l("A name has at most 100 characters.")),
        ],
    )


def new_password_field(label=None):
    """A new password: the rules are checked by the form, which knows the person."""
    return PasswordField(
        label or _l("Password"), validators=[DataRequired(_l("Choose a password."))]
    )


def repeat_field(target: str):
    """The new password typed again."""
    return PasswordField(
        _l("Password, again"),
        validators=[
            DataRequired(_l("Type the password again.")),
            EqualTo(target, _l("The two passwords are not the same.")),
        ],
    )


class NewPasswordMixin:
    """Checks `password` against the rules, with the person's details as guessable words."""

    #: (email, display name) of the person, set by the view when the form does not hold them.
    personal_details: tuple = ()

    def validate_password(self, field):
        """Length, zxcvbn score, and not built from personal details."""
        details = self.personal_details or (
            getattr(self, "email", None) and self.email.data,
            getattr(self, "display_name", None) and self.display_name.data,
        )
        problem = password_problem(field.data or "", *details)
        if problem is not None:
            raise ValidationError(str(problem))


class LoginForm(FlaskForm):
    """Email and password, with "remember me"."""

    email = EmailField(
        _l("Email address"),
        filters=[normalize_email],
        validators=[DataRequired(_l("Enter your email address.")), Length(max=254)],
    )
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(_l("Enter your password.")), Length(max=MAX_LENGTH)],
    )
    remember = BooleanField(_l("Remember me on this device"))
    next = HiddenField()


class RegisterForm(NewPasswordMixin, FlaskForm):
    """Create an account."""

    email = email_field(_l("Email address"))
    display_name = display_name_field()
    password = new_password_field()
    accept_privacy = BooleanField(
        _l("I have read and accept the privacy notice"),
        validators=[DataRequired(_l("Accept the privacy notice to create an account."))],
    )


class EmailForm(FlaskForm):
    """Only an address: resend the confirmation, ask for a reset link."""

    email = email_field(_l("Email address"))


class ResetPasswordForm(NewPasswordMixin, FlaskForm):
    """Choose a new password from a reset link."""

    password = new_password_field(_l("New password"))
    confirm = repeat_field("password")


class CurrentPasswordMixin:
    """Checks `current_password` against the account set as `account` by the view."""

    account = None

    def validate_current_password(self, field):
        """The password of the signed-in person."""
        if not verify_password(self.account.password_hash, field.data or ""):
            raise ValidationError(_l("This is not your current password."))


class ChangePasswordForm(CurrentPasswordMixin, NewPasswordMixin, FlaskForm):
    """Change the password, knowing the current one."""

    current_password = PasswordField(
        _l("Current password"), validators=[DataRequired(_l("Enter your current password."))]
    )
    password = new_password_field(_l("New password"))
    confirm = repeat_field("password")

    def validate_password(self, field):
        """The usual rules, and not the same as now."""
        super().validate_password(field)
        if verify_password(self.account.password_hash, field.data or ""):
            raise ValidationError(_l("Choose a password different from the current one."))


class ChangeEmailForm(CurrentPasswordMixin, FlaskForm):
    """Move the account to another address."""

    email = email_field(_l("New email address"))
    current_password = PasswordField(
        _l("Current password"), validators=[DataRequired(_l("Enter your current password."))]
    )

    def validate_email(self, field):
        """Changing to the same address means nothing."""
        if self.account is not None and field.data == self.account.email:
            raise ValidationError(_l("This is already your email address."))


class ProfileForm(FlaskForm):
    """Name, organisation, language and time zone (emails: notifications.forms)."""

    display_name = display_name_field()
    organisation_id = SelectField(_l("Organisation"), coerce=optional_int, validate_choice=True)
    locale = SelectField(_l("Language"))
    timezone = SelectField(_l("Time zone"))

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation_id.choices = [SelectChoice("", _l("None"))] + [
            SelectChoice(str(org_id), name) for org_id, name in organisations
        ]
        self.locale.choices = [
            SelectChoice(code, LANGUAGE_NAMES.get(code, code))
            for code in current_app.config["LANGUAGES"]
        ]
        self.timezone.choices = [
            SelectChoice(zone, zone.replace("_", " ")) for zone in timezone_choices()
        ]


class DeleteAccountForm(CurrentPasswordMixin, FlaskForm):
    """Delete the account, with the password and an explicit confirmation."""

    current_password = PasswordField(
        _l("Your password"), validators=[DataRequired(_l("Enter your password."))]
    )
    understood = BooleanField(
        _l("I understand that my account and personal data will be erased for good"),
        validators=[DataRequired(_l("Tick the box to confirm."))],
    )


def code_field(label, *, digits_only: bool):
    """A one-time code; the view checks it (it spends the code), the form only its presence."""
    render_kw = {"autocomplete": "one-time-code", "spellcheck": "false", "autocapitalize": "off"}
    if digits_only:
        render_kw["inputmode"] = "numeric"
    return StringField(
        label,
        filters=[strip],
        validators=[
            DataRequired(_l("Enter the code.")),
            Length(max=40, message=_l("This code is not valid.")),
        ],
        render_kw=render_kw,
    )


class TwoFactorCodeForm(FlaskForm):
    """A code from the authenticator app: confirms the setup, or allows new recovery codes."""

    code = code_field(_l("6-digit code from your app"), digits_only=True)


class TwoFactorLoginForm(FlaskForm):
    """The second step of a login: an app code, or one of the recovery codes."""

    code = code_field(_l("Code from your app, or a recovery code"), digits_only=False)


class DisableTwoFactorForm(CurrentPasswordMixin, FlaskForm):
    """Turn two-factor login off: the password and a code, so a stolen session is not enough."""

    current_password = PasswordField(
        _l("Your password"), validators=[DataRequired(_l("Enter your password."))]
    )
    code = code_field(_l("Code from your app, or a recovery code"), digits_only=False)
