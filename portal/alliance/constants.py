"""Kinds of organisation and the 18 French regions."""

from flask_babel import lazy_gettext as _l

#: Kind key -> label. Keys are stored; labels are translated.
ORGANISATION_KINDS = {
    "collectivite": _l("Local authority"),
    "intercommunalite": _l("Inter-municipal body"),
    "association": _l("Association"),
    "entreprise": _l("Company"),
    "reseau": _l("Network"),
    "universite": _l("University or research"),
    "institution": _l("Public institution"),
    "media": _l("Media"),
    "autre": _l("Other"),
}

#: Region key -> official name (INSEE), the same in both languages.
REGIONS = {
    "auvergne-rhone-alpes": "Auvergne-Rhône-Alpes",
    "bourgogne-franche-comte": "Bourgogne-Franche-Comté",
    "bretagne": "Bretagne",
    "centre-val-de-loire": "Centre-Val de Loire",
    "corse": "Corse",
    "grand-est": "Grand Est",
    "hauts-de-france": "Hauts-de-France",
    "ile-de-france": "Île-de-France",
    "normandie": "Normandie",
    "nouvelle-aquitaine": "Nouvelle-Aquitaine",
    "occitanie": "Occitanie",
    "pays-de-la-loire": "Pays de la Loire",
    "provence-alpes-cote-d-azur": "Provence-Alpes-Côte d'Azur",
    "guadeloupe": "Guadeloupe",
    "martinique": "Martinique",
    "guyane": "Guyane",
    "la-reunion": "La Réunion",
    "mayotte": "Mayotte",
}

#: Field lengths shared by the models' users: forms, the CSV import.
NAME_MAX = 200
TERRITORY_MAX = 200
WEBSITE_MAX = 300
DESCRIPTION_MAX = 1000
