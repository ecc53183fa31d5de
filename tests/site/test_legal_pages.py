"""The accessibility statement and the privacy notice say what the law asks them to say."""

import pytest

from tests.site.helpers import html_lang


def page(client, path):
    response = client.get(path, headers={"Accept-Language": "en"})
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_accessibility_statement_has_every_part_of_the_rgaa_model(client):
    html = page(client, "/accessibilite")
    assert html.count("<h1>") == 1
    for heading in (
        "Conformance status",
        "Test results",
        "Non-accessible content",
        "Establishment of this statement",
        "Technologies used",
        "Test environment",
        "Feedback and contact",
        "Legal recourse",
    ):
        assert f">{heading}</h2>" in html or f">{heading}</h3>" in html, heading
    assert "article 47 of French law no. 2005-102" in html
    assert "<strong>partially compliant</strong>" in html
    assert "An external audit is planned" in html
    assert "axe-core" in html
    assert "established on November 27, 2026" in html


def test_accessibility_statement_gives_the_legal_recourse(client):
    html = page(client, "/accessibilite")
    assert '<a href="https://formulaire.defenseurdesdroits.fr/"' in html
    assert "Défenseur des droits<br>Libre réponse 71120<br>75342 Paris CEDEX 07" in html


def test_accessibility_statement_is_honest_about_what_is_not_accessible(client):
    html = page(client, "/accessibilite")
    assert "Documents uploaded by members" in html
    assert "archived PDF versions of earlier charters" in html
    assert "%" not in html.split("Test results")[1].split("Non-accessible content")[0].replace(
        "200%", ""
    )


def test_footer_links_to_both_legal_pages(client):
    html = page(client, "/confidentialite")
    assert 'href="/accessibilite">Accessibility: partially compliant</a>' in html
    assert 'href="/confidentialite">Privacy notice</a>' in html


def test_privacy_notice_covers_the_gdpr_information(client):
    html = page(client, "/confidentialite")
    assert html.count("<h1>") == 1
    for text in (
        "The controller is La Fabrique des transitions",
        "Legal basis",
        "Kept for",
        "Who receives your data",
        "Your rights and how to use them",
        "Complaint to the CNIL",
        "https://www.cnil.fr/fr/plaintes",
        "kept for 30 days",
    ):
        assert text in html, text
    assert 'href="/account/export"' in html
    assert 'href="/account/"' in html
    assert 'scope="col"' in html and 'scope="row"' in html


@pytest.mark.parametrize("path", ["/accessibilite", "/confidentialite"])
def test_legal_pages_follow_the_visitor_language(client, path):
    assert html_lang(client.get(path)) == "fr"
    assert html_lang(client.get(path, headers={"Accept-Language": "en-GB,en"})) == "en"
