"""The /search page: who finds what, hostile queries, pagination, the header box."""

from urllib.parse import quote

import pytest

from tests import factories
from tests.search import builders

WORD = "tourbière"


def titles(response) -> set[str]:
    """The result titles shown on a page (each test title is one word after the search word)."""
    html = response.get_data(as_text=True)
    return {name for name in NAMES if f"{NAMES[name]}" in html}


NAMES = {
    "public_material": "Pmat",
    "allies_material": "Amat",
    "cohort_material": "Cmat",
    "cohort_post": "Cpost",
    "community_post": "Mpost",
    "allies_experience": "Aexp",
    "public_experience": "Pexp",
}

EVERYTHING = set(NAMES)
SHARED = {"public_material", "allies_material", "community_post"}
SHARED |= {"allies_experience", "public_experience"}
EXPECTED = {
    "anonymous": {"public_material", "public_experience"},
    "ally": SHARED,
    "other_facilitator": SHARED,
    "member": EVERYTHING,
    "facilitator": EVERYTHING,
    "admin": EVERYTHING,
}


@pytest.fixture
def corpus():
    """One document of each kind and audience mentioning WORD; the viewpoints around the cohort."""
    cohort = factories.space(kind="cohort")
    community = factories.space(kind="community")
    people = factories.space_people(cohort)
    m = NAMES
    builders.material(cohort, title=f"{WORD} {m['cohort_material']}", visibility="space")
    builders.material(cohort, title=f"{WORD} {m['allies_material']}", visibility="allies")
    builders.material(None, title=f"{WORD} {m['public_material']}", visibility="public")
    builders.thread(cohort, title=f"{WORD} {m['cohort_post']}", body="Secret de cohorte")
    builders.thread(community, title=f"{WORD} {m['community_post']}", body="Ouvert")
    builders.experience(title=f"{WORD} {m['allies_experience']}", visibility="allies")
    builders.experience(title=f"{WORD} {m['public_experience']}", visibility="public")
    return people


@pytest.mark.parametrize("viewpoint", list(EXPECTED))
def test_each_viewpoint_finds_exactly_what_it_may_see(corpus, as_viewer, viewpoint):
    response = as_viewer(corpus[viewpoint]).get(f"/search?q={quote(WORD)}")
    assert response.status_code == 200
    assert titles(response) == EXPECTED[viewpoint]
    count = len(EXPECTED[viewpoint])
    assert f"{count} result" in response.get_data(as_text=True)


def test_a_private_cohort_leaks_not_even_its_counts(corpus, as_viewer):
    for kind in ("material", "post"):
        response = as_viewer(corpus["ally"]).get(f"/search?q={quote(WORD)}&type={kind}")
        html = response.get_data(as_text=True)
        assert "Cmat" not in html and "Cpost" not in html and "Secret" not in html
    response = as_viewer(corpus["ally"]).get(f"/search?q={quote(WORD)}&type=post")
    assert "1 result." in response.get_data(as_text=True)


def test_results_show_their_kind_and_the_matching_words(corpus, as_viewer):
    html = as_viewer(corpus["member"]).get("/search?q=tourbieres").get_data(as_text=True)
    assert f"<mark>{WORD}</mark>" in html
    for badge in ("Experience", "Resource", "Forum post"):
        assert f">{badge}</span>" in html
    assert 'role="search"' in html


def test_the_type_filter_keeps_one_kind(corpus, as_viewer):
    response = as_viewer(corpus["admin"]).get(f"/search?q={quote(WORD)}&type=experience")
    assert titles(response) == {"allies_experience", "public_experience"}


HOSTILE = [
    '"',
    '""""',
    "'",
    'énergie" OR "1"="1',
    "a AND b OR c NOT d",
    "NEAR(a b, 3)",
    "tour*",
    "^tourbière",
    "-tourbière",
    "title_norm: x",
    "{title_norm body_norm}: x",
    "'; DROP TABLE search_documents; --",
    "1 UNION SELECT password_hash FROM users",
    "%",
    "_",
    "\\",
    "x\x00y",
    "\x00",
    "🌱🚲 énergie 🌍",
    "ﷺ ℌ ﬁ",
    "a" * 10_000,
    "énergie " * 2_000,
    "<script>alert(1)</script>",
    "&amp; &lt;",
    "():*&|!",
    "\u202e\u200b",
]


@pytest.mark.parametrize("q", HOSTILE)
def test_any_query_gives_a_page_never_an_error(client, q):
    builders.material(None, title="Énergie et tourbières", visibility="public")
    response = client.get(f"/search?q={quote(q)}")
    assert response.status_code == 200
    assert "<script>alert" not in response.get_data(as_text=True)


def test_a_long_query_is_cut_with_a_message(client):
    builders.material(None, title="Énergie", visibility="public")
    response = client.get(f"/search?q={quote('énergie ' * 2000)}")
    html = response.get_data(as_text=True)
    assert "only its first 200 characters were used" in html
    assert "1 result." in html


def test_a_query_of_no_words_asks_for_words(client):
    html = client.get("/search?q=%22%20*%20-").get_data(as_text=True)
    assert "Type at least one word" in html


@pytest.mark.parametrize("page", ["0", "-1", "abc", "2", "9999999"])
def test_impossible_pages_are_not_found(client, page):
    builders.material(None, title="Énergie", visibility="public")
    assert client.get(f"/search?q=energie&page={page}").status_code == 404


def test_an_unknown_type_searches_everything(client):
    builders.material(None, title="Énergie", visibility="public")
    response = client.get("/search?q=energie&type=users")
    assert response.status_code == 200 and "1 result." in response.get_data(as_text=True)


def test_results_are_paginated(client):
    for number in range(23):
        builders.material(None, title=f"Énergie {number}", visibility="public")
    first = client.get("/search?q=energie").get_data(as_text=True)
    assert "23 results." in first and "Page 1 of 2." in first and 'rel="next"' in first
    second = client.get("/search?q=energie&page=2").get_data(as_text=True)
    assert second.count('class="search-result"') == 3 and 'rel="prev"' in second


def test_every_page_has_the_search_box_in_its_header(client):
    html = client.get("/").get_data(as_text=True)
    assert 'action="/search"' in html and 'for="site-search-q"' in html


def test_a_result_page_runs_a_fixed_number_of_queries(client, login, count_queries):
    member = factories.user()
    login(client, member)
    space = factories.space(kind="community")
    factories.membership(space, member)

    def queries() -> int:
        with count_queries() as statements:
            assert client.get("/search?q=energie").status_code == 200
        return len(statements)

    builders.material(space, title="Énergie 0", visibility="space")
    builders.thread(space, title="Énergie", body="Énergie")
    few = queries()
    for number in range(15):
        builders.material(space, title=f"Énergie {number}", visibility="allies")
        builders.thread(space, title=f"Énergie {number}", body="énergies")
        builders.experience(title=f"Énergie {number}")
    assert queries() == few
