"""/donnees: the page lists the datasets and their fields; the downloads match it, carry
the directory's public data only, are formula-safe, and answer 304 when unchanged."""

from __future__ import annotations

import csv
import io
import re

import pytest

from portal.reports.opendata.datasets import ALLIES_FIELDS, FIGURE_FIELDS
from tests import factories


def listed_fields(html: str, caption_word: str) -> list[str]:
    """The field names of the page's table whose caption holds `caption_word`."""
    for table in re.findall(r"<table.*?</table>", html, re.S):
        if caption_word in re.search(r"<caption>(.*?)</caption>", table, re.S).group(1):
            return re.findall(r'<th scope="row"><code>(.*?)</code></th>', table)
    raise AssertionError(f"no table about {caption_word}")


def read_csv(response) -> list[dict]:
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


@pytest.fixture
def allies(app):
    """Two allies, an organisation not yet one, and a person signing alone."""
    signer = factories.user(display_name="Camille Signataire", email="camille@example.org")
    first = factories.ally(
        name="Le Mené", kind="collectivite", region="bretagne", territory="Le Mené"
    )
    factories.signature(organisation=first, signer=signer, version=2)
    second = factories.ally(
        name="=Tricky Assoc",
        kind="association",
        region="occitanie",
        website="https://tricky.example",
        description="+33 1 23 45 67 89",
    )
    factories.signature(organisation=factories.organisation(name="Pending"), status="pending")
    factories.signature(signer=factories.user())
    return first, second


def test_the_page_lists_both_datasets_with_their_fields_and_licence(client, allies):
    html = client.get("/donnees").get_data(as_text=True)
    assert listed_fields(html, "Allies directory") == [f.name for f in ALLIES_FIELDS]
    assert listed_fields(html, "Figures of the yearly reports") == [f.name for f in FIGURE_FIELDS]
    assert "https://www.etalab.gouv.fr/licence-ouverte-open-licence/" in html
    assert 'href="/donnees/allies.csv"' in html and 'href="/donnees/allies.json"' in html
    assert "No report is published yet." in html


def test_every_page_links_to_the_open_data(client):
    html = client.get("/charter").get_data(as_text=True)
    assert 'href="/donnees"' in html.split('class="site-footer"')[1]


def test_the_allies_csv_and_json_hold_the_listed_allies_and_the_page_fields(client, allies):
    rows = read_csv(client.get("/donnees/allies.csv"))
    assert list(rows[0]) == [f.name for f in ALLIES_FIELDS]
    document = client.get("/donnees/allies.json").get_json()
    assert [f["name"] for f in document["fields"]] == [f.name for f in ALLIES_FIELDS]
    assert document["licence"]["url"].startswith("https://www.etalab.gouv.fr/")
    assert document["source"] == "http://localhost/donnees"
    assert document["updated_at"]
    by_name = {row["name"]: row for row in document["rows"]}
    assert sorted(by_name) == ["=Tricky Assoc", "Le Mené"]
    mene = by_name["Le Mené"]
    assert mene["kind"] == "collectivite" and mene["kind_label"] == "Local authority"
    assert mene["region_name"] == "Bretagne" and mene["territory"] == "Le Mené"
    assert mene["charter_version"] == 2
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", mene["signed_on"])
    assert mene["url"] == "http://localhost/allies/le-mene"
    # The CSV says the same as the JSON, the numbers as text.
    assert [r["name"] for r in rows] == ["Le Mené", "'=Tricky Assoc"]
    assert rows[0]["charter_version"] == "2" and rows[0]["signed_on"] == mene["signed_on"]


def test_the_allies_data_lists_what_the_directory_lists(app, client, allies):
    from portal.alliance.services import DirectoryFilters, directory_query
    from portal.core.extensions import db

    for n in range(4):
        factories.ally(name=f"Alliée {n}", version=1 + n % 2)
    with app.app_context():
        listed = db.session.scalars(directory_query(DirectoryFilters())).all()
        expected = [(o.name, o.kind, o.region, o.signed_version) for o in listed]
    rows = client.get("/donnees/allies.json").get_json()["rows"]
    assert [(r["name"], r["kind"], r["region"], r["charter_version"]) for r in rows] == expected


def test_the_allies_data_never_holds_a_signer_or_an_email(client, allies):
    for url in ("/donnees/allies.csv", "/donnees/allies.json"):
        body = client.get(url).get_data(as_text=True)
        assert "Camille" not in body and "@" not in body and "Pending" not in body


def test_a_cell_starting_a_formula_is_defused_in_the_csv_only(client, allies):
    rows = {r["kind"]: r for r in read_csv(client.get("/donnees/allies.csv"))}
    assert rows["association"]["name"] == "'=Tricky Assoc"
    assert rows["association"]["description"] == "'+33 1 23 45 67 89"
    document = client.get("/donnees/allies.json").get_json()
    assert "=Tricky Assoc" in {row["name"] for row in document["rows"]}


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_a_conditional_get_answers_304_by_etag_and_by_date(client, allies, fmt):
    url = f"/donnees/allies.{fmt}"
    first = client.get(url)
    assert first.status_code == 200
    assert first.headers["ETag"] and first.headers["Last-Modified"]
    assert "public" in first.headers["Cache-Control"]
    assert "max-age=" in first.headers["Cache-Control"]

    by_etag = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert by_etag.status_code == 304 and by_etag.data == b""
    by_date = client.get(url, headers={"If-Modified-Since": first.headers["Last-Modified"]})
    assert by_date.status_code == 304
    stale = client.get(url, headers={"If-None-Match": '"something-else"'})
    assert stale.status_code == 200


def test_a_new_ally_changes_the_etag_and_the_date(client, allies):
    first = client.get("/donnees/allies.json")
    factories.ally(name="Nouvelle alliée")
    again = client.get("/donnees/allies.json", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 200
    assert again.headers["ETag"] != first.headers["ETag"]
    since = client.get(
        "/donnees/allies.json", headers={"If-Modified-Since": first.headers["Last-Modified"]}
    )
    assert since.status_code in (200, 304)  # same second: dates cannot tell, the ETag does


def test_a_published_report_is_listed_and_downloadable(client, published_reports):
    html = client.get("/donnees").get_data(as_text=True)
    assert 'href="/donnees/bilans/2025.csv"' in html
    assert 'href="/donnees/bilans/2025.json"' in html
    document = client.get("/donnees/bilans/2025.json").get_json()
    assert [f["name"] for f in document["fields"]] == [f.name for f in FIGURE_FIELDS]
    assert document["updated_at"] == "2026-02-03T10:30:00+00:00"
    media = next(r for r in document["rows"] if r["category"] == "media")
    assert media["value"] is None and media["fewer_than_5"] is True
    rows = read_csv(client.get("/donnees/bilans/2025.csv"))
    assert list(rows[0]) == [f.name for f in FIGURE_FIELDS]
    assert len(rows) == len(document["rows"])
    media_csv = next(r for r in rows if r["category"] == "media")
    assert media_csv["value"] == "" and media_csv["fewer_than_5"] == "true"
    theme = next(r for r in rows if r["category"] == "t7")
    assert theme["label"] == "'=HYPERLIEN()"
    assert next(r for r in rows if r["figure"] == "sessions")["value"] == "31"


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_a_report_download_answers_304_when_unchanged(client, published_reports, fmt):
    url = f"/donnees/bilans/2025.{fmt}"
    first = client.get(url)
    assert first.headers["Last-Modified"] == "Tue, 03 Feb 2026 10:30:00 GMT"
    assert client.get(url, headers={"If-None-Match": first.headers["ETag"]}).status_code == 304
    since = client.get(url, headers={"If-Modified-Since": "Wed, 04 Feb 2026 00:00:00 GMT"})
    assert since.status_code == 304
    older = client.get(url, headers={"If-Modified-Since": "Mon, 02 Feb 2026 00:00:00 GMT"})
    assert older.status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/donnees/bilans/2024.csv",
        "/donnees/bilans/2024.json",
        "/donnees/bilans/99999999999.json",
        "/donnees/bilans/2025.xml",
        "/donnees/bilans/abc.csv",
        "/donnees/allies.xml",
    ],
)
def test_an_unknown_year_or_format_is_a_404(client, published_reports, url):
    assert client.get(url).status_code == 404


def test_without_a_published_report_every_year_is_a_404(client):
    assert client.get("/donnees/bilans/2025.csv").status_code == 404
