"""Property-based: hostile and random values posted into every form of the portal.

For each POST route with a form, hypothesis posts values drawn for each field (hostile
strings, random text, huge and negative numbers, several values for one field, files where
text is expected, missing fields) with a valid CSRF token, signed in as a persona allowed to
use the route. Never a 500, and never a partial write: a submission that is not accepted
(anything but a redirect) leaves every table as it was.

Kept bounded: PORTAL_FUZZ_EXAMPLES examples per route (default 8); raise it for a long run.
"""

from __future__ import annotations

import io
import os

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.security.db_state import READ_MARKERS, changed_tables, snapshot
from tests.security.forms_map import FILTER_FORMS, FORMS, RAW_FIELDS, fields_of
from tests.security.helpers import REDIRECTS, url_of
from tests.security.routes import ROUTES

EXAMPLES = int(os.environ.get("PORTAL_FUZZ_EXAMPLES", "8"))

HOSTILE = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\r\nSet-Cookie: x=1",
    "\x1b[31m\x07\x08",
    "\u202eevil\u202c",
    "\ufeff",
    "🏳️‍🌈👩🏽‍🔬",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{7*7}}",
    "{% raw %}",
    "' OR 1=1--",
    "'; DROP TABLE users;--",
    "%s%s%s%n",
    "../../../../etc/passwd",
    "-1",
    "0",
    "1e309",
    "NaN",
    "9" * 40,
    "-9223372036854775809",
    "2027-02-30",
    "25:61",
    "x" * 20_000,
    "@" * 300,
    "a@b",
    "y",
    "on",
]

#: Persona used for a route: the first of these allowed to POST it.
PREFERENCE = "mfAoa"


def one_value(kind: str):
    """A strategy of one posted value for a field of WTForms class `kind`."""
    text = st.one_of(
        st.sampled_from(HOSTILE),
        st.text(max_size=200),
        st.integers().map(str),
        st.floats(allow_nan=True).map(str),
    )
    if kind in ("FileField", "MultipleFileField"):
        upload = st.tuples(st.binary(max_size=2000), st.sampled_from(HOSTILE[:12] + ["a.pdf"]))
        return st.one_of(text, upload.map(lambda t: (io.BytesIO(t[0]), t[1] or "f")))
    return text


def form_values(fields: dict[str, str]):
    """A strategy of whole submissions: each field missing, one value, or several."""
    per_field = {
        name: st.one_of(st.none(), one_value(kind), st.lists(one_value(kind), max_size=3))
        for name, kind in fields.items()
    }
    return st.fixed_dictionaries(per_field)


def persona_for(endpoint: str) -> str:
    allowed = ROUTES[endpoint].post
    return next(code for code in PREFERENCE if code in allowed)


def fuzzed_routes():
    return sorted(set(FORMS) | set(RAW_FIELDS))


def test_every_form_class_is_fuzzed(app):
    """A new FlaskForm subclass must be listed in forms_map (or be a GET filter)."""
    from flask_wtf import FlaskForm

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    known = set(FORMS.values()) | FILTER_FORMS
    portal_forms = {
        f"{cls.__module__}:{cls.__name__}"
        for cls in subclasses(FlaskForm)
        if cls.__module__.startswith("portal.")
    }
    assert portal_forms - known == set()


def test_every_fuzzed_route_is_a_post_route_of_the_inventory():
    assert all(ROUTES[e].post for e in fuzzed_routes())


@pytest.mark.parametrize("endpoint", fuzzed_routes())
def test_hostile_form_values_never_crash_nor_write_half(app, as_viewer, world, endpoint):
    from portal.core.extensions import limiter
    from tests.helpers import csrf_token

    client = as_viewer(world.person(persona_for(endpoint)))
    url = url_of(app, endpoint, world)
    token = csrf_token(client)

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        # No shrinking: each step is a request, and the failing submission is printed whole.
        phases=[Phase.explicit, Phase.generate],
        report_multiple_bugs=False,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(values=form_values(fields_of(endpoint)))
    def post_it(values):
        limiter.reset()  # the auth forms' rate limit would answer 429 after ten examples
        data = {name: value for name, value in values.items() if value is not None}
        data["csrf_token"] = token
        before = snapshot()
        response = client.post(url, data=data, content_type="multipart/form-data")
        response.close()
        assert response.status_code < 500, f"{endpoint} crashed on {data!r}"
        if response.status_code not in REDIRECTS:  # not accepted: nothing may be written
            written = changed_tables(before, snapshot(), ignore=READ_MARKERS)
            assert written == [], f"{endpoint} wrote to {written} on {data!r}"

    post_it()
