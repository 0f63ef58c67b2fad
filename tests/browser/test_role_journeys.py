"""One journey per role, in Chromium, by the labels people read (ru and kk): a coordinator
creates and submits a plan, headquarters approves it; a coordinator reports an event with a
photo in one pass, headquarters accepts it. (A staff member subscribing on a non-default
port: test_daily_journeys.test_a_feed_made_on_another_port_answers_at_the_copied_address.)"""

import pytest

from eventplan.extensions import db
from eventplan.models import Agency, CompletionReport, Plan, User
from tests.factories import PASSWORD
from tests.functional.test_completion_attachments import jpeg_bytes

pytestmark = pytest.mark.browser


def _as(browser, base, email):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(base + "/auth/login")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.press("#password", "Enter")
    page.wait_for_url("**/programmes/**")
    return context, page


def test_a_plan_is_created_submitted_and_approved(browser, live_server, world):
    agency = Agency(code="MES", kind="ministry", name_ru="Министерство просвещения",
                    name_kk="Оқу-ағарту министрлігі")
    user = User(email="edu@test.kz", role="coordinator", agency=agency, full_name="Асель",
                locale="ru")
    user.set_password(PASSWORD)
    world.users["hq"].locale = "kk"
    db.session.add_all([agency, user])
    db.session.commit()

    context, page = _as(browser, live_server, "edu@test.kz")
    page.get_by_role("link", name="Мой государственный орган").click()
    page.get_by_role("button", name="Создать план органа").click()
    page.wait_for_url("**/plans/*")
    page.get_by_role("link", name="Новое мероприятие").click()
    page.get_by_label("Номер в плане").fill("1")
    page.get_by_label("Наименование (на русском языке)").fill("Уроки истории независимости")
    page.get_by_label("Раздел").select_option(label="Организационные меры")
    page.get_by_label("Дата начала").fill("2021-02-15")
    page.get_by_role("button", name="Сохранить").click()
    page.wait_for_url("**/events/*")
    plan = db.session.scalar(db.select(Plan).where(Plan.agency_id == agency.id))
    page.goto(f"{live_server}/plans/{plan.id}")
    assert "Уроки истории независимости" in page.locator("#plan-events").inner_text()
    page.get_by_role("button", name="Представить на утверждение").click()
    page.wait_for_load_state()
    db.session.expire_all()
    assert db.session.get(Plan, plan.id).status == "submitted"
    context.close()

    context, page = _as(browser, live_server, "hq@test.kz")
    page.get_by_role("link", name="Қаралатын жоспарлар").click()
    page.locator("#review-queue a", has_text="Оқу-ағарту министрлігі").click()
    page.get_by_label("Бекіту актісі").fill("Министрдің 2021 жылғы 1 наурыздағы № 12 бұйрығы")
    page.get_by_role("button", name="Бекіту", exact=True).click()
    assert "Бекітілді" in page.locator("#plan-status").inner_text()
    db.session.expire_all()
    assert db.session.get(Plan, plan.id).status == "approved"
    context.close()


def test_an_event_is_reported_with_a_photo_in_one_pass_and_accepted(browser, live_server, world,
                                                                    tmp_path):
    world.users["other_coordinator"].locale = "kk"
    world.users["hq"].locale = "ru"
    db.session.commit()
    photo = tmp_path / "жәрмеңке.jpg"
    photo.write_bytes(jpeg_bytes())
    fair = world.events["akmola_fair"]

    context, page = _as(browser, live_server, "akmola@test.kz")
    page.goto(f"{live_server}/tasks")
    page.locator(f"tr[data-event='{fair.id}']").get_by_role("link", name="Есеп").click()
    page.get_by_label("Қатысушылар немесе қамту").fill("350")
    page.get_by_label("Фотосуреттер мен құжаттар").set_input_files(str(photo))
    page.get_by_role("button", name="Тексеруге жіберу").click()
    page.wait_for_url("**/completion/*")
    assert "Бекітуге ұсынылды" in page.locator("#report-status").inner_text()
    assert page.get_by_role("link", name="Фотосурет: жәрмеңке.jpg").count() == 1
    context.close()

    context, page = _as(browser, live_server, "hq@test.kz")
    page.get_by_role("link", name="Отчёты на рассмотрении").click()
    page.locator("tr", has_text="Akmola fair").get_by_role("link", name="Открыть отчёт").click()
    page.get_by_role("button", name="Принять").click()
    assert "Принят" in page.locator("#report-status").inner_text()
    db.session.expire_all()
    report = db.session.scalar(db.select(CompletionReport))
    assert report.status == "accepted" and report.participants == 350
    assert [a.original_name for a in report.attachments] == ["жәрмеңке.jpg"]
    context.close()


def test_headquarters_reviews_an_amendment_by_titles_and_dates_then_goes_to_the_next(
        browser, live_server, world):
    from datetime import date

    from eventplan.services import amendments, plans
    from eventplan.services.events import EventData

    akmola, fair = world.plans["akmola"], world.events["akmola_fair"]
    plans.record_existing_approval(akmola, "Order of the deputy akim No. 7", date(2021, 2, 10))
    coordinator = world.users["other_coordinator"]
    plans.open_amendment(akmola, coordinator)
    db.session.commit()
    data = EventData(number="1", section_id=fair.section_id, category=fair.category,
                     lead_agency_id=fair.lead_agency_id, starts_on=date(2021, 3, 14),
                     ends_on=date(2021, 3, 14), title_ru=fair.title_ru, term="")
    amendments.stage_change(fair, coordinator, data)
    plans.submit(akmola, coordinator)
    pavlodar = world.plans["pavlodar"]
    plans.submit(pavlodar, world.users["coordinator"])
    world.users["hq"].locale = "ru"
    db.session.commit()

    context, page = _as(browser, live_server, "hq@test.kz")
    page.goto(f"{live_server}/plans/{akmola.id}/review")
    change = page.locator("li", has_text="~ 1 Akmola fair").inner_text().replace("\u202f", " ")
    assert "12 мар. 2021 г." in change and "14 мар. 2021 г." in change
    assert "2021-03-14" not in change and "Срок" not in change
    page.get_by_label("Акт утверждения").fill("Приказ заместителя акима № 9")
    page.get_by_role("button", name="Утвердить", exact=True).click()
    assert "Утверждён" in page.locator("#plan-status").inner_text()
    page.get_by_role("link", name="Следующий в очереди").click()
    page.wait_for_url(f"**/plans/{pavlodar.id}/review")
    context.close()
