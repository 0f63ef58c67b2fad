"""The ``eventplan`` command line: a Flask CLI group."""

from __future__ import annotations

import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup, with_appcontext
from sqlalchemy import func, select, text

from eventplan.extensions import db
from eventplan.models import ROLES, Agency
from eventplan.services.errors import DomainError

# A checkout keeps migrations/ beside the package; a built wheel ships them inside it
# (see setup.py), so an installed copy can run `eventplan init` too.
_PACKAGED_MIGRATIONS = Path(__file__).resolve().parents[1] / "migrations"
MIGRATIONS = (_PACKAGED_MIGRATIONS if _PACKAGED_MIGRATIONS.is_dir()
              else Path(__file__).resolve().parents[2] / "migrations")


def _fail(message: str) -> None:
    raise click.ClickException(message)


@click.command("init")
@with_appcontext
def init_command() -> None:
    """Create or upgrade the database and load reference data."""
    from flask_migrate import upgrade

    from eventplan.config import write_secret_key
    from eventplan.services.reference import load_reference_data

    key_file = write_secret_key(current_app._get_current_object())  # type: ignore[attr-defined]
    if key_file:
        click.echo(f"Wrote a random secret key to {key_file} (keep it private; back it up).")
    upgrade(directory=str(MIGRATIONS))
    load_reference_data()
    db.session.commit()
    click.echo(f"Database ready: {db.engine.url.render_as_string(hide_password=True)}")


@click.command("demo")
@click.option("--events", "extra", type=click.IntRange(0, 1_000_000), default=0,
              help="Add this many generated regional events, for scale.")
@click.option("--today", "today", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Build the live demo programme around this day (default: today, or the "
                   "day of EVENTPLAN_NOW).")
@with_appcontext
def demo_command(extra: int, today) -> None:
    """Load the demo programme independence-30 (archived) and the live demo programme
    demo-live around today, with a user for each role."""
    from eventplan.services.demo import load_demo
    from eventplan.services.demo.live import load_live_demo

    started = time.perf_counter()
    logins = load_demo(extra_events=extra)
    live = load_live_demo(today.date() if today else _today())
    db.session.commit()
    if extra:
        # Bulk inserts leave the planner's statistics behind: without them the block page's
        # query took 98 ms instead of 1.3 ms at 100,000 events (bench/README.md, issue 21).
        db.session.execute(text("ANALYZE"))
        db.session.commit()
    click.echo(f"Demo programmes loaded in {time.perf_counter() - started:.1f} s.")
    if live is not None:
        click.echo(f"Live demo {live.slug}: {live.starts_on} .. {live.ends_on}.")
    else:
        click.echo("Live demo demo-live already exists: kept as it was.")
    click.echo("Demo logins (role, e-mail, password):")
    for role, email, password in logins:
        click.echo(f"  {role:<12} {email:<32} {password}")


def _today() -> date:
    """Today in the default zone, or the day of EVENTPLAN_NOW (rehearsals and tests)."""
    from zoneinfo import ZoneInfo

    from eventplan.scheduler import parse_instant

    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    raw = current_app.config.get("NOW")
    try:
        now = parse_instant(str(raw)) if raw else datetime.now(UTC)
    except ValueError:
        _fail(f"EVENTPLAN_NOW is not an ISO date and time: {raw!r}")
    return now.astimezone(zone).date()


@click.command("create-user")
@click.argument("email")
@click.option("--role", required=True, help=f"One of: {', '.join(ROLES)}.")
@click.option("--agency", "agency_code", help="Agency code (required for a coordinator).")
@click.option("--name", "full_name", default="", help="Full name.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@with_appcontext
def create_user_command(email: str, role: str, agency_code: str | None, full_name: str,
                        password_stdin: bool) -> None:
    """Add a user."""
    from eventplan.services.accounts import create_user

    if role not in ROLES:
        _fail(f"unknown role {role!r}; use one of: {', '.join(ROLES)}")
    agency = None
    if agency_code:
        agency = db.session.scalar(
            select(Agency).where(func.upper(Agency.code) == agency_code.strip().upper()))
        if agency is None:
            _fail(f"unknown agency {agency_code!r}")
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        user = create_user(None, email, role, password, agency, full_name)
    except DomainError as exc:
        _fail(exc.message)
    db.session.commit()
    click.echo(f"Created {user.role} {user.email}.")


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, type=click.IntRange(1, 65535), show_default=True)
@click.option("--threads", default=8, type=click.IntRange(1, 64), show_default=True)
@click.option("--scheduler/--no-scheduler", default=True, show_default=True,
              help="Run the reminder scheduler in a background thread.")
def serve_command(host: str, port: int, threads: int, scheduler: bool) -> None:
    """Serve the application with waitress (the one-process default)."""
    from waitress import serve

    from eventplan.config import InsecureSecretKey, require_secret_key

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    try:
        require_secret_key(app)
    except InsecureSecretKey as exc:
        _fail(str(exc))
    if scheduler:
        from eventplan.scheduler import start_in_background

        start_in_background(app)
    from eventplan.base_url import configured, mismatch

    problem = mismatch(configured(), host, port)
    if problem:
        click.echo(f"Warning: {problem}. Set EVENTPLAN_BASE_URL=http://{host}:{port} "
                   "(or the public address), or leave it unset.", err=True)
    click.echo(f"eventplan on http://{host}:{port}/ (Ctrl+C to stop)")
    serve(app, host=host, port=port, threads=threads, ident="eventplan")


def init_app(app: Flask) -> None:
    from eventplan.cli import feeds, files, plan_io, programmes, reminders, report_document

    for command in (init_command, demo_command, create_user_command, serve_command,
                    *reminders.COMMANDS, *plan_io.COMMANDS, *programmes.COMMANDS,
                    *report_document.COMMANDS, *files.COMMANDS, *feeds.COMMANDS):
        app.cli.add_command(command)


def _create_app() -> Flask:
    from eventplan import create_app

    return create_app()


@click.group(cls=FlaskGroup, create_app=_create_app, load_dotenv=False,
             add_version_option=False, add_default_commands=False)
def main() -> None:
    """eventplan: plan and track the programme of an anniversary."""
