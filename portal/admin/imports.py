"""Importing allies from a CSV file, with a report of what went in and what did not."""

from flask import render_template
from flask_babel import gettext as _
from flask_login import current_user

from portal.admin import bp
from portal.admin.forms import ImportAlliesForm
from portal.alliance import services
from portal.core.extensions import db

#: A list of allies is small; a bigger upload is a mistake (or worse).
MAX_IMPORT_BYTES = 5 * 1024 * 1024


@bp.route("/allies/import", methods=["GET", "POST"])
def import_allies():
    """Upload a CSV of allies: good rows go in, bad rows are listed with their line."""
    form = ImportAlliesForm()
    report = None
    if form.validate_on_submit():
        data = form.file.data.read(MAX_IMPORT_BYTES + 1)
        try:
            if len(data) > MAX_IMPORT_BYTES:
                raise services.CSVFormatError(
                    _("The file is too large (%(max)d MB at most).", max=MAX_IMPORT_BYTES >> 20)
                )
            rows = services.read_csv(data)
        except services.CSVFormatError as error:
            form.file.errors.append(str(error))
        else:
            report = services.import_allies(rows, decided_by=current_user)
            db.session.commit()
    return render_template("admin/import.html", form=form, report=report)
