"""Fixed choices and limits of spaces: the cover palette, field lengths, invitation rules."""

from datetime import timedelta

from flask_babel import lazy_gettext as _l

#: Cover colours: hex -> (CSS key, name). Each keeps white text at WCAG AA (>= 4.5:1);
#: tests/spaces/test_palette.py computes the ratios. The CSS classes are `cover-<key>`
#: in static/css/portal.css (the CSP forbids style="" attributes).
COVER_PALETTE = {
    "#1f6b45": ("forest", _l("Forest green")),
    "#15492f": ("pine", _l("Pine green")),
    "#005f73": ("teal", _l("Teal")),
    "#1d4f91": ("blue", _l("Blue")),
    "#4b3f8c": ("indigo", _l("Indigo")),
    "#6b2f6b": ("plum", _l("Plum")),
    "#8c2155": ("raspberry", _l("Raspberry")),
    "#8a3b12": ("rust", _l("Rust")),
    "#7a4b00": ("ochre", _l("Ochre")),
    "#3d4a5c": ("slate", _l("Slate")),
}
DEFAULT_COVER = "#1f6b45"

TITLE_MAX = 200
DESCRIPTION_MAX = 20_000
SLUG_MAX = 120
#: Slugs that are pages of /spaces/ rather than spaces.
RESERVED_SLUGS = frozenset({"new", "manage"})

#: At most this many addresses per paste.
INVITE_BATCH_MAX = 200
#: A line longer than this is not an address (and is not echoed back in full).
INVITE_LINE_MAX = 320
#: How long an emailed invitation link works, from its last sending.
INVITATION_MAX_AGE = timedelta(days=14)

SPACES_PER_PAGE = 24
MEMBERS_PER_PAGE = 50
INVITATIONS_PER_PAGE = 50
#: Members shown on the space page; the rest are on the members page.
MEMBERS_ON_SPACE_PAGE = 24
