"""The address links are built on: the configured ``BASE_URL``, else the request's own host.

A page shows feed addresses, webcal links and QR codes that people copy into a calendar; they
must point where the browser reached the server (``make run PORT=5111``), not at a default
port nobody listens on. E-mails sent by the scheduler have no request and use the configured
address, or ``FALLBACK``.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app, has_request_context, request

FALLBACK = "http://127.0.0.1:5000"


def configured() -> str | None:
    value = current_app.config.get("BASE_URL")
    return str(value).rstrip("/") if value else None


def for_links() -> str:
    """Base of links shown on a page or put in a download: configured, else this request's."""
    if configured():
        return configured()
    if has_request_context():
        return request.host_url.rstrip("/")
    return FALLBACK


def for_mail() -> str:
    """Base of links in e-mails (often sent by the scheduler, outside any request)."""
    return configured() or FALLBACK


def mismatch(base: str | None, host: str, port: int) -> str | None:
    """Why links built on ``base`` will not reach a server listening on ``host:port``, or None.

    Only a loopback or wildcard address is compared by host: a public name in front of a proxy
    is what the operator means, whatever the server binds to.
    """
    if not base:
        return None
    parts = urlsplit(base)
    try:
        base_port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        return f"EVENTPLAN_BASE_URL {base} has no valid port"
    local = {"127.0.0.1", "localhost", "::1", "0.0.0.0"}  # noqa: S104 - names compared, not bound
    if parts.hostname in local and base_port != port:
        return (f"EVENTPLAN_BASE_URL is {base} but the server listens on port {port}: "
                f"links in feeds and e-mails will not answer")
    if parts.hostname in local and host not in local and host != parts.hostname:
        return f"EVENTPLAN_BASE_URL is {base} but the server listens on {host}"
    return None
