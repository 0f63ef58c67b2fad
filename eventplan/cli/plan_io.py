"""``eventplan import-plan`` and ``eventplan export-plan``."""

from __future__ import annotations

import json
import os

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_babel import gettext as _
from sqlalchemy import select

from eventplan.extensions import db
from eventplan.models import Plan, User
from eventplan.services import plan_io
from eventplan.services.errors import DomainError
from eventplan.services.plan_io.described import describe
from eventplan.services.plan_io.matching import in_language


def _plan(plan_id: int) -> Plan:
    plan = db.session.get(Plan, plan_id)
    if plan is None:
        raise click.ClickException(f"no plan {plan_id}")
    return plan


def _user(email: str | None) -> User:
    stmt = select(User).where(User.active.is_(True))
    stmt = stmt.where(User.email == email.lower()) if email else stmt.where(
        User.role == "admin").order_by(User.id)
    user = db.session.scalars(stmt).first()
    if user is None:
        raise click.ClickException(f"no active user {email}" if email else "no active admin")
    return user


def _report(preview) -> None:
    click.echo(_("Sheet \"%(s)s\": %(c)d to create, %(u)d to change, %(n)d unchanged; "
                 "%(o)d events of the plan are not in the file.", s=preview.sheet,
                 c=preview.count("create"), u=preview.count("change"),
                 n=preview.count("unchanged"), o=preview.untouched))
    for problem in preview.problems:
        where = ", ".join(p for p in (f"row {problem.row}" if problem.row else "",
                                      problem.column or "") if p)
        click.echo(f"  {problem.severity}: {where}: {problem.message}", err=True)


def _json(preview, plan: Plan) -> None:
    click.echo(json.dumps(describe(preview, plan), ensure_ascii=False, indent=2))


@click.command("import-plan")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--plan", "plan_id", type=int, required=True, help="The plan's id.")
@click.option("--dry-run", is_flag=True, help="Show what would change; write nothing.")
@click.option("--as", "email", help="Act as this user (default: the first active admin).")
@click.option("--json", "as_json", is_flag=True,
              help="Print the preview as JSON: every row as read, its action and problems.")
@with_appcontext
def import_plan_command(file: str, plan_id: int, dry_run: bool, email: str | None,
                        as_json: bool) -> None:
    """Import a plan table (XLSX or CSV) into a plan; all or nothing."""
    report = (lambda preview: _json(preview, plan)) if as_json else _report
    plan, user = _plan(plan_id), _user(email)
    limit = int(current_app.config.get("PLAN_IMPORT_MAX_BYTES") or plan_io.MAX_BYTES)
    if os.path.getsize(file) > limit:
        raise click.ClickException(_("The file is larger than %(n)d MB.",
                                     n=limit // (1024 * 1024)))
    with open(file, "rb") as handle:
        content = handle.read()
    name = os.path.basename(file)
    try:
        if dry_run:
            preview = plan_io.preview_import(plan, user, content, name, max_bytes=limit)
        else:
            preview = plan_io.commit_import(plan, user, content, name, max_bytes=limit)
    except plan_io.ImportRefused as exc:
        report(exc.preview)
        db.session.rollback()
        raise click.ClickException(exc.message) from None
    except DomainError as exc:
        db.session.rollback()
        raise click.ClickException(exc.message) from None
    report(preview)
    if dry_run:
        db.session.rollback()
        if preview.errors:
            raise SystemExit(1)
        return
    db.session.commit()
    if not as_json:
        click.echo(_("Imported."))


@click.command("export-plan")
@click.argument("plan_id", type=int)
@click.argument("file", type=click.Path(dir_okay=False, writable=True))
@click.option("--lang", type=click.Choice(["kk", "ru", "en"]), default=None,
              help="Language of the headers and names (default: the configured one).")
@with_appcontext
def export_plan_command(plan_id: int, file: str, lang: str | None) -> None:
    """Write a plan as an XLSX table in the standard format."""
    plan = _plan(plan_id)
    lang = lang or current_app.config["BABEL_DEFAULT_LOCALE"]
    with in_language(lang):
        content = plan_io.export_plan(plan, lang)
    with open(file, "wb") as handle:
        handle.write(content)
    click.echo(f"{file}: {len(content)} bytes")


COMMANDS = (import_plan_command, export_plan_command)
