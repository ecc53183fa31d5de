"""What each domain holds about a person, for export and for erasure (GDPR).

Accounts owns `/account/export` and account deletion, but not the data of other
domains. Each domain registers here what it holds about a user:

    @exporter("signatures")
    def export_signatures(user) -> list | dict: ...

    @on_account_deletion
    def erase_signatures(user) -> None: ...   # add/flush only; the caller commits

so accounts never imports the other domains, and a new domain cannot forget
to declare its personal data without it showing in the export test.
"""

from collections.abc import Callable

_EXPORTERS: dict[str, Callable] = {}
_ERASERS: list[Callable] = []


def exporter(name: str):
    """Register `function(user)` as the export section `name`."""

    def register(function: Callable) -> Callable:
        _EXPORTERS[name] = function
        return function

    return register


def on_account_deletion(function: Callable) -> Callable:
    """Register `function(user)` to erase or anonymise a domain's data of a deleted account."""
    _ERASERS.append(function)
    return function


def export_sections(user) -> dict:
    """Every registered section of `user`'s data, by name."""
    return {name: function(user) for name, function in sorted(_EXPORTERS.items())}


def erase_everywhere(user) -> None:
    """Run every domain's eraser for `user`."""
    for function in _ERASERS:
        function(user)
