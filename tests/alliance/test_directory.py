"""The public allies directory, organisation pages and the CSV export."""

import csv
import io

import pytest

from tests import factories


def names(response) -> list[str]:
    """The organisation names listed on a directory page, in order."""
    import re

    return re.findall(
        r'<h2><a href="/allies/[^"]+">([^<]+)</a></h2>', response.get_data(as_text=True)
    )


# --- refused cases first ------------------------------------------------------


def test_pending_organisation_is_not_in_the_directory(client, login_as):
    pending = factories.organisation(name="Tiers-lieu en attente")
    factories.signature(organisation=pending, signer=factories.user(), status="pending")
    refused = factories.organisation(name="Association refusée")
    factories.signature(organisation=refused, status="refused")
    assert names(client.get("/allies")) == []
    assert client.get("/allies/tiers-lieu-en-attente").status_code == 404
    assert "Tiers-lieu" not in client.get("/allies.csv").get_data(as_text=True)
    # Administrators see the page, to decide.
    login_as("admin")
    page = client.get("/allies/tiers-lieu-en-attente")
    assert page.status_code == 200
    assert "not a validated ally" in page.get_data(as_text=True)


def test_withdrawn_signature_disappears_from_the_directory(client, login_as):
    member = login_as("member")
    ally = factories.organisation(name="Ungersheim", kind="collectivite", region="grand-est")
    signature = factories.signature(organisation=ally, signer=member)
    assert names(client.get("/allies")) == ["Ungersheim"]
    client.post(f"/signatures/{signature.id}/withdraw")
    assert names(client.get("/allies")) == []
    assert client.get("/allies/ungersheim").status_code == 404


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("kind=castle", 200),
        ("region=atlantis", 200),
        ("q=" + "x" * 10_000, 200),
        ("page=abc", 404),
        ("page=0", 404),
        ("page=-1", 404),
        ("page=99999", 404),
        ("page=" + "9" * 40, 404),
        ("kind=" + "k" * 5000 + "&region=%00", 200),
    ],
)
def test_invalid_filters_never_fail(client, query, status):
    factories.ally(name="Kingersheim", kind="collectivite", region="grand-est")
    response = client.get(f"/allies?{query}", headers={"Accept-Language": "en"})
    assert response.status_code == status
    if status == 200:
        # An invalid filter is reported and ignored: the ally is still listed.
        assert names(response) == ["Kingersheim"]
        page = response.get_data(as_text=True)
        assert "Not a valid choice" in page or "Field cannot be longer" in page


def test_invalid_filters_of_the_export_never_fail(client):
    response = client.get("/allies.csv?kind=castle&q=" + "x" * 10_000)
    assert response.status_code == 200


# --- what works ---------------------------------------------------------------


def test_search_ignores_case_and_accents(client):
    factories.ally(name="Le Mené", kind="collectivite", region="bretagne")
    factories.ally(name="Malaunay", kind="collectivite", region="normandie")
    for query in ("mené", "MENE", "le mene", "Le-Mené"):
        assert names(client.get("/allies", query_string={"q": query})) == ["Le Mené"]
    assert names(client.get("/allies", query_string={"q": "%"})) == ["Le Mené", "Malaunay"]
    assert names(client.get("/allies", query_string={"q": "zzz"})) == []
    plain = client.get("/allies", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "field-error" not in plain


def test_filters_by_kind_and_region_with_counts_per_kind(client):
    factories.ally(name="Loos-en-Gohelle", kind="collectivite", region="hauts-de-france")
    factories.ally(name="Grande-Synthe", kind="collectivite", region="hauts-de-france")
    factories.ally(name="Chaire Lille", kind="universite", region="hauts-de-france")
    factories.ally(name="Malaunay", kind="collectivite", region="normandie")
    response = client.get("/allies?region=hauts-de-france", headers={"Accept-Language": "en"})
    assert names(response) == ["Chaire Lille", "Grande-Synthe", "Loos-en-Gohelle"]
    page = response.get_data(as_text=True)
    assert "<strong>2</strong> Local authority" in page
    assert "<strong>1</strong> University or research" in page
    response = client.get("/allies?region=hauts-de-france&kind=collectivite")
    assert names(response) == ["Grande-Synthe", "Loos-en-Gohelle"]


def test_directory_is_paginated_and_keeps_the_filters(app, client):
    for n in range(app.config["ALLIES_PER_PAGE"] + 2):
        factories.ally(name=f"Commune {n:02d}", kind="collectivite", region="occitanie")
    first = client.get("/allies?region=occitanie")
    assert len(names(first)) == app.config["ALLIES_PER_PAGE"]
    assert "/allies?page=2&amp;region=occitanie" in first.get_data(as_text=True)
    assert names(client.get("/allies?region=occitanie&page=2")) == ["Commune 24", "Commune 25"]


def test_directory_shows_which_version_each_ally_signed(client):
    factories.ally(name="Langouët", version=1)
    older = factories.ally(name="Mouans-Sartoux", version=1)
    factories.signature(organisation=older, version=2)
    page = client.get("/allies", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert page.count("Signed version 1") == 1
    assert page.count("Signed version 2") == 1


def _bulk_allies(app, how_many: int) -> None:
    """Insert `how_many` validated allies in two statements (fast enough for 1,000)."""
    from sqlalchemy import insert, select

    from portal.alliance.models import Organisation, Signature
    from portal.core.extensions import db

    with app.app_context():
        start = factories.next_number() * 10_000
        db.session.execute(
            insert(Organisation),
            [
                {"name": f"Ally {n}", "slug": f"ally-{n}", "kind": "association", "region": "corse"}
                for n in range(start, start + how_many)
            ],
        )
        ids = db.session.scalars(
            select(Organisation.id).where(Organisation.slug.like("ally-%"))
        ).all()
        known = set(db.session.scalars(select(Signature.organisation_id)))
        db.session.execute(
            insert(Signature),
            [
                {
                    "signatory_key": f"organisation:{i}",
                    "charter_version": 1,
                    "organisation_id": i,
                    "status": "validated",
                    "source": "import",
                }
                for i in ids
                if i not in known
            ],
        )
        db.session.commit()


def test_directory_page_loads_in_a_fixed_number_of_queries(app, client, count_queries):
    _bulk_allies(app, 10)
    with count_queries() as few:
        assert client.get("/allies?kind=association").status_code == 200
    _bulk_allies(app, 990)
    with count_queries() as many:
        response = client.get("/allies?kind=association")
    assert len(names(response)) == app.config["ALLIES_PER_PAGE"]
    assert "1000 organisations found" in response.get_data(as_text=True).replace(",", "")
    assert len(many) == len(few) <= 5


def test_organisation_page_lists_its_validated_signatories(client):
    signer = factories.user(display_name="Claire Dupont")
    ally = factories.ally(
        name="Loos-en-Gohelle", kind="collectivite", region="hauts-de-france", signer=signer
    )
    factories.signature(organisation=ally, signer=signer, version=2)
    page = client.get("/allies/loos-en-gohelle", headers={"Accept-Language": "en"})
    html = page.get_data(as_text=True)
    assert "Claire Dupont" in html
    assert "signed version 2 of the charter" in html
    assert "Local authority" in html and "Hauts-de-France" in html
    assert client.get("/allies/unknown").status_code == 404


def test_export_lists_the_filtered_allies(client):
    factories.ally(
        name="Malaunay",
        kind="collectivite",
        region="normandie",
        territory="Malaunay",
        website="https://www.malaunay.fr",
    )
    factories.ally(name="Le Mené", kind="collectivite", region="bretagne")
    response = client.get("/allies.csv?region=normandie")
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert [(r["name"], r["kind"], r["region"], r["charter_version"]) for r in rows] == [
        ("Malaunay", "collectivite", "Normandie", "1")
    ]
    assert rows[0]["website"] == "https://www.malaunay.fr"
    assert rows[0]["url"] == "http://localhost/allies/malaunay"


def test_export_guards_against_formula_injection(client):
    factories.ally(
        name='=HYPERLINK("http://evil.example")',
        slug="hyperlink-evil",
        territory="+33 1 23",
        description="@SUM(A1:A2)",
        website="",
    )
    text = client.get("/allies.csv").get_data(as_text=True)
    row = next(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert row["name"] == '\'=HYPERLINK("http://evil.example")'
    assert row["territory"] == "'+33 1 23"
    assert row["description"] == "'@SUM(A1:A2)"


def test_csv_safe_prefixes_every_formula_character():
    from portal.core.csv_export import csv_safe

    for cell in ("=1+1", "+1", "-1", "@A1", "\t=1", "\r=1"):
        assert csv_safe(cell) == "'" + cell
    assert csv_safe("Loos-en-Gohelle") == "Loos-en-Gohelle"
    assert csv_safe(None) == ""
    assert csv_safe(3) == "3"
