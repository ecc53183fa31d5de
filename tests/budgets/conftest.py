"""The budget tests' world, the `check_page` runner and the end-of-run table of counts."""

from __future__ import annotations

import pytest

from tests.query_budget import RESULTS, assert_budget
from tests.security.world import build_world


@pytest.fixture
def world(app):
    """One of every object the portal serves: the small data every page starts from."""
    return build_world()


@pytest.fixture
def check_page(app, as_viewer, world):
    """`check_page(name, page)`: the page's persona opens it, the data grows, the budget holds."""

    def _check(name: str, page):
        if page.setup is not None:
            page.setup(world)
        client = as_viewer(world.person(page.persona))
        return assert_budget(
            app,
            client,
            page.url.format(**world.args),
            grow=lambda: page.grow(world),
            max_queries=page.budget,
            warm_up=page.warm_up,
            name=name,
        )

    return _check


def pytest_terminal_summary(terminalreporter):
    """Print page -> statements (small/large) -> budget for the pages measured in this run."""
    if not RESULTS:
        return
    terminalreporter.section("query budgets")
    width = max(len(name) for name in RESULTS)
    for name, counts in sorted(RESULTS.items()):
        terminalreporter.write_line(
            f"{name:<{width}}  {counts.small:>3} / {counts.large:>3}  budget {counts.budget}"
        )
