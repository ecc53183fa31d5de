"""The route inventory: who may GET and POST every endpoint of the portal.

Every endpoint of `app.url_map` has one line here, or test_inventory.py fails: a new
route cannot ship without saying who may use it. A line reads

    "forums.flag": Access(get="fA", post="fA"),

with one letter per persona allowed (see world.PERSONAS):

    a anonymous   m member of the cohort (author of its thread, reply and experience)
    o outsider (signed in, in no space)   f facilitator of the cohort   A administrator

Whoever is not listed is refused: anonymous visitors are sent to the login page, signed-in
people get 403 or 404 (`noop` lists personas answered like the allowed ones, e.g. leaving
a space one is not in, whose request must then write nothing). Allowed means any 2xx or
3xx answer that is not the login page (a form without data re-renders with errors, an
action redirects). URL arguments come from World.args by name; `args` maps an argument
to another World.args key where the route needs a different object, `data` is the form
a POST needs to reach its check.

Routes any anonymous visitor may use are listed again in PUBLIC, on purpose: opening a
route to the whole Internet takes two edits, not one letter.
"""

from __future__ import annotations

from dataclasses import dataclass, field

EVERYONE = "amofA"
SIGNED_IN = "mofA"
#: The cohort's people and the administrators.
COHORT = "mfA"
#: The cohort's facilitator and the administrators.
MANAGERS = "fA"
ADMIN = "A"


@dataclass(frozen=True)
class Access:
    """Who may GET and POST one endpoint (None: the method is not served)."""

    get: str | None = None
    post: str | None = None
    #: Personas refused nothing but given nothing: an "ok" answer that must write nothing.
    noop: str = ""
    args: dict = field(default_factory=dict)
    data: dict = field(default_factory=dict)

    def allowed(self, method: str) -> str | None:
        """The persona codes allowed to use `method` ("GET", "POST")."""
        return {"GET": self.get, "POST": self.post}.get(method)


#: The questionnaire's URL arguments (World.args keys).
QUESTIONNAIRE = {"year": "questionnaire_year", "question_id": "questionnaire_question_id"}

ROUTES: dict[str, Access] = {
    # accounts
    "accounts.change_email": Access(get=SIGNED_IN, post=SIGNED_IN),
    "accounts.change_password": Access(get=SIGNED_IN, post=SIGNED_IN),
    "accounts.check_inbox": Access(get=EVERYONE),
    "accounts.confirm": Access(get=EVERYONE),
    "accounts.confirm_email_change": Access(get=EVERYONE),
    "accounts.disable_two_factor": Access(post=SIGNED_IN),
    "accounts.delete_account": Access(get=SIGNED_IN, post=SIGNED_IN),
    "accounts.end_one_login": Access(post="m"),  # the member's own other login
    "accounts.end_other_logins": Access(post=SIGNED_IN),
    "accounts.export_data": Access(get=SIGNED_IN),
    "accounts.new_recovery_codes": Access(post=SIGNED_IN),
    "accounts.two_factor": Access(get=SIGNED_IN, post=SIGNED_IN),
    # The code step: anonymous visitors without a fresh password step go back to the login.
    "accounts.two_factor_login": Access(get=SIGNED_IN, post=SIGNED_IN),
    "accounts.login": Access(get=EVERYONE, post=EVERYONE),
    "accounts.logins": Access(get=SIGNED_IN),
    "accounts.logout": Access(post=EVERYONE),
    "accounts.profile": Access(get=SIGNED_IN, post=SIGNED_IN),
    "accounts.register": Access(get=EVERYONE, post=EVERYONE),
    "accounts.resend_confirmation": Access(get=EVERYONE, post=EVERYONE),
    "accounts.reset_password": Access(
        get=EVERYONE, post=EVERYONE, args={"token": "reset_token"}
    ),  # the facilitator's link
    "accounts.reset_request": Access(get=EVERYONE, post=EVERYONE),
    # assembly: governance and editions
    "assembly.board_delete": Access(post=ADMIN),
    "assembly.board_edit": Access(get=ADMIN, post=ADMIN),
    "assembly.board_new": Access(get=ADMIN, post=ADMIN),
    "assembly.document_new": Access(get=ADMIN, post=ADMIN),
    "assembly.document_remove": Access(post=ADMIN),
    "assembly.edition": Access(get=EVERYONE),
    "assembly.edition_edit": Access(get=ADMIN, post=ADMIN),
    "assembly.edition_new": Access(get=ADMIN, post=ADMIN),
    "assembly.editions": Access(get=EVERYONE),
    "assembly.governance": Access(get=EVERYONE),
    "assembly.governance_manage": Access(get=ADMIN),
    "assembly.purpose_edit": Access(get=ADMIN, post=ADMIN),
    # admin
    "admin.import_allies": Access(get=ADMIN, post=ADMIN),
    "admin.index": Access(get=ADMIN),
    "admin.mark_message_handled": Access(post=ADMIN),
    "admin.messages": Access(get=ADMIN),
    "admin.outbox": Access(get=ADMIN),
    "admin.people": Access(get=ADMIN),
    "admin.person": Access(get=ADMIN),
    "admin.reset_bounce": Access(post=ADMIN),
    "admin.set_library_editor": Access(post=ADMIN, data={"grant": "yes"}),
    "admin.reset_two_factor": Access(
        get=ADMIN, post=ADMIN, args={"user_id": "enrolled_user_id"}
    ),  # someone else's, who has it on
    "admin.retry_email": Access(post=ADMIN),
    "admin.refuse_signature": Access(get=ADMIN, post=ADMIN),
    "admin.signatures": Access(get=ADMIN),
    "admin.theme_add": Access(get=ADMIN, post=ADMIN),
    "admin.theme_edit": Access(get=ADMIN, post=ADMIN),
    "admin.theme_move": Access(post=ADMIN, data={"direction": "up"}),
    "admin.themes_list": Access(get=ADMIN),
    "admin.validate_signature": Access(post=ADMIN),
    # assembly: the questionnaire (an edition in its evaluation phase; the member signed)
    "assembly.questionnaire": Access(get=SIGNED_IN, post="m", args=QUESTIONNAIRE),
    "assembly.questionnaire_export": Access(get=ADMIN, args=QUESTIONNAIRE),
    "assembly.questionnaire_question_delete": Access(post=ADMIN, args=QUESTIONNAIRE),
    "assembly.questionnaire_question_edit": Access(get=ADMIN, post=ADMIN, args=QUESTIONNAIRE),
    "assembly.questionnaire_question_move": Access(
        post=ADMIN, args=QUESTIONNAIRE, data={"direction": "down"}
    ),
    "assembly.questionnaire_questions": Access(get=ADMIN, post=ADMIN, args=QUESTIONNAIRE),
    "assembly.questionnaire_results": Access(get=SIGNED_IN, args=QUESTIONNAIRE),
    # alliance
    "alliance.charter": Access(get=EVERYONE),
    "alliance.charter_version": Access(get=EVERYONE),
    "alliance.directory": Access(get=EVERYONE),
    "alliance.export": Access(get=EVERYONE),
    "alliance.organisation": Access(get=EVERYONE, args={"slug": "organisation_slug"}),
    "alliance.sign": Access(post=SIGNED_IN),
    "alliance.sign_organisation": Access(get=SIGNED_IN, post=SIGNED_IN),
    "alliance.withdraw": Access(post="mA"),  # the signer, administrators
    # assembly: contributions (the member signed the charter and wrote the contribution;
    # its edition's consultation is open; allies read, signatories contribute and support)
    "assembly.answer_contribution": Access(get=ADMIN, post=ADMIN),
    "assembly.contribution": Access(get=SIGNED_IN),
    "assembly.contributions": Access(get=SIGNED_IN),
    "assembly.edit_contribution": Access(get="m", post="m"),
    "assembly.new_contribution": Access(get="m", post="m"),
    "assembly.support_contribution": Access(post="m"),
    "assembly.withdraw_support": Access(post="m"),
    # calls for applications (the member applied on their own; the cohort's facilitator reviews)
    "calls.application": Access(
        get="m", post="m", args={"application_id": "draft_application_id"}, data={"save": "y"}
    ),  # the applicant's draft, private (reviewers read submitted ones: tests/calls)
    "calls.applications": Access(get=MANAGERS),
    "calls.apply": Access(
        get=SIGNED_IN, post="m", data={"applying_for": "individual", "save": "y"}
    ),  # allies only: the member signed the charter
    "calls.decide": Access(post=MANAGERS, data={"decision": "waitlisted"}),
    "calls.edit": Access(get=MANAGERS, post=MANAGERS),
    "calls.export": Access(get=MANAGERS),
    "calls.new": Access(get=MANAGERS, post=MANAGERS),
    "calls.question_delete": Access(post=MANAGERS),
    "calls.question_edit": Access(get=MANAGERS, post=MANAGERS),
    "calls.question_move": Access(post=MANAGERS, data={"direction": "down"}),
    "calls.questions": Access(get=MANAGERS, post=MANAGERS),
    "calls.release": Access(post=MANAGERS),
    "calls.review": Access(get=MANAGERS, post=MANAGERS),
    "calls.show": Access(get=EVERYONE),
    "calls.space_calls": Access(get=MANAGERS),
    "calls.withdraw": Access(post="m"),
    # experiences (the member wrote it, for their organisation)
    "experiences.attach_file": Access(get="mA", post="mA"),
    "experiences.edit": Access(get="mA", post="mA"),
    "experiences.helpful": Access(post="ofA"),  # not by its own author
    "experiences.index": Access(get=EVERYONE),
    "experiences.new": Access(get="mA", post="mA"),  # writers for an ally organisation
    "experiences.publish": Access(post="mA"),
    "experiences.show": Access(get=SIGNED_IN),  # shared with allies, not the public
    "experiences.unpublish": Access(post="mA"),
    # forums (the member wrote the thread and the reply)
    "forums.delete_post": Access(post="m"),
    "forums.edit_post": Access(get="m", post="m"),
    "forums.flag": Access(get=MANAGERS, post=MANAGERS),  # someone else's post
    "forums.forum": Access(get=COHORT),
    "forums.forum_subscription": Access(post=COHORT),
    "forums.hide": Access(get=MANAGERS, post=MANAGERS),
    "forums.moderation_queue": Access(get=MANAGERS),
    "forums.move": Access(get=MANAGERS, post=MANAGERS),
    "forums.new_thread": Access(get=COHORT, post=COHORT),
    "forums.post": Access(get=COHORT),
    "forums.reply": Access(post=COHORT),
    "forums.thread": Access(get=COHORT),
    "forums.thread_subscription": Access(post=COHORT),
    "forums.toggle": Access(post=MANAGERS),
    "forums.unhide": Access(post=MANAGERS, args={"action": "moderation_action"}),
    # materials (posted by the facilitator, for the cohort)
    "materials.decline_resource": Access(
        get=ADMIN, post=ADMIN, args={"material_id": "shared_material_id"}
    ),
    "materials.delete": Access(post=MANAGERS),
    "materials.download": Access(get=COHORT),
    "materials.edit": Access(get=MANAGERS, post=MANAGERS),
    "materials.edit_resource": Access(  # the member shared it
        get="m", post="m", args={"material_id": "shared_material_id"}
    ),
    "materials.library": Access(get=EVERYONE),
    "materials.moderation": Access(get=ADMIN),  # administrators and library editors
    "materials.my_resources": Access(get=SIGNED_IN),
    "materials.new": Access(get=MANAGERS, post=MANAGERS),
    "materials.publish_resource": Access(post=ADMIN, args={"material_id": "shared_material_id"}),
    "materials.report_resource": Access(  # anyone signed in but its author
        get="ofA", post="ofA", args={"material_id": "shared_material_id"}
    ),
    "materials.share": Access(get="mA", post="mA"),  # signed allies (the member) and admins
    "materials.show": Access(get=COHORT),
    "materials.space_materials": Access(get=COHORT),
    # meetings
    "meetings.agenda": Access(get=SIGNED_IN),
    "meetings.attendance": Access(
        get=MANAGERS, post=MANAGERS, args={"meeting_id": "past_meeting_id"}
    ),
    "meetings.attendance_csv": Access(get=MANAGERS),
    "meetings.calendar": Access(get=SIGNED_IN),
    "meetings.cancel": Access(post=MANAGERS),
    "meetings.edit": Access(get=MANAGERS, post=MANAGERS),
    "meetings.facilitator": Access(get=MANAGERS),
    "meetings.feed": Access(get=EVERYONE, args={"token": "calendar_token"}),  # secret URL
    "meetings.ics": Access(get=COHORT),
    "meetings.members_csv": Access(get=MANAGERS),
    "meetings.new": Access(get=MANAGERS, post=MANAGERS),
    "meetings.regenerate_calendar": Access(post=SIGNED_IN),
    "meetings.register": Access(post="mf"),  # members of the space, administrators are not
    "meetings.show": Access(get=COHORT),
    "meetings.unregister": Access(post=COHORT),
    # notifications
    "notifications.address_works": Access(post=SIGNED_IN),
    "notifications.preferences": Access(get=SIGNED_IN, post=SIGNED_IN),
    "notifications.unsubscribe": Access(
        get=EVERYONE, post=EVERYONE, args={"token": "unsubscribe_token"}
    ),  # the signed token is the credential
    # reports: the open data is public, every download included.
    "reports.opendata": Access(get=EVERYONE),
    "reports.opendata_allies": Access(get=EVERYONE, args={"fmt": "opendata_format"}),
    "reports.opendata_report": Access(
        get=EVERYONE, args={"fmt": "opendata_format", "year": "report_year"}
    ),
    # programmes (dispositifs): public catalogue; the cohort's facilitator edits the
    # text of the dispositif it runs; the member is an ally who proposed one
    "programmes.add": Access(get=ADMIN, post=ADMIN),
    "programmes.edit": Access(get=MANAGERS, post=MANAGERS, args={"slug": "programme_slug"}),
    "programmes.editions": Access(get=ADMIN, post=ADMIN, args={"slug": "programme_slug"}),
    "programmes.frise": Access(get=EVERYONE),
    "programmes.list": Access(get=EVERYONE),
    "programmes.milestone_add": Access(get=ADMIN, post=ADMIN),
    "programmes.milestone_delete": Access(post=ADMIN),
    "programmes.milestone_edit": Access(get=ADMIN, post=ADMIN),
    "programmes.milestones": Access(get=ADMIN),
    "programmes.proposal": Access(get="mA"),  # its proposer, administrators
    "programmes.proposal_decline": Access(post=ADMIN),
    "programmes.proposal_message": Access(post="mA"),
    "programmes.proposals_queue": Access(get=ADMIN),
    "programmes.propose": Access(get="mA", post="mA"),  # allies who signed, administrators
    "programmes.remove_edition": Access(post=ADMIN, args={"slug": "programme_slug"}),
    "programmes.show": Access(get=EVERYONE, args={"slug": "programme_slug"}),
    # reports: public once published (the world's report of "report_year" is), the draft
    # and its administration the administrators'
    "reports.add": Access(post=ADMIN),
    "reports.compare_years": Access(get=EVERYONE),
    "reports.edit": Access(get=ADMIN, post=ADMIN, args={"year": "report_year"}),
    "reports.list": Access(get=EVERYONE),
    "reports.pdf": Access(get=EVERYONE, args={"year": "report_year"}),
    "reports.print_view": Access(get=EVERYONE, args={"year": "report_year"}),
    "reports.publish": Access(get=ADMIN, post=ADMIN, args={"year": "report_year"}),
    "reports.show": Access(get=EVERYONE, args={"year": "report_year"}),
    "reports.version": Access(get=EVERYONE, args={"year": "report_year"}),
    "reports.version_pdf": Access(get=EVERYONE, args={"year": "report_year"}),
    # search, site
    "search.results": Access(get=EVERYONE),
    "site.accessibility": Access(get=EVERYONE, post=EVERYONE),
    "site.healthz": Access(get=EVERYONE),
    "site.home": Access(get=EVERYONE),
    "site.privacy": Access(get=EVERYONE),
    "site.set_language": Access(post=EVERYONE, data={"language": "en"}),
    "static": Access(get=EVERYONE),
    # assembly: the vote (an edition whose vote is open; the member signed in their own name)
    "assembly.results": Access(get=EVERYONE, args={"year": "vote_year"}),
    "assembly.vote": Access(get=SIGNED_IN, args={"year": "vote_year"}),
    "assembly.vote_candidacy": Access(
        post=ADMIN, args={"year": "vote_year", "candidacy_id": "vote_candidacy_id"}
    ),
    # Only the member has a voice; the form without data sends them back to the vote.
    "assembly.vote_cast": Access(post="m", args={"year": "vote_year"}),
    "assembly.vote_item_delete": Access(
        post=ADMIN, args={"year": "vote_year", "item_id": "vote_item_id"}
    ),
    "assembly.vote_item_edit": Access(
        get=ADMIN, post=ADMIN, args={"year": "vote_year", "item_id": "vote_item_id"}
    ),
    "assembly.vote_minutes": Access(post=ADMIN, args={"year": "vote_year"}),
    "assembly.vote_prepare": Access(get=ADMIN, post=ADMIN, args={"year": "vote_year"}),
    # Proxies are given by signatories of organisations, none of the personas: the form
    # offers them no organisation and sends them back to the vote, writing nothing.
    "assembly.vote_proxy": Access(post=SIGNED_IN, args={"year": "vote_year"}),
    # Withdrawn by a signatory of the giving organisation (none of the personas: refused
    # with a message, writing nothing).
    "assembly.vote_proxy_withdraw": Access(
        post=SIGNED_IN, args={"year": "vote_year", "proxy_id": "vote_proxy_id"}
    ),
    "assembly.vote_receipt": Access(get=SIGNED_IN, post=SIGNED_IN, args={"year": "vote_year"}),
    "assembly.vote_settings": Access(post=ADMIN, args={"year": "vote_year"}),
    "assembly.vote_stand": Access(
        post="m", args={"year": "vote_year", "item_id": "vote_election_id"}
    ),
    # spaces
    "spaces.accept_invitation": Access(post="o", args={"token": "invitation_token"}),
    "spaces.add": Access(get=ADMIN, post=ADMIN),
    "spaces.archive": Access(post=ADMIN),
    "spaces.cover": Access(get=COHORT),
    "spaces.edit": Access(get=ADMIN, post=ADMIN),
    "spaces.facilitators": Access(get=ADMIN, post=ADMIN),
    # Invitations are personal: the invited outsider, or a visitor who may log in as them.
    "spaces.invitation": Access(get="ao", args={"token": "invitation_token"}),
    "spaces.invitations_list": Access(get=MANAGERS, post=MANAGERS),
    "spaces.join": Access(post=SIGNED_IN, args={"slug": "community_slug"}),
    # Leaving twice (a double click) answers like leaving, changing nothing.
    "spaces.leave": Access(post="m", noop="oA", args={"slug": "community_slug"}),
    "spaces.list": Access(get=SIGNED_IN),
    "spaces.manage": Access(get=ADMIN),
    "spaces.members": Access(get=COHORT),
    "spaces.remove_facilitator": Access(post=ADMIN),
    "spaces.resend_invitation": Access(post=MANAGERS),
    "spaces.restore": Access(post=ADMIN, args={"slug": "archived_slug"}),
    "spaces.revoke_invitation": Access(post=MANAGERS),
    "spaces.show": Access(get=COHORT),
}

#: Endpoints open to anonymous visitors (for at least one method): pages of the public site,
#: the login and account-recovery forms, and links that carry their own secret token.
PUBLIC = frozenset(
    {
        "accounts.check_inbox",
        "accounts.confirm",
        "accounts.confirm_email_change",
        "accounts.login",
        "accounts.logout",
        "accounts.register",
        "accounts.resend_confirmation",
        "accounts.reset_password",
        "accounts.reset_request",
        "alliance.charter",
        "assembly.edition",
        "assembly.editions",
        "assembly.governance",
        "alliance.charter_version",
        "alliance.directory",
        "alliance.export",
        "alliance.organisation",
        "assembly.results",
        "calls.show",
        "experiences.index",
        "materials.library",
        "meetings.feed",
        "notifications.unsubscribe",
        "programmes.frise",
        "reports.compare_years",
        "reports.list",
        "reports.pdf",
        "reports.print_view",
        "reports.show",
        "reports.version",
        "reports.version_pdf",
        "programmes.list",
        "programmes.show",
        "reports.opendata",
        "reports.opendata_allies",
        "reports.opendata_report",
        "search.results",
        "site.accessibility",
        "site.healthz",
        "site.home",
        "site.privacy",
        "site.set_language",
        "spaces.invitation",
        "static",
    }
)

#: POST endpoints that take no CSRF token, and why. RFC 8058 one-click unsubscribe is posted
#: by the mail client itself, with the signed token in the URL as its only credential.
CSRF_EXEMPT: dict[str, str] = {
    "notifications.unsubscribe": "RFC 8058 one-click unsubscribe (List-Unsubscribe-Post)",
}

#: GET endpoints allowed to write, with what they write and why it is harmless. Everything
#: else must leave every table as it was (login bookkeeping aside, see db_state.py).
GET_WRITES: dict[str, str] = {
    "assembly.results": "vote_results: the results frozen at the first reading after the vote "
    "closed (computed once, by whoever reads first)",
    "forums.thread": "thread_reads: the reader's own read marker (what is new for them)",
    "meetings.calendar": "users.calendar_token: the feed's secret, created on first view",
    "reports.pdf": "report_versions.pdf_key: the published version's PDF, stored at its first "
    "request (made once, by whoever asks first)",
    "reports.version_pdf": "report_versions.pdf_key: as reports.pdf",
    "spaces.show": "memberships.last_visited_at: the member's own last visit (what is new "
    "for them on their home), at most once per quarter of an hour",
}


def methods_of(access: Access) -> set[str]:
    """The methods a line declares."""
    return {m for m in ("GET", "POST") if access.allowed(m) is not None}


def get_routes() -> list[str]:
    """Endpoints declared with GET."""
    return sorted(e for e, access in ROUTES.items() if access.get is not None)


def post_routes() -> list[str]:
    """Endpoints declared with POST."""
    return sorted(e for e, access in ROUTES.items() if access.post is not None)
