"""Email categories and the member's choices for each.

Every non-essential email belongs to one category. The member chooses per
category on /account/notifications, and each email's one-click unsubscribe link
turns its category off. The choices live in `User.notification_preferences`
(JSON): a missing key means its value in DEFAULTS below, so old rows need no migration.
DEFAULTS is the one place a default is written: the column default of new accounts,
`preferences_of`, the digest's timing and its SQL all read it.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from types import MappingProxyType

from flask_babel import lazy_gettext as _l


class DigestFrequency(enum.StrEnum):
    """How often a member wants the digest email."""

    NEVER = "never"
    DAILY = "daily"
    WEEKLY = "weekly"


class ForumDelivery(enum.StrEnum):
    """How followed-thread activity reaches a member."""

    IMMEDIATELY = "immediately"
    DIGEST = "digest"
    NEVER = "never"


class Category(enum.StrEnum):
    """What an email is about; decides whether the member wants it."""

    ACCOUNT = "account"  #: confirmations, resets, decisions on a signature: always sent
    REMINDERS = "reminders"  #: before a session one is registered for
    CHANGES = "changes"  #: a session moved, was cancelled, or a seat freed up
    CATCHUPS = "catchups"  #: the morning after a session one missed
    DIGEST = "digest"  #: daily or weekly summary
    FORUM = "forum"  #: immediate notice of a post in a followed thread
    MENTIONS = "mentions"  #: someone wrote @you
    ASSEMBLY = "assembly"  #: a phase of the Assemblée des alliés opened


#: The categories a member can turn off (everything but ACCOUNT), in display order.
OPTIONAL_CATEGORIES = (
    Category.REMINDERS,
    Category.CHANGES,
    Category.CATCHUPS,
    Category.DIGEST,
    Category.FORUM,
    Category.MENTIONS,
    Category.ASSEMBLY,
)

#: Names shown on the preferences and unsubscribe pages.
CATEGORY_LABELS = {
    Category.REMINDERS: _l("Reminders before my sessions"),
    Category.CHANGES: _l("Changes and cancellations of my sessions"),
    Category.CATCHUPS: _l("Catch-up after a session I missed"),
    Category.DIGEST: _l("Digest of the alliance's activity"),
    Category.FORUM: _l("New posts in the threads I follow"),
    Category.MENTIONS: _l("Mentions of my name"),
    Category.ASSEMBLY: _l("The phases of the Assemblée des alliés"),
}

#: Preference key of each on/off category in User.notification_preferences.
SWITCH_KEYS = {
    Category.REMINDERS: "session_reminders",
    Category.CHANGES: "session_changes",
    Category.CATCHUPS: "catchups",
    Category.MENTIONS: "mentions",
    Category.ASSEMBLY: "assembly",
}

#: Every choice's value until the member makes it (a key missing from
#: User.notification_preferences): the one source of the defaults.
DEFAULTS = MappingProxyType(
    {
        "session_reminders": True,
        "session_changes": True,
        "catchups": True,
        "mentions": True,
        "assembly": True,
        "digest": DigestFrequency.WEEKLY.value,
        "digest_weekday": 0,  # weekly digests on Monday
        "forum": ForumDelivery.DIGEST.value,
    }
)
#: The keys a new account stores (the others came later; missing, they mean the same).
SIGN_UP_KEYS = ("session_reminders", "digest", "forum", "mentions")


def sign_up_preferences() -> dict:
    """What a new account stores: the column default of User.notification_preferences."""
    return {key: DEFAULTS[key] for key in SIGN_UP_KEYS}


def preferences_of(user) -> dict:
    """The member's stored choices over the defaults."""
    return {**DEFAULTS, **(user.notification_preferences or {})}


def wants(user, category: Category | str) -> bool:
    """Whether `user` accepts emails of `category` (ACCOUNT mail is always accepted).

    FORUM means *immediate* notices: a member whose forum choice is "digest" reads
    followed threads in the digest instead.
    """
    category = Category(category)
    if category is Category.ACCOUNT:
        return True
    if user is None or user.is_deleted:
        return False
    preferences = preferences_of(user)
    if category is Category.DIGEST:
        return preferences["digest"] != DigestFrequency.NEVER.value
    if category is Category.FORUM:
        return preferences["forum"] == ForumDelivery.IMMEDIATELY.value
    return bool(preferences[SWITCH_KEYS[category]])


def turn_off(user, category: Category | str) -> None:
    """Stop emails of `category` for `user` (the one-click unsubscribe)."""
    category = Category(category)
    if category is Category.ACCOUNT:
        return
    preferences = dict(user.notification_preferences or {})
    if category is Category.DIGEST:
        preferences["digest"] = DigestFrequency.NEVER.value
    elif category is Category.FORUM:
        # Followed threads still show in the digest: only the immediate notices stop.
        if preferences_of(user)["forum"] == ForumDelivery.IMMEDIATELY.value:
            preferences["forum"] = ForumDelivery.DIGEST.value
    else:
        preferences[SWITCH_KEYS[category]] = False
    user.notification_preferences = preferences


#: The keys the preferences page edits, in User.notification_preferences.
CHOICE_KEYS = (*SWITCH_KEYS.values(), "digest", "digest_weekday", "forum")


def save_choices(user, **choices) -> bool:
    """Store the choices of the preferences page (CHOICE_KEYS); other keys are kept.

    Raises ValueError on a value out of range. Returns whether the digest's schedule
    (frequency or weekday) changed, so the caller can have it rescheduled.
    """
    before = preferences_of(user)
    weekday = int(choices["digest_weekday"])
    if not 0 <= weekday <= 6:
        raise ValueError(f"weekday out of range: {weekday}")
    # A new dict, so SQLAlchemy sees the JSON column changed.
    stored = dict(user.notification_preferences or {})
    stored.update({key: bool(choices[key]) for key in SWITCH_KEYS.values()})
    stored["digest"] = DigestFrequency(choices["digest"]).value
    stored["digest_weekday"] = weekday
    stored["forum"] = ForumDelivery(choices["forum"]).value
    user.notification_preferences = stored
    return (before["digest"], before["digest_weekday"]) != (stored["digest"], weekday)


#: Called with a member whose digest timing changed (frequency, weekday, time zone). The
#: digests package registers its `reschedule` here on import: the pages that change these
#: (profile, preferences) sit below digests and must not import it.
_TIMING_LISTENERS: list[Callable] = []


def on_timing_change(listener: Callable) -> None:
    """Call `listener(user)` whenever a member's digest timing changes."""
    if listener not in _TIMING_LISTENERS:
        _TIMING_LISTENERS.append(listener)


def timing_changed(user) -> None:
    """Tell the listeners (the digests' scheduler) that `user`'s digest timing changed."""
    for listener in _TIMING_LISTENERS:
        listener(user)
