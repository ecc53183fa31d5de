"""Input filters shared by every domain's forms."""


def strip(value):
    """Trim surrounding spaces and drop NUL characters (PostgreSQL refuses them in text)."""
    return value.replace("\x00", "").strip() if isinstance(value, str) else value


def normalize_email(value):
    """Addresses are compared trimmed and lower-cased."""
    return strip(value).lower() if isinstance(value, str) else value
