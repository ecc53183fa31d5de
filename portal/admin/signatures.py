"""The queue of organisation signatures to validate or refuse."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from portal.admin import bp
from portal.admin.forms import RefuseSignatureForm
from portal.alliance import services
from portal.alliance.models import Signature, SignatureStatus
from portal.core import pagination
from portal.core.extensions import db

SIGNATURES_PER_PAGE = 20


@bp.route("/signatures")
def signatures():
    """Pending organisation signatures, oldest first."""
    page = db.paginate(
        select(Signature)
        .where(Signature.status == SignatureStatus.PENDING.value)
        .options(joinedload(Signature.organisation), joinedload(Signature.signer))
        .order_by(Signature.signed_at, Signature.id),
        page=pagination.page_number(),
        per_page=SIGNATURES_PER_PAGE,
        error_out=True,
    )
    return render_template(
        "admin/signatures.html", page=page, other_signers=services.other_signers(page.items)
    )


@bp.route("/signatures/<int:signature_id>/validate", methods=["POST"])
def validate_signature(signature_id: int):
    """Validate a pending signature: the organisation joins the directory; the signer is told."""
    signature = db.get_or_404(Signature, signature_id)
    try:
        services.validate_signature(signature, current_user)
    except services.NotPending as error:
        flash(str(error), "warning")
    else:
        db.session.commit()
        flash(
            _("%(name)s is now an ally; the signer was told.", name=signature.organisation.name),
            "success",
        )
    return redirect(url_for("admin.signatures"))


@bp.route("/signatures/<int:signature_id>/refuse", methods=["GET", "POST"])
def refuse_signature(signature_id: int):
    """Refuse a pending signature, with a reason emailed to the signer."""
    signature = db.get_or_404(Signature, signature_id)
    if signature.status != SignatureStatus.PENDING.value:
        flash(_("This signature is no longer waiting for a decision."), "warning")
        return redirect(url_for("admin.signatures"))
    form = RefuseSignatureForm()
    if form.validate_on_submit():
        try:
            services.refuse_signature(signature, current_user, form.reason.data)
        except services.NotPending as error:
            flash(str(error), "warning")
        else:
            db.session.commit()
            flash(_("The signature was refused; the signer was told why."), "success")
        return redirect(url_for("admin.signatures"))
    return render_template("admin/refuse.html", form=form, signature=signature)
