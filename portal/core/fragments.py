"""Rendered fragments kept per process, keyed by everything they depend on.

Some parts of list pages are the same for most requests but costly to render: the
filter forms of the experiences, the allies and the library render dozens of
translated options through WTForms on every request (a third of the experiences
page, bench/profile.py, issue 6). A template wraps such a part in

    {% call cached_fragment("experience-filters", form_fingerprint(form)) %}…{% endcall %}

and the body is rendered only when that key was not seen. The key always holds the
language, and the caller adds whatever else the fragment shows, so an entry is never
stale: nothing to invalidate, and several web processes need not agree on anything.
The cache is a bounded LRU, so odd query strings cannot grow memory.

Items of long lists (a thread's posts, experience and ally cards, agenda sessions) use
`{% call cached_item("name", …) %}` instead: its own LRU, and the reader's time zone in
the key. There the key holds every value the item shows, so an edit, a new theme or a
new registration makes a new key (tests/core/test_cached_items.py); items with a form
are not cached (a CSRF token is the viewer's). Thread page 27.5k → 20.1k Python calls,
agenda 18.8k → 13.6k, allies 17.7k → 14.0k, experiences 23.0k → 19.3k (bench data).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

from flask import Flask, has_request_context, request
from flask_babel import get_locale, get_timezone
from flask_babel.speaklater import LazyString
from markupsafe import Markup

#: Fragments kept per process (a filter form is a few kB: a few MB at most).
MAX_ENTRIES = 1024


class FragmentCache:
    """A thread-safe LRU of rendered Markup."""

    def __init__(self, max_entries: int = MAX_ENTRIES):
        self.max_entries = max_entries
        self._entries: OrderedDict[Hashable, Markup] = OrderedDict()
        self._lock = threading.Lock()

    def get_or_render(self, key: Hashable, render: Callable[[], str]) -> Markup:
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
                return found
        # Rendered outside the lock: two threads may both render a new key, which is
        # harmless (same text) and cheaper than making one wait.
        # A call block's caller() returns Markup already: what it escaped stays escaped.
        fragment = render()
        with self._lock:
            self._entries[key] = fragment
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
        return fragment

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


fragments = FragmentCache()

#: Items of long lists (a thread's posts) are many, and would push the page frame and the
#: filter forms out of `fragments`: they have their own LRU (a post is 1–3 kB: ~10 MB).
MAX_ITEMS = 4096
items = FragmentCache(MAX_ITEMS)


def _base_key(name: str) -> tuple:
    # The script root too: links in the fragment start with it (an app behind a prefix).
    base = request.script_root if has_request_context() else ""
    return (name, str(get_locale()), base)


def cached_fragment(name: str, *key, caller: Callable[[], str]) -> Markup:
    """The body of the `{% call %}` block, rendered once per (name, language, key)."""
    return fragments.get_or_render((*_base_key(name), *map(freeze, key)), caller)


def cached_item(name: str, *key, caller: Callable[[], str]) -> Markup:
    """One item of a list (`items` cache), rendered once per (name, language, reader's time
    zone, key). The key must hold every value the item shows, its version included (a post's
    edit time, its text), and the viewer's rights that change it; an item that shows a form
    (a CSRF token) must not be cached at all."""
    zone = str(get_timezone()) if has_request_context() else ""
    return items.get_or_render((*_base_key(name), zone, *map(_item_part, key)), caller)


#: Key parts longer than this (a post's text) are kept as their length and hash: the key
#: stays small, so the cache's memory is that of the rendered items.
LONG_TEXT = 256


def _item_part(value) -> Hashable:
    if isinstance(value, str) and len(value) > LONG_TEXT:
        return ("text", len(value), hash(value))
    return freeze(value)


def freeze(value) -> Hashable:
    """A hashable copy of a key part (templates pass dicts and lists)."""
    if isinstance(value, dict):
        return tuple(sorted((k, freeze(v)) for k, v in value.items()))
    if isinstance(value, list | tuple | set | frozenset):
        items = [freeze(v) for v in value]
        return tuple(sorted(items, key=repr) if isinstance(value, set | frozenset) else items)
    return value


def _text_key(text) -> Hashable:
    """A label as a key without translating it: a lazy string by its message id."""
    if isinstance(text, LazyString):
        return (text._args, tuple(sorted(text._kwargs.items())))
    return str(text)


def form_fingerprint(form) -> tuple:
    """What a rendered form shows: each field's submitted values, errors and choices.

    The labels and widgets come from the form's class, which only a new release
    changes (and a new process starts with an empty cache).
    """
    fields = []
    for field in form:
        choices = getattr(field, "choices", None) or ()
        if isinstance(choices, dict):  # grouped choices: {group: [(value, label), …]}
            choices = [choice for group in choices.values() for choice in group]
        fields.append(
            (
                field.name,
                tuple(field.raw_data or ()),
                repr(field.data),
                tuple(_text_key(error) for error in field.errors),
                tuple((value, _text_key(label)) for value, label, *_rest in choices),
            )
        )
    return (type(form).__qualname__, *fields)


def init_fragments(app: Flask) -> None:
    """Offer the cache to templates."""
    app.jinja_env.globals["cached_fragment"] = cached_fragment
    app.jinja_env.globals["cached_item"] = cached_item
    app.jinja_env.globals["form_fingerprint"] = form_fingerprint
