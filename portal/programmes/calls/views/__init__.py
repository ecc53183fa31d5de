"""Call pages: the public call and applying, managing calls and questions, reviewing."""

from portal.programmes.calls.views import applicant, manage, review  # noqa: F401
