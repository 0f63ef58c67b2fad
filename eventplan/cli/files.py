"""``eventplan files export|import DIR``: copy report files between the store and a folder.

For backups and for moving between stores (the instance folder, a shared mount, a bucket):
the database names every file (``report_attachment.stored_name``), so nothing is listed; the
folder holds one file per key, checked against the recorded sha256 both ways.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import click
from flask.cli import with_appcontext
from sqlalchemy import select

from eventplan.extensions import db
from eventplan.models import ReportAttachment
from eventplan.services.completion.attachments import PIL_FORMATS, file_key, thumb_key
from eventplan.storage import get_storage


def _attachments() -> list[ReportAttachment]:
    return list(db.session.scalars(select(ReportAttachment).order_by(ReportAttachment.id)))


def _keys(attachment: ReportAttachment) -> list[str]:
    keys = [file_key(attachment)]
    if attachment.kind in PIL_FORMATS:
        keys.append(thumb_key(attachment))
    return keys


def _sound(attachment: ReportAttachment, key: str, data: bytes) -> bool:
    return key != file_key(attachment) or hashlib.sha256(data).hexdigest() == attachment.sha256


@click.group("files")
def files_group() -> None:
    """Copy report files between the configured store and a folder."""


@files_group.command("export")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@with_appcontext
def export_command(folder: Path) -> None:
    """Copy every report file (and thumbnail) from the store into FOLDER."""
    folder.mkdir(parents=True, exist_ok=True)
    store, copied, problems = get_storage(), 0, []
    for attachment in _attachments():
        for key in _keys(attachment):
            data = store.read(key)
            if data is None or not _sound(attachment, key, data):
                problems.append(f"{key} (attachment {attachment.id}): "
                                f"{'missing' if data is None else 'sha256 differs'}")
                continue
            (folder / key).write_bytes(data)
            copied += 1
    click.echo(f"{copied} files copied from {store!r} to {folder}")
    if problems:
        raise click.ClickException("not copied:\n  " + "\n  ".join(problems))


@files_group.command("import")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@with_appcontext
def import_command(folder: Path) -> None:
    """Put the files FOLDER holds for this database's attachments into the store."""
    store, copied, kept, problems = get_storage(), 0, 0, []
    for attachment in _attachments():
        for key in _keys(attachment):
            source = folder / key
            if not os.path.isfile(source):
                problems.append(f"{key} (attachment {attachment.id}): not in the folder")
                continue
            data = source.read_bytes()
            existing = store.read(key)
            if not _sound(attachment, key, data):
                problems.append(f"{key} (attachment {attachment.id}): sha256 differs")
            elif existing == data:
                kept += 1
            else:
                if existing is not None:
                    store.delete(key)  # a local store never overwrites in place
                content_type = attachment.content_type if key == file_key(attachment) else (
                    "image/jpeg")
                store.write(key, data, content_type)
                copied += 1
    click.echo(f"{copied} files copied into {store!r}, {kept} already there")
    if problems:
        raise click.ClickException("not copied:\n  " + "\n  ".join(problems))


COMMANDS = (files_group,)
