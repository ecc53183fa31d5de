"""Every model, imported once so SQLAlchemy and Alembic see the whole schema."""

from portal.accounts.models import LoginSession, RecoveryCode, User  # noqa: F401
from portal.alliance.models import Organisation, Signature  # noqa: F401
from portal.assembly.contributions.models import Contribution, ContributionSupport  # noqa: F401
from portal.assembly.governance.models import (  # noqa: F401
    BoardMember,
    GovernanceDocument,
    GovernanceText,
)
from portal.assembly.models import AssemblyEdition  # noqa: F401
from portal.assembly.questionnaire.models import (  # noqa: F401
    QuestionnaireQuestion,
    QuestionnaireResponse,
)
from portal.assembly.vote.models import (  # noqa: F401
    Ballot,
    Candidacy,
    Minutes,
    Participation,
    Proxy,
    VoteItem,
    VoteResult,
    VoteSettings,
)
from portal.digests.models import DigestSchedule  # noqa: F401
from portal.experiences.models import Experience, HelpfulMark, Theme  # noqa: F401
from portal.forums.models import Post, PostFlag, Subscription, Thread, ThreadRead  # noqa: F401
from portal.materials.models import Material  # noqa: F401
from portal.meetings.models import Meeting, Registration  # noqa: F401
from portal.notifications.models import MailBounce, OutboxEmail  # noqa: F401
from portal.programmes.calls.models import Application, Call, Question, Review  # noqa: F401
from portal.programmes.models import (  # noqa: F401
    Milestone,
    Programme,
    ProgrammeEdition,
    ProgrammeProposal,
    ProposalMessage,
)
from portal.reports.models import Report, ReportVersion  # noqa: F401
from portal.site.models import ContactMessage  # noqa: F401
from portal.spaces.models import Invitation, Membership, Space  # noqa: F401
