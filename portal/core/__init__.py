"""Shared plumbing: extensions, database helpers, permissions, errors, i18n, security."""
