"""Deleting an experience's attachment leads back to the experience."""

from tests import factories


def test_deleting_an_attachment_returns_to_its_experience(client, login, no_csrf):
    admin = factories.user(role="admin")
    experience = factories.experience()
    attachment = factories.material(
        None, poster=admin, visibility="allies", experience_id=experience.id
    )
    login(client, admin)

    response = client.post(f"/materials/{attachment.id}/delete")

    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/experiences/{experience.id}")
