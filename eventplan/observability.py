"""Watching a running server: request metrics, ``/metrics``, JSON request logs, readiness.

Settings:
- ``METRICS_TOKEN``: ``/metrics`` answers a request carrying ``Authorization: Bearer <token>``;
- ``METRICS_ALLOW``: addresses or networks (``10.0.0.0/8``) whose requests it answers
  without a token (a list, or one comma-separated string);
  with neither set, ``/metrics`` does not exist (404).
- ``LOG_JSON``: one JSON line per request on the ``eventplan.requests`` logger (stderr).
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import logging
import sys
import time
from functools import cache
from pathlib import Path

from flask import Flask, Response, abort, current_app, g, request
from flask_login import current_user
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from eventplan import metrics
from eventplan.extensions import db

LOGGER = "eventplan.requests"
_HANDLER_MARK = "_eventplan_json"


# Readiness -------------------------------------------------------------------------------

@cache
def _script_heads(directory: str) -> frozenset[str]:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", directory)
    return frozenset(ScriptDirectory.from_config(config).get_heads())


def migrations_at_head() -> bool:
    """True when the database's alembic revision is the newest migration shipped."""
    from eventplan.cli import MIGRATIONS

    try:
        current = set(db.session.execute(text("SELECT version_num FROM alembic_version"))
                      .scalars())
    except SQLAlchemyError:  # no alembic_version table: never migrated
        db.session.rollback()
        return False
    return bool(current) and current == set(_script_heads(str(Path(MIGRATIONS))))


# /metrics --------------------------------------------------------------------------------

def _allowed_networks(raw) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    items = raw.split(",") if isinstance(raw, str) else list(raw or ())
    networks = []
    for item in items:
        item = str(item).strip()
        if item:
            networks.append(ipaddress.ip_network(item, strict=False))
    return networks


def _may_scrape() -> bool:
    token = current_app.config.get("METRICS_TOKEN")
    allow = current_app.config.get("METRICS_ALLOW")
    if not token and not allow:
        abort(404)
    if token:
        given = request.headers.get("Authorization", "")
        if given.startswith("Bearer ") and hmac.compare_digest(
                given.removeprefix("Bearer ").strip().encode(), str(token).encode()):
            return True
    if allow:
        try:
            address = ipaddress.ip_address(request.remote_addr or "")
        except ValueError:
            return False
        return any(address in network for network in _allowed_networks(allow))
    return False


def metrics_view():
    if not _may_scrape():
        abort(403)
    return Response(metrics.exposition(), headers={"Cache-Control": "no-store"},
                    content_type="text/plain; version=0.0.4; charset=utf-8")


# Request hooks ---------------------------------------------------------------------------

def _start_clock() -> None:
    g._started = time.perf_counter()


def _logged_path() -> str:
    """The path with secret parts (feed and API tokens) masked."""
    path = request.path
    for name, value in (request.view_args or {}).items():
        if "token" in name and isinstance(value, str) and value:
            path = path.replace(value, "***")
    return path


def _observe(response):
    started = g.pop("_started", None)
    seconds = time.perf_counter() - started if started is not None else None
    endpoint = request.url_rule.endpoint if request.url_rule else "unmatched"
    metrics.observe_request(request.method, endpoint, response.status_code, seconds)
    if current_app.config.get("LOG_JSON"):
        user = current_user.get_id() if current_user and current_user.is_authenticated else None
        logging.getLogger(LOGGER).info(json.dumps({
            "ts": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "method": request.method, "path": _logged_path(), "endpoint": endpoint,
            "status": response.status_code,
            "ms": round(seconds * 1000, 1) if seconds is not None else None,
            "bytes": response.calculate_content_length(), "user": user,
            "remote": request.remote_addr,
        }, ensure_ascii=False))
    return response


def _json_logging() -> None:
    logger = logging.getLogger(LOGGER)
    if not any(getattr(h, _HANDLER_MARK, False) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
        setattr(handler, _HANDLER_MARK, True)
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False


def init_app(app: Flask) -> None:
    """Call early: the after-request hook must run after the commit hook (it sees 409s)."""
    try:  # a mistyped allow-list stops the start, not every scrape
        _allowed_networks(app.config.get("METRICS_ALLOW"))
    except ValueError as exc:
        raise ValueError(f"METRICS_ALLOW: {exc}") from None
    app.before_request(_start_clock)
    app.after_request(_observe)
    if app.config.get("LOG_JSON"):
        _json_logging()
    app.add_url_rule("/metrics", "metrics", metrics_view, methods=["GET"])
