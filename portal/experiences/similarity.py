"""Similar experiences: shared tags and the text of the write-ups, never the same organisation.

Score of a candidate against a reference (both published and visible to the viewer):

    0.5 * tags + 0.5 * text

- tags: weighted Jaccard of the tags, a shared theme weighing 2 and a shared
  fundamental 1 (themes say more: four fundamentals are shared by many);
- text: cosine of TF-IDF vectors over the title and the parts of the write-up,
  tokens lower-cased, accents folded, French (and common English) stop words
  dropped, a light plural rule ("énergies" -> "energie"); IDF over the candidates.

Token counts are cached per experience and `updated_at`, so a page computes the
vectors of changed experiences only. Pure Python: a few hundred experiences take
milliseconds; beyond tens of thousands, move this to the search index.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from portal.core.extensions import db
from portal.experiences.listing import visible_experiences
from portal.experiences.models import Experience
from portal.experiences.services import TEXT_PARTS

THEME_WEIGHT = 2.0
FUNDAMENTAL_WEIGHT = 1.0
TAG_SHARE = 0.5
MIN_SCORE = 0.02

STOP_WORDS = frozenset(
    """
    alors au aucun aussi autre aux avec avoir avons bon car ce ceci cela celle celles celui ces cet
    cette chaque comme comment dans de des deja depuis doit donc dont du elle elles en encore entre
    est et etaient etait ete etre eu fait faire font hors ici il ils je la le les leur leurs lui ma
    mais me meme mes moins mon ne ni nos notre nous on ont ou par parce pas peu peut plus pour
    pourquoi qu quand que quel quelle quelles quels qui sa sans se selon ses si sien son sont sous
    sur ta tandis te tes toi ton tous tout toute toutes tres tu un une vers voici voila vos votre
    vous ans annee annees afin ainsi apres avant ceux chez cote grace lors mis pendant puis
    the and for with that this from are was were have has had not but our their they them
    """.split()
)
_WORD = re.compile(r"[a-z0-9]+")
#: experience id -> (updated_at, token counts)
_CACHE: dict[int, tuple[datetime, Counter]] = {}
_CACHE_MAX = 5000


def fold(text: str) -> str:
    """Lower-case without accents ("Énergie" -> "energie"); œ and æ spelled out."""
    text = text.lower().replace("œ", "oe").replace("æ", "ae")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalise(token: str) -> str:
    """A light French plural rule: "energies" -> "energie", "reseaux" -> "reseau"."""
    if token.endswith("eaux"):
        return token[:-1]
    if len(token) > 4 and token.endswith("aux"):
        return token[:-3] + "al"
    if len(token) > 3 and token[-1] in "sx":
        return token[:-1]
    return token


def tokens(text: str) -> list[str]:
    """The meaningful words of `text`, folded and normalised."""
    words = _WORD.findall(fold(text or ""))
    return [normalise(w) for w in words if len(w) > 2 and w not in STOP_WORDS and not w.isdigit()]


def token_counts(experience: Experience) -> Counter:
    """Word counts of the title (counted twice) and the write-up, cached by updated_at."""
    cached = _CACHE.get(experience.id)
    if cached is not None and cached[0] == experience.updated_at:
        return cached[1]
    text = " ".join(
        [experience.title, experience.title] + [getattr(experience, p) for p in TEXT_PARTS]
    )
    counts = Counter(tokens(text))
    if len(_CACHE) >= _CACHE_MAX:
        _CACHE.clear()
    _CACHE[experience.id] = (experience.updated_at, counts)
    return counts


def tag_weights(experience: Experience) -> dict[str, float]:
    """Tag -> weight: "f:<fundamental>" and "t:<theme key>"."""
    weights = {f"f:{f.key}": FUNDAMENTAL_WEIGHT for f in experience.fundamentals}
    weights.update({f"t:{t.key}": THEME_WEIGHT for t in experience.themes})
    return weights


def tag_score(mine: dict[str, float], theirs: dict[str, float]) -> float:
    """Weighted Jaccard of two tag sets (0 to 1)."""
    keys = set(mine) | set(theirs)
    union = sum(max(mine.get(k, 0), theirs.get(k, 0)) for k in keys)
    shared = sum(min(mine.get(k, 0), theirs.get(k, 0)) for k in keys)
    return shared / union if union else 0.0


def idf_of(documents: list[Counter]) -> dict[str, float]:
    """Smoothed inverse document frequency of every word of `documents`."""
    frequency: Counter = Counter()
    for document in documents:
        frequency.update(document.keys())
    total = len(documents)
    return {word: math.log((1 + total) / (1 + count)) + 1 for word, count in frequency.items()}


def weighted(counts: Counter, idf: dict[str, float]) -> dict[str, float]:
    """A TF-IDF vector (log-scaled term frequency), normalised to length 1."""
    vector = {w: (1 + math.log(c)) * idf.get(w, 1.0) for w, c in counts.items()}
    norm = math.sqrt(sum(v * v for v in vector.values()))
    return {w: v / norm for w, v in vector.items()} if norm else {}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Cosine of two unit vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def candidates(
    user, exclude_organisations: set[int], since: datetime | None = None
) -> list[Experience]:
    """Published experiences `user` may see, outside `exclude_organisations`, published
    after `since` when given (3 queries)."""
    query = (
        select(Experience)
        .where(visible_experiences(user), Experience.organisation_id.not_in(exclude_organisations))
        .options(
            joinedload(Experience.organisation),
            selectinload(Experience.fundamentals),
            selectinload(Experience.themes),
        )
    )
    if since is not None:
        # The digest's question: only the period's experiences, not the whole catalogue
        # loaded for every member (bench/email.py; helper C, issue 5).
        query = query.where(Experience.published_at >= since)
    return list(db.session.scalars(query))


def rank(
    tags: dict[str, float], text: Counter, pool: list[Experience], limit: int
) -> list[Experience]:
    """The `limit` experiences of `pool` closest to (`tags`, `text`), best first."""
    documents = [token_counts(e) for e in pool]
    idf = idf_of(documents + [text])
    reference = weighted(text, idf)
    scored = []
    for experience, counts in zip(pool, documents, strict=True):
        score = TAG_SHARE * tag_score(tags, tag_weights(experience)) + (1 - TAG_SHARE) * cosine(
            reference, weighted(counts, idf)
        )
        if score >= MIN_SCORE:
            scored.append((score, experience.published_at, experience.id, experience))
    scored.sort(key=lambda row: (row[0], row[1], row[2]), reverse=True)
    return [row[3] for row in scored[:limit]]


def similar_experiences(experience: Experience, user=None, limit: int = 5) -> list[Experience]:
    """Published experiences of other organisations most like `experience`, that `user` sees."""
    pool = candidates(user, {experience.organisation_id})
    pool = [e for e in pool if e.id != experience.id]
    return rank(tag_weights(experience), token_counts(experience), pool, limit)


def _own_organisations(user) -> set[int]:
    """The organisations `user` belongs to: their profile's and those they signed for."""
    from portal.alliance.models import Signature, SignatureStatus

    signed = db.session.scalars(
        select(Signature.organisation_id).where(
            Signature.signer_id == user.id,
            Signature.status == SignatureStatus.VALIDATED.value,
            Signature.organisation_id.is_not(None),
        )
    )
    ids = set(signed)
    if user.organisation_id:
        ids.add(user.organisation_id)
    return ids


def _reference_experiences(user, organisations: set[int]) -> list[Experience]:
    """Experiences (drafts too) of `user`'s organisations and of the spaces they belong to."""
    from portal.spaces.models import Membership

    my_spaces = select(Membership.space_id).where(Membership.user_id == user.id)
    query = (
        select(Experience)
        .where(Experience.organisation_id.in_(organisations) | Experience.space_id.in_(my_spaces))
        .options(selectinload(Experience.fundamentals), selectinload(Experience.themes))
    )
    return list(db.session.scalars(query))


def experiences_close_to(user, since: datetime | None = None, limit: int = 5) -> list[Experience]:
    """For the digest: published experiences of other organisations close to `user`'s own.

    The rule: the reference is every experience of the user's organisations (profile
    organisation, organisations they signed for) and of the spaces they belong to;
    its tags are summed (a tag shared by several weighs more, capped at twice its
    weight) and its texts merged. Candidates are the published experiences the user
    may see, of other organisations, not written by them, published after `since`,
    ranked like similar_experiences(). Nothing to compare with: an empty list.
    """
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    organisations = _own_organisations(user)
    references = _reference_experiences(user, organisations)
    if not references:
        return []
    tags: dict[str, float] = {}
    text: Counter = Counter()
    for experience in references:
        for tag, weight in tag_weights(experience).items():
            tags[tag] = min(tags.get(tag, 0.0) + weight, 2 * weight)
        text.update(token_counts(experience))
    seen = {e.id for e in references}
    pool = [
        e
        for e in candidates(user, organisations, since)
        if e.id not in seen
        and e.author_id != user.id
        and (since is None or (e.published_at is not None and e.published_at >= since))
    ]
    return rank(tags, text, pool, limit)
