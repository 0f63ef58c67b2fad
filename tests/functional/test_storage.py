"""Files in an S3-compatible store (moto's server on loopback): same checks, same rules."""

from __future__ import annotations

import io
import os

import pytest
from PIL import Image

from eventplan.extensions import db
from eventplan.services.completion import attachments
from eventplan.storage import LocalStorage, S3Storage, from_config, get_storage
from tests.functional.test_completion_attachments import png_bytes, stored, upload
from tests.functional.test_completion_attachments import report as report  # a fixture
from tests.s3 import s3_server as s3_server  # a fixture


@pytest.fixture
def bucket(app, s3_server):
    name = s3_server.new_bucket()
    app.config.update(s3_server.config(name, prefix="eventplan/files"))
    return name


def test_the_default_is_the_instance_folder_and_a_file_url_names_another(app, tmp_path):
    store = get_storage()
    assert isinstance(store, LocalStorage)
    assert store.root == os.path.join(app.instance_path, "uploads")
    app.config["STORAGE_URL"] = f"file://{tmp_path}/shared%20files"
    assert get_storage().root == f"{tmp_path}/shared files"
    app.config["STORAGE_URL"] = "ftp://files.example/"
    with pytest.raises(ValueError, match="STORAGE_URL"):
        from_config(app)


def test_local_keys_cannot_leave_the_folder(tmp_path):
    store = LocalStorage(str(tmp_path))
    for key in ("../etc/passwd", "a/b", ".hidden", ""):
        with pytest.raises(ValueError):
            store.write(key, b"x", "text/plain")


def test_the_s3_store_writes_reads_and_deletes_under_its_prefix(app, bucket, s3_server):
    store = get_storage()
    assert isinstance(store, S3Storage)
    store.write("abc123", "Сурет — фото".encode(), "text/plain")
    assert s3_server.keys(bucket) == {"eventplan/files/abc123"}
    assert store.read("abc123").decode() == "Сурет — фото"
    assert store.read("missing") is None
    store.delete("abc123")
    store.delete("abc123")  # already gone: no error
    assert s3_server.keys(bucket) == set()


def test_an_upload_goes_to_the_bucket_and_is_served_after_the_access_check(
        app, client, auth, report, bucket, s3_server):
    auth.login("other_coordinator")
    data = png_bytes()
    assert upload(client, report, data, "Той.png").status_code == 302
    (attachment,) = stored(report)
    assert s3_server.keys(bucket) == {f"eventplan/files/{attachment.stored_name}",
                                      f"eventplan/files/{attachment.stored_name}.thumb.jpg"}
    assert not os.path.exists(os.path.join(app.instance_path, "uploads"))  # nothing local
    download = client.get(f"/completion/attachments/{attachment.id}")
    assert download.status_code == 200 and download.data == data
    assert download.headers["Content-Disposition"].startswith("attachment")
    assert "%D0%A2%D0%BE%D0%B9.png" in download.headers["Content-Disposition"]  # Той.png
    again = client.get(f"/completion/attachments/{attachment.id}",
                       headers={"If-None-Match": download.headers["ETag"]})
    assert again.status_code == 304
    thumb = client.get(f"/completion/attachments/{attachment.id}/thumb")
    assert thumb.mimetype == "image/jpeg"
    with Image.open(io.BytesIO(thumb.data)) as picture:
        assert max(picture.size) <= 320
    auth.logout()
    auth.login("coordinator")  # another agency's coordinator, before the report is accepted
    denied = client.get(f"/completion/attachments/{attachment.id}")
    assert denied.status_code == 404 and denied.data != data
    auth.logout()
    assert client.get(f"/completion/attachments/{attachment.id}/thumb").status_code == 302


def test_a_missing_object_is_a_404_not_a_500(app, client, auth, report, bucket, s3_server):
    auth.login("other_coordinator")
    upload(client, report, png_bytes(), "photo.png")
    (attachment,) = stored(report)
    s3_server.client().delete_object(Bucket=bucket,
                                     Key=f"eventplan/files/{attachment.stored_name}")
    assert client.get(f"/completion/attachments/{attachment.id}").status_code == 404


def test_a_rolled_back_upload_leaves_nothing_in_the_bucket(app, world, report, bucket,
                                                           s3_server):
    user = world.users["other_coordinator"]
    attachments.add_attachment(report, user, io.BytesIO(png_bytes()), "p.png", get_storage())
    assert len(s3_server.keys(bucket)) == 2
    db.session.rollback()
    assert s3_server.keys(bucket) == set()


def test_a_deletion_removes_objects_only_once_committed(app, world, report, bucket, s3_server):
    user = world.users["other_coordinator"]
    attachment = attachments.add_attachment(report, user, io.BytesIO(png_bytes()), "p.png",
                                            get_storage())
    db.session.commit()
    kept = s3_server.keys(bucket)
    attachments.delete_attachment(attachment, user, get_storage())
    assert s3_server.keys(bucket) == kept  # flushed, not committed: still there
    db.session.rollback()
    assert s3_server.keys(bucket) == kept
    db.session.expire_all()
    attachment = db.session.get(type(attachment), attachment.id)
    attachments.delete_attachment(attachment, user, get_storage())
    db.session.commit()
    assert s3_server.keys(bucket) == set()
