"""The documented schema of the open data: each dataset's fields, their types and meaning,
and the licence. The /donnees page, the CSV header and the JSON "fields" all read it."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

LICENCE_NAME = "Licence Ouverte / Open Licence 2.0 (Etalab)"
LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"


@dataclass(frozen=True)
class Field:
    """A column of a dataset."""

    name: str
    #: A JSON type ("string", "integer", "number", "boolean"), "date" (ISO 8601) or "url".
    type: str
    description: str

    def as_json(self) -> dict:
        """The field as the JSON download documents it."""
        return {"name": self.name, "type": self.type, "description": str(self.description)}


ALLIES_FIELDS = (
    Field("name", "string", _l("Name of the organisation.")),
    Field("kind", "string", _l("Kind of organisation (a stable key).")),
    Field("kind_label", "string", _l("Kind of organisation, in words.")),
    Field("region", "string", _l("Region (a stable key).")),
    Field("region_name", "string", _l("Official name of the region.")),
    Field("territory", "string", _l("Commune or territory; may be empty.")),
    Field("website", "url", _l("Website; may be empty.")),
    Field("description", "string", _l("Short presentation written by the organisation.")),
    Field("charter_version", "integer", _l("Newest version of the charter it signed.")),
    Field("signed_on", "date", _l("Date of its first validated signature of the charter.")),
    Field("url", "url", _l("Its page in the allies directory.")),
)

FIGURE_FIELDS = (
    Field("year", "integer", _l("Year the report covers.")),
    Field("version", "integer", _l("Published version of the report (a correction adds one).")),
    Field("section", "string", _l("Section of the report (a stable key).")),
    Field("figure", "string", _l("Key of a total; empty on a breakdown row.")),
    Field("breakdown", "string", _l("Key of a breakdown; empty on a total row.")),
    Field("category", "string", _l("Category of the breakdown; empty on a total row.")),
    Field("label", "string", _l("The figure or the category, in words.")),
    Field(
        "value",
        "number",
        _l("The count, or a rate from 0 to 1; empty when fewer than 5 or not available."),
    ),
    Field("fewer_than_5", "boolean", _l("The count is between 1 and 4 and is not published.")),
)


@dataclass(frozen=True)
class Dataset:
    """A dataset the /donnees page lists."""

    key: str
    title: str
    description: str
    fields: tuple[Field, ...]


ALLIES = Dataset(
    "allies",
    _l("Allies directory"),
    _l(
        "Organisations that signed the charter of the alliance, validated by the "
        "coordination team: the public fields of the directory, one row per ally."
    ),
    ALLIES_FIELDS,
)

REPORTS = Dataset(
    "reports",
    _l("Figures of the yearly reports"),
    _l(
        "Every figure of a published yearly report, as frozen when it was published: one "
        "row per total and per category of a breakdown. Counts from 1 to 4 in a breakdown "
        "are not published."
    ),
    FIGURE_FIELDS,
)
