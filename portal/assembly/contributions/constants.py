"""Fixed choices of contributions: their answers, the list's sorts, limits."""

from flask_babel import lazy_gettext as _l

OPEN = "open"
RETAINED = "retained"
MERGED = "merged"
NOT_RETAINED = "not_retained"

#: A contribution's state, as allies read it (open: not answered yet).
STATES = {
    OPEN: _l("Awaiting an answer"),
    RETAINED: _l("Retained in the orientations"),
    MERGED: _l("Merged into another contribution"),
    NOT_RETAINED: _l("Not retained"),
}
#: The answers administrators give.
ANSWERS = {key: label for key, label in STATES.items() if key != OPEN}

#: The list's sort orders (the first is the default).
SORTS = {
    "supported": _l("Most supported"),
    "discussed": _l("Most discussed"),
    "newest": _l("Newest first"),
    "random": _l("Random order"),
}

TITLE_MAX = 200
BODY_MAX = 10_000
REASON_MAX = 5_000
PER_PAGE = 20
#: The modulus of the random order: a prime, so every per-visitor seed shuffles differently.
RANDOM_PRIME = 1_000_003
