"""Reading the database from alliance tests (outside any request)."""

from sqlalchemy import func, select

from tests import factories


def signatures(**filters) -> list:
    """Signature rows matching column filters, detached, oldest first."""
    from portal.alliance.models import Signature
    from portal.core.extensions import db

    with factories.context():
        query = select(Signature).order_by(Signature.id)
        for name, value in filters.items():
            query = query.where(getattr(Signature, name) == value)
        rows = list(db.session.scalars(query))
        db.session.expunge_all()
        return rows


def count(model) -> int:
    """How many rows `model` has."""
    from portal.core.extensions import db

    with factories.context():
        return db.session.scalar(select(func.count()).select_from(model))


def organisation_form(**overrides) -> dict:
    """A valid form to sign for a new organisation."""
    data = {
        "organisation": "0",
        "name": "Énergies du Bocage",
        "kind": "association",
        "territory": "Pays de Craon",
        "region": "pays-de-la-loire",
        "website": "https://energies-bocage.example.org",
        "description": "Une association de production d'énergie citoyenne.",
        "represents": "y",
        "commitment": "y",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}
