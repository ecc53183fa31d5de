"""Security defaults: response headers and safe redirects."""

from urllib.parse import urljoin, urlsplit

from flask import Flask, request

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)


def add_security_headers(response):
    """Set the headers every response carries.

    A view may set a stricter policy of its own (stored files: `sandbox`); framing is
    refused whatever it says, so a policy without `frame-ancestors` gets it added.
    """
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    policy = response.headers["Content-Security-Policy"]
    if "frame-ancestors" not in policy:
        response.headers["Content-Security-Policy"] = f"{policy}; frame-ancestors 'none'"
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    return response


#: Pages with a secret token in their URL (reset, invitation links): the full URL goes to
#: this site only. Not "no-referrer": over HTTPS Flask-WTF refuses a form posted without a
#: same-site Referer (WTF_CSRF_SSL_STRICT), so the page's own forms would all fail.
TOKEN_PAGE_REFERRER_POLICY = "same-origin"  # noqa: S105 - a header value, not a secret


def keep_token_private(response):
    """Mark `response` (a page whose URL holds a token) so no other site sees its URL."""
    response.headers["Referrer-Policy"] = TOKEN_PAGE_REFERRER_POLICY
    return response


def safe_next_url(target: str | None) -> str | None:
    """Return `target` if it stays on this site (a relative path), else None."""
    if not target or "\\" in target or any(ord(c) < 32 for c in target):
        return None
    if target.startswith("//"):
        return None
    joined = urlsplit(urljoin(request.host_url, target))
    host = urlsplit(request.host_url)
    if joined.scheme not in ("http", "https") or joined.netloc != host.netloc:
        return None
    path = joined.path or "/"
    return path + (f"?{joined.query}" if joined.query else "")


def init_security(app: Flask) -> None:
    """Register the security headers."""
    app.after_request(add_security_headers)
