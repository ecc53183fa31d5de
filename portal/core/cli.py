"""The `flask portal ...` command group; each domain adds its commands in its cli.py."""

from flask.cli import AppGroup

portal_cli = AppGroup("portal", help="Maillage administration commands.")
