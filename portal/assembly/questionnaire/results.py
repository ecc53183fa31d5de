"""The questionnaire's results: counts per question, free texts without their authors, and
breakdowns by kind of organisation and region that hide every group of fewer than
MIN_GROUP respondents, so that no answer can be traced to a person. Also the anonymous CSV."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.alliance.constants import ORGANISATION_KINDS, REGIONS
from portal.assembly.questionnaire.compose import questions_of
from portal.assembly.questionnaire.models import INDIVIDUAL, QuestionnaireResponse
from portal.core.csv_export import csv_chunks
from portal.core.extensions import db
from portal.core.questions import CHOICE_KINDS, SCALE_VALUES, QuestionKind

#: A group (a kind of organisation, a region) shows its figures from this many respondents.
MIN_GROUP = 5
#: How the breakdowns and the CSV name a group too small to show.
SMALL_GROUP = _l("fewer than 5")


@dataclass
class GroupRow:
    """One group of a breakdown: its figures, or None when it has fewer than MIN_GROUP."""

    label: str
    respondents: int | None
    counts: list[int] | None


@dataclass
class QuestionResult:
    """What one question's results show."""

    question: object
    #: How many people answered this question.
    respondents: int
    #: (label, count) per choice or scale value, in the question's order.
    options: list[tuple[str, int]] = field(default_factory=list)
    #: The free texts, sorted by their text (not by answer time), without authors.
    texts: list[str] = field(default_factory=list)
    by_kind: list[GroupRow] = field(default_factory=list)
    by_region: list[GroupRow] = field(default_factory=list)

    @property
    def has_counts(self) -> bool:
        """A scale or choice question (a free text has no counts)."""
        return self.question.kind != QuestionKind.LONG_TEXT.value


@dataclass
class Results:
    """The results of an edition's questionnaire."""

    respondents: int
    questions: list[QuestionResult]


def kind_label(key: str) -> str:
    """A kind of organisation in words, "Individual signatories" for individuals."""
    if key == INDIVIDUAL:
        return _("Individual signatories")
    return str(ORGANISATION_KINDS.get(key, key))


def region_label(key: str) -> str:
    """A region's name; individuals have none."""
    return REGIONS.get(key, key) if key else _("No region (individual signatories)")


def _values(question) -> list[str]:
    """The values a scale or choice question counts, in order."""
    return list(SCALE_VALUES) if question.kind == QuestionKind.SCALE.value else question.choices


def _picked(question, answer) -> list[str]:
    """The values an answer picks, as text."""
    if answer is None:
        return []
    return [str(v) for v in answer] if isinstance(answer, list) else [str(answer)]


def _breakdown(question, answered: list, attribute: str, label) -> list[GroupRow]:
    """Counts per group of `attribute`, each group shown only from MIN_GROUP respondents."""
    groups: dict[str, list] = {}
    for response in answered:
        groups.setdefault(getattr(response, attribute), []).append(response)
    rows = []
    for key, members in groups.items():
        if len(members) < MIN_GROUP:
            rows.append(GroupRow(label(key), None, None))
            continue
        counter = Counter(
            v for r in members for v in _picked(question, r.answers[str(question.id)])
        )
        rows.append(GroupRow(label(key), len(members), [counter[v] for v in _values(question)]))
    # Shown groups first (largest first), then the small ones, each by name.
    return sorted(rows, key=lambda r: (r.respondents is None, -(r.respondents or 0), r.label))


def _responses(edition_id: int) -> list[QuestionnaireResponse]:
    """Every response of the edition (one query), in no meaningful order for readers."""
    return list(
        db.session.scalars(
            select(QuestionnaireResponse).where(QuestionnaireResponse.edition_id == edition_id)
        )
    )


def questionnaire_results(edition) -> Results:
    """Counts, texts and breakdowns of every question of the edition (two queries)."""
    questions = questions_of(edition.id)
    responses = _responses(edition.id)
    shown = []
    for question in questions:
        key = str(question.id)
        answered = [r for r in responses if (r.answers or {}).get(key) not in (None, "", [])]
        result = QuestionResult(question=question, respondents=len(answered))
        if question.kind == QuestionKind.LONG_TEXT.value:
            result.texts = sorted((str(r.answers[key]) for r in answered), key=str.casefold)
        elif question.kind in (*CHOICE_KINDS, QuestionKind.SCALE.value):
            counter = Counter(v for r in answered for v in _picked(question, r.answers[key]))
            result.options = [(v, counter[v]) for v in _values(question)]
            result.by_kind = _breakdown(question, answered, "organisation_kind", kind_label)
            result.by_region = _breakdown(question, answered, "region", region_label)
        shown.append(result)
    return Results(respondents=len(responses), questions=shown)


def _masked(responses: list, attribute: str, label) -> dict[str, str]:
    """Each group's name in the CSV, or SMALL_GROUP below MIN_GROUP respondents."""
    sizes = Counter(getattr(r, attribute) for r in responses)
    return {k: label(k) if n >= MIN_GROUP else str(SMALL_GROUP) for k, n in sizes.items()}


def _cell(answer) -> str:
    if answer is None:
        return ""
    return "; ".join(str(v) for v in answer) if isinstance(answer, list) else str(answer)


def anonymous_csv(edition) -> Iterator[str]:
    """The answers as CSV, one row per respondent: no names, no ids, no times; the kind and
    region only for groups of at least MIN_GROUP; rows sorted by their content."""
    questions = questions_of(edition.id)
    responses = _responses(edition.id)
    kinds = _masked(responses, "organisation_kind", kind_label)
    regions = _masked(responses, "region", region_label)
    rows = sorted(
        [
            kinds[r.organisation_kind],
            regions[r.region],
            *(_cell((r.answers or {}).get(str(q.id))) for q in questions),
        ]
        for r in responses
    )
    header = [_("Kind of organisation"), _("Region"), *(q.label for q in questions)]
    return csv_chunks(header, rows)
