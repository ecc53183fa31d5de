"""WSGI entry point: `gunicorn wsgi:app` or `flask --app wsgi ...`."""

import sys

from portal import ConfigurationError, create_app

try:
    app = create_app()
except ConfigurationError as error:
    # One clear line instead of a traceback: this is an operator's mistake, not a bug.
    sys.exit(f"Maillage cannot start: {error}")
