"""``eventplan copy-programme``: next year's programme from this year's."""

from __future__ import annotations

from datetime import date

import click
from flask.cli import with_appcontext

from eventplan.extensions import db
from eventplan.services.errors import DomainError
from eventplan.services.programmes import programme_by_slug


def _day(_ctx, _param, value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"not a date (YYYY-MM-DD): {value!r}") from None


@click.command("copy-programme")
@click.argument("source")
@click.argument("new_slug")
@click.option("--start", "starts_on", required=True, callback=_day, metavar="YYYY-MM-DD",
              help="First day of the new programme; every date shifts by the same offset "
                   "(whole years when month and day match, else exact days).")
@click.option("--parts", default="blocks,sections,plan,skeletons,commemorations",
              show_default=True, help="Comma-separated parts to copy.")
@click.option("--name-kk", default="", help="Title in Kazakh (default: the source's).")
@click.option("--name-ru", default="", help="Title in Russian (default: the source's).")
@click.option("--name-en", default="", help="Title in English (default: the source's).")
@with_appcontext
def copy_programme_command(source: str, new_slug: str, starts_on: date, parts: str,
                           name_kk: str, name_ru: str, name_en: str) -> None:
    """Copy programme SOURCE as NEW_SLUG starting on --start, in one transaction."""
    from eventplan.services.programme_copy import copy_programme

    programme = programme_by_slug(source)
    if programme is None:
        raise click.ClickException(f"no programme {source!r}")
    names = {"kk": name_kk or programme.name_kk or "", "ru": name_ru or programme.name_ru or "",
             "en": name_en or programme.name_en or ""}
    try:
        new = copy_programme(programme, None, slug=new_slug, names=names, starts_on=starts_on,
                             parts=[p.strip() for p in parts.split(",") if p.strip()])
    except DomainError as exc:
        db.session.rollback()
        raise click.ClickException(exc.message) from None
    db.session.commit()
    events = sum(len(p.events) for p in new.plans)
    click.echo(f"Created {new.slug}: {new.starts_on} .. {new.ends_on}, {len(new.sections)} "
               f"sections, {len(new.plans)} draft plans, {events} events, "
               f"{len(new.commemorations)} commemorations.")


COMMANDS = (copy_programme_command,)
