"""Report files: type from content, size and count limits, random names, access-checked
downloads with safe headers, the 413 page, and files following the transaction."""

from __future__ import annotations

import hashlib
import io
import os
import zipfile

import pytest
from PIL import Image

from eventplan.extensions import db
from eventplan.models import AuditEntry, CompletionReport, ReportAttachment
from eventplan.services.completion import attachments
from eventplan.services.errors import ValidationError
from eventplan.storage import LocalStorage


def png_bytes(size=(640, 480), colour=(200, 30, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


def jpeg_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (800, 600), (10, 120, 200)).save(out, "JPEG")
    return out.getvalue()


def office_bytes(member: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(member, "<x/>")
    return out.getvalue()


@pytest.fixture
def report(world):
    report = CompletionReport(event=world.events["summit"], agency=world.agencies["AKIMAT_AKMOLA"],
                              status="draft", links=[])
    db.session.add(report)
    db.session.commit()
    return report


@pytest.fixture
def uploads(app):
    return os.path.join(app.instance_path, "uploads")


def upload(client, report, data: bytes, name: str):
    return client.post(f"/completion/{report.id}/attachments",
                       data={"file": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


def stored(report) -> list[ReportAttachment]:
    db.session.expire_all()
    return list(db.session.scalars(db.select(ReportAttachment).where(
        ReportAttachment.report_id == report.id).order_by(ReportAttachment.id)))


# Accepted files ------------------------------------------------------------------------------

def test_a_photo_is_stored_by_a_random_name_with_its_hash_and_a_thumbnail(client, auth, report,
                                                                         uploads):
    auth.login("other_coordinator")
    data = png_bytes()
    response = upload(client, report, data, "Concert photo.png")
    assert response.status_code == 302
    (attachment,) = stored(report)
    assert (attachment.kind, attachment.content_type, attachment.size) == (
        "png", "image/png", len(data))
    assert attachment.sha256 == hashlib.sha256(data).hexdigest()
    assert attachment.original_name == "Concert photo.png"
    assert "Concert" not in attachment.stored_name and len(attachment.stored_name) >= 32
    with open(os.path.join(uploads, attachment.stored_name), "rb") as handle:
        assert handle.read() == data
    with Image.open(attachments.thumb_path(uploads, attachment)) as thumb:
        assert max(thumb.size) <= 320
    page = client.get(f"/completion/{report.id}").get_data(as_text=True)
    assert f"/completion/attachments/{attachment.id}/thumb" in page
    entry = db.session.scalars(db.select(AuditEntry).where(
        AuditEntry.action == "report.attach")).one()
    assert (entry.object_type, entry.object_id) == ("completion_report", report.id)


@pytest.mark.parametrize(("data", "name", "kind"), [
    (jpeg_bytes(), "photo.JPG", "jpeg"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n", "act.pdf", "pdf"),
    (office_bytes("word/document.xml"), "report.docx", "docx"),
    (office_bytes("xl/workbook.xml"), "numbers.xlsx", "xlsx"),
])
def test_the_five_accepted_types(client, auth, report, data, name, kind):
    auth.login("other_coordinator")
    assert upload(client, report, data, name).status_code == 302
    assert stored(report)[0].kind == kind


def test_a_png_named_pdf_is_kept_as_a_png_and_downloads_as_png(client, auth, report):
    # Rule: the content decides; the name is only shown, and its extension is corrected.
    auth.login("other_coordinator")
    assert upload(client, report, png_bytes(), "scan.pdf").status_code == 302
    (attachment,) = stored(report)
    assert (attachment.kind, attachment.content_type) == ("png", "image/png")
    response = client.get(f"/completion/attachments/{attachment.id}")
    assert response.headers["Content-Type"] == "image/png"
    assert 'filename=scan.png' in response.headers["Content-Disposition"]


# Refused files -------------------------------------------------------------------------------

@pytest.mark.parametrize(("data", "name"), [
    (b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200, "holiday.jpg"),  # Windows executable
    (b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200, "photo.png"),  # Linux executable
    (b"<html><script>alert(1)</script></html>", "page.pdf"),
    (office_bytes("content.xml"), "letter.docx"),  # a zip, but not Word or Excel
    (b"PK\x03\x04 not really a zip", "table.xlsx"),
    (b"GIF89a" + b"\x00" * 50, "anim.gif"),
])
def test_other_content_is_refused_whatever_its_name(client, auth, report, uploads, data, name):
    auth.login("other_coordinator")
    response = upload(client, report, data, name)
    assert response.status_code == 422
    assert "Only JPEG, PNG, PDF, DOCX and XLSX files are accepted." in response.get_data(
        as_text=True)
    assert stored(report) == []
    assert not os.path.isdir(uploads) or os.listdir(uploads) == []


def test_an_image_pillow_cannot_decode_is_refused(client, auth, report):
    auth.login("other_coordinator")
    broken = png_bytes()[:200]  # a PNG signature and a truncated body
    response = upload(client, report, broken, "broken.png")
    assert response.status_code == 422
    assert "not a valid image" in response.get_data(as_text=True)
    response = upload(client, report, b"\xff\xd8\xff\xe0" + b"junk" * 100, "fake.jpg")
    assert response.status_code == 422 and stored(report) == []


def test_a_file_over_10_mb_is_refused_with_a_message(client, auth, report):
    auth.login("other_coordinator")
    big = b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024)
    response = upload(client, report, big, "big.pdf")
    assert response.status_code == 422
    assert "at most 10 MB" in response.get_data(as_text=True)
    assert stored(report) == []


def test_the_eleventh_file_is_refused(client, auth, report):
    auth.login("other_coordinator")
    for i in range(10):
        assert upload(client, report, png_bytes(size=(20, 20)), f"{i}.png").status_code == 302
    response = upload(client, report, png_bytes(size=(20, 20)), "eleven.png")
    assert response.status_code == 422
    assert "at most 10 files" in response.get_data(as_text=True)
    assert len(stored(report)) == 10


def test_an_empty_upload_is_refused(client, auth, report):
    auth.login("other_coordinator")
    assert upload(client, report, b"", "empty.png").status_code == 422
    response = client.post(f"/completion/{report.id}/attachments", data={},
                           content_type="multipart/form-data")
    assert response.status_code == 422


def test_a_25_mb_upload_gets_a_readable_413_page(client, auth, report):
    auth.login("other_coordinator")
    response = upload(client, report, b"\xff" * (25 * 1024 * 1024), "huge.jpg")
    assert response.status_code == 413
    text = response.get_data(as_text=True)
    assert "File too large" in text and "</html>" in text
    assert stored(report) == []


def test_the_413_page_is_in_the_users_language(client, auth, world, report):
    world.users["other_coordinator"].locale = "ru"
    db.session.commit()
    auth.login("other_coordinator")
    response = upload(client, report, b"\xff" * (25 * 1024 * 1024), "huge.jpg")
    assert response.status_code == 413
    assert "Файл слишком большой" in response.get_data(as_text=True)


def test_files_cannot_be_added_or_removed_once_submitted(client, auth, report):
    auth.login("other_coordinator")
    upload(client, report, png_bytes(), "a.png")
    (attachment,) = stored(report)
    report.status = "submitted"
    db.session.commit()
    response = upload(client, report, png_bytes(), "b.png")
    assert response.status_code == 409
    assert "cannot be changed" in response.get_data(as_text=True)
    assert client.post(f"/completion/{report.id}/attachments/{attachment.id}/delete"
                       ).status_code == 409
    assert len(stored(report)) == 1


def test_only_the_reporting_agency_adds_files(client, auth, report):
    auth.login("hq")  # sees the report, may not change it
    assert upload(client, report, png_bytes(), "a.png").status_code == 403
    auth.logout()
    auth.login("coordinator")  # not an executing agency: the draft is not even visible
    assert upload(client, report, png_bytes(), "a.png").status_code == 404
    assert stored(report) == []


# Downloads ---------------------------------------------------------------------------------

def test_downloads_carry_disposition_type_and_nosniff(client, auth, report):
    auth.login("other_coordinator")
    upload(client, report, png_bytes(), "photo.png")
    upload(client, report, office_bytes("word/document.xml"), "act.docx")
    photo, document = stored(report)
    response = client.get(f"/completion/attachments/{document.id}")
    assert response.status_code == 200
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.headers["Content-Type"] == attachments.CONTENT_TYPES["docx"]
    thumb = client.get(f"/completion/attachments/{photo.id}/thumb")
    assert thumb.status_code == 200
    assert thumb.headers["Content-Type"] == "image/jpeg"
    assert thumb.headers["X-Content-Type-Options"] == "nosniff"
    assert thumb.headers["Content-Disposition"].startswith("inline;")
    assert client.get(f"/completion/attachments/{document.id}/thumb").status_code == 404


@pytest.mark.parametrize(("role", "draft", "accepted"), [
    ("other_coordinator", 200, 200), ("hq", 200, 200), ("admin", 200, 200),
    ("coordinator", 404, 200),  # another agency's coordinator
    ("viewer", 404, 200),
])
def test_who_may_download(client, auth, world, report, role, draft, accepted):
    auth.login("other_coordinator")
    upload(client, report, png_bytes(), "photo.png")
    (attachment,) = stored(report)
    auth.logout()
    auth.login(role)
    assert client.get(f"/completion/attachments/{attachment.id}").status_code == draft
    assert client.get(f"/completion/attachments/{attachment.id}/thumb").status_code == draft
    report.status = "accepted"
    db.session.commit()
    assert client.get(f"/completion/attachments/{attachment.id}").status_code == accepted


def test_anonymous_users_get_no_files(client, auth, report):
    auth.login("other_coordinator")
    upload(client, report, png_bytes(), "photo.png")
    (attachment,) = stored(report)
    auth.logout()
    assert client.get(f"/completion/attachments/{attachment.id}").status_code == 302


# Removal and the transaction -------------------------------------------------------------

def test_removing_a_file_deletes_it_from_disk(client, auth, report, uploads):
    auth.login("other_coordinator")
    upload(client, report, png_bytes(), "photo.png")
    (attachment,) = stored(report)
    path = os.path.join(uploads, attachment.stored_name)
    assert os.path.exists(path)
    response = client.post(f"/completion/{report.id}/attachments/{attachment.id}/delete")
    assert response.status_code == 302
    assert stored(report) == []
    assert not os.path.exists(path)
    assert not os.path.exists(path + ".thumb.jpg")
    assert db.session.scalar(db.select(db.func.count(AuditEntry.id)).where(
        AuditEntry.action == "report.detach")) == 1


def test_a_file_written_in_a_rolled_back_transaction_is_removed(app, world, report, uploads):
    user = world.users["other_coordinator"]
    attachment = attachments.add_attachment(report, user, io.BytesIO(png_bytes()), "p.png",
                                            LocalStorage(uploads))
    path = attachments.file_path(uploads, attachment)
    assert os.path.exists(path)
    db.session.rollback()
    assert not os.path.exists(path)
    assert not os.path.exists(path + ".thumb.jpg")


def test_a_removal_rolled_back_keeps_the_file(app, world, report, uploads):
    user = world.users["other_coordinator"]
    attachment = attachments.add_attachment(report, user, io.BytesIO(png_bytes()), "p.png",
                                            LocalStorage(uploads))
    db.session.commit()
    path = attachments.file_path(uploads, attachment)
    attachments.delete_attachment(attachment, user, LocalStorage(uploads))
    db.session.rollback()
    assert os.path.exists(path)


def test_detect_kind_reads_content_only():
    assert attachments.detect_kind(png_bytes()) == "png"
    assert attachments.detect_kind(b"MZ" + b"\x00" * 10) is None
    with pytest.raises(ValidationError):
        attachments.make_thumbnail(b"\x89PNG\r\n\x1a\n" + b"\x00" * 10, "png")


def test_a_25_mb_upload_over_a_real_socket_gets_the_whole_413_page(app, world, report,
                                                                   database_url, tmp_path):
    """Through waitress (``eventplan serve``): the client reads a complete answer."""
    import http.client
    import threading

    from waitress import wasyncore
    from waitress.server import create_server

    from tests.conftest import make_app
    from tests.factories import PASSWORD

    served = make_app(database_url, tmp_path)
    server = create_server(served, host="127.0.0.1", port=0)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            wasyncore.loop(timeout=0.05, map=server._map, count=1)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        conn = http.client.HTTPConnection("127.0.0.1", server.effective_port, timeout=60)
        conn.request("POST", "/auth/login", body=(
            f"email=akmola%40test.kz&password={PASSWORD.replace(' ', '+')}"),
            headers={"Content-Type": "application/x-www-form-urlencoded"})
        login = conn.getresponse()
        login.read()
        assert login.status == 302
        cookie = login.getheader("Set-Cookie").split(";")[0]
        body = (b'--b\r\nContent-Disposition: form-data; name="file"; filename="x.jpg"\r\n'
                b"Content-Type: image/jpeg\r\n\r\n" + b"\xff" * (25 * 1024 * 1024)
                + b"\r\n--b--\r\n")
        conn.request("POST", f"/completion/{report.id}/attachments", body=body, headers={
            "Content-Type": "multipart/form-data; boundary=b", "Cookie": cookie})
        response = conn.getresponse()
        page = response.read().decode()
        assert response.status == 413
        assert "File too large" in page and page.rstrip().endswith("</html>")
    finally:
        stop.set()
        thread.join(timeout=5)
        server.close()
        server.task_dispatcher.shutdown()
        with served.app_context():
            db.session.remove()
            db.engine.dispose()


def test_a_truncated_image_is_refused_even_after_the_pdf_letter_loaded_weasyprint(
        client, auth, report):
    """WeasyPrint sets Pillow's LOAD_TRUNCATED_IMAGES for the whole process when imported (the
    browser suite, run first, renders a PDF letter in the same process): uploads stay strict."""
    import weasyprint  # noqa: F401
    from PIL import ImageFile

    ImageFile.LOAD_TRUNCATED_IMAGES = True  # what importing weasyprint did
    auth.login("other_coordinator")
    response = upload(client, report, png_bytes()[:200], "broken.png")
    assert response.status_code == 422
    assert "not a valid image" in response.get_data(as_text=True) and stored(report) == []
