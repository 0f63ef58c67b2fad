"""Importing a 2,400-row plan table: preview, then commit (which re-reads the file).

Run: python -m bench.plan_import [--rows 2400] [--database-url URL]
"""

from __future__ import annotations

import argparse
import io
import tempfile
import time

from openpyxl import Workbook
from sqlalchemy import event as sa_event

from eventplan import create_app
from eventplan.extensions import db
from eventplan.services import plan_io
from tests.factories import build_world

MONTHS_KK = ("ҚАҢТАР", "АҚПАН", "НАУРЫЗ", "СӘУІР", "МАМЫР", "МАУСЫМ", "ШІЛДЕ", "ТАМЫЗ",
             "ҚЫРКҮЙЕК", "ҚАЗАН", "ҚАРАША", "ЖЕЛТОҚСАН")
DEADLINES = ("{m}", "{d:02d}.{mm:02d}.2021", "{d}-{d2} {ru}", "{m}да")
RU = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
      "октября", "ноября", "декабря")


def table(rows: int) -> bytes:
    """A plan written the way regional tables are: Kazakh headers, a heading per month."""
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet("Жоспар")
    ws.append(["Павлодар облысының іс-шаралар жоспары"])
    ws.append(["№", "Іс-шараның атауы", "Аяқтау нысаны", "Жауапты орындаушылар",
               "Срок исполнения", "Болжамды шығыстар (мың теңге)", "Қаржыландыру көздері"])
    ws.append(list(range(1, 8)))
    per_month = rows // 12
    number = 0
    for month in range(1, 13):
        ws.append([f"{MONTHS_KK[month - 1]} «Тақырыптық блок»"])
        for n in range(per_month + (1 if month <= rows % 12 else 0)):
            number += 1
            day = 1 + n % 27
            deadline = DEADLINES[n % 4].format(m=MONTHS_KK[month - 1].lower(), d=day, d2=day + 1,
                                               mm=month, ru=RU[month - 1])
            executors = "Akimat of Pavlodar Region" if n % 3 else \
                "Akimat of Pavlodar Region,\nMCS; Akimat of Akmola Region"
            ws.append([number, f"Іс-шара №{number}: мерекелік концерт", "Ақпарат", executors,
                       deadline, (n % 50) * 10 or None, "жергілікті бюджет"])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=2400)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    tmp = tempfile.mkdtemp()
    url = args.database_url or f"sqlite:///{tmp}/bench.sqlite"
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench", "BABEL_DEFAULT_LOCALE": "en"})
    with app.app_context():
        db.drop_all()
        db.create_all()
        world = build_world()
        plan, user = world.plans["pavlodar"], world.users["coordinator"]
        started = time.perf_counter()
        content = table(args.rows)
        built = time.perf_counter() - started
        print(f"rows: {args.rows}; file: {len(content) / 1024:.0f} KiB (built in {built:.1f} s);"
              f" database: {url.split(':')[0]}")
        started = time.perf_counter()
        preview = plan_io.preview_import(plan, user, content, "plan.xlsx")
        t_preview = time.perf_counter() - started
        assert not preview.errors, preview.errors[:3]
        statements = 0

        def count(*_args):
            nonlocal statements
            statements += 1

        sa_event.listen(db.engine, "before_cursor_execute", count)
        started = time.perf_counter()
        done = plan_io.commit_import(plan, user, content, "plan.xlsx")
        db.session.commit()
        t_commit = time.perf_counter() - started
        sa_event.remove(db.engine, "before_cursor_execute", count)
        print(f"preview: {t_preview:.2f} s ({preview.count('create')} to create)")
        print(f"commit (re-reads and re-checks the file, writes, commits): {t_commit:.2f} s "
              f"({done.count('create')} created, {statements} SQL statements)")
        print(f"preview + commit: {t_preview + t_commit:.2f} s (target: under 15 s)")
        started = time.perf_counter()
        again = plan_io.preview_import(plan, user, content, "plan.xlsx")
        print(f"re-import preview: {time.perf_counter() - started:.2f} s "
              f"({again.count('unchanged')} unchanged)")
        db.session.remove()
        db.drop_all()


if __name__ == "__main__":
    main()
