"""Translated error pages (HTML) and JSON errors for JSON clients."""

from flask import Flask, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

ERROR_TEXTS = {
    400: (_l("Bad request"), _l("The request could not be understood. Please try again.")),
    403: (_l("Access denied"), _l("You do not have permission to see this page.")),
    404: (_l("Page not found"), _l("This page does not exist or has moved.")),
    405: (_l("Method not allowed"), _l("This action is not available here.")),
    413: (
        _l("File too large"),
        _l("The file you sent is larger than the portal accepts. Please send a smaller file."),
    ),
    429: (
        _l("Too many attempts"),
        _l("You have made too many attempts. Please wait a few minutes before trying again."),
    ),
    500: (
        _l("Something went wrong"),
        _l("An unexpected error occurred. The team has been told; please try again later."),
    ),
}


def render_error(code: int, detail: str | None = None):
    """Render the error page for `code`."""
    title, message = ERROR_TEXTS.get(code, ERROR_TEXTS[500])
    return (
        render_template("errors/error.html", code=code, title=title, message=detail or message),
        code,
    )


def init_errors(app: Flask) -> None:
    """Register handlers for HTTP errors, CSRF failures and crashes."""

    @app.errorhandler(CSRFError)
    def csrf_error(error):
        from flask_babel import gettext as _

        return render_error(
            400, _("Your form expired or was sent from elsewhere. Please reload the page.")
        )

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code is None or error.code < 400:
            return error
        if request.path == "/healthz" or request.accept_mimetypes.best == "application/json":
            return {"error": error.name}, error.code
        if error.code not in ERROR_TEXTS:
            return error
        return render_error(error.code)

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        app.logger.exception("Unhandled error on %s", request.path)
        from portal.core.extensions import db

        db.session.rollback()
        return render_error(500)
