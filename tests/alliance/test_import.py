"""Importing allies from CSV: the shared service and `flask portal import-allies`."""

import pytest
from flask_babel import force_locale

from tests import factories
from tests.alliance.helpers import count, signatures

GOOD = (
    "name,kind,region,territory,website\n"
    "Loos-en-Gohelle,Collectivité,Hauts-de-France,Loos-en-Gohelle,https://www.loos-en-gohelle.fr\n"
    "Réseau Villes pairs,reseau,hauts de france,,\n"
)


def run_import(app, data: bytes):
    """Read and import `data` as the CLI and the form do; returns the report."""
    from portal.alliance.services import import_allies, read_csv
    from portal.core.extensions import db

    with app.app_context(), force_locale("en"):
        report = import_allies(read_csv(data))
        db.session.commit()
        return report


def organisations(app) -> dict:
    """Slug -> (name, kind, region, territory, website) of every organisation."""
    from sqlalchemy import select

    from portal.alliance.models import Organisation
    from portal.core.extensions import db

    with app.app_context():
        rows = db.session.scalars(select(Organisation))
        return {o.slug: (o.name, o.kind, o.region, o.territory, o.website) for o in rows}


# --- refused files first -------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "not a CSV file (it looks binary)"),
        ("name;kind;region\nCité;association;Corse\n".encode("latin-1"), "not UTF-8 text"),
        (b"Just a sentence without separators\nand another one\n", "not a CSV file with"),
        (b"", "The file is empty."),
        (b"   \n\n", "The file is empty."),
        (b"nom,pays\nLoos,France\n", "lacks the column(s) kind, region"),
        (b"name;kind\nLoos;collectivite\n", "lacks the column(s) region"),
    ],
)
def test_files_that_are_not_allies_csv_are_refused(app, data, message):
    from portal.alliance.models import Organisation
    from portal.alliance.services import CSVFormatError, read_csv

    with app.app_context(), force_locale("en"):
        with pytest.raises(CSVFormatError, match=message.replace("(", r"\(").replace(")", r"\)")):
            read_csv(data)
    assert count(Organisation) == 0


def test_bad_rows_are_reported_with_their_line_while_good_rows_go_in(app):
    data = (
        "name,kind,region,territory,website\n"
        "Malaunay,collectivite,Normandie,,\n"
        ",association,Bretagne,,\n"
        "Château fort,castle,Bretagne,,\n"
        "Atlantide,association,Atlantis,,\n"
        "Le Mené,collectivite,Bretagne,,javascript:alert(1)\n"
        f"{'N' * 201},association,Bretagne,,\n"
        '"Grande-Synthe, ville",collectivite,"Hauts-de-France","Grande-Synthe",\n'
    ).encode()
    report = run_import(app, data)
    assert (report.created, report.updated) == (2, 0)
    assert [(p.line, p.message) for p in report.errors] == [
        (3, "The name is missing."),
        (4, "Unknown kind “castle”."),
        (5, "Unknown region “Atlantis”."),
        (6, "The website must be an http:// or https:// address."),
        (7, "The name is too long (200 characters at most)."),
    ]
    assert set(organisations(app)) == {"malaunay", "grande-synthe-ville"}


def test_kind_and_region_accept_keys_and_labels_whatever_the_accents_and_case(app):
    data = (
        "name;kind;region\n"
        "A;Association;Hauts-de-France\n"
        "B;collectivite;hauts de france\n"
        "C;Université ou recherche;ILE-DE-FRANCE\n"
        "D;Local authority;Île-de-France\n"
        "E;INSTITUTION PUBLIQUE;provence alpes cote d'azur\n"
        "F;média;La Réunion\n"
        "G;Réseau;auvergne-rhone-alpes\n"
    ).encode()
    report = run_import(app, data)
    assert report.errors == []
    assert {slug: row[1:3] for slug, row in organisations(app).items()} == {
        "a": ("association", "hauts-de-france"),
        "b": ("collectivite", "hauts-de-france"),
        "c": ("universite", "ile-de-france"),
        "d": ("collectivite", "ile-de-france"),
        "e": ("institution", "provence-alpes-cote-d-azur"),
        "f": ("media", "la-reunion"),
        "g": ("reseau", "auvergne-rhone-alpes"),
    }


def test_semicolons_a_bom_and_windows_line_ends_are_read(app):
    data = (
        "\ufeffName;Kind;Région;Territoire;Site web\r\n"
        "Le Mené;collectivité;Bretagne;Le Mené;mene.fr\r\n"
    )
    report = run_import(app, data.encode("utf-8"))
    assert report.errors == []
    assert organisations(app) == {
        "le-mene": ("Le Mené", "collectivite", "bretagne", "Le Mené", "https://mene.fr")
    }


def test_existing_organisation_is_updated_not_duplicated(app):
    run_import(app, GOOD.encode())
    report = run_import(
        app,
        b"name,kind,region,territory,website\n"
        b"LOOS-EN-GOHELLE,collectivite,hauts-de-france,Bassin minier,\n"
        b"R\xc3\xa9seau Villes pairs,reseau,hauts-de-france,,\n",
    )
    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    found = organisations(app)
    assert len(found) == 2
    assert found["loos-en-gohelle"] == (
        "LOOS-EN-GOHELLE",
        "collectivite",
        "hauts-de-france",
        "Bassin minier",
        "",
    )
    assert len(signatures()) == 2  # still one signature each


def test_imported_organisations_become_validated_allies_of_the_current_version(app, client):
    run_import(app, GOOD.encode())
    rows = signatures()
    assert {(s.status, s.charter_version, s.signer_id, s.source) for s in rows} == {
        ("validated", 1, None, "import")
    }
    page = client.get("/allies").get_data(as_text=True)
    assert "Loos-en-Gohelle" in page and "Réseau Villes pairs" in page


def test_import_validates_a_pending_signature_but_not_a_withdrawn_one(app):
    pending = factories.organisation(name="Malaunay", kind="collectivite", region="normandie")
    factories.signature(organisation=pending, signer=factories.user(), status="pending")
    gone = factories.organisation(name="Langouët", kind="collectivite", region="bretagne")
    factories.signature(organisation=gone, status="withdrawn")
    report = run_import(
        app,
        b"name,kind,region\nMalaunay,collectivite,normandie\nLangou\xc3\xabt,collectivite,bretagne\n",
    )
    assert [p.line for p in report.notes] == [3]
    assert "withdrew its signature" in report.notes[0].message
    assert {s.organisation_id: s.status for s in signatures()} == {
        pending.id: "validated",
        gone.id: "withdrawn",
    }


def test_cli_imports_a_file_with_a_progress_bar(app, runner, tmp_path):
    path = tmp_path / "allies.csv"
    path.write_text(GOOD + "Broken,castle,Bretagne,,\n", encoding="utf-8")
    result = runner.invoke(args=["portal", "import-allies", str(path)])
    assert result.exit_code == 0, result.output
    assert "Importing 3 rows" in result.output
    assert "created=2 updated=0 unchanged=0 refused=1" in result.output
    assert "line 4: Unknown kind “castle”." in result.output
    assert set(organisations(app)) == {"loos-en-gohelle", "reseau-villes-pairs"}


def test_cli_refuses_a_file_that_is_not_csv(app, runner, tmp_path):
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    result = runner.invoke(args=["portal", "import-allies", str(path)])
    assert result.exit_code == 1
    assert "not a CSV file" in result.output
    assert organisations(app) == {}
