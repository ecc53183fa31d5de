"""Dispositif views: the catalogue and its pages, the timeline, and proposals."""

from portal.programmes.views import catalogue, proposals, timeline  # noqa: F401
