"""Programmes: the alliance's dispositifs and the calls for applications to their cohorts."""
