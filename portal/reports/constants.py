"""Limits of the yearly reports."""

#: The years a report may be made for: the alliance's first bilan, and a margin ahead.
YEAR_MIN = 2018
YEAR_MAX = 2100
#: Each editorial part (Markdown).
TEXT_MAX = 20_000
NOTE_MAX = 2_000
#: The editorial parts of a report, in the page's order.
EDITORIAL_PARTS = ("introduction", "highlights", "outlook")
