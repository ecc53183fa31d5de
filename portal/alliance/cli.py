"""Alliance commands (import-allies)."""
