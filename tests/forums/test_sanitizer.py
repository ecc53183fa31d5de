"""Hostile Markdown through forum posts: nothing executable, images only from our uploads."""

from __future__ import annotations

import re

import pytest

from portal.core.markdown import render_markdown
from tests import factories
from tests.forums.xss_corpus import PAYLOADS, problems


def test_the_corpus_is_large_enough():
    assert len(PAYLOADS) >= 50


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_hostile_payload_renders_inert(payload):
    html = str(render_markdown(payload, allow_images=True))
    assert problems(html) == [], html
    assert not re.search(r"<[^>]*\son\w+\s*=", html), html  # escaped text is fine


def test_a_page_of_hostile_posts_has_nothing_executable(login, client):
    space = factories.space()
    people = factories.space_people(space)
    thread = factories.thread(space, author=people["member"], body=PAYLOADS[0])
    for payload in PAYLOADS[1:]:
        factories.post(thread, people["member"], payload)
    login(client, people["member"])
    html = client.get(f"/threads/{thread.id}?page=2").get_data(as_text=True)
    html += client.get(f"/threads/{thread.id}").get_data(as_text=True)
    bodies = re.findall(r'<div class="prose forum-post-body">(.*?)</div>', html, re.DOTALL)
    assert len(bodies) == len(PAYLOADS)
    assert problems("".join(bodies)) == []
    assert "<script" not in html.lower()  # no script element at all


def test_images_are_kept_only_from_the_portals_own_uploads():
    html = str(render_markdown("![plan](/materials/12/download)", allow_images=True))
    assert '<img src="/materials/12/download" alt="plan">' in html
    for source in (
        "https://evil.example/x.png",
        "//evil.example/materials/1/download",
        "/materials/1/download/../../x",
        "data:image/png;base64,AAAA",
    ):
        html = str(render_markdown(f"![x]({source})", allow_images=True))
        assert "src=" not in html, html


def test_images_stay_out_of_markdown_that_does_not_allow_them():
    assert "<img" not in str(render_markdown("![plan](/materials/12/download)"))


def test_links_are_marked_as_user_content():
    html = str(render_markdown("[site](https://example.org)", allow_images=True))
    assert 'rel="nofollow ugc noopener"' in html
