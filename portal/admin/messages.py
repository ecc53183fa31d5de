"""Admin: messages from the contact form (stub, written by the site domain)."""
