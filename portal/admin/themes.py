"""Administration of themes (experiences and materials): add, rename, reorder, retire.

Guarded like every /admin page by the blueprint's before_request (administrators only).
"""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from portal.admin import bp
from portal.core.extensions import db
from portal.experiences import themes
from portal.experiences.forms import ThemeForm


def theme_or_404(key: str):
    """The theme row of `key` (the defaults are written into the table first)."""
    theme = themes.get_theme(key)
    if theme is None:
        abort(404)
    return theme


@bp.route("/themes")
def themes_list():
    """Every theme in display order, active or retired."""
    return render_template("admin/themes.html", themes=themes.all_themes())


@bp.route("/themes/new", methods=["GET", "POST"])
def theme_add():
    """Add a theme at the end of the list."""
    form = ThemeForm()
    if form.validate_on_submit():
        try:
            themes.add_theme(
                key=form.key.data, label_fr=form.label_fr.data, label_en=form.label_en.data
            )
        except ValueError:
            form.key.errors.append(_("This key is already used by another theme."))
        else:
            db.session.commit()
            flash(_("The theme was added."), "success")
            return redirect(url_for("admin.themes_list"))
    return render_template("admin/theme_form.html", form=form, theme=None)


@bp.route("/themes/<key>/edit", methods=["GET", "POST"])
def theme_edit(key: str):
    """Change a theme's labels, or retire it from forms and filters (its key stays)."""
    theme = theme_or_404(key)
    form = ThemeForm(obj=theme if request.method == "GET" else None)
    form.key.data = theme.key  # never changed: materials store it
    if form.validate_on_submit():
        themes.update_theme(
            theme,
            label_fr=form.label_fr.data,
            label_en=form.label_en.data,
            is_active=form.is_active.data,
        )
        db.session.commit()
        flash(_("The theme was saved."), "success")
        return redirect(url_for("admin.themes_list"))
    db.session.commit()  # the defaults written by theme_or_404, if this was the first visit
    return render_template("admin/theme_form.html", form=form, theme=theme)


@bp.route("/themes/<key>/move", methods=["POST"])
def theme_move(key: str):
    """Move a theme one place up or down."""
    direction = request.form.get("direction")
    if direction not in ("up", "down"):
        abort(400)
    themes.move_theme(theme_or_404(key), direction)
    db.session.commit()
    return redirect(url_for("admin.themes_list", _anchor=f"theme-{key}"))
