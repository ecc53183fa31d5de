"""Space views: the spaces themselves, their people, and invitations to cohorts."""

from portal.spaces.views import invitations, people, spaces  # noqa: F401
