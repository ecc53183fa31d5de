"""The charter page, signing it (as a person or an organisation) and withdrawing."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.alliance import bp, charter, services
from portal.alliance.forms import SignCharterForm, SignOrganisationForm
from portal.alliance.models import Organisation, Signature, SignatureStatus
from portal.core.extensions import db
from portal.core.permissions import (
    can_manage_alliance,
    can_sign_charter,
    can_withdraw_signature,
    is_signed_in,
    require,
)
from portal.core.security import safe_next_url


def _locale() -> str:
    """The page language, for the charter text."""
    return str(get_locale() or charter.FALLBACK_LOCALE)


@bp.route("/charter", endpoint="charter")
def charter_page():
    """The current charter, its history, and where the reader stands with it."""
    standing = services.charter_standing(current_user) if is_signed_in(current_user) else None
    return render_template(
        "alliance/charter.html",
        version=charter.current_version(),
        versions=charter.all_versions(),
        locale=_locale(),
        standing=standing,
        sign_form=SignCharterForm(),
    )


@bp.route("/charter/v<int:number>")
def charter_version(number: int):
    """An earlier (or the current) version of the charter, as published."""
    version = charter.get_version(number)
    if version is None:
        abort(404)
    return render_template(
        "alliance/charter_version.html",
        version=version,
        current=charter.current_version(),
        locale=_locale(),
    )


@bp.route("/charter/sign", methods=["POST"])
@login_required
def sign():
    """Sign the current charter in one's own name."""
    require(can_sign_charter(current_user))
    form = SignCharterForm()
    if not form.validate_on_submit():
        for errors in form.errors.values():
            flash(" ".join(str(e) for e in errors), "error")
        return redirect(url_for("alliance.charter"))
    try:
        signature = services.sign_as_person(current_user)
    except services.AlreadySigned as error:
        db.session.rollback()
        flash(str(error), "warning")
        return redirect(url_for("alliance.charter"))
    db.session.commit()
    flash(
        _(
            "Thank you: you signed version %(version)d of the charter. You are now an ally.",
            version=signature.charter_version,
        ),
        "success",
    )
    return redirect(url_for("alliance.charter"))


@bp.route("/charter/sign/organisation", methods=["GET", "POST"])
@login_required
def sign_organisation():
    """Sign on behalf of an organisation, chosen or described; an administrator validates."""
    require(can_sign_charter(current_user))
    form = SignOrganisationForm(organisations=services.selectable_organisations())
    if request.method == "GET":
        # "Re-sign for this organisation" links preselect it.
        form.organisation.data = request.args.get("organisation", 0, type=int)
    if form.validate_on_submit():
        if form.is_new:
            organisation, _created = services.get_or_create_organisation(
                name=form.name.data,
                kind=form.kind.data,
                region=form.region.data,
                territory=form.territory.data or "",
                website=form.website.data or "",
                description=form.description.data or "",
            )
        else:
            organisation = db.get_or_404(Organisation, form.organisation.data)
        try:
            signature = services.sign_for_organisation(current_user, organisation)
        except services.AlreadySigned as error:
            db.session.rollback()
            form.form_errors.append(str(error))
        else:
            db.session.commit()
            if signature.status == SignatureStatus.VALIDATED.value:
                flash(
                    _("Thank you: %(name)s signed the charter.", name=organisation.name), "success"
                )
            elif services.co_signatories(signature):
                flash(
                    _(
                        "Thank you: %(name)s has already signed the charter; your signature as "
                        "a co-signatory is waiting for validation by the coordination team. "
                        "You will receive an email.",
                        name=organisation.name,
                    ),
                    "success",
                )
            else:
                flash(
                    _(
                        "Thank you: the signature of %(name)s is waiting for validation by the "
                        "coordination team. You will receive an email.",
                        name=organisation.name,
                    ),
                    "success",
                )
            return redirect(url_for("alliance.charter"))
    return render_template(
        "alliance/sign_organisation.html", form=form, version=charter.current_version()
    )


@bp.route("/signatures/<int:signature_id>/withdraw", methods=["POST"])
@login_required
def withdraw(signature_id: int):
    """Withdraw a signature (its signer, or an administrator: the whole organisation)."""
    signature = db.get_or_404(Signature, signature_id)
    require(can_withdraw_signature(current_user, signature))
    # Only the coordination team takes an organisation out, every co-signatory with it.
    whole = request.form.get("scope") == "signatory" and can_manage_alliance(current_user)
    if services.withdraw_signature(signature, whole_signatory=whole):
        db.session.commit()
        flash(_("The signature was withdrawn."), "success")
    else:
        flash(_("This signature was already withdrawn."), "info")
    return redirect(safe_next_url(request.form.get("next")) or url_for("alliance.charter"))
