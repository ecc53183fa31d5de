"""A year too big for an INTEGER column is "not found", on PostgreSQL too (never a 500)."""

import pytest

HUGE = 99_999_999_999


@pytest.mark.parametrize(
    "url",
    [
        f"/bilans/{HUGE}",
        f"/bilans/{HUGE}.pdf",
        f"/bilans/{HUGE}/versions/1",
        f"/donnees/bilans/{HUGE}.json",
        f"/assemblee/{HUGE}",
        f"/assemblee/{HUGE}/resultats",
    ],
)
def test_a_huge_year_is_not_found(client, url):
    assert client.get(url).status_code == 404


def test_a_huge_year_to_compare_is_a_message(client):
    response = client.get(f"/bilans/comparer?a={HUGE}&b=2025")
    assert response.status_code in (200, 400, 404)
