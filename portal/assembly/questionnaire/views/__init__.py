"""The questionnaire's pages: answering and results (answer.py), composing (compose.py)."""

from portal.assembly.questionnaire.views import answer, compose  # noqa: F401
