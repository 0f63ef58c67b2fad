"""Where uploaded files live: a local folder (the default) or an S3-compatible object store.

``STORAGE_URL`` chooses:
- unset or empty: ``<instance>/uploads/`` (one machine, as before);
- ``file:///srv/eventplan/uploads``: that folder (e.g. a shared mount);
- ``s3://bucket/optional/prefix``: an S3-compatible store (AWS, MinIO, Ceph) through boto3,
  with ``S3_ENDPOINT_URL`` (empty for AWS), ``S3_REGION`` and the credentials either in
  ``S3_ACCESS_KEY_ID`` / ``S3_SECRET_ACCESS_KEY`` or in boto3's usual places
  (``AWS_ACCESS_KEY_ID``..., an instance role).

Keys are flat random names chosen by the caller; objects are never listed. Files are read
through the application, after its access checks: the store itself stays private.
"""

from __future__ import annotations

import contextlib
import os
from typing import Protocol
from urllib.parse import unquote, urlsplit

from flask import Flask, current_app

_EXTENSION = "eventplan.storage"


class Storage(Protocol):
    def write(self, key: str, data: bytes, content_type: str) -> None: ...

    def read(self, key: str) -> bytes | None:
        """The object's bytes, or None when there is none under that key."""

    def delete(self, key: str) -> None:
        """Remove the object; no error when it is already gone."""


class LocalStorage:
    def __init__(self, root: str) -> None:
        self.root = root

    def path(self, key: str) -> str:
        if not key or "/" in key or "\\" in key or key.startswith("."):
            raise ValueError(f"bad storage key {key!r}")
        return os.path.join(self.root, key)

    def write(self, key: str, data: bytes, content_type: str) -> None:
        os.makedirs(self.root, exist_ok=True)
        with open(self.path(key), "xb") as handle:  # random names never collide; never overwrite
            handle.write(data)

    def read(self, key: str) -> bytes | None:
        try:
            with open(self.path(key), "rb") as handle:
                return handle.read()
        except FileNotFoundError:
            return None

    def delete(self, key: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            os.remove(self.path(key))

    def __repr__(self) -> str:
        return f"LocalStorage({self.root!r})"


class S3Storage:
    def __init__(self, bucket: str, prefix: str, client) -> None:
        self.bucket = bucket
        self.prefix = prefix.strip("/") + "/" if prefix.strip("/") else ""
        self.client = client

    def write(self, key: str, data: bytes, content_type: str) -> None:
        self.client.put_object(Bucket=self.bucket, Key=self.prefix + key, Body=data,
                               ContentType=content_type)

    def read(self, key: str) -> bytes | None:
        try:
            answer = self.client.get_object(Bucket=self.bucket, Key=self.prefix + key)
        except self.client.exceptions.NoSuchKey:
            return None
        with contextlib.closing(answer["Body"]) as body:
            return body.read()

    def delete(self, key: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=self.prefix + key)

    def __repr__(self) -> str:
        return f"S3Storage({self.bucket!r}, {self.prefix!r})"


def s3_client(config):
    """A boto3 client from the settings (path-style addressing when an endpoint is given)."""
    import boto3
    from botocore.config import Config

    endpoint = config.get("S3_ENDPOINT_URL") or None
    return boto3.client(
        "s3", endpoint_url=endpoint, region_name=config.get("S3_REGION") or "us-east-1",
        aws_access_key_id=config.get("S3_ACCESS_KEY_ID") or None,
        aws_secret_access_key=config.get("S3_SECRET_ACCESS_KEY") or None,
        config=Config(s3={"addressing_style": "path" if endpoint else "auto"},
                      retries={"max_attempts": 3, "mode": "standard"},
                      connect_timeout=5, read_timeout=30))


def from_config(app: Flask) -> Storage:
    url = str(app.config.get("STORAGE_URL") or "").strip()
    if not url:
        return LocalStorage(os.path.join(app.instance_path, "uploads"))
    parts = urlsplit(url)
    if parts.scheme == "file":
        return LocalStorage(unquote(parts.path))
    if parts.scheme == "s3" and parts.netloc:
        return S3Storage(parts.netloc, unquote(parts.path), s3_client(app.config))
    raise ValueError(f"STORAGE_URL must be empty, file:///folder or s3://bucket/prefix: {url!r}")


def get_storage() -> Storage:
    """The application's store, made on first use (no network at start-up)."""
    app = current_app._get_current_object()
    url = app.config.get("STORAGE_URL") or ""
    kept = app.extensions.get(_EXTENSION)
    # The default folder follows instance_path, which tests move after create_app.
    if kept is None or kept[0] != (url, app.instance_path):
        kept = ((url, app.instance_path), from_config(app))
        app.extensions[_EXTENSION] = kept
    return kept[1]
