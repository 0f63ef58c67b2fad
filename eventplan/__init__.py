"""eventplan: plan and track the programme of events for a national anniversary."""

from __future__ import annotations

import os
from typing import Any

from flask import Flask


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the application; nothing here starts threads or touches the network."""
    # EVENTPLAN_INSTANCE_PATH: an absolute folder, e.g. one per app server on one machine;
    # unset, Flask's default (instance/ in a checkout, <prefix>/var/eventplan-instance installed).
    app = Flask(__name__, instance_relative_config=True,
                instance_path=os.environ.get("EVENTPLAN_INSTANCE_PATH") or None)
    from eventplan import config

    config.load(app, test_config)
    os.makedirs(app.instance_path, exist_ok=True)
    hops = int(app.config.get("TRUSTED_PROXY_HOPS") or 0)
    if hops > 0:
        # Only then is X-Forwarded-For believed: the client address (login throttling, the
        # audit) and the scheme come from the proxies in front, never from the client.
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]

    from eventplan import parsing

    parsing.init_app(app)  # before any rule is added: <int:…> is bounded to the database
    register_extensions(app)
    register_blueprints(app)
    from eventplan import errors

    errors.init_app(app)
    from eventplan import cli

    cli.init_app(app)
    return app


def register_extensions(app: Flask) -> None:
    from eventplan import (
        auth_setup,
        database,
        dates,
        i18n,
        observability,
        security_headers,
        templating,
    )
    from eventplan.extensions import csrf, db, migrate

    security_headers.init_app(app)  # first registered, so it runs after every other hook
    observability.init_app(app)  # next: it sees the final status, after the commit hook
    db.init_app(app)
    from eventplan.cli import MIGRATIONS

    migrate.init_app(app, db, directory=str(MIGRATIONS), render_as_batch=True,
                     compare_type=True)
    csrf.init_app(app)
    i18n.init_app(app)
    dates.init_app(app)
    auth_setup.init_app(app)
    database.init_app(app)
    templating.init_app(app)


def register_blueprints(app: Flask) -> None:
    from eventplan.blueprints import (
        account,
        admin,
        agencies,
        api,
        auth,
        completion,
        events,
        feeds,
        main,
        notifications,
        plan_io,
        plans,
        programmes,
        reports,
    )

    for module in (main, auth, programmes, plans, events, agencies, admin, feeds,
                   completion, notifications, reports, account, api, plan_io):
        app.register_blueprint(module.bp)
    from eventplan.extensions import csrf

    csrf.exempt(api.bp)  # GET-only and token-authenticated: no forms to protect
