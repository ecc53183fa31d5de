"""Forms of the forums: a new thread, a post, a flag, a moderator's hiding, a move."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length

from portal.core.forms import strip
from portal.forums.constants import BODY_MAX, REASON_MAX, TITLE_MAX

MARKDOWN_HINT = _l(
    "Markdown: **bold**, *italics*, [a link](https://…), > a quotation. "
    "Mention a member of the space with @ and their name without spaces (@LeaMartin)."
)


def body_field(label):
    """The Markdown text of a post."""
    return TextAreaField(
        label,
        filters=[strip],
        validators=[DataRequired(_l("Write your message.")), Length(max=BODY_MAX)],
        render_kw={"rows": 8},
    )


class ThreadForm(FlaskForm):
    """Start a thread: a title and the first message."""

    title = StringField(
        _l("Title"),
        filters=[strip],
        validators=[DataRequired(_l("Give the thread a title.")), Length(max=TITLE_MAX)],
    )
    body = body_field(_l("Message"))
    submit = SubmitField(_l("Start the thread"))


class PostForm(FlaskForm):
    """A reply, or the new text of an edited post."""

    body = body_field(_l("Your reply"))
    submit = SubmitField(_l("Send"))


class EditPostForm(FlaskForm):
    """The new text of a post."""

    body = body_field(_l("Message"))
    submit = SubmitField(_l("Save the changes"))


class ReasonForm(FlaskForm):
    """Why a member reports a post, or why a moderator hides it."""

    reason = TextAreaField(
        _l("Reason"),
        filters=[strip],
        validators=[DataRequired(_l("Give a reason.")), Length(max=REASON_MAX)],
        render_kw={"rows": 3},
    )
    submit = SubmitField(_l("Send"))


class MoveForm(FlaskForm):
    """Where a thread moves: a space whose forum the moderator also manages."""

    space = SelectField(_l("Move to the space"), coerce=int)
    submit = SubmitField(_l("Move the thread"))

    def __init__(self, *args, spaces, **kwargs):
        super().__init__(*args, **kwargs)
        self.space.choices = [(space.id, space.title) for space in spaces]
