"""Benchmark the reporting side: event page with its Completion section, totals, the form.

    .venv/bin/python -m bench.completion [--events 6000] [--database-url URL]

One akimat's plan with N events (Akmola logged 6,092 in half a year); every event has a
lead report and a co-executor's report, half of them accepted, each with two outputs.
One event has 18 co-executors, all accepted, each with three photos: the widest event page.
Pages go through the Flask test client (templates included, no network).
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import event as sa_event
from sqlalchemy import insert, text

from eventplan import create_app
from eventplan.extensions import db
from eventplan.models import (
    Agency,
    CompletionReport,
    Event,
    Plan,
    Programme,
    ReportAttachment,
    ReportOutput,
    Section,
    User,
    event_coexecutor,
)
from eventplan.services.completion import filing

CHUNK = 5000
PASSWORD = "bench password"  # noqa: S105 - a throwaway benchmark user


def populate(n: int) -> tuple[int, int, int]:
    """Return (widest event id, an event with a draft to save, n)."""
    programme = Programme(slug="bench", name_ru="Бенчмарк", name_en="Bench",
                          starts_on=date(2021, 1, 1), ends_on=date(2021, 12, 31))
    sections = [Section(programme=programme, position=m, month=m, kind="block",
                        name_ru=f"Блок {m}", name_en=f"Block {m}") for m in range(1, 13)]
    akmola = Agency(code="AKMOLA", kind="akimat", name_ru="Акимат Акмолинской области")
    others = [Agency(code=f"A{i}", kind="akimat", name_ru=f"Акимат {i}") for i in range(18)]
    plan = Plan(programme=programme, agency=akmola, level="regional", status="approved",
                in_force=True, revision=1)
    user = User(email="akmola@bench.kz", role="coordinator", agency=akmola, full_name="A")
    user.set_password(PASSWORD)
    db.session.add_all([programme, *sections, akmola, *others, plan, user])
    db.session.flush()
    now = datetime.now(UTC)
    events, links, rows, outputs = [], [], [], []
    for i in range(n):
        month = i % 12 + 1
        day = date(2021, month, i % 28 + 1)
        events.append({"id": i + 1, "plan_id": plan.id, "number": str(i + 1),
                       "position": i + 1, "title_ru": f"Мероприятие {i}",
                       "section_id": sections[month - 1].id, "category": "cultural",
                       "lead_agency_id": akmola.id, "format": "offline", "starts_on": day,
                       "ends_on": day, "status": "planned", "version": 1,
                       "created_at": now, "updated_at": now})
        links.append({"event_id": i + 1, "agency_id": others[i % 18].id})
        for k, agency in enumerate((akmola, others[i % 18])):
            rid = 2 * i + k + 1
            rows.append({"id": rid, "event_id": i + 1, "agency_id": agency.id,
                         "status": "accepted" if i % 2 else "submitted", "outcome": "held",
                         "held_from": day, "participants": 100 + i, "media_tv": 2,
                         "media_print": 3, "media_social": 10, "links": [],
                         "charity_amount": 1000, "created_at": now, "updated_at": now,
                         "version": 1})
            outputs += [{"report_id": rid, "position": 0, "name": "Баннеры", "quantity": 5},
                        {"report_id": rid, "position": 1, "name": "Видеоролики",
                         "quantity": 2}]
    for start in range(0, n, CHUNK):
        db.session.execute(insert(Event.__table__), events[start:start + CHUNK])
        db.session.execute(insert(event_coexecutor), links[start:start + CHUNK])
    for start in range(0, len(rows), CHUNK):
        db.session.execute(insert(CompletionReport.__table__), rows[start:start + CHUNK])
    for start in range(0, len(outputs), CHUNK):
        db.session.execute(insert(ReportOutput.__table__), outputs[start:start + CHUNK])
    # The widest page: event 2 (accepted) gets every other akimat as co-executor.
    wide = 2
    db.session.execute(insert(event_coexecutor), [
        {"event_id": wide, "agency_id": a.id} for a in others if a.id != others[1].id])
    extra = [{"id": 2 * n + j + 1, "event_id": wide, "agency_id": a.id, "status": "accepted",
              "outcome": "held", "held_from": date(2021, 2, 2), "participants": 50,
              "media_tv": 1, "links": [], "created_at": now, "updated_at": now, "version": 1}
             for j, a in enumerate(a for a in others if a.id != others[1].id)]
    db.session.execute(insert(CompletionReport.__table__), extra)
    files = [{"report_id": r["id"], "stored_name": f"f{r['id']}x{k}", "original_name": "p.jpg",
              "kind": "jpeg", "content_type": "image/jpeg", "size": 1000, "sha256": "0" * 64,
              "created_at": now} for r in extra for k in range(3)]
    db.session.execute(insert(ReportAttachment.__table__), files)
    # A draft to save through the form: the lead report of event 1 back to draft.
    db.session.execute(text("UPDATE completion_report SET status='draft' WHERE id=1"))
    db.session.commit()
    return wide, 1, n


def timed(fn, runs: int) -> tuple[float, float, int]:
    """Median and p90 milliseconds, and SQL statements in one call."""
    count = [0]

    def counter(*_args):
        count[0] += 1

    sa_event.listen(db.engine, "before_cursor_execute", counter)
    fn()
    sa_event.remove(db.engine, "before_cursor_execute", counter)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.9) - 1], count[0]


def run(url: str, n: int, tmp: Path) -> dict[str, tuple[float, float, int]]:
    app = create_app({"TESTING": True, "DATABASE_URL": url, "SECRET_KEY": "bench",
                      "WTF_CSRF_ENABLED": False, "BABEL_DEFAULT_LOCALE": "ru",
                      "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000"})
    app.instance_path = str(tmp)
    results = {}
    with app.app_context():
        db.drop_all()
        db.session.execute(text("DROP TABLE IF EXISTS alembic_version"))
        db.session.commit()
        db.create_all()
        wide, draft_event, _ = populate(n)
        client = app.test_client()
        assert client.post("/auth/login", data={"email": "akmola@bench.kz",
                                                "password": PASSWORD}).status_code == 302
        runs = 30

        def event_page():
            response = client.get(f"/events/{wide}")
            assert response.status_code == 200 and b'id="contributions"' in response.data

        def totals():
            db.session.expire_all()
            result = filing.event_totals(db.session.get(Event, wide))
            assert result.overall["reports"] == 19

        def form_page():
            assert client.get(f"/events/{draft_event}/report").status_code == 200

        counter = iter(range(10**6))

        def save_draft():
            version = db.session.scalar(text("SELECT version FROM completion_report WHERE id=1"))
            db.session.commit()
            response = client.post(f"/events/{draft_event}/report", data={
                "outcome": "held", "held_from": date(2021, 1, 1).isoformat(),
                "participants": str(1000 + next(counter)), "media_tv": "3",
                "media_print": "5", "media_total": "8", "outputs-0-name": "Баннеры",
                "outputs-0-quantity": "5", "links": "https://example.kz/1",
                "version": str(version), "save_draft": "1"})
            assert response.status_code == 302, response.status_code

        results["event page, 19 contributions, 57 thumbnails"] = timed(event_page, runs)
        results["event_totals (GROUP BY) alone"] = timed(totals, runs)
        results["report form GET"] = timed(form_page, runs)
        results["report form POST save draft (+ audit, commit)"] = timed(save_draft, runs)
        db.session.remove()
        db.drop_all()
        db.engine.dispose()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=6000)
    parser.add_argument("--database-url", default=os.environ.get("EVENTPLAN_BENCH_DATABASE_URL"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or "sqlite:///" + str(Path(tmp) / "bench.sqlite")
        print(f"database: {url.split('@')[-1]}; {args.events:,} events, "
              f"{2 * args.events + 17:,} reports, {4 * args.events:,} outputs")
        print("| measured | median | p90 | SQL statements |")
        print("|---|---|---|---|")
        for name, (median, p90, queries) in run(url, args.events, Path(tmp)).items():
            print(f"| {name} | {median:.1f} ms | {p90:.1f} ms | {queries} |", flush=True)


if __name__ == "__main__":
    main()
