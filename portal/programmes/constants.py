"""Kinds, statuses and limits of dispositifs, milestones and proposals."""

from flask_babel import lazy_gettext as _l

#: Kind key -> label. Keys are stored; labels are translated.
PROGRAMME_KINDS = {
    "cohort_journey": _l("Cohort journey"),
    "learning_community": _l("Learning community"),
    "accompaniment": _l("Accompaniment"),
    "event_series": _l("Event series"),
    "other": _l("Other"),
}
COHORT_JOURNEY = "cohort_journey"
LEARNING_COMMUNITY = "learning_community"
EVENT_SERIES = "event_series"

#: Status key -> label; computed from dates and calls, never stored.
UPCOMING = "upcoming"
OPEN = "open"
RUNNING = "running"
FINISHED = "finished"
STATUSES = {
    UPCOMING: _l("Upcoming"),
    OPEN: _l("Open for applications"),
    RUNNING: _l("Running"),
    FINISHED: _l("Finished"),
}

#: The scale of the territories a dispositif is for.
TERRITORY_SCALES = {
    "commune": _l("Municipalities"),
    "intercommunalite": _l("Inter-municipal areas"),
    "departement": _l("Départements"),
    "region": _l("Regions"),
    "any": _l("Any scale"),
}

#: Proposal states.
SUBMITTED = "submitted"
QUESTION_ASKED = "question_asked"
DECLINED = "declined"
PUBLISHED = "published"
PROPOSAL_STATES = {
    SUBMITTED: _l("Waiting for review"),
    QUESTION_ASKED: _l("Question asked to the proposer"),
    DECLINED: _l("Declined"),
    PUBLISHED: _l("Published"),
}
OPEN_PROPOSAL_STATES = (SUBMITTED, QUESTION_ASKED)

#: Slugs that would hide a fixed route under /dispositifs/.
RESERVED_SLUGS = frozenset(
    {"frise", "proposer", "nouveau", "propositions", "jalons", "new", "edit", "timeline"}
)

#: Programmes start no earlier than this year on the timeline (milestones may be older).
TIMELINE_SINCE = 2020

PER_PAGE = 12
PROPOSALS_PER_PAGE = 20
SLUG_MAX = 120
TITLE_MAX = 200
SUMMARY_MAX = 500
TEXT_MAX = 20_000
SHORT_MAX = 300
EMAIL_MAX = 254
