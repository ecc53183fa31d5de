"""Workers compile every template before their first request (gunicorn post_worker_init)."""

from __future__ import annotations

from pathlib import Path

from portal.core.templating import warm_templates

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def test_every_template_compiles_at_worker_start(app):
    files = [p for p in TEMPLATES.rglob("*") if p.suffix in (".html", ".txt", ".ics")]
    assert warm_templates(app) == len(files)
    # Compiled once: the environment hands out the same template object afterwards.
    assert app.jinja_env.get_template("base.html") is app.jinja_env.get_template("base.html")


def test_gunicorn_runs_it_when_a_worker_starts():
    import runpy

    settings = runpy.run_path(str(TEMPLATES.parent / "gunicorn.conf.py"))
    assert callable(settings["post_worker_init"])
