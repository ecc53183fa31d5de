"""Which WTForms class each POST route reads, so hostile values reach every field.

Field names come from the classes themselves (fields_of); test_forms.py also checks
that every FlaskForm class of the portal appears here or in FILTER_FORMS, so a new
form cannot escape the property-based tests. A route reading the raw request form
names its fields in RAW_FIELDS instead.
"""

from __future__ import annotations

from importlib import import_module

from wtforms.fields.core import UnboundField

#: POST endpoint -> "module:FormClass" (imported lazily: the app is built first).
FORMS = {
    "accounts.change_email": "portal.accounts.forms:ChangeEmailForm",
    "accounts.change_password": "portal.accounts.forms:ChangePasswordForm",
    "accounts.delete_account": "portal.accounts.forms:DeleteAccountForm",
    "accounts.disable_two_factor": "portal.accounts.forms:DisableTwoFactorForm",
    "accounts.login": "portal.accounts.forms:LoginForm",
    "accounts.new_recovery_codes": "portal.accounts.forms:TwoFactorCodeForm",
    "accounts.profile": "portal.accounts.forms:ProfileForm",
    "accounts.register": "portal.accounts.forms:RegisterForm",
    "accounts.resend_confirmation": "portal.accounts.forms:EmailForm",
    "accounts.reset_password": "portal.accounts.forms:ResetPasswordForm",
    "accounts.reset_request": "portal.accounts.forms:EmailForm",
    "accounts.two_factor": "portal.accounts.forms:TwoFactorCodeForm",
    "accounts.two_factor_login": "portal.accounts.forms:TwoFactorLoginForm",
    "admin.import_allies": "portal.admin.forms:ImportAlliesForm",
    "admin.refuse_signature": "portal.admin.forms:RefuseSignatureForm",
    "admin.reset_two_factor": "portal.admin.forms:ResetTwoFactorForm",
    "admin.set_library_editor": "portal.admin.forms:LibraryEditorForm",
    "admin.theme_add": "portal.experiences.forms:ThemeForm",
    "admin.theme_edit": "portal.experiences.forms:ThemeForm",
    "assembly.questionnaire": "portal.assembly.questionnaire.forms:AnswerForm",
    "assembly.questionnaire_question_delete": "portal.assembly.questionnaire.forms:ActionForm",
    "assembly.questionnaire_question_edit": "portal.core.question_forms:QuestionForm",
    "assembly.questionnaire_question_move": "portal.core.question_forms:MoveForm",
    "assembly.questionnaire_questions": "portal.core.question_forms:QuestionForm",
    "alliance.sign": "portal.alliance.forms:SignCharterForm",
    "alliance.sign_organisation": "portal.alliance.forms:SignOrganisationForm",
    "assembly.answer_contribution": "portal.assembly.contributions.forms:AnswerForm",
    "assembly.edit_contribution": "portal.assembly.contributions.forms:ContributionForm",
    "assembly.new_contribution": "portal.assembly.contributions.forms:ContributionForm",
    "assembly.board_delete": "portal.assembly.governance.forms:ActionForm",
    "assembly.board_edit": "portal.assembly.governance.forms:BoardMemberForm",
    "assembly.board_new": "portal.assembly.governance.forms:BoardMemberForm",
    "assembly.document_new": "portal.assembly.governance.forms:DocumentForm",
    "assembly.document_remove": "portal.assembly.governance.forms:ActionForm",
    "assembly.edition_edit": "portal.assembly.governance.forms:EditionForm",
    "assembly.edition_new": "portal.assembly.governance.forms:EditionForm",
    "assembly.purpose_edit": "portal.assembly.governance.forms:PurposeForm",
    "assembly.vote_candidacy": "portal.assembly.vote.forms:DecisionForm",
    "assembly.vote_cast": "portal.assembly.vote.forms:BallotForm",
    "assembly.vote_minutes": "portal.assembly.vote.forms:MinutesForm",
    "assembly.vote_prepare": "portal.assembly.vote.forms:ItemForm",
    "assembly.vote_proxy": "portal.assembly.vote.forms:ProxyForm",
    "assembly.vote_receipt": "portal.assembly.vote.forms:ReceiptForm",
    "assembly.vote_settings": "portal.assembly.vote.forms:SettingsForm",
    "assembly.vote_stand": "portal.assembly.vote.forms:CandidacyForm",
    "calls.application": "portal.programmes.calls.forms:ApplicationForm",
    "calls.apply": "portal.programmes.calls.forms:ApplicationForm",
    "calls.decide": "portal.programmes.calls.forms:DecisionForm",
    "calls.edit": "portal.programmes.calls.forms:CallForm",
    "calls.new": "portal.programmes.calls.forms:CallForm",
    "calls.question_delete": "portal.programmes.calls.forms:ActionForm",
    "calls.question_edit": "portal.core.question_forms:QuestionForm",
    "calls.question_move": "portal.core.question_forms:MoveForm",
    "calls.questions": "portal.core.question_forms:QuestionForm",
    "calls.release": "portal.programmes.calls.forms:ActionForm",
    "calls.review": "portal.programmes.calls.forms:ReviewForm",
    "calls.withdraw": "portal.programmes.calls.forms:ActionForm",
    "experiences.attach_file": "portal.experiences.attachments:AttachmentForm",
    "experiences.edit": "portal.experiences.forms:ExperienceForm",
    "experiences.new": "portal.experiences.forms:ExperienceForm",
    "forums.edit_post": "portal.forums.forms:EditPostForm",
    "forums.flag": "portal.forums.forms:ReasonForm",
    "forums.hide": "portal.forums.forms:ReasonForm",
    "forums.move": "portal.forums.forms:MoveForm",
    "forums.new_thread": "portal.forums.forms:ThreadForm",
    "forums.reply": "portal.forums.forms:PostForm",
    "materials.decline_resource": "portal.materials.sharing_forms:DeclineResourceForm",
    "materials.edit": "portal.materials.forms:MaterialForm",
    "materials.edit_resource": "portal.materials.sharing_forms:ShareResourceForm",
    "materials.new": "portal.materials.forms:MaterialForm",
    "materials.publish_resource": "portal.materials.sharing_forms:PublishResourceForm",
    "materials.report_resource": "portal.materials.sharing_forms:ReportResourceForm",
    "materials.share": "portal.materials.sharing_forms:ShareResourceForm",
    "meetings.attendance": "portal.meetings.forms:AttendanceForm",
    "meetings.cancel": "portal.meetings.forms:CancelMeetingForm",
    "meetings.edit": "portal.meetings.forms:MeetingForm",
    "meetings.new": "portal.meetings.forms:MeetingForm",
    "meetings.register": "portal.meetings.forms:ActionForm",
    "notifications.preferences": "portal.notifications.forms:NotificationsForm",
    "programmes.add": "portal.programmes.forms:ProgrammeForm",
    "programmes.edit": "portal.programmes.forms:ProgrammeForm",
    "programmes.editions": "portal.programmes.forms:EditionForm",
    "programmes.milestone_add": "portal.programmes.forms:MilestoneForm",
    "programmes.milestone_edit": "portal.programmes.forms:MilestoneForm",
    "programmes.proposal_decline": "portal.programmes.forms:DeclineForm",
    "programmes.proposal_message": "portal.programmes.forms:MessageForm",
    "programmes.propose": "portal.programmes.forms:ProposalForm",
    "site.accessibility": "portal.site.forms:ContactForm",
    "reports.add": "portal.reports.forms:NewReportForm",
    "reports.edit": "portal.reports.forms:EditorialForm",
    "reports.publish": "portal.reports.forms:PublishForm",
    "spaces.add": "portal.spaces.forms:SpaceForm",
    "spaces.edit": "portal.spaces.forms:SpaceForm",
    "spaces.facilitators": "portal.spaces.forms:FacilitatorForm",
    "spaces.invitations_list": "portal.spaces.forms:InviteForm",
}

#: Routes that read request.form directly: their field names.
RAW_FIELDS = {
    "admin.theme_move": ("direction",),
    "site.set_language": ("language",),
    "notifications.address_works": ("back",),
}

#: GET filter forms: fed hostile query strings by test_injection.py instead.
FILTER_FORMS = {
    "portal.alliance.forms:DirectoryFilterForm",
    "portal.assembly.contributions.forms:ContributionFilterForm",
    "portal.experiences.forms:ExperienceFilterForm",
    "portal.materials.forms:LibraryFilterForm",
    "portal.programmes.forms:ProgrammeFilterForm",
    "portal.programmes.calls.forms:TableFilterForm",
}


def form_class(path: str):
    """The class named "module:Class"."""
    module, name = path.split(":")
    return getattr(import_module(module), name)


def fields_of(endpoint: str) -> dict[str, str]:
    """Field name -> WTForms field class name, for the form a POST route reads."""
    if endpoint in RAW_FIELDS:
        return {name: "StringField" for name in RAW_FIELDS[endpoint]}
    cls = form_class(FORMS[endpoint])
    fields = {}
    for name in dir(cls):
        value = getattr(cls, name, None)
        if isinstance(value, UnboundField):
            fields[name] = value.field_class.__name__
    return fields
