"""Fixed choices of materials: themes, visibility, type families, limits.

`THEMES` is the built-in list of themes; administrators edit them at /admin/themes
(portal.experiences.themes), and `theme_choices()`/`theme_label()` read from there.
"""

from flask_babel import lazy_gettext as _l

from portal.core.filetypes import FAMILIES as FILE_FAMILIES

#: The default themes (key -> label), seeded into the Theme table. Never rename a key.
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

#: Moderation states of a resource shared by an ally.
MODERATION_STATES = {
    "pending": _l("Waiting for moderation"),
    "published": _l("Published"),
    "declined": _l("Declined"),
}
#: The languages a shared resource may be in (key stored).
LANGUAGES = {
    "fr": _l("French"),
    "en": _l("English"),
    "de": _l("German"),
    "es": _l("Spanish"),
    "it": _l("Italian"),
    "other": _l("Another language"),
}

#: Type families of the /resources filter: the upload families, and links.
FAMILIES = {**FILE_FAMILIES, "link": _l("Link")}

TITLE_MAX = 200
DESCRIPTION_MAX = 5000
URL_MAX = 2000
MATERIALS_PER_PAGE = 20
LIBRARY_PER_PAGE = 20
#: The moderation queue and the author's page.
QUEUE_PER_PAGE = 20
REASON_MIN = 10
REASON_MAX = 2000
#: The folder of material files under UPLOAD_ROOT.
UPLOAD_DOMAIN = "materials"


def theme_choices() -> list[tuple[str, object]]:
    """(key, label) of every active theme, in display order (the admin-editable table)."""
    from portal.experiences import themes  # lazy: experiences owns the Theme table

    return themes.theme_choices()


def theme_label(key: str | None):
    """The label of theme `key`, active or not ("" for none or an unknown key)."""
    from portal.experiences import themes  # lazy: experiences owns the Theme table

    return themes.theme_label(key)


def is_known_theme(key: str) -> bool:
    """Whether `key` names a theme (active or retired) of the Theme table."""
    from portal.experiences import themes  # lazy: experiences owns the Theme table

    return any(t.key == key for t in themes.all_themes())
