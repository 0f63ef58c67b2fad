"""Benchmark the official progress report (DOCX and PDF) at scale.

    python -m bench.report_document [--events 2400 100000] [--runs 3]
    EVENTPLAN_BENCH_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1/NAME \
        python -m bench.report_document

Builds the database of ``bench.reports`` (20 regional plans in force, N events with
completion reports), marks ten events as key, then times the whole letter — the figures
(``reports.summary``, made stale before each run, so every run pays the aggregates), the
lists (highlights, problems, checks) and the rendering — for DOCX and PDF, in Russian.
Targets (issue 19): 2,400 events < 5 s, 100,000 events < 60 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from sqlalchemy import func, select, text

from bench.reports import make_app, populate
from eventplan.extensions import db
from eventplan.models import Event, KeyEvent, Programme
from eventplan.services import document, reports
from eventplan.services.document import content
from eventplan.services.reports.cache import new_stamp

AS_OF = date(2021, 9, 30)
REQUISITES = content.Requisites(
    addressee="Депутатам Мажилиса Парламента Республики Казахстан", outgoing_number="17-01/1",
    outgoing_date=date(2021, 10, 1), incoming_ref="№ ДС-227 от 23 июня 2021 года",
    signer_position="Руководитель Республиканского штаба", signer_name="А. Ахметов",
    executor="Б. Серикова", executor_phone="8 (7172) 74-00-00")


def one(programme: Programme, fmt: str) -> tuple[float, int]:
    new_stamp(db.session.connection())  # the kept figures are stale: pay the aggregates
    db.session.commit()
    started = time.perf_counter()
    letter = content.build(programme, reports.Period(programme.starts_on, programme.ends_on,
                                                   AS_OF), "ru", REQUISITES)
    data = document.render(letter, fmt)
    return time.perf_counter() - started, len(data)


def run(url: str, n: int, tmp: Path, runs: int) -> dict:
    app = make_app(url, tmp)
    with app.app_context():
        db.drop_all()
        db.session.execute(text("DROP TABLE IF EXISTS alembic_version"))
        db.session.commit()
        db.create_all()
        populate(n)
        programme = db.session.scalar(select(Programme).where(Programme.slug == "bench"))
        ids = db.session.scalars(select(Event.id).where(Event.status == "held")
                                 .order_by(Event.id).limit(10)).all()
        db.session.add_all([KeyEvent(event_id=i) for i in ids])
        db.session.commit()
        events = db.session.scalar(select(func.count(Event.id)))
        result = {"events": events}
        with app.test_request_context():
            for fmt in document.FORMATS:
                times, size = [], 0
                for _ in range(runs):
                    seconds, size = one(programme, fmt)
                    times.append(seconds)
                result[fmt] = (statistics.median(times), max(times), size)
        db.session.remove()
        db.drop_all()
        db.engine.dispose()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, nargs="+", default=[2400, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print("| events | DOCX median (max) | DOCX size | PDF median (max) | PDF size |")
    print("|---|---|---|---|---|")
    for n in args.events:
        with tempfile.TemporaryDirectory() as tmp:
            url = os.environ.get("EVENTPLAN_BENCH_DATABASE_URL") or \
                "sqlite:///" + str(Path(tmp) / "bench.sqlite")
            r = run(url, n, Path(tmp), args.runs)
            (dm, dx, ds), (pm, px, ps) = r["docx"], r["pdf"]
            print(f"| {r['events']:,} | {dm:.2f} s ({dx:.2f}) | {ds / 1024:.0f} KiB "
                  f"| {pm:.2f} s ({px:.2f}) | {ps / 1024:.0f} KiB |", flush=True)


if __name__ == "__main__":
    main()
