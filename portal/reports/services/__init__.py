"""The rules of the yearly reports: drafts (reports.py), publishing and the versions."""
