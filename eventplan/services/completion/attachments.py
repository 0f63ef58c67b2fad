"""Evidence files of a completion report: checked by content, stored by random names.

The type comes from the file's first bytes (and, for DOCX/XLSX, the zip's members), never
from its name or the browser's content type. Files live in the configured store
(eventplan/storage.py: ``<instance>/uploads/`` by default, or an S3-compatible bucket shared
by every app server); a file written in a request that rolls back is removed, and a detached
file is removed only once the deletion is committed.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import secrets
import warnings
import zipfile
from typing import IO

from flask_babel import gettext as _
from sqlalchemy import event as sa_event
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eventplan import parsing
from eventplan.extensions import db
from eventplan.models import CompletionReport, ReportAttachment, User
from eventplan.services import audit
from eventplan.services.completion.filing import not_editable_message
from eventplan.services.errors import NotAllowed, ValidationError
from eventplan.storage import LocalStorage, Storage

MAX_FILE_SIZE = 10 * 1024 * 1024
MAX_FILES = 10
MAX_IMAGE_PIXELS = 50_000_000  # a larger picture is refused before it is decoded
THUMB_SIZE = (320, 320)
CONTENT_TYPES = {
    "jpeg": "image/jpeg",
    "png": "image/png",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
EXTENSIONS = {"jpeg": "jpg", "png": "png", "pdf": "pdf", "docx": "docx", "xlsx": "xlsx"}
PIL_FORMATS = {"jpeg": "JPEG", "png": "PNG"}
_WRITTEN = "eventplan.files_written"  # session.info keys
_TO_DELETE = "eventplan.files_to_delete"


# Keeping files in step with the transaction ----------------------------------------------

def _remove(files: list[tuple[Storage, str]]) -> None:
    for store, key in files:
        try:
            store.delete(key)
        except Exception:  # the transaction is over: an orphan file is logged, not raised
            logging.getLogger(__name__).exception("could not remove %s from %r", key, store)


def _after_commit(session: Session) -> None:
    session.info.pop(_WRITTEN, None)
    _remove(session.info.pop(_TO_DELETE, []))


def _after_rollback(session: Session) -> None:
    session.info.pop(_TO_DELETE, None)
    _remove(session.info.pop(_WRITTEN, []))


def install_listeners() -> None:
    """Called once by the app factory (database.install_listeners), not at import."""
    if not sa_event.contains(Session, "after_commit", _after_commit):
        sa_event.listen(Session, "after_commit", _after_commit)
        sa_event.listen(Session, "after_rollback", _after_rollback)


# Type detection --------------------------------------------------------------------------

def detect_kind(data: bytes) -> str | None:
    """``jpeg``, ``png``, ``pdf``, ``docx`` or ``xlsx`` from the content; None otherwise."""
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, ValueError, OSError):
            return None
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
    return None


def make_thumbnail(data: bytes, kind: str) -> bytes:
    """A small JPEG of the picture; ValidationError when Pillow cannot decode it."""
    from PIL import Image, ImageFile, ImageOps

    refused = ValidationError(_("The file is not a valid image."), "file")
    if ImageFile.LOAD_TRUNCATED_IMAGES:  # another library turned it on for the process
        ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                if image.format != PIL_FORMATS[kind]:
                    raise refused
                width, height = image.size
                if width * height > MAX_IMAGE_PIXELS:
                    raise ValidationError(_("The picture is too large (at most 50 megapixels)."),
                                          "file")
                image.load()  # decodes every pixel: a truncated or broken file fails here
                picture = ImageOps.exif_transpose(image).convert("RGB")
                picture.thumbnail(THUMB_SIZE)
                out = io.BytesIO()
                picture.save(out, "JPEG", quality=80)
                return out.getvalue()
    except ValidationError:
        raise
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError,
            Image.DecompressionBombWarning):
        raise refused from None


# Keys ------------------------------------------------------------------------------------

def file_key(attachment: ReportAttachment) -> str:
    return attachment.stored_name


def thumb_key(attachment: ReportAttachment) -> str:
    return attachment.stored_name + ".thumb.jpg"


def file_path(uploads_dir: str, attachment: ReportAttachment) -> str:
    """Where a local folder store keeps the file."""
    return LocalStorage(uploads_dir).path(file_key(attachment))


def thumb_path(uploads_dir: str, attachment: ReportAttachment) -> str:
    return LocalStorage(uploads_dir).path(thumb_key(attachment))


def download_name(attachment: ReportAttachment) -> str:
    """The uploaded name with the extension of the detected type (a PNG named .pdf: .png)."""
    stem = os.path.splitext(os.path.basename(attachment.original_name))[0] or "file"
    return f"{stem}.{EXTENSIONS[attachment.kind]}"


def _write(session: Session, store: Storage, key: str, data: bytes, content_type: str) -> None:
    session.info.setdefault(_WRITTEN, []).append((store, key))
    store.write(key, data, content_type)


# Operations ------------------------------------------------------------------------------

def _ensure_editable(report: CompletionReport, user: User) -> None:
    if not report.is_reporter(user):
        raise NotAllowed(_("Only the reporting agency can change its report's files."))
    if not report.is_editable:
        raise NotAllowed(not_editable_message(report))


def add_attachment(report: CompletionReport, user: User, stream: IO[bytes], filename: str,
                   store: Storage) -> ReportAttachment:
    """Check and keep one uploaded file; the caller commits (or the files are removed)."""
    _ensure_editable(report, user)
    # Serialise uploads to one report so two at once cannot pass the count together.
    db.session.execute(select(CompletionReport.id).where(CompletionReport.id == report.id)
                       .with_for_update())
    count = db.session.scalar(select(func.count(ReportAttachment.id))
                              .where(ReportAttachment.report_id == report.id))
    if count >= MAX_FILES:
        raise ValidationError(_("A report can have at most %(n)d files.", n=MAX_FILES), "file")
    data = stream.read(MAX_FILE_SIZE + 1)
    if not data:
        raise ValidationError(_("Choose a file to upload."), "file")
    if len(data) > MAX_FILE_SIZE:
        raise ValidationError(_("A file can be at most 10 MB."), "file")
    kind = detect_kind(data)
    if kind is None:
        raise ValidationError(_("Only JPEG, PNG, PDF, DOCX and XLSX files are accepted."),
                              "file")
    thumbnail = make_thumbnail(data, kind) if kind in PIL_FORMATS else None
    name = parsing.file_name(filename)
    attachment = ReportAttachment(
        report=report, stored_name=secrets.token_hex(20), original_name=name, kind=kind,
        content_type=CONTENT_TYPES[kind], size=len(data),
        sha256=hashlib.sha256(data).hexdigest(), uploaded_by_id=user.id)
    session = db.session()
    _write(session, store, file_key(attachment), data, attachment.content_type)
    if thumbnail is not None:
        _write(session, store, thumb_key(attachment), thumbnail, "image/jpeg")
    db.session.add(attachment)
    db.session.flush()
    audit.record(user, "report.attach", report,
                 {"attachment": [None, f"{name} ({kind}, {len(data)} B)"]},
                 note=attachment.sha256)
    return attachment


def delete_attachment(attachment: ReportAttachment, user: User, store: Storage) -> None:
    """Detach the file; it leaves the store when the deletion is committed."""
    report = attachment.report
    _ensure_editable(report, user)
    session = db.session()
    session.info.setdefault(_TO_DELETE, []).extend(
        [(store, file_key(attachment)), (store, thumb_key(attachment))])
    audit.record(user, "report.detach", report,
                 {"attachment": [f"{attachment.original_name} ({attachment.kind})", None]},
                 note=attachment.sha256)
    report.attachments.remove(attachment)  # delete-orphan: the row goes at flush
    db.session.flush()
