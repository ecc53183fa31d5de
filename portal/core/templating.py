"""Template globals and filters shared by every page and email."""

from flask import Flask, current_app
from flask_babel import get_locale

from portal.core import permissions
from portal.core.i18n import LANGUAGE_NAMES
from portal.core.markdown import render_markdown


def locale_code() -> str:
    """The language of the page being rendered ("fr", "en")."""
    return str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"])


def init_templating(app: Flask) -> None:
    """Expose languages, permissions and Markdown to Jinja."""

    @app.context_processor
    def inject_globals():
        return {
            "language_names": LANGUAGE_NAMES,
            "current_locale": locale_code(),
            "can": permissions,
            "portal_name": current_app.config["PORTAL_NAME"],
        }

    # A function too: macros imported without context do not see `current_locale`
    # (the experience list showed French theme names on English pages).
    app.jinja_env.globals["locale_code"] = locale_code
    app.jinja_env.filters["markdown"] = render_markdown


def warm_templates(app: Flask) -> int:
    """Compile every template now; returns how many.

    gunicorn calls it when a worker starts (gunicorn.conf.py, post_worker_init): workers
    are recycled every few thousand requests, and a fresh one otherwise made its first
    visitors of each page wait for Jinja's compiler (the slowest requests of the paced
    load benchmark, issue 6). A template that does not compile is logged and left to
    fail where it is used, as it would have.
    """
    import logging

    from jinja2 import TemplateError

    count = 0
    for name in app.jinja_env.list_templates(extensions=("html", "txt", "ics")):
        try:
            app.jinja_env.get_template(name)
            count += 1
        except TemplateError:
            logging.getLogger(__name__).exception("template %s does not compile", name)
    return count
