"""The home page: what the alliance is, how many allies of which kind, where to start."""

from tests import factories


def test_home_counts_allies_by_kind_and_individual_signatories(client):
    factories.ally(name="Loos-en-Gohelle", kind="collectivite")
    factories.ally(name="Grande-Synthe", kind="collectivite")
    factories.ally(name="Repair café", kind="association")
    pending = factories.organisation(name="En attente", kind="media")
    factories.signature(organisation=pending, signer=factories.user(), status="pending")
    factories.signature(signer=factories.user())
    factories.signature(signer=factories.user(), status="withdrawn")
    page = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "<strong>3</strong> organisations" in page
    assert "<strong>1</strong> individual signatory" in page
    assert '<a href="/allies?kind=collectivite"><strong>2</strong> Local authority</a>' in page
    assert "Media" not in page
    assert 'href="/charter"' in page and 'href="/auth/register"' in page


def test_home_invites_a_member_to_sign_then_thanks_the_ally(client, login_as):
    member = login_as("member", locale="en")
    page = client.get("/").get_data(as_text=True)
    assert "Sign the alliance charter" in page and 'href="/charter"' in page
    factories.signature(signer=member)
    page = client.get("/").get_data(as_text=True)
    assert "You are an ally since" in page and "Sign the alliance charter" not in page


def test_home_without_any_ally_says_so(client):
    page = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "No ally has signed yet" in page
