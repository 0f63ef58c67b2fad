"""Uploaded plan tables kept between the preview and the confirmation.

The file lives under ``<instance>/imports/`` with a random name, bound to the user and the
plan that uploaded it, and checked against its hash when read back; the client only holds
the random name. Old files are swept on each new upload.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import time
from pathlib import Path

MAX_AGE = 24 * 3600  # seconds an unconfirmed upload is kept
TOKEN = re.compile(r"[A-Za-z0-9_-]{32}")


def store(folder: Path, user_id: int, plan_id: int, content: bytes, filename: str) -> str:
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    purge(folder)
    token = secrets.token_urlsafe(24)
    (folder / f"{token}.bin").write_bytes(content)
    meta = {"user_id": user_id, "plan_id": plan_id, "filename": filename[:200],
            "sha256": hashlib.sha256(content).hexdigest(), "stored": time.time()}
    (folder / f"{token}.json").write_text(json.dumps(meta), encoding="utf-8")
    return token


def load(folder: Path, token: str, user_id: int, plan_id: int) -> tuple[bytes, str] | None:
    """The stored bytes and file name, or None when missing, foreign, expired or altered."""
    if not TOKEN.fullmatch(token or ""):
        return None
    try:
        meta = json.loads((folder / f"{token}.json").read_text(encoding="utf-8"))
        content = (folder / f"{token}.bin").read_bytes()
    except (OSError, ValueError):
        return None
    if (meta.get("user_id"), meta.get("plan_id")) != (user_id, plan_id):
        return None
    if time.time() - float(meta.get("stored", 0)) > MAX_AGE:
        return None
    if hashlib.sha256(content).hexdigest() != meta.get("sha256"):
        return None
    return content, str(meta.get("filename") or "")


def discard(folder: Path, token: str) -> None:
    if TOKEN.fullmatch(token or ""):
        for suffix in (".bin", ".json"):
            (folder / f"{token}{suffix}").unlink(missing_ok=True)


def purge(folder: Path, max_age: float = MAX_AGE) -> None:
    cutoff = time.time() - max_age
    for path in folder.glob("*.*"):
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)
        except OSError:
            continue
