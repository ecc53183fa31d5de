"""Account views: authentication (auth), the profile pages (profile), personal data (data),
two-factor login (twofactor)."""

from portal.accounts.logins import load_login
from portal.core.extensions import login_manager


@login_manager.user_loader
def load_user(token: str):
    """Flask-Login gives the login token from the session or remember cookie."""
    return load_login(token)


from portal.accounts.views import auth, data, profile, twofactor  # noqa: E402, F401
