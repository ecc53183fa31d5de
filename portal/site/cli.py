"""Site commands (seed-demo)."""
