"""The demo's dispositifs, milestones and proposal (French: the alliance speaks French)."""

from __future__ import annotations

from datetime import date

PROGRAMMES = (
    {
        "slug": "parcours-national-des-territoires-pilotes",
        "title": "Parcours national des territoires pilotes",
        "summary": "Une année d'accompagnement, en cohorte, pour des territoires qui "
        "engagent leur transition.",
        "description": (
            "Chaque année, une cohorte de territoires pilotes suit un parcours commun : "
            "diagnostic partagé des **quatre fondamentaux**, séances mensuelles, rencontres "
            "sur site et récit de territoire.\n\n"
            "## Pour qui\n\nDes communes et intercommunalités avec un binôme élu·e et "
            "technicien·ne."
        ),
        "kind": "cohort_journey",
        "audience_kinds": ["collectivite", "intercommunalite"],
        "territory_scale": "intercommunalite",
        "regions": [],
        "format": "Séances mensuelles en visio, trois rencontres sur site",
        "duration": "Un an par édition",
        "starts_on": date(2027, 1, 15),
        "ends_on": date(2028, 12, 15),
        "contact_name": "Équipe de coordination",
        "contact_email": "parcours@example.org",
        "editions": (
            ("territoires-pilotes-2027", "Territoires pilotes 2027"),
            ("territoires-pilotes-2028", "Territoires pilotes 2028"),
        ),
    },
    {
        "slug": "parcours-hauts-de-france",
        "title": "Parcours régional Hauts-de-France",
        "summary": "Le parcours des territoires pilotes, à l'échelle des Hauts-de-France.",
        "kind": "cohort_journey",
        "audience_kinds": ["collectivite", "intercommunalite"],
        "territory_scale": "commune",
        "regions": ["hauts-de-france"],
        "format": "Six journées en présentiel à Lille et Amiens",
        "duration": "Neuf mois",
        "starts_on": date(2025, 9, 1),
        "ends_on": date(2026, 6, 30),
        "editions": (),
    },
    {
        "slug": "parcours-occitanie",
        "title": "Parcours régional Occitanie",
        "summary": "Une cohorte de territoires ruraux d'Occitanie, avec la Région.",
        "kind": "cohort_journey",
        "audience_kinds": ["collectivite", "intercommunalite", "association"],
        "territory_scale": "intercommunalite",
        "regions": ["occitanie"],
        "format": "Séances en visio et deux séminaires à Toulouse",
        "duration": "Un an",
        "starts_on": date(2027, 3, 1),
        "ends_on": date(2028, 2, 28),
        "editions": (),
    },
    {
        "slug": "communaute-mise-en-recit",
        "title": "Communauté « Mise en récit »",
        "summary": "Raconter la transition de son territoire, entre pairs.",
        "kind": "learning_community",
        "audience_kinds": [],
        "regions": [],
        "format": "Ateliers d'écriture en ligne, un par mois",
        "duration": "Sans fin : on entre et on sort quand on veut",
        "starts_on": date(2024, 10, 1),
        "editions": (("mise-en-recit", ""),),
    },
    {
        "slug": "communaute-fabriques-locales",
        "title": "Communauté « Fabriques locales »",
        "summary": "Tiers-lieux et fabriques de territoire échangent pratiques et modèles.",
        "kind": "learning_community",
        "audience_kinds": ["association", "entreprise", "collectivite"],
        "regions": [],
        "format": "Visites croisées et échanges en ligne",
        "duration": "Continue",
        "starts_on": date(2025, 1, 15),
        "editions": (("fabriques-locales", ""),),
    },
    {
        "slug": "accompagnement-experimental-de-la-nievre",
        "title": "Accompagnement expérimental de la Nièvre",
        "summary": "Un département teste avec l'alliance l'accompagnement de toutes ses "
        "intercommunalités.",
        "kind": "accompaniment",
        "audience_kinds": ["collectivite", "intercommunalite", "institution"],
        "territory_scale": "departement",
        "regions": ["bourgogne-franche-comte"],
        "format": "Diagnostic, feuille de route et suivi trimestriel",
        "duration": "Deux ans",
        "starts_on": date(2026, 4, 1),
        "ends_on": date(2028, 3, 31),
        "editions": (),
    },
)

#: (date, title, link, description)
MILESTONES = (
    (
        date(2018, 11, 20),
        "Premier atelier « villes pairs »",
        "",
        "Une poignée de communes échangent leurs expériences de transition.",
    ),
    (
        date(2020, 6, 15),
        "Appel de 2020 aux territoires en transition",
        "",
        "L'appel qui fonde l'alliance.",
    ),
    (date(2021, 3, 10), "Publication de la charte de l'alliance", "", ""),
    (date(2022, 10, 6), "Première Assemblée des alliés", "", ""),
    (date(2023, 10, 12), "Assemblée des alliés 2023", "", ""),
    (date(2024, 10, 10), "Assemblée des alliés 2024", "", ""),
    (date(2025, 10, 9), "Assemblée des alliés 2025", "", ""),
    (date(2026, 10, 8), "Assemblée des alliés 2026", "", ""),
)

PROPOSAL = {
    "title": "Parcours « Sobriété foncière »",
    "purpose": "Aider les communes rurales à atteindre le zéro artificialisation nette "
    "sans renoncer à accueillir.",
    "audience": "Communes de moins de 5 000 habitants et leurs intercommunalités.",
    "format": "Six séances en visio et une visite de terrain.",
    "runners": "Notre association, avec un bureau d'études partenaire.",
}
