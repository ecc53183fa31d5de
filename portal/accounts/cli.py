"""Account commands (create-admin)."""
