"""The questionnaire's pages: answering and results (answer.py), composing (compose.py); its
personal data registers with the account export."""

from portal.assembly.questionnaire import personal_data  # noqa: F401
from portal.assembly.questionnaire.views import answer, compose  # noqa: F401
