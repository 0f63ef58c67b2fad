"""The progress report in a browser: from the dashboard to the form, both files downloaded,
and the requisites offered again on the next visit."""

import pytest

from tests.browser.conftest import log_in
from tests.factories import PASSWORD
from tests.functional.document_helpers import docx_text, pdf_text
from tests.functional.reports_fixture import add_reports

pytestmark = pytest.mark.browser


def test_fill_the_form_and_download_the_docx_and_the_pdf(page, world, tmp_path):
    add_reports(world)
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    log_in(page, "hq@test.kz", PASSWORD)
    page.wait_for_url("**/programmes/jubilee/")
    page.goto(page.base_url + "/reports/jubilee/?as_of=2021-04-26")
    page.click("#document-link")
    page.wait_for_url("**/reports/jubilee/document")
    page.fill("#as_of", "2021-04-26")
    page.select_option("#lang", "ru")
    page.select_option("#fmt", "docx")
    page.fill("#addressee", "Депутатам Мажилиса\nПарламента Республики Казахстан")
    page.fill("#outgoing_number", "17-01/227")
    page.fill("#incoming_ref", "№ ДС-227 от 23 июня 2021 года")
    page.fill("#signer_position", "Руководитель штаба")
    page.fill("#signer_name", "А. Ахметов")
    with page.expect_download() as info:
        page.click("#document-download")
    docx = info.value
    assert docx.suggested_filename == "jubilee-report-20210426-ru.docx"
    docx.save_as(tmp_path / "letter.docx")
    text = docx_text((tmp_path / "letter.docx").read_bytes())
    assert "26 апреля 2021 года" in text and "6 200" in text and "А. Ахметов" in text
    assert "На № ДС-227 от 23 июня 2021 года" in text

    page.goto(page.base_url + "/reports/jubilee/document")  # the requisites come back
    assert page.input_value("#signer_name") == "А. Ахметов"
    page.fill("#as_of", "2021-04-26")
    page.select_option("#lang", "kk")
    page.select_option("#fmt", "pdf")
    with page.expect_download() as info:
        page.click("#document-download")
    pdf = info.value
    assert pdf.suggested_filename == "jubilee-report-20210426-kk.pdf"
    pdf.save_as(tmp_path / "letter.pdf")
    text = pdf_text((tmp_path / "letter.pdf").read_bytes())
    assert "2021 жылғы 26 сәуір" in text and "6 200" in text and "А. Ахметов" in text
    assert not errors
