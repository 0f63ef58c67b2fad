"""``eventplan report-document``: the official progress report to a file (DOCX or PDF)."""

from __future__ import annotations

import os
from datetime import date

import click
from flask.cli import with_appcontext

from eventplan.services import document, reports
from eventplan.services.deadlines import programme_today
from eventplan.services.document import content, requisites
from eventplan.services.programmes import programme_by_slug


def _date(value: str | None, name: str, default: date) -> date:
    if not value:
        return default
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"not a date (YYYY-MM-DD): {value!r}",
                                 param_hint=name) from None


@click.command("report-document")
@click.argument("slug")
@click.argument("file", type=click.Path(dir_okay=False, writable=True))
@click.option("--lang", type=click.Choice(["kk", "ru", "en"]), default="ru", show_default=True,
              help="Language of the letter.")
@click.option("--from", "start", metavar="YYYY-MM-DD", help="First day (default: the "
              "programme's).")
@click.option("--to", "end", metavar="YYYY-MM-DD", help="Last day (default: the programme's).")
@click.option("--as-of", "as_of", metavar="YYYY-MM-DD", help="Stages as of this day "
              "(default: today in the programme's time zone).")
@click.option("--format", "fmt", type=click.Choice(document.FORMATS), default=None,
              help="docx or pdf (default: from the file's extension, else docx).")
@with_appcontext
def report_document_command(slug: str, file: str, lang: str, start: str | None,
                            end: str | None, as_of: str | None, fmt: str | None) -> None:
    """Write the progress report (information letter) of programme SLUG to FILE, with the
    requisites last saved on the form."""
    programme = programme_by_slug(slug)
    if programme is None:
        raise click.ClickException(f"no programme {slug!r}")
    period = reports.Period(_date(start, "--from", programme.starts_on),
                          _date(end, "--to", programme.ends_on),
                          _date(as_of, "--as-of", programme_today(programme)))
    for value, name in ((period.start, "--from"), (period.end, "--to"), (period.as_of, "--as-of")):
        if not date(1900, 1, 1) <= value <= date(2199, 12, 31):
            raise click.BadParameter("the date must be from 1900 to 2199", param_hint=name)
    if period.start > period.end:
        raise click.BadParameter("the start is after the end", param_hint="--from")
    if fmt is None:
        ext = os.path.splitext(file)[1].lower().lstrip(".")
        fmt = ext if ext in document.FORMATS else "docx"
    letter = content.build(programme, period, lang, requisites.load(programme))
    data = document.render(letter, fmt)
    with open(file, "wb") as out:
        out.write(data)
    click.echo(f"{file}: {fmt}, {len(data)} bytes, {period.start}..{period.end} "
               f"as of {period.as_of}, {lang}")


COMMANDS = (report_document_command,)
