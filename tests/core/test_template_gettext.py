"""Templates translate through one catalog lookup per language and request (core/i18n.py)."""

from __future__ import annotations

from flask import render_template_string
from flask_babel import force_locale, refresh

TEMPLATE = (
    '{{ _("Log in") }} / '
    '{{ ngettext("%(num)d experience found.", "%(num)d experiences found.", 2) }}'
)


def test_the_language_in_force_wins_each_time(app):
    with app.test_request_context("/", headers={"Accept-Language": "fr"}):
        page = render_template_string(TEMPLATE)
        with force_locale("en"):
            email = render_template_string(TEMPLATE)
        again = render_template_string(TEMPLATE)
    assert email == "Log in / 2 experiences found."
    assert page == again != email
    assert page.startswith("Se connecter") or page.startswith("Connexion")


def test_a_refreshed_language_is_seen(app):
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        english = render_template_string(TEMPLATE)
        from flask import session

        session["locale"] = "fr"
        refresh()
        french = render_template_string(TEMPLATE)
    assert english.startswith("Log in")
    assert french != english
