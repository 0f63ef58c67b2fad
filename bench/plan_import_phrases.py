"""Previewing a 2,400-row plan table written as agencies write them (issue 17).

Collective executors ("акиматы областей, городов Нур-Султана, Алматы и Шымкента",
"облыстардың, Нұр-Сұлтан, Алматы және Шымкент қалаларының әкімдіктері", "МИО", "мүдделі
мемлекеттік органдар"), akimats in genitive and nominative forms, the capital under its
2021 name, abbreviations only the file's legend explains, rows spanning several months under
a month heading, and the notes block under the table. Timed: the service preview, the preview
as data (what the page and --json show), and the whole web request (upload -> HTML page).

Run: python -m bench.plan_import_phrases [--rows 2400] [--database-url URL] [--runs 3]
"""

from __future__ import annotations

import argparse
import io
import os
import tempfile
import time

from openpyxl import Workbook
from sqlalchemy import select

from eventplan import create_app
from eventplan.extensions import db
from eventplan.models import Agency, Programme, User
from eventplan.services import plan_io, plans
from eventplan.services.demo import load_demo
from eventplan.services.plan_io.described import describe
from tests.factories import PASSWORD

MONTHS_RU = ("Январь", "Февраль", "Март", "Апрель", "Май", "Июнь", "Июль", "Август",
             "Сентябрь", "Октябрь", "Ноябрь", "Декабрь")
RU = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
      "октября", "ноября", "декабря")
EXECUTORS = (
    "акиматы областей, городов Нур-Султана, Алматы и Шымкента",
    "МИОР, акимат города Нур-Султана",
    "облыстардың, Нұр-Сұлтан, Алматы және Шымкент қалаларының әкімдіктері",
    "МКС, акиматы областей и городов республиканского значения, заинтересованные "
    "государственные органы",
    "Түркістан облысы әкімдігі, ЦДМ (келісім бойынша)",
    "МИО, мүдделі мемлекеттік органдар",
    "акимат Туркестанской области; МОН; МЗ",
    "МЦР и МИОР",
)
DEADLINES = ("{m}", "{d} {ru}", "{d}-{d2} {ru}", "{d:02d}.{mm:02d}.2021", "июль–{mlow}",
             "IV квартал")
LEGEND = ["Примечание: расшифровка аббревиатур:",
          "МИОР – Министерство информации и общественного развития Республики Казахстан;",
          "МЦР – Министерство цифрового развития, инноваций и аэрокосмической промышленности РК;",
          "ЦДМ – Цифрлық даму, инновациялар және аэроғарыш өнеркәсібі министрлігі;",
          "МИО – местные исполнительные органы."]


def table(rows: int) -> bytes:
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet("План")
    ws.append(["План мероприятий акимата Туркестанской области по празднованию 30-летия "
               "Независимости Республики Казахстан"])
    ws.append(["№ п/п", "Наименование мероприятия", "Форма завершения",
               "Ответственные исполнители", "Срок исполнения",
               "Предполагаемые расходы (тыс. тенге)", "Источники финансирования"])
    ws.append(list(range(1, 8)))
    per_month, number = rows // 12, 0
    for month in range(1, 13):
        ws.append([MONTHS_RU[month - 1]])
        for n in range(per_month + (1 if month <= rows % 12 else 0)):
            number += 1
            pattern = DEADLINES[n % 6] if month == 12 else DEADLINES[n % 4]
            day = 1 + n % 27
            deadline = pattern.format(m=MONTHS_RU[month - 1].lower(), d=day, d2=day + 1,
                                      ru=RU[month - 1], mm=month,
                                      mlow=MONTHS_RU[month - 1].lower())
            ws.append([number, f"Мероприятие № {number}: праздничный концерт",
                       "информация в акимат области", EXECUTORS[n % len(EXECUTORS)], deadline,
                       (n % 50) * 10 or None, "местный бюджет"])
    for line in LEGEND:
        ws.append([line])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=2400)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    tmp = tempfile.mkdtemp()
    url = args.database_url or f"sqlite:///{tmp}/bench.sqlite"
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench", "BABEL_DEFAULT_LOCALE": "en",
                      "WTF_CSRF_ENABLED": False})
    with app.app_context():
        db.drop_all()
        db.create_all()
        load_demo()
        programme = db.session.scalar(select(Programme))
        agency = db.session.scalar(select(Agency).where(Agency.code == "AKIMAT_TURKISTAN"))
        admin = db.session.scalar(select(User).where(User.role == "admin"))
        admin.set_password(PASSWORD)
        plan = plans.create_plan(programme, agency, admin)
        db.session.commit()
        content = table(args.rows)
        print(f"rows: {args.rows}; file: {len(content) / 1024:.0f} KiB; "
              f"database: {url.split(':')[0]}")
        for run in range(1, args.runs + 1):
            started = time.perf_counter()
            preview = plan_io.preview_import(plan, admin, content, "plan.xlsx")
            t_preview = time.perf_counter() - started
            started = time.perf_counter()
            data = describe(preview, plan)
            t_described = time.perf_counter() - started
            assert not preview.errors, preview.errors[:3]
            print(f"run {run}: preview {t_preview:.2f} s ({preview.count('create')} to create, "
                  f"{len(preview.warnings)} warnings); as data {t_described:.2f} s; "
                  f"{sum(len(r['coexecutor_codes']) for r in data['rows'])} co-executors")
            db.session.rollback()
        client = app.test_client()
        client.post("/auth/login", data={"email": admin.email, "password": PASSWORD})
        times = []
        for run in range(1, args.runs + 1):
            started = time.perf_counter()
            response = client.post(f"/plans/{plan.id}/import", content_type="multipart/form-data",
                                   data={"file": (io.BytesIO(content), "plan.xlsx")})
            elapsed = time.perf_counter() - started
            assert response.status_code == 200 and b"confirm-import" in response.data
            times.append(elapsed)
            print(f"run {run}: web upload -> preview page {elapsed:.2f} s "
                  f"({len(response.data) / 1024:.0f} KiB of HTML)")
        times.sort()
        print(f"web preview: best {times[0]:.2f} s, median {times[len(times) // 2]:.2f} s, "
              f"worst {times[-1]:.2f} s (target: under 3 s); load average "
              f"{os.getloadavg()[0]:.1f}")
        db.session.remove()
        db.drop_all()


if __name__ == "__main__":
    main()
