"""The catalogue of dispositifs, a dispositif's page, and their editing."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.exc import IntegrityError

from portal.core.extensions import db
from portal.core.markdown import render_markdown
from portal.core.pagination import plain_number
from portal.core.permissions import require
from portal.programmes import bp, proposals, services
from portal.programmes.constants import PER_PAGE
from portal.programmes.forms import EditionForm, ProgrammeFilterForm, ProgrammeForm
from portal.programmes.models import ProgrammeEdition
from portal.programmes.permissions import (
    can_decide_proposal,
    can_edit_editions,
    can_edit_programme,
    can_manage_programmes,
    can_propose_programme,
)
from portal.programmes.views.helpers import checked_page, me, page_number, programme_or_404

#: What facilitators of a linked space may not change.
ADMIN_ONLY = (
    "title",
    "kind",
    "audience_kinds",
    "territory_scale",
    "regions",
    "starts_on",
    "ends_on",
)


@bp.route("/dispositifs", endpoint="list")
def list_programmes():
    """The dispositifs, filtered, each saying what a visitor can do now."""
    form = ProgrammeFilterForm(request.args)
    form.validate()
    filters = services.ProgrammeFilters(
        kind=form.valid_value("kind"),
        status=form.valid_value("status"),
        audience=form.valid_value("audience"),
        region=form.valid_value("region"),
    )
    number = page_number()
    page = checked_page(
        db.paginate(services.list_query(filters), page=number, per_page=PER_PAGE, error_out=False),
        number,
    )
    args = {k: v for k, v in vars(filters).items() if v}
    return render_template(
        "programmes/list.html",
        form=form,
        page=page,
        cards=services.cards(page.items),
        args=args,
        may_manage=can_manage_programmes(current_user),
        may_propose=can_propose_programme(current_user),
    )


@bp.route("/dispositifs/<slug>")
def show(slug: str):
    """A dispositif: description, audience, dates, status, contact, facilitators, editions."""
    programme = programme_or_404(slug)
    return render_template(
        "programmes/show.html",
        programme=programme,
        card=services.card(programme),
        description=render_markdown(programme.description, heading_offset=1),
        facilitators=services.facilitators(programme),
    )


def _proposal_to_publish():
    """The open proposal named by ?proposition=, for an administrator publishing it."""
    raw = request.args.get("proposition")
    if raw is None:
        return None
    number = plain_number(raw)
    proposal = proposals.load_proposal(number) if number else None
    if proposal is None:
        abort(404)
    require(can_decide_proposal(current_user, proposal))
    return proposal


@bp.route("/dispositifs/nouveau", methods=["GET", "POST"])
@login_required
def add():
    """Create a dispositif, maybe by publishing an ally's proposal."""
    require(can_manage_programmes(current_user))
    proposal = _proposal_to_publish()
    form = ProgrammeForm(data=proposals.prefill(proposal) if proposal else None)
    if proposal is None:
        del form.with_community
    if form.validate_on_submit():
        try:
            programme = services.create_programme(form.fields_dict())
            if proposal is not None:
                proposals.publish(
                    proposal, me(), programme, with_community=form.with_community.data
                )
            db.session.commit()
        except IntegrityError:  # another dispositif took the slug in between
            db.session.rollback()
            flash(_("Another dispositif was created with this name meanwhile: try again."), "error")
            return render_template(
                "programmes/form.html", form=form, programme=None, proposal=proposal
            )
        flash(_("The dispositif “%(title)s” is created.", title=programme.title), "success")
        return redirect(url_for("programmes.show", slug=programme.slug))
    return render_template("programmes/form.html", form=form, programme=None, proposal=proposal)


@bp.route("/dispositifs/<slug>/modifier", methods=["GET", "POST"])
@login_required
def edit(slug: str):
    """Edit a dispositif's page (facilitators of a linked space: its text only)."""
    programme = programme_or_404(slug)
    require(can_edit_programme(current_user, programme))
    full = can_manage_programmes(current_user)
    form = ProgrammeForm(obj=None if request.method == "POST" else programme)
    del form.with_community
    if not full:
        for name in ADMIN_ONLY:
            delattr(form, name)
    if form.validate_on_submit():
        try:
            services.update_programme(programme, form.fields_dict(), all_fields=full)
        except services.ProgrammeRuleError:
            form.form_errors.append(_("The end date comes after the start date."))
        else:
            db.session.commit()
            flash(_("The dispositif is saved."), "success")
            return redirect(url_for("programmes.show", slug=programme.slug))
    return render_template("programmes/form.html", form=form, programme=programme, proposal=None)


@bp.route("/dispositifs/<slug>/editions", methods=["GET", "POST"])
@login_required
def editions(slug: str):
    """The spaces that run a dispositif: list them, add one."""
    programme = programme_or_404(slug)
    require(can_edit_editions(current_user, programme))
    form = EditionForm(spaces=services.free_spaces())
    if form.validate_on_submit():
        space = next((s for s in services.free_spaces() if s.id == form.space.data), None)
        try:
            if space is None:  # taken between the form and the post
                raise services.ProgrammeRuleError("this space already runs a dispositif")
            services.add_edition(programme, space, form.label.data or "")
            db.session.commit()
        except (services.ProgrammeRuleError, IntegrityError):
            db.session.rollback()
            flash(_("This space already runs a dispositif."), "error")
        else:
            flash(_("The edition is added."), "success")
        return redirect(url_for("programmes.editions", slug=programme.slug))
    return render_template("programmes/editions.html", programme=programme, form=form)


@bp.route("/dispositifs/<slug>/editions/<int:edition_id>/retirer", methods=["POST"])
@login_required
def remove_edition(slug: str, edition_id: int):
    """Unlink a space from a dispositif (the space stays)."""
    programme = programme_or_404(slug)
    require(can_edit_editions(current_user, programme))
    edition = db.session.get(ProgrammeEdition, edition_id)
    if edition is None or edition.programme_id != programme.id:
        abort(404)
    services.remove_edition(edition)
    db.session.commit()
    flash(_("The edition is removed; its space stays."), "success")
    return redirect(url_for("programmes.editions", slug=programme.slug))
