"""The charter: versioned text in the repository, its page, and re-signing a new version."""

import pytest

from tests import factories
from tests.alliance.helpers import signatures


def test_every_published_version_has_a_real_text_in_both_languages():
    from portal.alliance import charter

    for version in charter.all_versions():
        assert set(version.texts) >= {"fr", "en"}
        assert set(version.summaries) >= {"fr", "en"}
        for locale, text in version.texts.items():
            assert len(text.split()) > 400, f"v{version.number}.{locale}.md is too short"
            assert text.lstrip().startswith("## "), "headings start at h2 (the page has the h1)"


def test_inconsistent_charter_files_are_refused(tmp_path, monkeypatch):
    from portal.alliance import charter

    (tmp_path / "versions.toml").write_text(
        '[[version]]\nnumber = 1\npublished = 2026-01-01\nsummary.en = "x"\n'
    )
    monkeypatch.setattr(charter, "CHARTER_DIR", tmp_path)
    with pytest.raises(charter.CharterError, match="v1.fr.md is missing"):
        charter.current_version()


def test_unknown_charter_version_is_not_found(client):
    assert client.get("/charter/v99").status_code == 404
    assert client.get("/charter/vabc").status_code == 404


def test_charter_page_shows_the_text_in_the_reader_language(client):
    english = client.get("/charter", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "<h2>The four fundamentals</h2>" in english
    assert "Log in to sign" in english
    french = client.get("/charter", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert "<h2>Les quatre fondamentaux</h2>" in french


def test_earlier_version_page_points_to_the_current_one(client, charter_v2):
    page = client.get("/charter/v1", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "This is an earlier version. The current charter is version 2." in page
    history = client.get("/charter", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "A new commitment." in history and "Version 1" in history


# --- a new version -------------------------------------------------------------


def test_signatory_of_an_older_version_is_asked_to_resign(client, login_as, charter_v2):
    member = login_as("member", locale="en")
    factories.signature(signer=member, version=1)
    page = client.get("/charter").get_data(as_text=True)
    assert "You signed version 1; version 2 is out: re-sign." in page
    client.post("/charter/sign", data={"commitment": "y"})
    assert [s.charter_version for s in signatures(signer_id=member.id)] == [1, 2]
    page = client.get("/charter").get_data(as_text=True)
    assert "version 2 is out" not in page
    assert "You signed version 2 of the charter on" in page


def test_organisation_signer_is_asked_to_resign_and_is_trusted_again(client, login_as, charter_v2):
    member = login_as("member", locale="en")
    ally = factories.ally(name="Kingersheim", kind="collectivite", signer=member, version=1)
    page = client.get("/charter").get_data(as_text=True)
    assert "Kingersheim signed version 1; version 2 is out: re-sign." in page
    client.post(
        "/charter/sign/organisation",
        data={"organisation": str(ally.id), "represents": "y", "commitment": "y"},
    )
    # The team already validated this person for this organisation: no new check.
    assert [(s.charter_version, s.status) for s in signatures(organisation_id=ally.id)] == [
        (1, "validated"),
        (2, "validated"),
    ]
    assert "version 2 is out" not in client.get("/charter").get_data(as_text=True)


def test_charter_announce_emails_each_older_signatory_once(runner, outbox, charter_v2):
    alone = factories.user(locale="en")
    factories.signature(signer=alone, version=1)
    representative = factories.user()
    factories.ally(name="Malaunay", signer=representative, version=1)
    factories.ally(name="Le Mené", signer=representative, version=1)
    renewed = factories.user()
    factories.signature(signer=renewed, version=1)
    factories.signature(signer=renewed, version=2)
    withdrawn = factories.user()
    factories.signature(signer=withdrawn, version=1, status="withdrawn")
    gone = factories.deleted_user()
    factories.ally(name="Langouët", signer=gone, version=1)

    result = runner.invoke(args=["portal", "charter-announce"])
    assert result.exit_code == 0, result.output
    assert "2 email(s) queued" in result.output
    emails = outbox(template="alliance/charter_resign")
    assert sorted(e["dedupe_key"] for e in emails) == sorted(
        [f"charter-resign:2:{alone.id}", f"charter-resign:2:{representative.id}"]
    )
    english = next(e for e in emails if e["user_id"] == alone.id)
    assert english["locale"] == "en"
    assert "Version 2 of the alliance charter is out. A new commitment." in english["body_text"]
    assert "http://localhost/charter" in english["body_text"]
    french = next(e for e in emails if e["user_id"] == representative.id)
    assert "Malaunay" in french["body_text"] and "Le Mené" in french["body_text"]

    again = runner.invoke(args=["portal", "charter-announce"])
    assert "0 email(s) queued" in again.output
    assert len(outbox(template="alliance/charter_resign")) == 2
