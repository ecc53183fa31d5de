"""Calls for applications to cohort editions (stub; replaced by the calls package)."""
