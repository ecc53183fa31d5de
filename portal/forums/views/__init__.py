"""Forum views: threads and posts, moderation, subscriptions."""

from portal.forums.views import moderation, subscriptions, threads  # noqa: F401
