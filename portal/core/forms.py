"""Input filters shared by every domain's forms."""


def strip(value):
    """Trim surrounding spaces and drop NUL characters (PostgreSQL refuses them in text)."""
    return value.replace("\x00", "").strip() if isinstance(value, str) else value


def normalize_email(value):
    """Addresses are compared trimmed and lower-cased."""
    return strip(value).lower() if isinstance(value, str) else value


def max_length(limit: int):
    """A Length validator with the portal's one translated "At most N characters." message."""
    from flask_babel import lazy_gettext as _l
    from wtforms.validators import Length

    return Length(max=limit, message=_l("At most %(max)d characters.", max=limit))
