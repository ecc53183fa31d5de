"""Demo discussions for `flask portal seed-demo`: a few threads in each demo space.

Idempotent: a thread is known by its space and title; one already there is left as
it is. Posts go through the services, so counts, read marks and subscriptions are
real (demo accounts get forum news in their digest, so no email is sent).
"""

from __future__ import annotations

from sqlalchemy import select

from portal.accounts.services import find_user_by_email
from portal.core.extensions import db
from portal.forums.models import Thread
from portal.forums.services import add_post, create_thread
from portal.spaces.models import Space

#: slug -> [(title, pinned, [(author email, Markdown), ...]), ...]
DEMO_THREADS = {
    "territoires-pilotes-2027": [
        (
            "Bienvenue : présentez votre territoire",
            True,
            [
                (
                    "facilitatrice@example.org",
                    "Bienvenue dans la cohorte ! Pour commencer, présentez en quelques lignes "
                    "votre territoire, votre rôle et **une transition déjà engagée** dont vous "
                    "êtes fiers.",
                ),
                (
                    "lea.martin@example.org",
                    "Bonjour à tous, Léa, chargée de mission transition à la communauté de "
                    "communes du Val de Drôme. Notre fierté : la régie agricole qui fournit "
                    "40 % des légumes des cantines scolaires.",
                ),
                (
                    "karim.benali@example.org",
                    "Karim, élu à Loos-en-Gohelle. Nous travaillons sur la réhabilitation "
                    "énergétique des cités minières avec les habitants eux-mêmes.",
                ),
            ],
        ),
        (
            "Diagnostic des quatre fondamentaux : par où commencer ?",
            False,
            [
                (
                    "sophie.leroux@example.org",
                    "Nous préparons le diagnostic partagé. Faut-il d'abord réunir les élus, "
                    "ou partir des acteurs économiques ? Vos retours d'expérience m'intéressent.",
                ),
                (
                    "facilitateur@example.org",
                    "> Faut-il d'abord réunir les élus\n\nLes deux, mais pas ensemble au début : "
                    "un premier tour d'entretiens individuels libère la parole. La grille "
                    "d'entretien est dans les ressources de la cohorte.",
                ),
            ],
        ),
    ],
    "mise-en-recit": [
        (
            "Portraits d'habitants : quel format ?",
            False,
            [
                (
                    "membre@example.org",
                    "Nous voulons lancer une série de portraits d'habitants engagés. Écrit, "
                    "audio ou vidéo courte ? Qu'est-ce qui a le mieux marché chez vous ?",
                ),
                (
                    "sophie.leroux@example.org",
                    "Chez nous, l'audio : cinq minutes, diffusées sur la radio associative puis "
                    "en podcast. Moins intimidant que la caméra pour les personnes interrogées.",
                ),
                (
                    "facilitatrice@example.org",
                    "Pensez aux droits : une autorisation écrite de diffusion, même pour une "
                    "radio locale. Un modèle est proposé dans la boîte à outils.",
                ),
            ],
        ),
    ],
    "fabriques-locales": [
        (
            "Modèle économique d'un tiers-lieu rural",
            True,
            [
                (
                    "karim.benali@example.org",
                    "Notre tiers-lieu atteint 60 % d'autofinancement grâce à la location "
                    "d'ateliers et au café associatif. Comment financez-vous l'animation ?",
                ),
                (
                    "yann.kerouac@example.org",
                    "Une convention pluriannuelle avec l'intercommunalité couvre un poste "
                    "d'animateur à mi-temps ; le reste vient des formations au numérique.",
                ),
            ],
        ),
    ],
}


def _thread_exists(space: Space, title: str) -> bool:
    """Whether the demo thread is already there."""
    return (
        db.session.scalar(
            select(Thread.id).where(Thread.space_id == space.id, Thread.title == title)
        )
        is not None
    )


def seed_forums_demo() -> int:
    """Open the missing demo threads with their replies; returns how many were created."""
    created = 0
    for slug, threads in DEMO_THREADS.items():
        space = db.session.scalar(select(Space).where(Space.slug == slug))
        if space is None:
            continue
        for title, pinned, posts in threads:
            if _thread_exists(space, title):
                continue
            (first_email, first_body), *replies = posts
            author = find_user_by_email(first_email)
            thread = create_thread(author=author, title=title, body=first_body, space=space)
            thread.is_pinned = pinned
            for email, body in replies:
                add_post(thread, find_user_by_email(email), body)
            created += 1
    db.session.flush()
    return created
