"""Glue between experience forms, services and templates (no rules here: see services)."""

from __future__ import annotations

from flask import url_for
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from werkzeug.routing import BuildError

from portal.core.extensions import db
from portal.experiences import listing, services
from portal.experiences.forms import NO_SPACE, ExperienceForm

#: Names of the parts publishing needs, for the "still missing" notice.
PART_LABELS = {
    "context": _l("Context"),
    "actions": _l("What was done"),
    "results": _l("Results"),
    "lessons": _l("Lessons, and what we would do differently"),
    "fundamentals": _l("At least one fundamental"),
}


def meeting_choices(user, experience=None) -> list[tuple[int, str]]:
    """(id, "space — session — date") of the user's spaces' sessions, and those already linked."""
    from portal.meetings.times import format_moment

    locale = str(get_locale() or "fr")
    meetings = listing.presentable_meetings(user)
    if experience is not None:
        known = {m.id for m in meetings}
        meetings += [m for m in experience.meetings if m.id not in known]
    return [
        (
            m.id,
            f"{m.space.title} — {m.title} — {format_moment(m.starts_at, m.space.timezone, locale)}",
        )
        for m in meetings
    ]


def prefill_from_organisation(form: ExperienceForm, organisation) -> None:
    """A new experience starts with its organisation's territory and region."""
    form.territory.data = form.territory.data or organisation.territory
    form.region.data = form.region.data or organisation.region


def prefill_tags(form: ExperienceForm, experience) -> None:
    """The edited experience's tags and sessions, as the form wants them."""
    form.fundamentals.data = experience.fundamental_keys
    form.themes.data = [t.key for t in experience.themes]
    form.meetings.data = [m.id for m in experience.meetings]
    form.space.data = experience.space_id or NO_SPACE


def space_choices(user, experience=None) -> list:
    """The spaces offered: the user's own, and the one already chosen."""
    spaces = listing.member_spaces(user)
    if experience is not None and experience.space is not None and experience.space not in spaces:
        spaces.append(experience.space)
    return spaces


def fields_of(form: ExperienceForm) -> services.ExperienceFields:
    """The form's description of an experience; sessions come from the offered choices only."""
    from portal.meetings.models import Meeting
    from portal.spaces.models import Space

    offered = {choice[0] for choice in form.meetings.choices}
    meeting_ids = [m for m in (form.meetings.data or []) if m in offered]
    meetings = [db.session.get(Meeting, m) for m in meeting_ids]
    return services.ExperienceFields(
        title=form.title.data,
        region=form.region.data,
        territory=form.territory.data or "",
        period=form.period.data or "",
        start_year=form.start_year.data,
        end_year=form.end_year.data,
        context=form.context.data or "",
        actions=form.actions.data or "",
        actors=form.actors.data or "",
        results=form.results.data or "",
        difficulties=form.difficulties.data or "",
        lessons=form.lessons.data or "",
        budget=form.budget.data or "",
        contact_name=form.contact_name.data or "",
        contact_details=form.contact_details.data or "",
        visibility=form.visibility.data,
        fundamentals=list(form.fundamentals.data or []),
        themes=list(form.themes.data or []),
        meetings=meetings,
        space=db.session.get(Space, form.space.data) if form.space.data != NO_SPACE else None,
    )


def missing_labels(experience) -> list:
    """What the draft still needs before publishing, as labels."""
    if experience.is_published:
        return []
    return [PART_LABELS[name] for name in services.missing_parts(experience)]


def discussion(experience) -> dict | None:
    """The discussion's link and reply count, when the forums domain provides them."""
    if experience.discussion_thread_id is None:
        return None
    try:
        from portal.forums.models import Thread
    except ImportError:
        return None
    thread = db.session.get(Thread, experience.discussion_thread_id)
    if thread is None:
        return None
    try:
        url = url_for("forums.thread", thread_id=thread.id)
    except BuildError:
        return None
    return {"url": url, "replies": thread.reply_count}
