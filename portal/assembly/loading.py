"""Finding an edition from the year in a URL: one loader every part of the assembly uses."""

from __future__ import annotations

from flask import abort
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from portal.assembly.models import AssemblyEdition
from portal.core.db import fits_integer
from portal.core.extensions import db


def edition_by_year(year: int) -> AssemblyEdition | None:
    """The edition of `year` with its programme's space, or None."""
    if not fits_integer(year):
        return None
    query = select(AssemblyEdition).options(joinedload(AssemblyEdition.space))
    return db.session.scalar(query.where(AssemblyEdition.year == year))


def edition_or_404(year: int) -> AssemblyEdition:
    """The edition of `year`; 404 when there is none."""
    edition = edition_by_year(year)
    if edition is None:
        abort(404)
    return edition
