"""Template globals and filters shared by every page and email."""

from flask import Flask, current_app
from flask_babel import get_locale

from portal.core import permissions
from portal.core.i18n import LANGUAGE_NAMES
from portal.core.markdown import render_markdown


def init_templating(app: Flask) -> None:
    """Expose languages, permissions and Markdown to Jinja."""

    @app.context_processor
    def inject_globals():
        return {
            "language_names": LANGUAGE_NAMES,
            "current_locale": str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"]),
            "can": permissions,
            "portal_name": current_app.config["PORTAL_NAME"],
        }

    app.jinja_env.filters["markdown"] = render_markdown
