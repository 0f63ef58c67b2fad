"""The official progress report: the DOCX and the PDF carry the dashboard's and the API's
figures for the hand-computed fixture, in kk, ru and en; requisites are remembered."""

from __future__ import annotations

import io
import re
from decimal import Decimal

import pytest
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

from eventplan.extensions import db
from eventplan.models import AuditEntry, DocumentRequisites, KeyEvent
from eventplan.services.document.content import PROGRESS
from tests.functional.document_helpers import (
    EXPECTED,
    PERIOD,
    docx_tables,
    docx_text,
    flat,
    form,
    pdf_text,
)
from tests.functional.reports_fixture import TOTALS, add_reports

QUERY = "from=2021-01-01&to=2021-12-31&as_of=2021-04-26"
CHANNELS = ("media_tv", "media_radio", "media_print", "media_internet", "media_social")


@pytest.fixture
def events(world):
    return add_reports(world)


def _api_totals(client) -> dict:
    return client.get(f"/api/v1/programmes/jubilee/summary?{QUERY}").get_json()["totals"]


def _dashboard_cells(client) -> dict[str, str]:
    html = client.get(f"/reports/jubilee/?{QUERY}").get_data(as_text=True)
    return dict(re.findall(r'data-cell="([^"]+)" data-value="([^"]*)"', html))


def _number(value: int, lang: str) -> str:
    return f"{value:,}".replace(",", "," if lang == "en" else " ")


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_docx_carries_the_dashboard_and_api_figures(client, auth, world, events, lang):
    auth.login("hq")
    api, cells = _api_totals(client), _dashboard_cells(client)
    response = client.post("/reports/jubilee/document", data=form(lang, "docx"))
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].endswith(f'-{lang}.docx"')
    text, tables = docx_text(response.data), docx_tables(response.data)
    expected = EXPECTED[lang]
    assert expected["title"] in text and expected["as_of"] in text
    # the four breakdown tables end with the programme's totals, as the dashboard shows them
    for table in tables[:4]:
        assert table[-1][0] == expected["total"]
        assert table[-1][1:] == [_number(api[m], lang) for m in PROGRESS]
        assert table[-1][1:] == [_number(int(cells[f"total:{m}"]), lang) for m in PROGRESS]
    assert tables[0][1][0].startswith(("Март", "March", "Наурыз"))
    media = tables[4]
    assert [row[1] for row in media[1:]] == [_number(api[c], lang) for c in (*CHANNELS,
                                                                              "media")]
    assert api["participants"] == TOTALS["participants"] == 6200
    assert expected["participants"] in text and expected["charity"] in text
    assert Decimal(str(api["charity_amount"])) == TOTALS["charity_amount"]
    assert "Nauryz celebrations" in text  # the largest event by participants (no key events)
    assert "Unity parade" in text and "Akmola concert" in text  # postponed and cancelled


def test_docx_is_a4_times_14_with_repeated_headers_and_page_numbers(client, auth, world,
                                                                   events):
    auth.login("admin")
    data = client.post("/reports/jubilee/document", data=form("ru", "docx")).data
    doc = Document(io.BytesIO(data))
    section = doc.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert round(section.left_margin.mm) == 30 and round(section.right_margin.mm) == 10
    normal = doc.styles["Normal"].font
    assert normal.name == "Times New Roman" and normal.size.pt == 14
    for table in doc.tables[:5]:
        header = table.rows[0]._tr.trPr.find(qn("w:tblHeader"))
        assert header is not None and header.get(qn("w:val")) == "true"
    instructions = [e.text for e in section.header._element.iter(qn("w:instrText"))]
    assert instructions == [" PAGE "]


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_pdf_carries_the_same_figures(client, auth, world, events, lang):
    auth.login("hq")
    api = _api_totals(client)
    response = client.post("/reports/jubilee/document", data=form(lang, "pdf"))
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    reader = PdfReader(io.BytesIO(response.data))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
    text = pdf_text(response.data)
    expected = EXPECTED[lang]
    assert flat(expected["title"]) in text and expected["as_of"] in text
    assert expected["participants"] in text and expected["charity"] in text
    row = " ".join([expected["total"], *[_number(api[m], lang) for m in PROGRESS]])
    assert text.count(row) == 4  # block, category, region, agency tables
    if len(reader.pages) > 1:
        words = flat(reader.pages[1].extract_text()).split()
        assert "2" in (words[0], words[-1])  # the page number of the second page


def test_requisites_are_remembered_per_programme_and_audited(client, auth, world, events):
    auth.login("hq")
    requisites = {"addressee": "Депутатам Мажилиса\nПарламента Республики Казахстан",
                  "outgoing_number": "17-01/227", "outgoing_date": "2021-07-01",
                  "incoming_ref": "№ ДС-227 от 23 июня 2021 года",
                  "signer_position": "Руководитель Республиканского штаба",
                  "signer_name": "А. Ахметов", "executor": "Б. Серикова",
                  "executor_phone": "8 (7172) 74-00-00"}
    data = client.post("/reports/jubilee/document", data=form("ru", "docx", **requisites)).data
    text = docx_text(data)
    for value in ("Депутатам Мажилиса", "№ 17-01/227 от 1 июля 2021 года",
                  "№ ДС-227 от 23 июня 2021 года", "А. Ахметов", "Исп.: Б. Серикова",
                  "8 (7172) 74-00-00"):
        assert value in text, value
    row = db.session.get(DocumentRequisites, world.programme.id)
    assert row.signer_name == "А. Ахметов" and str(row.outgoing_date) == "2021-07-01"
    entry = db.session.query(AuditEntry).filter_by(action="document.requisites").one()
    assert entry.changes["signer_name"] == [None, "А. Ахметов"]
    page = client.get("/reports/jubilee/document").get_data(as_text=True)
    assert 'value="А. Ахметов"' in page and "Парламента Республики Казахстан" in page
    # the command line uses the same remembered requisites
    assert "А. Ахметов" in pdf_text(client.post(
        "/reports/jubilee/document", data=form("ru", "pdf", **requisites)).data)


def test_bad_input_rerenders_the_form_and_saves_nothing(client, auth, world, events):
    auth.login("hq")
    bad_period = form("ru", "docx", signer_name="Кто-то", start="2021-12-31", end="2021-01-01")
    response = client.post("/reports/jubilee/document", data=bad_period)
    assert response.status_code == 422
    assert "The start of the period is after its end." in response.get_data(as_text=True)
    bad_date = form("kk", "pdf", signer_name="Кто-то", as_of="26.04.2021")
    assert client.post("/reports/jubilee/document", data=bad_date).status_code == 422
    bad_choice = form("de", "odt", signer_name="Кто-то")
    assert client.post("/reports/jubilee/document", data=bad_choice).status_code == 422
    too_long = form("ru", "docx", signer_name="Я" * 121)
    assert client.post("/reports/jubilee/document", data=too_long).status_code == 422
    assert db.session.get(DocumentRequisites, world.programme.id) is None
    assert client.get("/reports/nope/document").status_code == 404


@pytest.mark.parametrize("role", ["coordinator", "viewer", "anonymous"])
def test_only_headquarters_and_admins_prepare_the_letter(client, auth, world, events, role):
    auth.login(role)
    page = client.get("/reports/jubilee/document")
    posted = client.post("/reports/jubilee/document", data=form("ru", "docx",
                                                                signer_name="Кто-то"))
    if role == "anonymous":
        assert page.status_code == 302 and "/auth/login" in page.headers["Location"]
    else:
        assert page.status_code == 403 and posted.status_code == 403
    assert posted.mimetype != "application/pdf" and not posted.data.startswith(b"PK")
    assert db.session.get(DocumentRequisites, world.programme.id) is None
    dashboard = client.get(f"/reports/jubilee/?{QUERY}").get_data(as_text=True)
    assert 'id="document-link"' not in dashboard


def test_headquarters_marks_key_events_that_lead_the_highlights(client, auth, world, events):
    summit = events["summit"]
    version = summit.version
    auth.login("coordinator")
    assert client.post(f"/events/{summit.id}/key", data={"key": "1"}).status_code == 403
    assert db.session.get(KeyEvent, summit.id) is None
    auth.logout()
    auth.login("hq")
    page = client.get(f"/events/{summit.id}").get_data(as_text=True)
    assert 'id="key-toggle"' in page and 'id="key-badge"' not in page
    client.post(f"/events/{summit.id}/key", data={"key": "1"})
    assert db.session.get(KeyEvent, summit.id) is not None
    db.session.refresh(summit)
    assert summit.version == version  # the calendar's SEQUENCE does not move
    assert 'id="key-badge"' in client.get(f"/events/{summit.id}").get_data(as_text=True)
    assert db.session.query(AuditEntry).filter_by(action="event.key").count() == 1
    text = docx_text(client.post("/reports/jubilee/document", data=form("ru", "docx")).data)
    highlights = text.split("Ключевые мероприятия", 1)[1].split("Проблемные вопросы", 1)[0]
    assert "Turkic summit in Turkestan" in highlights and "участников: 1 200" in highlights
    assert "Nauryz celebrations" not in highlights
    client.post(f"/events/{summit.id}/key", data={"key": "0"})
    assert db.session.get(KeyEvent, summit.id) is None


def test_basis_lists_the_approving_and_amending_acts_with_their_dates(client, auth, world,
                                                                      events):
    from datetime import date

    from eventplan.services.plans import record_existing_approval

    plan = world.plans["republican"]
    record_existing_approval(plan, "Постановление Правительства № 101", date(2021, 2, 2), None)
    plan.revision = 2
    record_existing_approval(plan, "Постановление Правительства № 101 (изменения)",
                             date(2021, 2, 26), None)
    db.session.commit()
    auth.login("hq")
    text = docx_text(client.post("/reports/jubilee/document", data=form("ru", "docx")).data)
    assert "План утверждён: Постановление Правительства № 101 от 2 февраля 2021 года." in text
    assert ("Изменения внесены: Постановление Правительства № 101 (изменения) от 26 февраля "
            "2021 года." in text)


def test_command_writes_the_letter_in_the_chosen_language_and_format(runner, world, events,
                                                                    tmp_path):
    target = tmp_path / "letter.pdf"
    result = runner.invoke(args=["report-document", "jubilee", str(target), "--lang", "kk",
                                 "--from", PERIOD["start"], "--to", PERIOD["end"],
                                 "--as-of", PERIOD["as_of"]])
    assert result.exit_code == 0, result.output
    text = pdf_text(target.read_bytes())
    assert EXPECTED["kk"]["as_of"] in text and "6 200" in text
    assert "Негіздеме" in text and "Ақпараттық қамту" in text  # headings in Kazakh
    docx = tmp_path / "letter.bin"
    result = runner.invoke(args=["report-document", "jubilee", str(docx), "--format", "docx",
                                 "--lang", "en", "--as-of", PERIOD["as_of"]])
    assert result.exit_code == 0 and "6,200" in docx_text(docx.read_bytes())
    bad = runner.invoke(args=["report-document", "nope", str(tmp_path / "x.docx")])
    assert bad.exit_code != 0 and "no programme" in bad.output
    bad = runner.invoke(args=["report-document", "jubilee", str(tmp_path / "y.docx"),
                              "--as-of", "26.04.2021"])
    assert bad.exit_code != 0 and "--as-of" in bad.output
    assert not (tmp_path / "y.docx").exists()


@pytest.mark.parametrize(("lang", "n", "expected"), [
    ("ru", 2312, "более 2\u00a0300"), ("ru", 2280, "около 2\u00a0300"), ("ru", 7, "7"),
    ("kk", 2312, "кемінде 2\u00a0300"), ("kk", 2280, "2\u00a0300 шамасында"),
    ("en", 212, "more than 210"), ("en", 2280, "about 2,300")])
def test_planned_counts_carry_the_qualifiers_of_such_letters(app, lang, n, expected):
    from flask_babel import force_locale

    from eventplan.services.document.formats import qualified

    with app.test_request_context(), force_locale(lang):
        assert qualified(n, lang) == expected


@pytest.mark.parametrize(("field", "value"), [
    ("as_of", "0001-01-02"), ("as_of", "9999-12-31"), ("start", "0001-01-01"),
    ("end", "9999-12-31"), ("outgoing_date", "0001-01-01")])
def test_dates_out_of_any_letters_range_are_refused_not_a_500(client, auth, world, events,
                                                              field, value):
    auth.login("hq")
    response = client.post("/reports/jubilee/document",
                           data=form("ru", "pdf", signer_name="Кто-то", **{field: value}))
    assert response.status_code == 422
    assert "Enter a date between 1900-01-01 and 2200-12-31." in response.get_data(as_text=True)
    assert db.session.get(DocumentRequisites, world.programme.id) is None


def test_command_refuses_dates_out_of_range(runner, world, events, tmp_path):
    result = runner.invoke(args=["report-document", "jubilee", str(tmp_path / "z.pdf"),
                                 "--as-of", "0001-01-02"])
    assert result.exit_code != 0 and "1900" in result.output
    assert not (tmp_path / "z.pdf").exists()


def test_the_dashboard_and_the_api_refuse_dates_near_year_one(client, auth, world):
    auth.login("hq")
    page = client.get("/reports/jubilee/?as_of=0001-01-02")
    assert page.status_code == 400
    assert "Enter a date between 1900-01-01 and 2200-12-31." in page.get_data(as_text=True)
    api = client.get("/api/v1/programmes/jubilee/summary?from=0001-01-01")
    assert api.status_code == 400 and "1900-01-01" in str(api.get_json())
