"""The upload form of allies: the report of what went in and what did not."""

import io

from tests.alliance.helpers import signatures


def upload(client, data: bytes, filename: str = "allies.csv"):
    """Post `data` as the import form's file."""
    return client.post(
        "/admin/allies/import",
        data={"file": (io.BytesIO(data), filename)},
        content_type="multipart/form-data",
    )


def test_import_form_needs_a_file(client, login_as):
    login_as("admin", locale="en")
    response = client.post("/admin/allies/import", data={})
    assert "Please choose a file." in response.get_data(as_text=True)


def test_import_form_refuses_a_file_that_is_not_csv(client, login_as):
    login_as("admin", locale="en")
    response = upload(client, b"%PDF-1.7\n\xe2\xe3\xcf\xd3\x00\x00", "allies.pdf")
    assert response.status_code == 200
    assert "This file is not a CSV file (it looks binary)." in response.get_data(as_text=True)
    assert signatures() == []


def test_import_form_refuses_a_file_without_the_columns(client, login_as):
    login_as("admin", locale="en")
    response = upload(client, b"title,city\nA,B\n")
    assert "The file lacks the column(s) name, kind, region." in response.get_data(as_text=True)


def test_import_form_reports_bad_rows_while_good_rows_go_in(client, login_as):
    admin = login_as("admin", locale="en")
    data = (
        "name;kind;region;territory;website\n"
        "Grande-Synthe;collectivité;Hauts-de-France;Grande-Synthe;\n"
        "Nowhere;association;Narnia;;\n"
    ).encode()
    page = upload(client, data).get_data(as_text=True)
    assert "<strong>1</strong> organisation created" in page
    assert "<td>3</td><td>Unknown region “Narnia”.</td>" in page
    [signature] = signatures()
    assert (signature.status, signature.decided_by_id, signature.source) == (
        "validated",
        admin.id,
        "import",
    )
