"""The questionnaire's forms: composing uses the shared ones (portal.core.question_forms);
answering is built from the questions."""

from __future__ import annotations

from flask_wtf import FlaskForm

from portal.core.question_forms import question_field


class ActionForm(FlaskForm):
    """A button that posts (delete a question): only the CSRF token."""


class AnswerForm(FlaskForm):
    """A person's answers; one field per question is added by answer_form()."""


def answer_form(questions, **kwargs) -> AnswerForm:
    """An AnswerForm with one field per question, in order."""

    class QuestionnaireAnswerForm(AnswerForm):
        pass

    for question in questions:
        setattr(QuestionnaireAnswerForm, question.field_name, question_field(question))
    form = QuestionnaireAnswerForm(**kwargs)
    form.question_fields = [(q, form[q.field_name]) for q in questions]
    return form
