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


def _request_translations():
    """The catalog of the language in force, looked up once per language per request.

    Flask-Babel's template callables find the catalog again for every `_()` of a page,
    through some ten context-local lookups each; a thread page makes ~80 such calls
    (a tenth of its time, bench/profile.py, issue 6). The catalog is kept beside the
    language Flask-Babel chose for this request, and is found again whenever that
    language object changes (`force_locale` for an email, `refresh()`).
    """
    from flask import g, has_app_context
    from flask_babel import get_translations

    if not has_app_context():
        return get_translations()
    state = g.get("_flask_babel")
    locale = getattr(state, "babel_locale", None)
    kept = getattr(state, "maillage_catalog", None)
    if locale is not None and kept is not None and kept[0] is locale:
        return kept[1]
    translations = get_translations()
    state = g.get("_flask_babel")  # created by the lookup above if it was missing
    if state is not None and getattr(state, "babel_locale", None) is not None:
        state.maillage_catalog = (state.babel_locale, translations)
    return translations


def install_template_gettext(app) -> None:
    """Templates translate through `_request_translations` (same texts, fewer lookups)."""
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: _request_translations().ugettext(s),
        ngettext=lambda s, p, n: _request_translations().ungettext(s, p, n),
        newstyle=True,
        pgettext=lambda c, s: _request_translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: _request_translations().unpgettext(c, s, p, n),
    )
