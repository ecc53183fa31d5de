"""The chart of one question's results, drawn by the shared portal.core.charts."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import ngettext
from markupsafe import Markup

from portal.core.charts import Bar, bar_chart
from portal.core.questions import QuestionKind


def option_label(question, value: str) -> str:
    """A counted value as readers see it: the choice, or "3 out of 5" on a scale."""
    if question.kind == QuestionKind.SCALE.value:
        return _("%(value)s out of 5", value=value)
    return value


def question_chart(result) -> Markup:
    """Bars of the counts of one scale or choice question (the table beside has them too)."""
    question = result.question
    bars = [
        Bar(option_label(question, value), count, str(count)) for value, count in result.options
    ]
    return bar_chart(
        bars,
        chart_id=f"question-{question.id}-chart",
        title=question.label,
        desc=ngettext(
            "Bar chart: how many people gave each answer, out of %(num)d respondent. "
            "The table below gives the same figures.",
            "Bar chart: how many people gave each answer, out of %(num)d respondents. "
            "The table below gives the same figures.",
            result.respondents,
        ),
    )
