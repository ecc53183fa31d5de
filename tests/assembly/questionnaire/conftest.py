"""The questionnaire's scene: an edition in its evaluation phase with a questionnaire, and the
personas of the issue (anonymous, a signed-in person without signature, an individual
signatory, an organisation's signatory, an administrator)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests import factories

PERSONAS = ("anonymous", "unsigned", "individual", "organisation", "admin")


@dataclass
class Scene:
    edition: object
    questions: list
    people: dict

    def field(self, index: int) -> str:
        return f"q{self.questions[index].id}"

    def answers(self, **changes) -> dict:
        """A complete, valid answer form by field name."""
        data = {
            self.field(0): "4",
            self.field(1): "Forums",
            self.field(2): ["Visio", "Visits"],
            self.field(3): "Plus de visites, merci.",
        }
        data.update(changes)
        return data


def make_people() -> dict:
    """One user per persona (None for anonymous)."""
    individual = factories.user(display_name="Iris Individuelle")
    factories.signature(signer=individual)
    signatory = factories.user(display_name="Olga Organisation")
    organisation = factories.organisation(kind="collectivite", region="occitanie")
    factories.signature(signer=signatory, organisation=organisation)
    return {
        "anonymous": None,
        "unsigned": factories.user(display_name="Ugo Sans Signature"),
        "individual": individual,
        "organisation": signatory,
        "admin": factories.user(role="admin"),
    }


@pytest.fixture
def scene(app) -> Scene:
    edition = factories.assembly_edition(phase="evaluation")
    return Scene(edition, factories.questionnaire(edition), make_people())


@pytest.fixture
def as_persona(client, login, scene):
    """Log the persona in on `client` (nobody for "anonymous")."""

    def _as(persona: str):
        if scene.people[persona] is not None:
            login(client, scene.people[persona])
        return client

    return _as
