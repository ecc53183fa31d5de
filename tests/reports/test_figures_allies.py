"""The allies' figures: signatures of the year, standing signatories at its end, withdrawals,
breakdowns by kind and region with the under-5 rule."""

from __future__ import annotations

from tests import factories
from tests.reports.helpers import at, section, values


def org_signature(kind="association", region="bretagne", **fields):
    """An organisation and one signature of it with `fields` (status, dates...)."""
    made = factories.organisation(kind=kind, region=region)
    factories.signature(organisation=made, **fields)
    return made


def test_signatures_of_the_year_count_validated_ones_signed_in_it():
    org_signature(signed_at=at(2025, 3, 1), decided_at=at(2025, 3, 2))
    org_signature(signed_at=at(2024, 5, 1), decided_at=at(2024, 5, 2))
    org_signature(signed_at=at(2025, 4, 1), status="pending")
    org_signature(signed_at=at(2025, 4, 1), status="refused", decided_at=at(2025, 4, 3))
    # Validated in 2025, withdrawn since: still one of 2025's signatures.
    org_signature(
        signed_at=at(2025, 2, 1),
        decided_at=at(2025, 2, 2),
        status="withdrawn",
        withdrawn_at=at(2025, 9, 1),
    )
    # Pending when withdrawn: never validated.
    org_signature(signed_at=at(2025, 2, 1), status="withdrawn", withdrawn_at=at(2025, 3, 1))
    person = factories.user()
    factories.signature(signer=person, version=1, signed_at=at(2025, 1, 1, 0, 0))
    factories.signature(signer=person, version=2, signed_at=at(2025, 12, 31, 23, 59))
    factories.signature(signer=factories.user(), signed_at=at(2026, 1, 1, 0, 0))

    totals = section("allies")["totals"]

    assert totals["signatures"] == 4


def test_allies_at_the_end_of_the_year_are_distinct_signatories_not_withdrawn_by_then():
    org_signature(signed_at=at(2024, 1, 1), decided_at=at(2024, 1, 2))
    twice = org_signature(signed_at=at(2024, 1, 1), decided_at=at(2024, 1, 2))
    factories.signature(organisation=twice, version=2, signed_at=at(2025, 6, 1))
    org_signature(
        signed_at=at(2024, 1, 1),
        decided_at=at(2024, 1, 2),
        status="withdrawn",
        withdrawn_at=at(2025, 6, 1),
    )
    org_signature(
        signed_at=at(2024, 1, 1),
        decided_at=at(2024, 1, 2),
        status="withdrawn",
        withdrawn_at=at(2026, 2, 1),
    )
    # Validated only after the year's end.
    org_signature(signed_at=at(2025, 12, 20), decided_at=at(2026, 1, 5))
    person = factories.user()
    factories.signature(signer=person, version=1, signed_at=at(2025, 1, 10))
    factories.signature(signer=person, version=2, signed_at=at(2025, 8, 10))

    totals_2025 = section("allies")["totals"]
    totals_2024 = section("allies", year=2024)["totals"]

    assert totals_2025 | {"signatures": None} == {
        "signatures": None,
        "allies": 4,
        "organisations": 3,
        "individuals": 1,
    }
    assert (totals_2024["allies"], totals_2024["organisations"]) == (4, 4)
    assert totals_2024["individuals"] == 0


def test_breakdowns_count_organisations_and_mask_counts_under_five():
    for _ in range(6):
        org_signature(kind="collectivite", region="occitanie", signed_at=at(2025, 2, 1))
    for _ in range(2):
        org_signature(kind="association", region="bretagne", signed_at=at(2025, 2, 1))
    org_signature(kind="reseau", region="bretagne", signed_at=at(2025, 2, 1), status="pending")
    factories.signature(signer=factories.user(), signed_at=at(2025, 2, 1))

    breakdowns = section("allies")["breakdowns"]

    assert breakdowns["by_kind"] == [
        {"key": "collectivite", "value": 6},
        {"key": "association", "value": None},
    ]
    assert values(breakdowns["by_region"]) == {"bretagne": None, "occitanie": 6}
    # In the regions' own order (REGIONS), not by count.
    assert [row["key"] for row in breakdowns["by_region"]] == ["bretagne", "occitanie"]
