"""Contributions to an edition's draft orientations during its consultation phase: written
by signed allies, supported, discussed in a forum thread, answered by administrators."""

from portal.core import lookups


def _register() -> None:
    """Core's forum rules ask us about contribution threads (core sits below assembly)."""
    from portal.assembly.contributions import permissions, personal_data, services  # noqa: F401

    lookups.register("contribution_of_thread", services.contribution_for_thread)
    lookups.register("contribution_permission", permissions.ask)


_register()
