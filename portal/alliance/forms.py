"""Forms of the alliance: signing, the directory filters."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from portal.alliance.constants import (
    DESCRIPTION_MAX,
    NAME_MAX,
    ORGANISATION_KINDS,
    REGIONS,
    TERRITORY_MAX,
    WEBSITE_MAX,
)
from portal.alliance.services.organisations import check_name, normalize_website
from portal.core.forms import strip

#: The value of the organisation picker that means "a new organisation, described below".
NEW_ORGANISATION = 0
#: A search longer than this is refused (and ignored) rather than sent to the database.
SEARCH_MAX = 200


def kind_choices(blank) -> list[tuple[str, str]]:
    """("", blank) then every kind, for a select."""
    return [("", blank)] + [(key, label) for key, label in ORGANISATION_KINDS.items()]


def region_choices(blank) -> list[tuple[str, str]]:
    """("", blank) then the regions by name."""
    return [("", blank)] + sorted(REGIONS.items(), key=lambda item: item[1])


class SignCharterForm(FlaskForm):
    """Sign in one's own name."""

    commitment = BooleanField(
        _l("I have read the charter and I commit to act according to it."),
        validators=[DataRequired(_l("Please confirm that you commit to the charter."))],
    )


class SignOrganisationForm(FlaskForm):
    """Sign on behalf of an organisation: pick one, or describe a new one."""

    organisation = SelectField(_l("Organisation"), coerce=int, default=NEW_ORGANISATION)
    name = StringField(
        _l("Name of the organisation"), filters=[strip], validators=[Length(max=NAME_MAX)]
    )
    kind = SelectField(_l("Kind"), default="")
    territory = StringField(
        _l("Commune or territory"), filters=[strip], validators=[Length(max=TERRITORY_MAX)]
    )
    region = SelectField(_l("Region"), default="")
    website = StringField(
        _l("Website"), filters=[strip], validators=[Optional(), Length(max=WEBSITE_MAX)]
    )
    description = TextAreaField(
        _l("Short description"), filters=[strip], validators=[Length(max=DESCRIPTION_MAX)]
    )
    represents = BooleanField(
        _l("I declare that I may commit this organisation."),
        validators=[DataRequired(_l("Please confirm that you may represent the organisation."))],
    )
    commitment = BooleanField(
        _l("The organisation has read the charter and commits to act according to it."),
        validators=[DataRequired(_l("Please confirm that the organisation commits to it."))],
    )

    def __init__(self, *args, organisations: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation.choices = [
            (NEW_ORGANISATION, _l("A new organisation (describe it below)"))
        ] + organisations
        self.kind.choices = kind_choices(_l("Choose a kind"))
        self.region.choices = region_choices(_l("Choose a region"))

    @property
    def is_new(self) -> bool:
        """Whether the signer describes a new organisation."""
        return self.organisation.data == NEW_ORGANISATION

    def validate_name(self, field) -> None:
        """A new organisation needs a usable name."""
        if self.is_new:
            try:
                field.data = check_name(field.data)
            except ValueError as error:
                raise ValidationError(str(error)) from None

    def validate_kind(self, field) -> None:
        """A new organisation needs a kind."""
        if self.is_new and field.data not in ORGANISATION_KINDS:
            raise ValidationError(_l("Choose the kind of organisation."))

    def validate_region(self, field) -> None:
        """A new organisation needs a region."""
        if self.is_new and field.data not in REGIONS:
            raise ValidationError(_l("Choose the region."))

    def validate_website(self, field) -> None:
        """Only http(s) addresses; a bare domain gets https://."""
        try:
            field.data = normalize_website(field.data)
        except ValueError as error:
            raise ValidationError(str(error)) from None


class DirectoryFilterForm(FlaskForm):
    """Search and filters of the allies directory (GET: no CSRF token)."""

    class Meta:
        csrf = False

    q = StringField(_l("Name"), filters=[strip], validators=[Optional(), Length(max=SEARCH_MAX)])
    kind = SelectField(_l("Kind"), default="", validators=[Optional()])
    region = SelectField(_l("Region"), default="", validators=[Optional()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = kind_choices(_l("All kinds"))
        self.region.choices = region_choices(_l("All regions"))

    def valid_value(self, name: str) -> str | None:
        """The field's value if it passed validation, else None (an invalid filter is dropped)."""
        field = self[name]
        return (field.data or None) if not field.errors else None
