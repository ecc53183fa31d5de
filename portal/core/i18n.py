"""Language and time zone selection, shared by pages and emails."""

from zoneinfo import ZoneInfo, available_timezones

from flask import current_app, has_request_context, request, session
from flask_login import current_user

#: Languages offered in the switcher, with their own name.
LANGUAGE_NAMES = {"fr": "Français", "en": "English"}
DEFAULT_TIMEZONE = "Europe/Paris"


def is_supported_locale(code: str | None) -> bool:
    """Whether `code` is a language the portal is translated into."""
    return code in current_app.config["LANGUAGES"]


def select_locale() -> str:
    """The signed-in member's language, then the switcher's choice, then the browser's.

    Outside a request (CLI, worker) it is the default language; emails choose
    their recipient's language with `force_locale` anyway.
    """
    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    if current_user and current_user.is_authenticated and current_user.locale:
        return current_user.locale
    chosen = session.get("locale")
    if is_supported_locale(chosen):
        return chosen
    return request.accept_languages.best_match(
        current_app.config["LANGUAGES"], default=current_app.config["BABEL_DEFAULT_LOCALE"]
    )


def select_timezone() -> str:
    """The signed-in member's time zone, else Europe/Paris."""
    if not has_request_context():
        return DEFAULT_TIMEZONE
    if current_user and current_user.is_authenticated and current_user.timezone:
        return current_user.timezone
    return DEFAULT_TIMEZONE


_ZONES: list[str] | None = None


def timezone_choices() -> list[str]:
    """Every IANA zone name, sorted, computed once."""
    global _ZONES
    if _ZONES is None:
        _ZONES = sorted(z for z in available_timezones() if "/" in z and not z.startswith("Etc/"))
    return _ZONES


def is_valid_timezone(name: str) -> bool:
    """Whether `name` is a known IANA zone."""
    try:
        ZoneInfo(name)
    except (ValueError, KeyError, OSError):
        return False
    return name in timezone_choices()
