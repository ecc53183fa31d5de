"""The shared input filters."""

from portal.core.forms import normalize_email, strip


def test_strip_trims_and_drops_nul_characters():
    assert strip("  Le Mené\x00 ") == "Le Mené"
    assert strip(None) is None


def test_normalize_email_lowercases_and_strips():
    assert normalize_email("  Alice@Example.ORG\x00") == "alice@example.org"


def test_max_length_refuses_longer_input_with_the_translated_message(app):
    from flask_wtf import FlaskForm
    from werkzeug.datastructures import MultiDict
    from wtforms import StringField

    from portal.core.forms import max_length

    class Form(FlaskForm):
        name = StringField(validators=[max_length(5)])

    with app.test_request_context(headers={"Accept-Language": "en"}):
        form = Form(MultiDict({"name": "x" * 6}), meta={"csrf": False})
        assert not form.validate()
        assert form.name.errors == ["At most 5 characters."]
