"""Alembic environment for eventplan, run through Flask-Migrate (``flask db …``)."""

from __future__ import annotations

import logging

import sqlalchemy as sa
from alembic import context
from flask import current_app

from eventplan.models.base import UTCDateTime

log = logging.getLogger("alembic.env")
config = context.config
db = current_app.extensions["migrate"].db
options = current_app.extensions["migrate"].configure_args


def render_item(type_: str, obj, autogen_context):
    """Write our column types as the plain SQLAlchemy types they store as."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime()"
    return False


def skip_empty_revisions(context_, revision, directives) -> None:
    if getattr(config.cmd_opts, "autogenerate", False) and directives[0].upgrade_ops.is_empty():
        directives[:] = []
        log.info("No changes in schema detected.")


def configure(**kwargs) -> None:
    context.configure(
        target_metadata=db.metadata,
        render_item=render_item,
        process_revision_directives=skip_empty_revisions,
        **{**options, **kwargs},
    )


def run_offline() -> None:
    configure(url=db.engine.url.render_as_string(hide_password=False), literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    with db.engine.connect() as connection:
        configure(connection=connection)
        with context.begin_transaction():
            context.run_migrations()
        if connection.in_transaction():
            connection.commit()


if context.is_offline_mode():
    run_offline()
else:
    run_online()

__all__ = ["sa"]
