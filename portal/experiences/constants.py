"""Fixed choices of experiences: the four fundamentals, statuses, visibilities, limits."""

from flask_babel import lazy_gettext as _l

#: The four fundamentals of La Fabrique des transitions. Keys are stored; never rename one.
FUNDAMENTALS = {
    "engagement": _l("Engagement of the territory's actors"),
    "systemic": _l("Integrated, systemic action"),
    "cooperation": _l("Cooperation"),
    "value": _l("Value created and new economic model"),
}

DRAFT = "draft"
PUBLISHED = "published"
STATUSES = (DRAFT, PUBLISHED)

#: Who may read a published experience.
VISIBILITIES = {
    "allies": _l("All allies (anyone signed in to the portal)"),
    "public": _l("Everyone, including visitors who are not signed in"),
}
VISIBILITY_BADGES = {"allies": _l("All allies"), "public": _l("Public")}

#: The list's sort orders.
SORTS = {"date": _l("Newest first"), "helpful": _l("Most helpful first")}

TITLE_MAX = 200
TERRITORY_MAX = 200
PERIOD_MAX = 60
SHORT_MAX = 300  # contact, budget
TEXT_MAX = 10_000  # each part of the write-up
PER_PAGE = 12
#: Parts a published experience must have (besides title, organisation, region, one fundamental).
REQUIRED_TO_PUBLISH = ("context", "actions", "results", "lessons")
