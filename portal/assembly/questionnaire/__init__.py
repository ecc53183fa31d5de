"""The evaluation phase of an assembly edition: its questionnaire, the allies' answers, and
the results (counts, charts, breakdowns that hide groups of fewer than 5)."""
