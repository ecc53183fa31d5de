"""The vote of the Assemblée des alliés: motions, elections, proxies, secret ballots,
frozen results and minutes (views attach to portal.assembly.bp)."""

from datetime import timedelta

from portal.assembly.vote.results import freeze_closed_votes
from portal.notifications.schedulers import register_scheduler

# Results are frozen soon after the close by the schedulers' turn (or by the first reading).
register_scheduler("vote-results", freeze_closed_votes, lambda: timedelta(0), position=50)

from portal.assembly.vote import personal_data as _personal_data  # noqa: E402, F401
