"""Search: one index of materials, forum posts and experiences, and the /search page."""

from flask import Blueprint

from portal.core import lookups

#: The indexing functions the domains below call (through core.lookups).
INDEX_HOOKS = (
    "index_post",
    "remove_post",
    "index_material",
    "remove_material",
    "index_experience",
    "remove_experience",
)

bp = Blueprint("search", __name__)

from portal.search import cli, indexing, views  # noqa: E402, F401

# Forums, materials and experiences tell the index about their changes; search sits above
# them, so they call these through core.lookups ("search.index_post", ...).
for _hook in INDEX_HOOKS:
    lookups.register(f"search.{_hook}", getattr(indexing, _hook))
