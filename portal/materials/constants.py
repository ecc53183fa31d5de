"""Fixed choices of materials: themes, visibility, type families, limits.

Themes live here only: the forums issue will make them editable by administrators,
and then `theme_choices()` and `theme_label()` are the two places to change.
"""

from flask_babel import lazy_gettext as _l

from portal.core.filetypes import FAMILIES as FILE_FAMILIES

#: Theme key -> label. Keys are stored on materials; never rename one.
THEMES = {
    "energy": _l("Energy"),
    "mobility": _l("Mobility"),
    "food": _l("Food"),
    "housing": _l("Housing"),
    "biodiversity": _l("Biodiversity"),
    "circular_economy": _l("Circular economy"),
    "governance": _l("Governance"),
    "culture_storytelling": _l("Culture and storytelling"),
    "health": _l("Health"),
    "water": _l("Water"),
}

#: Who may see a material.
VISIBILITIES = {
    "space": _l("Members of the space"),
    "allies": _l("All allies (anyone signed in to the portal)"),
    "public": _l("Everyone, including visitors who are not signed in"),
}
#: Short forms of the visibility, for badges.
VISIBILITY_BADGES = {
    "space": _l("Space members"),
    "allies": _l("All allies"),
    "public": _l("Public"),
}
#: What /resources lists: never "space".
LIBRARY_VISIBILITIES = ("allies", "public")

#: Type families of the /resources filter: the upload families, and links.
FAMILIES = {**FILE_FAMILIES, "link": _l("Link")}

TITLE_MAX = 200
DESCRIPTION_MAX = 5000
URL_MAX = 2000
MATERIALS_PER_PAGE = 20
LIBRARY_PER_PAGE = 20
#: The folder of material files under UPLOAD_ROOT.
UPLOAD_DOMAIN = "materials"


def theme_choices() -> list[tuple[str, object]]:
    """(key, label) of every theme, in display order."""
    return list(THEMES.items())


def theme_label(key: str | None):
    """The label of theme `key` ("" for none or a retired key)."""
    return THEMES.get(key or "", "")
