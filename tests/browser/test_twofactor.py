"""Two-factor login in a real browser: a member turns it on from the QR page and logs in
with a code, then with a recovery code; a new facilitator is led to the setup before
their space. axe-core scans every page on the way."""

from __future__ import annotations

from tests import factories
from tests.browser.helpers import follow, go

SUBMIT = "main form button[type=submit]"


def password_step(page, email: str) -> None:
    """The first step of the login form."""
    go(page, "/auth/login")
    page.locator("#email").fill(email)
    page.locator("#password").fill(factories.PASSWORD)
    follow(page, page.locator(SUBMIT))


def log_out(page) -> None:
    follow(page, page.locator("header form[action='/auth/logout'] button"))


def test_a_member_turns_two_factor_on_and_logs_in_with_a_code_then_a_recovery_code(page):
    member = factories.user(email="alex@example.org", locale="fr")
    password_step(page, member.email)
    go(page, "/account/two-factor")
    assert page.locator("main svg[role=img]").count() == 1  # the QR code, inline
    secret = page.locator(".totp-secret").inner_text().replace(" ", "")
    page.locator("#code").fill(factories.totp_code(secret))
    follow(page, page.locator(SUBMIT))
    codes = page.locator(".recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    follow(page, page.locator("main a.button[href='/account/two-factor']"))
    assert page.locator("main form[action='/account/two-factor/disable']").count() == 1

    log_out(page)
    password_step(page, member.email)
    assert page.url.endswith("/auth/two-factor")
    page.locator("#code").fill("000000")
    follow(page, page.locator(SUBMIT))
    assert page.locator(".error-summary").count() == 1
    # The code of the next 30-second step: the app shows it soon, and the enrolment used
    # the current one.
    page.locator("#code").fill(factories.totp_code(secret, steps_ahead=1))
    follow(page, page.locator(SUBMIT))
    assert page.url.endswith("/")
    go(page, "/account/logins")

    log_out(page)
    password_step(page, member.email)
    page.locator("#code").fill(codes[0])
    follow(page, page.locator(SUBMIT))
    assert page.locator(".flash-info").count() == 1  # how many recovery codes are left


def test_a_facilitator_sets_up_two_factor_before_reaching_the_space(page):
    facilitator = factories.user(email="claire@example.org", locale="fr")
    cohort = factories.space(title="Territoires pilotes 2027")
    factories.membership(cohort, facilitator, role="facilitator")
    password_step(page, facilitator.email)
    go(page, f"/spaces/{cohort.slug}")
    assert page.url.endswith("/account/two-factor")
    assert page.locator(".flash-info").count() == 1
    secret = page.locator(".totp-secret").inner_text().replace(" ", "")
    page.locator("#code").fill(factories.totp_code(secret))
    follow(page, page.locator(SUBMIT))
    assert page.locator(".recovery-codes code").count() == 10
    go(page, f"/spaces/{cohort.slug}")
    assert page.url.endswith(f"/spaces/{cohort.slug}")
