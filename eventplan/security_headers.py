"""Security headers on every response: a strict Content-Security-Policy and its companions.

Pages load only the vendored scripts and styles from ``static/``: no inline ``<script>``,
no ``on…=`` handlers, no ``style=`` attributes (tests/unit/test_templates_csp.py keeps it so).
A response that already carries one of these headers keeps its own value: attachment
downloads send ``default-src 'none'; sandbox``, which is stricter still.
"""

from __future__ import annotations

from flask import Flask, Response

CONTENT_SECURITY_POLICY = "; ".join((
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",  # Bootstrap's CSS draws its icons (toggler, checks) as data: SVG
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
))

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def add_security_headers(response: Response) -> Response:
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def init_app(app: Flask) -> None:
    # Registered before the other after_request hooks so that it runs last (Flask calls
    # them in reverse): the 409 page that the commit hook may substitute gets the headers too.
    app.after_request(add_security_headers)
