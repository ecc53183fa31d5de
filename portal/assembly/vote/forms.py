"""Forms of the vote: a ballot, a proxy, a candidacy, a receipt; the admins' preparation."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    HiddenField,
    IntegerField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, NumberRange, Optional

from portal.core.forms import max_length, strip

TEXT_MAX = 20000


class BallotForm(FlaskForm):
    """One voice's ballot on one item; the choices are read from the request (several for
    an election), and checked by the service."""

    item_id = HiddenField(validators=[DataRequired()])
    voice = HiddenField(validators=[DataRequired()])
    submit = SubmitField(_l("Cast this ballot"))


class ProxyForm(FlaskForm):
    """An organisation gives its voice to another."""

    giver = SelectField(_l("Organisation giving its voice"), coerce=int)
    holder = SelectField(_l("Organisation receiving the proxy"), coerce=int)
    submit = SubmitField(_l("Give the proxy"))


class CandidacyForm(FlaskForm):
    """Standing for an election."""

    statement = TextAreaField(
        _l("Your statement"),
        filters=[strip],
        validators=[DataRequired(_l("Write a few words to the voters.")), max_length(5000)],
    )
    submit = SubmitField(_l("Stand as a candidate"))


class ReceiptForm(FlaskForm):
    """Checking a receipt code."""

    code = StringField(
        _l("Receipt code"),
        filters=[strip],
        validators=[DataRequired(_l("Enter your receipt code.")), max_length(40)],
    )
    submit = SubmitField(_l("Check"))


class ItemForm(FlaskForm):
    """A motion or an election, added by admins."""

    kind = RadioField(
        _l("Kind"),
        choices=[
            SelectChoice("motion", _l("Motion")),
            SelectChoice("election", _l("Election to the board")),
        ],
        default="motion",
    )
    topic = SelectField(
        _l("Motion about"),
        choices=[
            SelectChoice("orientations", _l("Adopt the orientations")),
            SelectChoice("report", _l("Approve the report")),
            SelectChoice("resolution", _l("A resolution")),
        ],
        default="resolution",
    )
    title = StringField(
        _l("Title"),
        filters=[strip],
        validators=[DataRequired(_l("Give a title.")), max_length(200)],
    )
    text = TextAreaField(
        _l("Text (Markdown)"), filters=[strip], validators=[Optional(), max_length(TEXT_MAX)]
    )
    seats = IntegerField(
        _l("Seats (elections)"), default=1, validators=[Optional(), NumberRange(1, 50)]
    )
    submit = SubmitField(_l("Add to the ballot"))


class SettingsForm(FlaskForm):
    """The colleges' weights and the quorum."""

    organisations_weight = IntegerField(
        _l("Weight of one organisation's voice"), validators=[InputRequired(), NumberRange(1, 100)]
    )
    individuals_college_weight = IntegerField(
        _l("Weight of the individuals' college, in organisation voices"),
        validators=[InputRequired(), NumberRange(0, 10000)],
    )
    quorum_percent = IntegerField(
        _l("Quorum (percent of the electorate's voices)"),
        validators=[InputRequired(), NumberRange(0, 100)],
    )
    submit = SubmitField(_l("Save the settings"))


class MinutesForm(FlaskForm):
    """The procès-verbal."""

    body = TextAreaField(
        _l("Minutes (Markdown)"), filters=[strip], validators=[Optional(), max_length(TEXT_MAX)]
    )
    submit = SubmitField(_l("Save the minutes"))


class DecisionForm(FlaskForm):
    """Accept or refuse a candidacy."""

    decision = HiddenField(validators=[DataRequired()])
