"""Where built feed bodies are kept, and what each process remembers about them.

- A built body is written once to ``<FEED_FILES_DIR>/<etag>.ics`` with its gzip form beside it
  (``.ics.gz``), streamed while it is written (the body is never held in memory) and named by
  the hash of its content, so workers share files and a half-written file is never seen
  (written under a temporary name, then renamed).
- Each process keeps the change counter (``feed_generation``) it last read and reads it again at
  most once per ``FEED_GENERATION_SECONDS``, plus the ETag of every feed it served for that
  counter. A poll that changed nothing then costs no database read at all (a private feed still
  checks its token and owner). A commit of this process that raised the counter forgets the
  remembered value at once, so its own edits show on the next poll; other processes' edits show
  within that second.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import os
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from flask import current_app
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from eventplan.extensions import db
from eventplan.models import FeedGeneration

BUMPED = "eventplan_feed_bumped"  # session.info flag: this transaction raised the counter


@dataclass(frozen=True)
class Kept:
    state: str
    etag: str
    last_modified: datetime


class Memo:
    """One per application (so per process): the counter and the feeds served for it."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.generation: int | None = None
        self.read_at = 0.0
        self.kept: dict[str, Kept] = {}
        self.names: dict[str, tuple] = {}  # e.g. a public slug's programme, for this counter

    def forget(self) -> None:
        with self.lock:
            self.generation = None
            self.kept.clear()
            self.names.clear()


def memo() -> Memo:
    found = current_app.extensions.get("eventplan_feed_memo")
    if found is None:
        found = current_app.extensions["eventplan_feed_memo"] = Memo()
    return found


def read_generation() -> int:
    return db.session.scalar(select(FeedGeneration.value).where(FeedGeneration.id == 1)) or 0


def generation() -> int:
    """The change counter, read from the database at most once per FEED_GENERATION_SECONDS."""
    m = memo()
    ttl = float(current_app.config.get("FEED_GENERATION_SECONDS", 1.0))
    now = time.monotonic()
    with m.lock:
        if m.generation is not None and now - m.read_at < ttl:
            return m.generation
    return note_generation(read_generation(), now)


def note_generation(value: int, now: float | None = None) -> int:
    """Remember a counter just read from the database (forgetting ETags of older ones)."""
    m = memo()
    now = time.monotonic() if now is None else now
    with m.lock:
        if m.generation != value:
            m.kept.clear()
            m.names.clear()
        m.generation, m.read_at = value, now
    return value


def remembered(key: str, state: str) -> Kept | None:
    m = memo()
    with m.lock:
        kept = m.kept.get(key)
    return kept if kept is not None and kept.state == state else None


def remember(key: str, kept: Kept) -> None:
    m = memo()
    with m.lock:
        if len(m.kept) > 10_000:
            m.kept.clear()
        m.kept[key] = kept


def _after_commit(session: Session) -> None:
    if session.info.pop(BUMPED, False):
        with contextlib.suppress(RuntimeError):  # no application context: nothing kept
            memo().forget()


def _after_rollback(session: Session, _transaction=None) -> None:
    session.info.pop(BUMPED, None)


def install_listeners() -> None:
    for name, fn in (("after_commit", _after_commit), ("after_soft_rollback", _after_rollback)):
        if not event.contains(db.session, name, fn):
            event.listen(db.session, name, fn)


# --- files ----------------------------------------------------------------------------------

def folder() -> Path:
    configured = current_app.config.get("FEED_FILES_DIR")
    path = Path(configured) if configured else Path(current_app.instance_path) / "feeds"
    made = current_app.extensions.setdefault("eventplan_feed_folders", set())
    if path not in made:  # once per process: polls only stat their files
        path.mkdir(parents=True, exist_ok=True)
        made.add(path)
    return path


def path_of(etag: str, gz: bool = False) -> Path:
    return folder() / f"{etag}.ics{'.gz' if gz else ''}"


def have(etag: str) -> bool:
    return path_of(etag).is_file() and path_of(etag, True).is_file()


class BodyWriter:
    """Writes a body in pieces to a plain and a gzip file at once; the name comes last."""

    def __init__(self) -> None:
        self.dir = folder()
        self.dir.mkdir(parents=True, exist_ok=True)  # builds are rare: make sure it is there
        self.sha = hashlib.sha1(usedforsecurity=False)  # a tag, not a secret
        self.size = 0
        fd, self.plain_name = tempfile.mkstemp(dir=self.dir, prefix=".build-", suffix=".ics")
        self.plain = os.fdopen(fd, "wb", buffering=1 << 20)
        fd, self.gz_name = tempfile.mkstemp(dir=self.dir, prefix=".build-", suffix=".gz")
        self.gz_raw = os.fdopen(fd, "wb", buffering=1 << 20)
        self.gz = gzip.GzipFile(fileobj=self.gz_raw, mode="wb", compresslevel=3, mtime=0)

    def write(self, text: str) -> None:
        data = text.encode()
        self.sha.update(data)
        self.size += len(data)
        self.plain.write(data)
        self.gz.write(data)

    def finish(self) -> str:
        """Close both files and give them their content's name; returns the ETag."""
        self.plain.close()
        self.gz.close()
        self.gz_raw.close()
        etag = self.sha.hexdigest()
        os.replace(self.plain_name, path_of(etag))
        os.replace(self.gz_name, path_of(etag, True))
        return etag

    def abandon(self) -> None:
        for f in (self.plain, self.gz, self.gz_raw):
            with contextlib.suppress(Exception):  # cleaning up after a failure already raised
                f.close()
        for name in (self.plain_name, self.gz_name):
            Path(name).unlink(missing_ok=True)


def prune(keep: set[str], older_than: float = 600.0) -> int:
    """Remove kept bodies no feed refers to any more (and left-over partial builds)."""
    removed, cutoff = 0, time.time() - older_than
    for path in folder().iterdir():
        etag = path.name.split(".ics")[0]
        if etag in keep and not path.name.startswith(".build-"):
            continue
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
        except FileNotFoundError:
            pass
    return removed
