"""Benchmark the report dashboard and the XLSX export at scale.

    python -m bench.reports [--events 100000]
    EVENTPLAN_BENCH_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1/NAME \
        python -m bench.reports

Builds one programme with 20 regional plans in force and N events with completion reports
(bulk Core inserts), then measures in the same run and in turns:

- **raw SQL** — the SQL statements one dashboard render issues, captured and replayed on a
  bare DBAPI connection (no ORM, no template): the floor any design must pay; the GROUP BY
  statements alone are reported too;
- **dashboard** — ``GET /reports/<slug>/`` through the Flask test client, as headquarters,
  as every reader sees it while nothing changes (the figures are kept, ``stats.cache``);
- **dashboard after a change** — the same page right after a write made the kept figures
  stale: the first reader after each change pays the aggregates;
- **XLSX** — ``GET /reports/<slug>/export.xlsx`` of all events, in a child process so that
  its peak RSS (``resource.getrusage``) is the export's own.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import event, func, insert, select, text

from bench.feeds import interleaved
from eventplan import create_app
from eventplan.extensions import db
from eventplan.models import (
    CATEGORIES,
    Agency,
    CompletionReport,
    Event,
    Plan,
    Programme,
    Region,
    ReportOutput,
    Section,
    User,
    event_coexecutor,
)
from eventplan.services.reports.cache import new_stamp

CHUNK = 5000
AS_OF = "2021-09-30"
PASSWORD = "bench-password"  # noqa: S105 - a throwaway benchmark account
OUTPUT_NAMES = ("banners", "billboards", "video clips", "flags", "roll-ups", "interviews")


def make_app(url: str, tmp: Path):
    app = create_app({"TESTING": True, "DATABASE_URL": url, "SECRET_KEY": "bench",
                      "WTF_CSRF_ENABLED": False, "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
                      "BASE_URL": "https://plan.example.kz", "BABEL_DEFAULT_LOCALE": "ru"})
    app.instance_path = str(tmp)
    return app


def _report(rng: random.Random, event_id: int, agency_id: int, day: date, now) -> dict:
    channels = {f"media_{c}": rng.randint(0, 40) for c in
                ("tv", "radio", "print", "internet", "social")}
    total = sum(channels.values()) + (1 if rng.random() < 0.02 else 0)  # a few mismatches
    charity = Decimal(rng.randrange(0, 500) * 1000) if rng.random() < 0.1 else None
    return {"event_id": event_id, "agency_id": agency_id, "status": "accepted",
            "outcome": "held", "held_from": day, "held_to": day,
            "participants": rng.randint(10, 5000), **channels, "media_total": total,
            "charity_amount": charity, "beneficiaries": rng.randint(1, 50) if charity else None,
            "links": [], "created_at": now, "updated_at": now, "version": 1}


def populate(n: int, seed: int = 7) -> Programme:
    """One programme, 12 blocks, 20 regions and akimats with plans in force, n events."""
    rng = random.Random(seed)
    programme = Programme(slug="bench", name_ru="Бенчмарк", name_en="Bench",
                          starts_on=date(2021, 1, 1), ends_on=date(2021, 12, 31))
    sections = [Section(programme=programme, position=m, month=m, kind="block",
                        name_ru=f"Блок {m}", name_en=f"Block {m}") for m in range(1, 13)]
    regions = [Region(code=f"R{i}", name_ru=f"Область {i}", name_en=f"Region {i}")
               for i in range(20)]
    agencies = [Agency(code=f"A{i}", kind="akimat", name_ru=f"Акимат {i}",
                       name_en=f"Akimat {i}", region=regions[i]) for i in range(20)]
    plans = [Plan(programme=programme, agency=a, level="regional", status="approved",
                  in_force=True, revision=1) for a in agencies]
    user = User(email="hq@bench.kz", role="hq", full_name="HQ")
    user.set_password(PASSWORD)
    db.session.add_all([programme, *sections, *regions, *agencies, *plans, user])
    db.session.flush()
    now = datetime.now(UTC)
    events, links, reports = [], [], []
    report_id = 0
    outputs = []
    for i in range(n):
        plan, month = plans[i % 20], rng.randint(1, 12)
        day = date(2021, month, rng.randint(1, 28))
        roll = rng.random()
        status = "held" if roll < 0.6 and day < date(2021, 9, 30) else \
            "postponed" if roll < 0.65 else "cancelled" if roll < 0.68 else "planned"
        events.append({
            "id": i + 1, "plan_id": plan.id, "number": str(i + 1), "position": i + 1,
            "title_kk": f"Іс-шара {i}", "title_ru": f"Мероприятие № {i}: концерт, выставка",
            "title_en": f"Event {i}", "section_id": sections[month - 1].id,
            "category": rng.choice(CATEGORIES), "lead_agency_id": plan.agency_id,
            "region_id": plan.agency.region_id, "place": "Дворец", "format": "offline",
            "starts_on": day, "ends_on": day + timedelta(days=i % 3),
            "completion_form": "информация в МИОР", "status": status, "version": 1,
            "created_at": now, "updated_at": now,
        })
        co = agencies[(i + 7) % 20].id
        links.append({"event_id": i + 1, "agency_id": co})
        if status == "held":
            report_id += 1
            reports.append({"id": report_id, **_report(rng, i + 1, plan.agency_id, day, now)})
            if rng.random() < 0.2:
                outputs.append({"report_id": report_id, "position": 0,
                                "name": rng.choice(OUTPUT_NAMES),
                                "quantity": rng.randint(1, 100)})
            if rng.random() < 0.3:
                report_id += 1
                reports.append({"id": report_id, **_report(rng, i + 1, co, day, now)})
        elif status == "planned" and day < date(2021, 9, 20) and rng.random() < 0.3:
            report_id += 1
            reports.append({"id": report_id, **_report(rng, i + 1, plan.agency_id, day, now),
                            "status": "submitted"})
    for rows, table in ((events, Event.__table__), (links, event_coexecutor),
                        (reports, CompletionReport.__table__), (outputs, ReportOutput.__table__)):
        for start in range(0, len(rows), CHUNK):
            db.session.execute(insert(table), rows[start:start + CHUNK])
    db.session.commit()
    # Fresh statistics, as autovacuum (PostgreSQL) or `PRAGMA optimize` (SQLite) would keep.
    db.session.execute(text("ANALYZE"))
    db.session.commit()
    return programme


def login(client) -> None:
    response = client.post("/auth/login", data={"email": "hq@bench.kz", "password": PASSWORD})
    assert response.status_code == 302, response.status_code


def capture_sql(app, client, path: str) -> list[tuple[str, object]]:
    captured: list[tuple[str, object]] = []

    def listener(conn, cursor, statement, parameters, context, executemany):
        captured.append((statement, parameters))

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", listener)
    try:
        assert client.get(path).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    return captured


def xlsx_child(url: str, tmp: str) -> None:
    """Run in a child process: one full export, then print time, size and peak RSS."""
    app = make_app(url, Path(tmp))
    client = app.test_client()
    login(client)
    started = time.perf_counter()
    response = client.get(f"/reports/bench/export.xlsx?as_of={AS_OF}")
    body = response.get_data()
    elapsed = time.perf_counter() - started
    assert response.status_code == 200 and body[:2] == b"PK"
    print(json.dumps({"seconds": elapsed, "bytes": len(body), "peak_rss_mb": peak_rss_mb()}))


def peak_rss_mb() -> float:
    """This process's peak resident memory. VmHWM belongs to the address space, so unlike
    ``ru_maxrss`` it does not carry the parent's peak over fork and exec."""
    try:
        status = Path("/proc/self/status").read_text()
        return int(status.split("VmHWM:")[1].split()[0]) / 1024
    except (OSError, IndexError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(url: str, n: int, tmp: Path, runs: int) -> dict:
    app = make_app(url, tmp)
    with app.app_context():
        db.drop_all()
        db.session.execute(text("DROP TABLE IF EXISTS alembic_version"))
        db.session.commit()
        db.create_all()
        started = time.perf_counter()
        populate(n)
        populate_s = time.perf_counter() - started
        counts = (db.session.scalar(select(func.count(Event.id))),
                  db.session.scalar(select(func.count(CompletionReport.id))))
        db.session.remove()
    client = app.test_client()
    login(client)
    path = f"/reports/bench/?as_of={AS_OF}"
    statements = capture_sql(app, client, path)
    # The aggregate statements, with the session settings they run under (SET LOCAL …).
    grouped = [s for s in statements if "GROUP BY" in s[0] or s[0].startswith("SET ")]

    def replay(items):
        def go():
            with app.app_context(), db.engine.connect() as conn:
                for statement, parameters in items:
                    result = conn.exec_driver_sql(statement, parameters)
                    if result.returns_rows:
                        result.fetchall()
        return go

    def dashboard():
        assert client.get(path).status_code == 200

    cold_times: list[float] = []

    def cold_dashboard():
        # A write elsewhere (here: a fresh stamp alone) makes the kept figures stale.
        with app.app_context():
            new_stamp(db.session.connection())
            db.session.commit()
        started = time.perf_counter()
        dashboard()
        cold_times.append((time.perf_counter() - started) * 1000)

    raw_all, raw_grouped, page, _ = interleaved(
        [replay(statements), replay(grouped), dashboard, cold_dashboard], runs)
    cold = statistics.median(cold_times)
    child = subprocess.run([sys.executable, "-m", "bench.reports", "--xlsx-child", url, str(tmp)],
                           capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONPATH": os.getcwd()})
    xlsx = json.loads(child.stdout.strip().splitlines()[-1])
    with app.app_context():
        db.session.remove()
        db.drop_all()
        db.engine.dispose()
    return {"events": counts[0], "reports": counts[1], "populate_s": populate_s,
            "statements": len(statements), "grouped": len(grouped), "raw_all_ms": raw_all,
            "raw_grouped_ms": raw_grouped, "dashboard_ms": page, "cold_ms": cold, "xlsx": xlsx}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--xlsx-child", nargs=2, metavar=("URL", "TMP"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.xlsx_child:
        xlsx_child(*args.xlsx_child)
        return
    with tempfile.TemporaryDirectory() as tmp:
        url = os.environ.get("EVENTPLAN_BENCH_DATABASE_URL") or \
            "sqlite:///" + str(Path(tmp) / "bench.sqlite")
        print(f"database: {url.split('@')[-1].split('/')[-1]}", flush=True)
        r = run(url, args.events, Path(tmp), args.runs)
        x = r["xlsx"]
        print(f"events {r['events']:,}, reports {r['reports']:,}, populated in "
              f"{r['populate_s']:.1f} s")
        print("| raw SQL, all statements | raw SQL, aggregates only | dashboard median "
              "| dashboard after a change | after a change / aggregates | XLSX time "
              "| XLSX size | XLSX peak RSS |")
        print("|---|---|---|---|---|---|---|---|")
        print(f"| {r['raw_all_ms']:.0f} ms ({r['statements']}) | {r['raw_grouped_ms']:.0f} ms "
              f"({r['grouped']}) | {r['dashboard_ms']:.0f} ms | {r['cold_ms']:.0f} ms "
              f"| {r['cold_ms'] / r['raw_grouped_ms']:.2f}× | {x['seconds']:.1f} s "
              f"| {x['bytes'] / 1e6:.1f} MB | {x['peak_rss_mb']:.0f} MB |")


if __name__ == "__main__":
    main()
