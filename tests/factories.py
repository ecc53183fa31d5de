"""Test builders: `factories.user(role="admin")`, `factories.organisation(...)`.

Each builder works with or without an active app context: it commits, then
returns the object detached with its columns loaded, so a test can read
`user.id` or `user.email` between requests. Each domain adds its builders
in its own section below.
"""

from __future__ import annotations

import itertools
from contextlib import contextmanager

from flask import has_app_context

APP = None  # set by conftest's `app` fixture
PASSWORD = "correct horse battery staple 42"  # noqa: S105 - test only
_sequence = itertools.count(1)


@contextmanager
def context():
    """Reuse the current app context, or push one for the duration of the build."""
    if has_app_context():
        yield
    else:
        with APP.app_context():
            yield


def save(obj):
    """Commit `obj` and hand it back detached with its columns loaded."""
    from portal.core.extensions import db

    db.session.add(obj)
    db.session.commit()
    db.session.refresh(obj)
    db.session.expunge(obj)
    return obj


def next_number() -> int:
    """A number unique within the test session."""
    return next(_sequence)


# --- accounts -----------------------------------------------------------------

_hashes: dict[str, str] = {}


def password_hash(password: str) -> str:
    """The scrypt hash of `password`, computed once per test session (scrypt is slow on purpose)."""
    if password not in _hashes:
        from werkzeug.security import generate_password_hash

        _hashes[password] = generate_password_hash(password)
    return _hashes[password]


def user(
    *,
    email: str | None = None,
    display_name: str | None = None,
    password: str = PASSWORD,
    role: str = "member",
    confirmed: bool = True,
    locale: str = "en",
    **fields,
):
    """A user, confirmed by default, with the shared test password, reading in English
    (pass locale="fr" to test French pages and emails)."""
    from portal.accounts.models import User
    from portal.core.db import utcnow

    n = next_number()
    with context():
        return save(
            User(
                email=(email or f"user{n}@example.org").lower(),
                display_name=display_name or f"Member {n}",
                password_hash=password_hash(password),
                role=role,
                locale=locale,
                email_confirmed_at=utcnow() if confirmed else None,
                privacy_accepted_at=utcnow(),
                **fields,
            )
        )


def login_record(user, *, remember: bool = False, user_agent: str = "", **fields):
    """An open server-side login of `user` (another device); its clear token is `raw_token`."""
    from portal.accounts.logins import open_login
    from portal.accounts.models import User
    from portal.core.extensions import db

    with context():
        record = open_login(
            db.session.get(User, user.id),
            remember=remember,
            user_agent=user_agent or "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0",
            ip_address="192.0.2.7",
        )
        for name, value in fields.items():
            setattr(record, name, value)
        token = record.raw_token
        record = save(record)
        record.raw_token = token
        return record


#: The authenticator-app secret of `two_factor()` accounts (base32, test only).
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105 - test only


def two_factor(user, *, secret: str = TOTP_SECRET) -> list[str]:
    """Turn two-factor login on for `user` with `secret`; returns the recovery codes."""
    from portal.accounts import twofactor
    from portal.accounts.models import User
    from portal.core.db import utcnow
    from portal.core.extensions import db

    with context():
        account = db.session.get(User, user.id)
        twofactor.store_secret(account, secret)
        account.two_factor_enabled_at = utcnow()
        account.totp_last_step = None
        codes = twofactor.new_recovery_codes(account)
        db.session.commit()
        return codes


def totp_code(secret: str = TOTP_SECRET, steps_ahead: int = 0) -> str:
    """The app's code now (or `steps_ahead` 30-second steps later, for a second login)."""
    import time

    import pyotp

    return pyotp.TOTP(secret).at(time.time() + 30 * steps_ahead)


def deleted_user(**fields):
    """A member who deleted their account (erased like the real deletion does)."""
    from portal.accounts.models import User
    from portal.accounts.personal import delete_account
    from portal.core.extensions import db

    member = user(**fields)
    with context():
        account = db.session.get(User, member.id)
        delete_account(account)
        return save(account)


# --- alliance -----------------------------------------------------------------


def organisation(
    *, name: str | None = None, kind: str = "association", region: str = "bretagne", **fields
):
    """An organisation (not an ally until it has a validated signature)."""
    from portal.alliance.models import Organisation
    from portal.core.text import slugify

    name = name or f"Organisation {next_number()}"
    fields.setdefault("slug", slugify(name))
    with context():
        return save(Organisation(name=name, kind=kind, region=region, **fields))


def signature(
    *, signer=None, organisation=None, status: str = "validated", version: int = 1, **fields
):
    """A signature of `version` by `signer` alone, or for `organisation` (signer may be None)."""
    from portal.alliance.models import Signature

    if organisation is not None:
        key = Signature.key_for_organisation(organisation.id)
    else:
        key = Signature.key_for_person(signer.id)
    with context():
        return save(
            Signature(
                signatory_key=key,
                charter_version=version,
                signer_id=signer.id if signer else None,
                organisation_id=organisation.id if organisation else None,
                status=status,
                represents_organisation=organisation is not None,
                source=fields.pop("source", "web" if signer else "import"),
                **fields,
            )
        )


def ally(*, version: int = 1, signer=None, **fields):
    """An organisation listed in the directory: validated signature of `version`."""
    member = organisation(**fields)
    signature(organisation=member, signer=signer, version=version)
    return member


# --- spaces -------------------------------------------------------------------


def space(*, title: str | None = None, kind: str = "cohort", **fields):
    """A cohort (default) or community; cohorts get dates unless given."""
    from datetime import date

    from portal.core.text import slugify
    from portal.spaces.models import Space

    title = title or f"Space {next_number()}"
    fields.setdefault("slug", slugify(title))
    if kind == "cohort":
        fields.setdefault("starts_on", date(2027, 1, 1))
        fields.setdefault("ends_on", date(2027, 12, 31))
    with context():
        return save(Space(title=title, kind=kind, **fields))


def membership(space, user, *, role: str = "member"):
    """Put `user` in `space` with `role` ("member" or "facilitator")."""
    from portal.spaces.models import Membership

    with context():
        return save(Membership(space_id=space.id, user_id=user.id, role=role))


def space_people(target) -> dict:
    """One user per viewpoint the permission matrices test, around the space `target`.

    Keys: "anonymous" (None), "ally" (signed in, outside the space), "member",
    "other_facilitator" (facilitates another space), "facilitator", "admin".
    """
    other = space(title=f"Other space {next_number()}")
    people = {
        "anonymous": None,
        "ally": user(),
        "member": user(),
        "other_facilitator": user(),
        "facilitator": user(),
        "admin": user(role="admin"),
    }
    membership(target, people["member"])
    membership(target, people["facilitator"], role="facilitator")
    membership(other, people["other_facilitator"], role="facilitator")
    return people


def invitation(space, email: str, *, status: str = "pending", **fields):
    """An invitation to `space` for `email` (no email sent); see portal.spaces.invitations."""
    from portal.spaces.models import Invitation

    with context():
        return save(Invitation(space_id=space.id, email=email.lower(), status=status, **fields))


# --- materials ----------------------------------------------------------------

#: What `material()` uploads unless told otherwise: a small Markdown note.
MATERIAL_TEXT = "# Compte rendu\n\nLes idées de la séance, en vrac.\n".encode()


def material(
    space=None,
    *,
    poster=None,
    title: str | None = None,
    visibility: str = "space",
    url: str | None = None,
    content: bytes = MATERIAL_TEXT,
    filename: str = "compte-rendu.md",
    meeting=None,
    theme: str | None = None,
    **fields,
):
    """A material posted through the real service: a stored file, or a link when `url` is given.

    The poster defaults to a new user; extra `fields` (e.g. created_at) are set afterwards.
    """
    from io import BytesIO

    from werkzeug.datastructures import FileStorage

    from portal.core.extensions import db
    from portal.materials import services
    from portal.materials.models import Material
    from portal.meetings.models import Meeting
    from portal.spaces.models import Space

    poster = poster or user()
    with context():
        found_space = db.session.get(Space, space.id) if space is not None else None
        found_meeting = db.session.get(Meeting, meeting.id) if meeting is not None else None
        upload = None if url else FileStorage(stream=BytesIO(content), filename=filename)
        posted = services.post_material(
            found_space,
            poster,
            services.MaterialFields(
                title=title or f"Material {next_number()}",
                visibility=visibility,
                meeting=found_meeting,
                theme=theme,
            ),
            upload=upload,
            url=url,
        )
        for name, value in fields.items():
            setattr(posted, name, value)
        db.session.commit()
        return save(db.session.get(Material, posted.id))


# --- meetings -----------------------------------------------------------------


def meeting(
    space, *, title: str | None = None, starts_in_days: float = 7, hours: float = 2, **fields
):
    """A session of `space`, starting `starts_in_days` from now (negative: in the past)."""
    from datetime import timedelta

    from portal.core.db import utcnow
    from portal.meetings.models import Meeting

    now = utcnow().replace(second=0, microsecond=0)
    starts_at = fields.pop("starts_at", None) or now + timedelta(days=starts_in_days)
    fields.setdefault("ends_at", starts_at + timedelta(hours=hours))
    fields.setdefault("visio_url", "https://visio.example.org/room")
    with context():
        return save(
            Meeting(
                space_id=space.id,
                title=title or f"Session {next_number()}",
                starts_at=starts_at,
                **fields,
            )
        )


def registration(meeting, user, *, status: str = "confirmed", **fields):
    """`user` registered for `meeting` with `status`, without the capacity rules (setup only)."""
    from portal.meetings.models import Registration

    with context():
        return save(Registration(meeting_id=meeting.id, user_id=user.id, status=status, **fields))


def register(meeting, user):
    """`user` registers through the service, capacity and waitlist applied."""
    from portal.core.extensions import db
    from portal.meetings import registrations
    from portal.meetings.models import Registration

    with context():
        registration_id = registrations.register(meeting.id, user.id).id
        db.session.commit()
        return save(db.session.get(Registration, registration_id))


# --- forums -------------------------------------------------------------------


def thread(
    space=None, *, author=None, title: str | None = None, body: str = "Bonjour à tous.", **fields
):
    """A thread opened by `author` (a new member of `space` unless given) through the service,
    so its first post, counts and the author's subscription are real; `fields` set afterwards."""
    from portal.accounts.models import User
    from portal.core.extensions import db
    from portal.forums.services import create_thread
    from portal.spaces.models import Space

    if author is None:
        author = user()
        if space is not None:
            membership(space, author)
    with context():
        opened = create_thread(
            author=db.session.get(User, author.id),
            title=title or f"Thread {next_number()}",
            body=body,
            space=db.session.get(Space, space.id) if space is not None else None,
        )
        for name, value in fields.items():
            setattr(opened, name, value)
        return save(opened)


def post(thread, author, body: str = "Merci pour ce partage.", **fields):
    """A reply by `author` through the service (followers and mentions notified as usual)."""
    from portal.accounts.models import User
    from portal.core.extensions import db
    from portal.forums.models import Thread
    from portal.forums.services import add_post

    with context():
        added = add_post(db.session.get(Thread, thread.id), db.session.get(User, author.id), body)
        for name, value in fields.items():
            setattr(added, name, value)
        return save(added)


# --- experiences --------------------------------------------------------------

#: A complete write-up, ready to publish, for `experience()`.
EXPERIENCE_TEXT = {
    "context": "La commune voulait réduire la facture énergétique des écoles.",
    "actions": "Une coopérative citoyenne a posé des panneaux solaires sur les toits.",
    "actors": "Habitants, mairie, association locale.",
    "results": "120 kWc installés, 300 sociétaires.",
    "difficulties": "Le raccordement au réseau a pris un an.",
    "lessons": "Associer les habitants dès le départ; nous commencerions par un seul toit.",
}


def experience(
    organisation=None,
    *,
    author=None,
    title: str | None = None,
    status: str = "published",
    visibility: str = "allies",
    fundamentals=("engagement",),
    themes=("energy",),
    region: str = "bretagne",
    **fields,
):
    """An experience written through the real services (published unless status="draft").

    The organisation defaults to a new ally, the author to a new member of it.
    Extra `fields` override the write-up's parts (context, lessons…) before publishing.
    """
    from portal.core.extensions import db
    from portal.experiences import services
    from portal.experiences.models import Experience

    organisation = organisation or ally()
    author = author or user(organisation_id=organisation.id)
    text = {**EXPERIENCE_TEXT, **fields}
    with context():
        from portal.accounts.models import User
        from portal.alliance.models import Organisation

        org = db.session.get(Organisation, organisation.id)
        writer = db.session.get(User, author.id)
        created = services.create_experience(
            org,
            writer,
            services.ExperienceFields(
                title=title or f"Expérience {next_number()}",
                region=region,
                visibility=visibility,
                fundamentals=list(fundamentals),
                themes=list(themes),
                **text,
            ),
        )
        if status == "published":
            services.publish(created, writer)
        db.session.commit()
        return save(db.session.get(Experience, created.id))


# --- programmes (dispositifs) ---------------------------------------------------


def programme(*, title: str | None = None, kind: str = "cohort_journey", editions=(), **fields):
    """A dispositif run by the spaces `editions` (in that order); `edition_ids` on the result."""
    from datetime import date

    from portal.core.extensions import db
    from portal.programmes.models import Programme, ProgrammeEdition

    title = title or f"Dispositif {next_number()}"
    fields.setdefault("summary", f"À propos de {title}.")
    fields.setdefault("starts_on", date(2027, 1, 1))
    fields.setdefault("ends_on", date(2027, 12, 31))
    with context():
        from portal.core.text import slugify

        made = Programme(title=title, slug=fields.pop("slug", slugify(title)), kind=kind, **fields)
        db.session.add(made)
        db.session.flush()
        rows = [
            ProgrammeEdition(programme_id=made.id, space_id=space.id, position=n)
            for n, space in enumerate(editions, start=1)
        ]
        db.session.add_all(rows)
        db.session.commit()
        ids = [row.id for row in rows]
        made = save(made)
    made.edition_ids = ids
    return made


def milestone(*, title: str | None = None, **fields):
    """A milestone of the timeline (in 2021 unless `happened_on`)."""
    from datetime import date

    from portal.programmes.models import Milestone

    fields.setdefault("happened_on", date(2021, 3, 10))
    with context():
        return save(Milestone(title=title or f"Jalon {next_number()}", **fields))


def proposal(proposer, *, state: str = "submitted", **fields):
    """A proposal of a dispositif by `proposer`."""
    from portal.programmes.models import ProgrammeProposal

    fields.setdefault("title", f"Proposition {next_number()}")
    fields.setdefault("purpose", "Aider les communes rurales.")
    fields.setdefault("audience", "Communes de moins de 5 000 habitants.")
    with context():
        return save(ProgrammeProposal(proposer_id=proposer.id, state=state, **fields))


# --- calls for applications -----------------------------------------------------------

#: The questions of `call_for()`'s calls: (label, kind, required, choices).
CALL_QUESTIONS = (
    ("Why do you apply?", "long_text", True, []),
    ("Population of the territory", "number", False, []),
    ("Kind of territory", "one_choice", True, ["Rural", "Urban", "Mixed"]),
    ("Themes", "several_choices", False, ["Energy", "Food", "Mobility"]),
    ("Has an elected official on board", "yes_no", False, []),
)


def call_for(
    space, *, opens_in_days: int = -1, closes_in_days: int = 30, questions=CALL_QUESTIONS, **fields
):
    """A call on the cohort `space`, open by default, with `questions`."""
    from datetime import timedelta

    from portal.core.db import utcnow
    from portal.programmes.calls.models import Call, Question

    now = utcnow()
    with context():
        call = save(
            Call(
                space_id=space.id,
                opens_at=now + timedelta(days=opens_in_days),
                closes_at=now + timedelta(days=closes_in_days),
                introduction=fields.pop("introduction", "Bienvenue dans cet appel."),
                **fields,
            )
        )
        for position, (label, kind, required, choices) in enumerate(questions, 1):
            save(
                Question(
                    call_id=call.id,
                    position=position,
                    label=label,
                    kind=kind,
                    is_required=required,
                    choices=list(choices),
                )
            )
        return call


#: Answers of `application()` to CALL_QUESTIONS, by position.
CALL_ANSWERS = ("Pour apprendre des pairs.", 4200, "Rural", ["Energy", "Food"], "yes")


def application(call, applicant, *, organisation=None, state: str = "submitted", **fields):
    """An application to `call` by `applicant` (for `organisation`), answering every question."""
    from sqlalchemy import select

    from portal.core.db import utcnow
    from portal.core.extensions import db
    from portal.programmes.calls.models import Application, Question

    with context():
        questions = db.session.scalars(
            select(Question).where(Question.call_id == call.id).order_by(Question.position)
        ).all()
        answers = {str(q.id): value for q, value in zip(questions, CALL_ANSWERS, strict=False)}
        now = utcnow()
        fields.setdefault("territory", "Le Mené")
        return save(
            Application(
                call_id=call.id,
                applicant_id=applicant.id,
                organisation_id=organisation.id if organisation else None,
                state=state,
                answers=fields.pop("answers", answers),
                submitted_at=None if state == "draft" else now,
                created_at=now,
                updated_at=now,
                **fields,
            )
        )


# --- resources shared by allies -----------------------------------------------------


def signed_ally(*, organisation=None, **fields):
    """A confirmed person with a validated signature: their own, or for `organisation`."""
    person = user(**fields)
    signature(signer=person, organisation=organisation)
    return person


def shared_resource(
    author=None,
    *,
    title: str | None = None,
    url: str | None = "https://example.org/ressource",
    content: bytes = MATERIAL_TEXT,
    filename: str = "guide.md",
    status: str = "pending",
    organisation=None,
    fundamentals: tuple[str, ...] = (),
    themes: tuple[str, ...] = (),
    visibility: str = "allies",
    moderator=None,
):
    """A resource shared by `author` (a new signed ally by default) through the real service;
    `status` "published" or "declined" has a moderator (a new admin by default) decide."""
    from io import BytesIO

    from werkzeug.datastructures import FileStorage

    from portal.accounts.models import User
    from portal.alliance.models import Organisation
    from portal.core.extensions import db
    from portal.materials import sharing
    from portal.materials.models import Material

    author = author or signed_ally(organisation=organisation)
    if status != "pending":
        moderator = moderator or user(role="admin")
    with context():
        writer = db.session.get(User, author.id)
        upload = None if url else FileStorage(stream=BytesIO(content), filename=filename)
        shared = sharing.share_resource(
            writer,
            sharing.SharedFields(
                title=title or f"Ressource {next_number()}",
                themes=tuple(themes),
                fundamentals=tuple(fundamentals),
                language="fr",
                organisation=db.session.get(Organisation, organisation.id)
                if organisation
                else None,
                visibility=visibility,
            ),
            upload=upload,
            url=url,
        )
        if status == "published":
            sharing.publish_resource(shared, db.session.get(User, moderator.id))
        elif status == "declined":
            sharing.decline_resource(
                shared, db.session.get(User, moderator.id), "Hors du champ de l'alliance."
            )
        db.session.commit()
        return save(db.session.get(Material, shared.id))


def assembly_edition(year: int | None = None, *, phase: str | None = None, **fields):
    """An edition of the Assemblée des alliés; `phase` ("consultation", "evaluation", "vote"
    or "results") is open now, the phases before it closed, those after it to come."""
    from datetime import timedelta

    from sqlalchemy import select

    from portal.assembly.models import AssemblyEdition
    from portal.core.db import utcnow
    from portal.core.extensions import db

    now = utcnow().replace(microsecond=0)
    day = timedelta(days=1)
    order = ["consultation", "evaluation", "vote", "results"]
    current = order.index(phase) if phase else -1
    for index, name in enumerate(order):
        # Ten days apart: the current phase opened yesterday and closes in five days.
        opens = now + (index - current) * 10 * day - day
        if name == "results":
            fields.setdefault("results_at", opens)
        else:
            fields.setdefault(f"{name}_opens_at", opens)
            fields.setdefault(f"{name}_closes_at", opens + 6 * day)
    if year is None:
        # The counter wraps at 1000: skip a year a big test world already took.
        with context():
            taken = set(db.session.scalars(select(AssemblyEdition.year)))
        year = 2000 + next_number() % 1000
        while year in taken:
            year = 2000 + next_number() % 1000
    fields.setdefault("title", f"Assemblée des alliés {year}")
    with context():
        edition = AssemblyEdition(year=year, **fields)
        db.session.add(edition)
        db.session.commit()
        return save(edition)


# --- assembly: the questionnaire -------------------------------------------------------


def questionnaire(edition, questions=None):
    """Questions for `edition`'s questionnaire (by default a scale, one choice, several
    choices and a free text, the first required); returns them, detached."""
    from portal.assembly.questionnaire.models import QuestionnaireQuestion

    questions = questions or [
        {"label": "Satisfaction", "kind": "scale", "is_required": True},
        {"label": "Most useful", "kind": "one_choice", "choices": ["Cohorts", "Forums"]},
        {"label": "Took part in", "kind": "several_choices", "choices": ["Visio", "Visits"]},
        {"label": "Anything else?", "kind": "long_text"},
    ]
    with context():
        return [
            save(QuestionnaireQuestion(edition_id=edition.id, position=n, **fields))
            for n, fields in enumerate(questions, 1)
        ]


def questionnaire_response(edition, respondent, answers, *, kind="individual", region=""):
    """A response recorded as is (no phase or signature check)."""
    from portal.assembly.questionnaire.models import QuestionnaireResponse

    with context():
        return save(
            QuestionnaireResponse(
                edition_id=edition.id,
                respondent_id=respondent.id,
                organisation_kind=kind,
                region=region,
                answers=answers,
            )
        )


# --- assembly: contributions --------------------------------------------------------


def contribution(edition, author, *, organisation=None, title: str | None = None, **fields):
    """A contribution to `edition` by `author` (who must be a signed ally), with its thread;
    written straight to the tables, so it works whatever the phase."""
    from portal.assembly.contributions import hooks
    from portal.assembly.contributions.models import Contribution
    from portal.core.extensions import db

    title = title or f"Contribution {next_number()}"
    fields.setdefault("fundamental", "cooperation")
    fields.setdefault("body", "Une proposition pour les orientations.")
    fields.setdefault("body_html", f"<p>{fields['body']}</p>")
    with context():
        item = Contribution(
            edition_id=edition.id,
            author_id=author.id,
            organisation_id=organisation.id if organisation is not None else None,
            title=title,
            **fields,
        )
        db.session.add(item)
        db.session.flush()
        item.thread_id = hooks.open_thread(item, db.session.merge(author))
        return save(item)


def contribution_support(item, person):
    """`person` supports the contribution `item`."""
    from portal.assembly.contributions.models import ContributionSupport

    with context():
        return save(ContributionSupport(contribution_id=item.id, user_id=person.id))


# --- assembly: governance ------------------------------------------------------


def board_member(*, name: str | None = None, role: str = "member", organisation=None, **fields):
    """A person on the association's board, in office since 2026."""
    from datetime import date

    from portal.assembly.governance.models import BoardMember

    fields.setdefault("term_starts_on", date(2026, 1, 1))
    with context():
        return save(
            BoardMember(
                name=name or f"Board member {next_number()}",
                role=role,
                organisation_id=organisation.id if organisation else None,
                **fields,
            )
        )


def governance_document(material=None, *, kind: str = "statutes", edition=None, **fields):
    """A public material listed on the governance page (a new public link by default)."""
    from portal.assembly.governance.models import GovernanceDocument

    material = material or globals()["material"](
        visibility="public", url="https://example.org/statuts.pdf", title="Statuts"
    )
    with context():
        return save(
            GovernanceDocument(
                material_id=material.id,
                kind=kind,
                edition_id=edition.id if edition else None,
                **fields,
            )
        )


def vote_item(edition, *, kind: str = "motion", **fields):
    """A motion (default) or an election (`kind="election"`, `seats`) on an edition's ballot."""
    from portal.assembly.vote.models import VoteItem

    fields.setdefault("title", f"Motion {next_number()}" if kind == "motion" else "Board")
    with context():
        return save(VoteItem(edition_id=edition.id, kind=kind, **fields))


def candidacy(item, person, *, status: str = "accepted", statement: str = "I stand."):
    """`person` standing in the election `item` (accepted onto the ballot by default)."""
    from portal.assembly.vote.models import Candidacy

    with context():
        return save(
            Candidacy(
                item_id=item.id,
                user_id=person.id,
                name=person.display_name,
                statement=statement,
                status=status,
            )
        )


def vote_proxy(edition, giver, holder):
    """The organisation `giver` gives its voice to `holder` for the edition's vote."""
    from portal.assembly.vote.models import Proxy

    with context():
        return save(
            Proxy(
                edition_id=edition.id,
                giver_organisation_id=giver.id,
                holder_organisation_id=holder.id,
            )
        )


# --- reports ------------------------------------------------------------------


def report(year: int | None = None, *, published: bool = False, **fields):
    """A yearly report (a draft showing every section), published once when `published`."""
    from sqlalchemy import select

    from portal.core.extensions import db
    from portal.reports.models import Report
    from portal.reports.services import publishing, reports

    with context():
        if year is None:
            # The counter wraps: skip a year a big test world already took.
            taken = set(db.session.scalars(select(Report.year)))
            year = 2018 + next_number() % 83
            while year in taken:
                year = 2018 + next_number() % 83
        made = reports.create_report(year, None)
        for name, value in fields.items():
            setattr(made, name, value)
        if published:
            publishing.publish(made, None)
        db.session.commit()
        return save(db.session.get(Report, made.id))
