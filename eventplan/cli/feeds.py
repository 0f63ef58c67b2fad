"""``eventplan warm-feeds``: render every missing calendar-feed fragment now."""

from __future__ import annotations

import time

import click
from flask.cli import with_appcontext

from eventplan.models.feed import FEED_LANGS
from eventplan.services import feed_warm


@click.command("warm-feeds")
@click.option("--lang", "langs", multiple=True, type=click.Choice(FEED_LANGS),
              help="Only this language (repeatable); default: every language a feed is read in.")
@click.option("--batch", default=feed_warm.BATCH, show_default=True, type=click.IntRange(1),
              help="Events per committed batch.")
@with_appcontext
def warm_feeds_command(langs: tuple[str, ...], batch: int) -> None:
    """Render the feed fragments that are missing or old, in committed batches.

    Safe to interrupt and to run beside the scheduler: what was committed stays, and the next
    run starts where this one stopped."""
    started = time.monotonic()

    def progress(lang: str, done: int) -> None:
        click.echo(f"{lang}: {done} rendered ({time.monotonic() - started:.0f} s)")

    done = feed_warm.warm(feed_warm.warm_base(), batch=batch,
                          langs=langs or None, after_batch=progress)
    removed = feed_warm.prune_files()
    click.echo(f"done in {time.monotonic() - started:.1f} s: "
               + (", ".join(f"{lang} {n}" for lang, n in done.items()) or "no feed languages")
               + f"; {removed} old feed files removed")


COMMANDS = (warm_feeds_command,)
