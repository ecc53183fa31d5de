"""Forms of the site pages: the accessibility and contact form."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, RadioField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, Optional

from portal.core.forms import max_length

#: Topic key -> label. Keys are stored on ContactMessage.topic.
CONTACT_TOPICS = {
    "accessibility": _l("An accessibility problem"),
    "other": _l("Another question"),
}

MESSAGE_MAX_LENGTH = 5000


class ContactForm(FlaskForm):
    """Report an accessibility problem or ask the administrators a question."""

    name = StringField(
        _l("Your name"),
        validators=[
            DataRequired(_l("Please give your name.")),
            max_length(100),
        ],
    )
    email = EmailField(
        _l("Your email address"),
        validators=[
            DataRequired(_l("Please give an email address so we can answer you.")),
            max_length(254),
            Email(_l("This email address does not look valid.")),
        ],
    )
    topic = RadioField(
        _l("Your message is about"),
        choices=[SelectChoice(key, label) for key, label in CONTACT_TOPICS.items()],
        default="accessibility",
        validators=[DataRequired(_l("Please choose what your message is about."))],
    )
    page_url = StringField(
        _l("Page concerned (optional)"),
        validators=[Optional(), max_length(500)],
    )
    body = TextAreaField(
        _l("Your message"),
        validators=[
            DataRequired(_l("Please write your message.")),
            max_length(MESSAGE_MAX_LENGTH),
        ],
    )
    submit = SubmitField(_l("Send the message"))
