"""Commands of the reminders: ``eventplan scheduler`` and ``eventplan send-due``."""

from __future__ import annotations

import logging
from datetime import datetime

import click
from flask import current_app
from flask.cli import with_appcontext

from eventplan import scheduler


def _start(now: str | None) -> datetime | None:
    raw = now or current_app.config.get("NOW")
    if not raw:
        return None
    try:
        return scheduler.parse_instant(str(raw))
    except ValueError:
        raise click.BadParameter(f"not an ISO date and time: {raw!r}", param_hint="--now") from None


@click.command("send-due")
@click.option("--now", "now", metavar="ISO", help="Act as if it were this instant (UTC "
              "unless an offset is given), e.g. 2021-03-25T09:00+06:00.")
@with_appcontext
def send_due_command(now: str | None) -> None:
    """Run one reminder sweep, build due digests and send the outbox, now."""
    instant = scheduler.make_clock(_start(now))()
    created = scheduler.run_sweep(instant)
    digests = scheduler.run_digests(instant)
    sent = scheduler.run_send(instant)
    click.echo(f"created {sum(created.values())} {dict(sorted(created.items()))}; "
               f"digests {digests}; sent {sent['sent']}, retry later {sent['retry']}, "
               f"failed {sent['failed']}")


@click.command("scheduler")
@click.option("--now", "now", metavar="ISO", help="Start the clock at this instant (it then "
              "runs on); for rehearsals and tests. Also EVENTPLAN_NOW.")
@with_appcontext
def scheduler_command(now: str | None) -> None:
    """Run the scheduler (sweeps, digests, sending, heartbeat) in the foreground."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    runner = scheduler.Runner(app, scheduler.make_clock(_start(now)))
    click.echo(f"scheduler {runner.holder} waiting for the lock")
    scheduler.run_in_foreground(runner)


COMMANDS = (send_due_command, scheduler_command)
