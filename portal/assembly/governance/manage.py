"""The admins' pages: editions, the purpose, the board and the documents."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.alliance.services import selectable_organisations
from portal.assembly import bp
from portal.assembly.constants import ASSEMBLY_ZONE
from portal.assembly.governance import editions as edition_services
from portal.assembly.governance import services
from portal.assembly.governance.forms import (
    MOMENTS,
    ActionForm,
    BoardMemberForm,
    DocumentForm,
    EditionForm,
    PurposeForm,
)
from portal.assembly.governance.models import BoardMember, GovernanceDocument
from portal.assembly.governance.permissions import can_manage_editions, can_manage_governance
from portal.assembly.loading import edition_or_404
from portal.core.extensions import db
from portal.core.permissions import require
from portal.core.uploads import UploadRefused
from portal.materials.models import Material, Visibility
from portal.materials.services import MaterialFields, post_material
from portal.meetings.times import utc_to_local


def _save_edition(form: EditionForm, edition=None):
    """Create or update from a valid form; None (and a form error) when the year is taken."""
    try:
        if edition is None:
            edition = edition_services.create_edition(
                form.details, current_user, with_space=bool(form.with_space.data)
            )
        else:
            edition_services.update_edition(
                edition, form.details, current_user, with_space=bool(form.with_space.data)
            )
    except edition_services.EditionError:
        db.session.rollback()
        form.year.errors.append(_("An edition of this year exists already."))
        return None
    db.session.commit()
    return edition


@bp.route("/assemblee/nouvelle", methods=["GET", "POST"])
@login_required
def edition_new():
    """Create an edition (optionally with its community space)."""
    require(can_manage_editions(current_user))
    form = EditionForm()
    if form.validate_on_submit() and (edition := _save_edition(form)) is not None:
        flash(_("The edition is created."), "success")
        return redirect(url_for("assembly.edition", year=edition.year))
    return render_template(
        "assembly/governance/edition_form.html", form=form, edition=None, zone=ASSEMBLY_ZONE
    )


@bp.route("/assemblee/<int:year>/modifier", methods=["GET", "POST"])
@login_required
def edition_edit(year: int):
    """Change an edition's details and its phases' dates."""
    edition = edition_or_404(year)
    require(can_manage_editions(current_user))
    data = {
        name: getattr(edition, name)
        for name in ("year", "title", "description", "place", "visio_url")
    }
    for name in MOMENTS:
        moment = getattr(edition, name)
        data[name] = utc_to_local(moment, ASSEMBLY_ZONE) if moment else None
    form = EditionForm(data=data)
    if form.validate_on_submit() and _save_edition(form, edition) is not None:
        flash(_("The edition is saved."), "success")
        return redirect(url_for("assembly.edition", year=edition.year))
    return render_template(
        "assembly/governance/edition_form.html", form=form, edition=edition, zone=ASSEMBLY_ZONE
    )


@bp.route("/gouvernance/gerer")
@login_required
def governance_manage():
    """The board and the documents, with their buttons, for the admins."""
    require(can_manage_governance(current_user))
    return render_template(
        "assembly/governance/manage.html",
        board=services.board(),
        documents=services.all_documents(),
        action_form=ActionForm(),
    )


@bp.route("/gouvernance/presentation", methods=["GET", "POST"])
@login_required
def purpose_edit():
    """Write the association's purpose and how it works."""
    require(can_manage_governance(current_user))
    text = services.governance_text()
    form = PurposeForm(data={"purpose": text.purpose if text else ""})
    if form.validate_on_submit():
        services.save_purpose(form.purpose.data or "")
        db.session.commit()
        flash(_("The presentation is saved."), "success")
        return redirect(url_for("assembly.governance"))
    return render_template("assembly/governance/purpose_form.html", form=form)


def _board_form(member: BoardMember | None):
    """The board member form, filled from `member` when editing."""
    data = None
    if member is not None:
        data = {
            "name": member.name,
            "role": member.role,
            "organisation_id": member.organisation_id or 0,
            "term_starts_on": member.term_starts_on,
            "term_ends_on": member.term_ends_on,
        }
    return BoardMemberForm(data=data, organisations=selectable_organisations())


def _board_page(member: BoardMember | None):
    """The board member form: saved, then back to the management page."""
    form = _board_form(member)
    if form.validate_on_submit():
        services.save_board_member(member, form.details())
        db.session.commit()
        flash(_("The board is saved."), "success")
        return redirect(url_for("assembly.governance_manage"))
    return render_template("assembly/governance/board_form.html", form=form, member=member)


@bp.route("/gouvernance/conseil/nouveau", methods=["GET", "POST"])
@login_required
def board_new():
    """Add someone to the board."""
    require(can_manage_governance(current_user))
    return _board_page(None)


@bp.route("/gouvernance/conseil/<int:member_id>", methods=["GET", "POST"])
@login_required
def board_edit(member_id: int):
    """Edit a board member."""
    require(can_manage_governance(current_user))
    return _board_page(db.get_or_404(BoardMember, member_id))


@bp.route("/gouvernance/conseil/<int:member_id>/supprimer", methods=["POST"])
@login_required
def board_delete(member_id: int):
    """Remove someone from the board."""
    require(can_manage_governance(current_user))
    member = db.get_or_404(BoardMember, member_id)
    if ActionForm().validate_on_submit():
        services.delete_board_member(member)
        db.session.commit()
        flash(_("The board is saved."), "success")
    return redirect(url_for("assembly.governance_manage"))


def _document_material(form: DocumentForm):
    """The material the form picked, or the new public one made from its file."""
    if form.material_id.data:
        material = db.session.get(Material, form.material_id.data)
        if material is None:
            raise services.DocumentError("missing")
        return material
    fields = MaterialFields(title=form.title.data, visibility=Visibility.PUBLIC.value)
    return post_material(None, current_user, fields, upload=form.file.data)


@bp.route("/gouvernance/documents/nouveau", methods=["GET", "POST"])
@login_required
def document_new():
    """List a public material among the governance documents, or send a new one."""
    require(can_manage_governance(current_user))
    form = DocumentForm(
        materials=services.public_materials(), editions=edition_services.all_editions()
    )
    if form.validate_on_submit():
        try:
            material = _document_material(form)
            services.add_document(material, form.kind.data, form.edition_id.data or None)
        except (services.DocumentError, UploadRefused):
            db.session.rollback()
            form.material_id.errors.append(_("Choose a public material not listed yet."))
        else:
            db.session.commit()
            flash(_("The document is added."), "success")
            return redirect(url_for("assembly.governance_manage"))
    return render_template("assembly/governance/document_form.html", form=form)


@bp.route("/gouvernance/documents/<int:document_id>/retirer", methods=["POST"])
@login_required
def document_remove(document_id: int):
    """Take a document off the governance pages (the material stays)."""
    require(can_manage_governance(current_user))
    document = db.get_or_404(GovernanceDocument, document_id)
    if ActionForm().validate_on_submit():
        services.remove_document(document)
        db.session.commit()
        flash(_("The document is removed."), "success")
    return redirect(url_for("assembly.governance_manage"))
