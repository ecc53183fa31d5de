"""The alliance at full size, as rows: who is where, then every table's rows (bench/generate.py).

A `Plan` decides first which members belong to which spaces (two facilitators each,
taken from the last members, so the first ones need no two-factor login); each
function then yields the rows of one table, with known ids, from a seeded random
generator: the same scale always gives the same data. Texts are French-ish, each
about a few subjects from a vocabulary of about 150, so a searched word is found
in a realistic share of the documents.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

#: Subjects of the generated texts: each text is about a few of them, so a word is found
#: in a realistic share of the documents (a few percent), not in all of them.
WORDS = (
    "transition énergie mobilité alimentation habitat rénovation biodiversité eau sobriété "
    "climat chaleur solaire éolien méthanisation bois isolation logement vélo covoiturage "
    "autopartage bus train piéton cantine maraîchage compost déchets réemploi recyclerie "
    "jardins verger forêt haie zone humide rivière sécheresse inondation îlot fraîcheur "
    "coopérative insertion emploi économie circulaire tiers-lieu friche commerce artisanat "
    "agriculture élevage circuits courts marché producteurs restauration collective santé "
    "école collège jeunes aînés solidarité précarité accueil culture patrimoine récit "
    "concertation participation budget participatif assemblée citoyenne conseil quartier "
    "habitants associations entreprises élus agents intercommunalité région département "
    "financement subvention appel projets ingénierie diagnostic indicateurs évaluation "
    "stratégie feuille route plan action programme expérimentation démonstrateur chantier "
    "formation atelier visite réseau coopération mutualisation gouvernance pilotage "
    "éclairage sobriété numérique mobilier urbain voirie stationnement parking lotissement "
    "densification renaturation désimperméabilisation toitures ombrières photovoltaïque "
    "géothermie réseau chaleur biomasse hydrogène batteries autoconsommation communauté "
    "énergétique fourniture tarif facture rénovation thermique copropriété bailleurs "
    "sociaux ressourcerie alimentation durable légumerie abattoir laiterie fromagerie "
    "semences pollinisateurs trame verte bleue noire paysage sentier randonnée tourisme"
).split()
#: The small words between the subjects.
FILLER = (
    "le la les des du de et à pour avec sur dans une un en par au aux ce qui que est sont "
    "nous avons ont été plus leur leurs notre nos cette ces tout tous comme mais aussi"
).split()
FULL = {
    "organisations": 500,
    "members": 5_000,
    "spaces": 60,
    "sessions": 3_000,
    "posts": 30_000,
    "experiences": 1_000,
    "materials": 5_000,
}
#: Floors at tiny scales: enough rows for every page to show something.
FLOORS = {
    "organisations": 10,
    "members": 40,
    "spaces": 4,
    "sessions": 16,
    "posts": 60,
    "experiences": 10,
    "materials": 10,
}
SPACES_PER_MEMBER = 3
FACILITATORS_PER_SPACE = 2
THREADS_PER_SPACE = 20
#: Share of validated organisation signatures, and of members signing in their own name.
VALIDATED_SHARE, INDIVIDUAL_SHARE = 0.9, 0.1
KINDS = ("collectivite", "intercommunalite", "association", "entreprise", "reseau", "universite")
REGIONS = ("bretagne", "normandie", "hauts-de-france", "occitanie", "grand-est", "bretagne")
FUNDAMENTALS = ("engagement", "systemic", "cooperation", "value")
WRITE_UP = ("context", "actions", "actors", "results", "difficulties", "lessons")
#: (display name pattern, content type, family) of generated files: real text content.
FILE_KINDS = (
    ("compte-rendu-{n}.txt", "text/plain; charset=utf-8", "document"),
    ("indicateurs-{n}.csv", "text/csv; charset=utf-8", "spreadsheet"),
)


@dataclass(frozen=True)
class Sizes:
    """How many rows of each kind to generate."""

    organisations: int
    members: int
    spaces: int
    sessions: int
    posts: int
    experiences: int
    materials: int

    @classmethod
    def at(cls, scale: float) -> Sizes:
        """The counts at `scale` (1.0 is the alliance at full size)."""
        return cls(**{k: max(FLOORS[k], round(n * scale)) for k, n in FULL.items()})


@dataclass
class Plan:
    """Who is where: decided before any row is written, so rows can refer to each other."""

    sizes: Sizes
    now: datetime
    rng: random.Random
    #: space id -> member ids (facilitators first).
    members_of: dict[int, list[int]]
    #: member id -> space ids.
    spaces_of: dict[int, list[int]]
    facilitators: set[int]

    @property
    def plain_members(self) -> list[int]:
        """Members who facilitate nothing (two-factor login is not required of them)."""
        return [m for m in range(1, self.sizes.members + 1) if m not in self.facilitators]


def make_plan(sizes: Sizes, now: datetime, seed: int = 2027) -> Plan:
    """Spread members over spaces; the last members facilitate, two per space."""
    rng = random.Random(seed)
    members_of: dict[int, list[int]] = {s: [] for s in range(1, sizes.spaces + 1)}
    spaces_of: dict[int, list[int]] = {}
    facilitators: set[int] = set()
    first_facilitator = sizes.members - sizes.spaces * FACILITATORS_PER_SPACE + 1
    for space in members_of:
        for k in range(FACILITATORS_PER_SPACE):
            member = first_facilitator + (space - 1) * FACILITATORS_PER_SPACE + k
            members_of[space].append(member)
            spaces_of[member] = [space]
            facilitators.add(member)
    space_ids = list(members_of)
    for member in range(1, first_facilitator):
        mine = rng.sample(space_ids, min(SPACES_PER_MEMBER, len(space_ids)))
        spaces_of[member] = mine
        for space in mine:
            members_of[space].append(member)
    return Plan(sizes, now, rng, members_of, spaces_of, facilitators)


# --- rows ------------------------------------------------------------------------------------


def organisations(plan: Plan):
    """Allies: a name, a kind, a region, a presentation."""
    for n in range(1, plan.sizes.organisations + 1):
        created = plan.now - timedelta(days=30 + n % 700)
        yield {
            "id": n,
            "name": f"{WORDS[n % len(WORDS)].capitalize()} en transition {n}",
            "slug": f"allie-{n}",
            "kind": KINDS[n % len(KINDS)],
            "region": REGIONS[n % len(REGIONS)],
            "territory": f"Commune {n}",
            "website": f"https://allie-{n}.example.org",
            "description": paragraph(n, 25),
            "created_at": created,
            "updated_at": created,
        }


def signatures(plan: Plan, version: int):
    """Most organisations signed (a few await validation); some members signed alone."""
    sizes, n = plan.sizes, 0
    for org in range(1, sizes.organisations + 1):
        validated = plan.rng.random() < VALIDATED_SHARE
        n += 1
        signed = plan.now - timedelta(days=20 + org % 600)
        yield {
            "id": n,
            "charter_version": version,
            "signatory_key": f"organisation:{org}",
            "organisation_id": org,
            "signer_id": None,
            "status": "validated" if validated else "pending",
            "represents_organisation": True,
            "signed_at": signed,
            "decided_at": signed + timedelta(days=2) if validated else None,
            "source": "import",
        }
    for member in range(1, sizes.members + 1, round(1 / INDIVIDUAL_SHARE)):
        n += 1
        signed = plan.now - timedelta(days=10 + member % 300)
        yield {
            "id": n,
            "charter_version": version,
            "signatory_key": f"person:{member}",
            "organisation_id": None,
            "signer_id": member,
            "status": "validated",
            "represents_organisation": False,
            "signed_at": signed,
            "decided_at": signed,
            "source": "web",
        }


def users(plan: Plan, password_hash: str):
    """Confirmed members, most of them from an ally organisation."""
    sizes = plan.sizes
    for n in range(1, sizes.members + 1):
        joined = plan.now - timedelta(days=5 + n % 500)
        yield {
            "id": n,
            "email": member_email(n),
            "display_name": f"Membre {n}",
            "password_hash": password_hash,
            "role": "member",
            "organisation_id": 1 + n % sizes.organisations if n % 5 else None,
            "locale": "en" if n % 7 == 0 else "fr",
            "timezone": "Indian/Reunion" if n % 40 == 0 else "Europe/Paris",
            "notification_preferences": {"digest": "weekly", "forum": "digest"},
            "email_confirmed_at": joined,
            "privacy_accepted_at": joined,
            "created_at": joined,
        }


def paragraph(n: int, length: int = 40) -> str:
    """A French-ish text of `length` words about a few subjects, the same for the same `n`."""
    rng = random.Random(n)
    subjects = rng.sample(WORDS, 4)
    return " ".join(
        rng.choice(subjects) if rng.random() < 0.3 else rng.choice(FILLER) for _ in range(length)
    )


def member_email(n: int) -> str:
    """The address of generated member `n`."""
    return f"membre{n}@bench.example.org"


def spaces(plan: Plan):
    """Half cohorts (with dates), half open communities."""
    for s in plan.members_of:
        cohort = s % 2 == 0
        created = plan.now - timedelta(days=400)
        yield {
            "id": s,
            "slug": f"espace-{s}",
            "title": f"{'Cohorte' if cohort else 'Communauté'} {WORDS[s % len(WORDS)]} {s}",
            "description": paragraph(s, 30),
            "kind": "cohort" if cohort else "community",
            "starts_on": (plan.now - timedelta(days=200)).date() if cohort else None,
            "ends_on": (plan.now + timedelta(days=200)).date() if cohort else None,
            "reminder_offsets": [7 * 24 * 60, 24 * 60],
            "created_at": created,
            "created_by_id": plan.members_of[s][0],
        }


def memberships(plan: Plan):
    """Everyone in their spaces; the first two of each space facilitate it."""
    for space, members in plan.members_of.items():
        for k, member in enumerate(members):
            yield {
                "space_id": space,
                "user_id": member,
                "role": "facilitator" if k < FACILITATORS_PER_SPACE else "member",
                "joined_at": plan.now - timedelta(days=300 - k % 200),
            }


def sessions(plan: Plan) -> list[dict]:
    """Sessions of each space over a year (half past, half ahead), a third with capacity."""
    rows, per_space = [], plan.sizes.sessions // plan.sizes.spaces
    n = 0
    for space in plan.members_of:
        for k in range(per_space):
            n += 1
            offset = -180 + 360 * k // per_space + space % 5
            starts = (plan.now + timedelta(days=offset)).replace(
                hour=8 + space % 9, minute=0, second=0, microsecond=0
            )
            rows.append(
                {
                    "id": n,
                    "space_id": space,
                    "title": f"Séance {k + 1} : {WORDS[(n * 3) % len(WORDS)]}",
                    "description": paragraph(n, 20),
                    "starts_at": starts,
                    "ends_at": starts + timedelta(hours=2),
                    "place": "Salle du conseil" if n % 3 else "",
                    "visio_url": "https://visio.example.org/salle" if n % 3 != 1 else "",
                    "capacity": 30 if n % 3 == 0 else None,
                    "created_by_id": plan.members_of[space][0],
                    "created_at": starts - timedelta(days=40),
                    "updated_at": starts - timedelta(days=40),
                }
            )
    return rows


def registrations(plan: Plan, meetings: list[dict], skip: set[tuple[int, int]]):
    """Up to 25 members per session (fewer than its capacity); attendance of past ones."""
    for meeting in meetings:
        members = plan.members_of[meeting["space_id"]]
        limit = min(len(members), 25, meeting["capacity"] or 25)
        past = meeting["ends_at"] <= plan.now
        for member in plan.rng.sample(members, plan.rng.randint(limit // 2, limit)):
            if (meeting["id"], member) in skip:
                continue
            yield {
                "meeting_id": meeting["id"],
                "user_id": member,
                "status": "confirmed",
                "created_at": meeting["created_at"] + timedelta(days=1),
                "attended": (member % 4 != 0) if past else None,
                "attendance_recorded_at": meeting["ends_at"] if past else None,
            }


def threads_and_posts(plan: Plan) -> tuple[list[dict], Callable[[], Iterable[dict]]]:
    """Threads of every space's forum (a few long ones) and a generator of their posts."""
    sizes = plan.sizes
    thread_count = sizes.spaces * min(THREADS_PER_SPACE, max(1, sizes.posts // sizes.spaces // 3))
    # Long threads and short ones: weights from 1 to 5, scaled to the number of posts.
    weights = [1 + t % 5 for t in range(thread_count)]
    lengths = [max(1, sizes.posts * w // sum(weights)) for w in weights]
    lengths[0] += sizes.posts - sum(lengths)
    threads, first_post = [], plan.now - timedelta(days=120)
    for t, length in enumerate(lengths, start=1):
        space = 1 + (t - 1) % sizes.spaces
        threads.append(
            {
                "id": t,
                "space_id": space,
                "title": f"Échanges sur {WORDS[t % len(WORDS)]} et {WORDS[(t * 5) % len(WORDS)]}",
                "author_id": plan.members_of[space][t % len(plan.members_of[space])],
                "created_at": first_post + timedelta(hours=t),
                "last_post_at": first_post + timedelta(hours=t + 2 * (length - 1)),
                "post_count": length,
                "is_pinned": t <= sizes.spaces and t % 4 == 0,
            }
        )

    def posts():
        for thread, length in zip(threads, lengths, strict=True):
            members = plan.members_of[thread["space_id"]]
            for k in range(length):
                body = paragraph(thread["id"] * 31 + k, 25 + k % 40)
                yield {
                    "thread_id": thread["id"],
                    "author_id": thread["author_id"] if k == 0 else members[(k * 7) % len(members)],
                    "body": body,
                    # What render_markdown makes of plain words: one escaped paragraph.
                    "body_html": f"<p>{body}</p>",
                    "created_at": thread["created_at"] + timedelta(hours=2 * k),
                }

    return threads, posts


def subscriptions(plan: Plan, threads: list[dict]):
    """Each member follows a thread of one of their spaces; facilitators their whole forum."""
    by_space: dict[int, list[int]] = {}
    for thread in threads:
        by_space.setdefault(thread["space_id"], []).append(thread["id"])
    for member, mine in plan.spaces_of.items():
        if member in plan.facilitators:
            yield {"user_id": member, "space_id": mine[0], "level": "follow"}
        elif mine[0] in by_space:
            options = by_space[mine[0]]
            thread = options[member % len(options)]
            yield {"user_id": member, "thread_id": thread, "level": "follow"}


def experiences(plan: Plan, theme_ids: list[int]):
    """Experiences (nine in ten published) and their fundamentals and themes, as three lists."""
    sizes, rows, fundamentals, themes = plan.sizes, [], [], []
    for e in range(1, sizes.experiences + 1):
        published = plan.now - timedelta(days=1 + e % 700)
        is_published = e % 10 != 0
        author = 1 + (e * 13) % sizes.members
        rows.append(
            {
                "id": e,
                "title": f"{WORDS[e % len(WORDS)].capitalize()} : ce que la commune {e} a appris",
                "organisation_id": 1 + (e * 7) % sizes.organisations,
                "author_id": author,
                "space_id": plan.spaces_of[author][0] if e % 3 == 0 else None,
                "territory": f"Commune {e}",
                "region": REGIONS[e % len(REGIONS)],
                "period": f"{2015 + e % 8}–{2020 + e % 6}",
                "start_year": 2015 + e % 8,
                "end_year": 2020 + e % 6,
                **{part: paragraph(e * 11 + i, 40) for i, part in enumerate(WRITE_UP)},
                "budget": f"{10 + e % 90} k€",
                "contact_name": f"Membre {author}",
                "status": "published" if is_published else "draft",
                "visibility": "public" if e % 4 == 0 else "allies",
                "published_at": published if is_published else None,
                "helpful_count": e % 9,
                "created_at": published - timedelta(days=10),
                "updated_at": published,
            }
        )
        for key in plan.rng.sample(FUNDAMENTALS, 1 + e % 3):
            fundamentals.append({"experience_id": e, "key": key})
        for theme in plan.rng.sample(theme_ids, min(len(theme_ids), 1 + e % 3)):
            themes.append({"experience_id": e, "theme_id": theme})
    return rows, fundamentals, themes


def materials(plan: Plan, meetings: list[dict], theme_keys: list[str], store: Callable):
    """Four in five are small files written to the storage, the rest links.

    Visibility: mostly their space's members; some for all allies or the public, a
    tenth of those alliance-wide (no space: the /resources library).
    """
    sizes = plan.sizes
    for n in range(1, sizes.materials + 1):
        meeting = meetings[(n * 7) % len(meetings)]
        space = meeting["space_id"]
        visibility = ("space", "space", "space", "allies", "public")[n % 5]
        alliance_wide = visibility != "space" and n % 10 < 2
        row = {
            "id": n,
            "space_id": None if alliance_wide else space,
            "meeting_id": meeting["id"] if n % 4 == 0 and not alliance_wide else None,
            "title": f"{WORDS[n % len(WORDS)].capitalize()} — support {n}",
            "description": paragraph(n * 3, 15),
            "visibility": visibility,
            "theme": theme_keys[n % len(theme_keys)] if n % 3 else None,
            "posted_by_id": plan.members_of[space][0],
            "created_at": meeting["starts_at"] - timedelta(days=1),
            "updated_at": meeting["starts_at"] - timedelta(days=1),
        }
        if n % 5 == 4:
            row.update(kind="link", url=f"https://docs.example.org/{n}", family="link")
        else:
            name, content_type, family = FILE_KINDS[n % len(FILE_KINDS)]
            data = (paragraph(n, 60) + "\n").encode()
            row.update(
                kind="file",
                stored_name=store(data),
                display_name=name.format(n=n),
                content_type=content_type,
                size=len(data),
                family=family,
            )
        yield row
