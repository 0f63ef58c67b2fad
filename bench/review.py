"""My tasks and the report review queue at the scale of a large akimat.

An akimat with 6,000 events in a plan in force (Akmola logged 6,092 in half a year), seen on
1 September: most past events held with accepted reports, 2,000 reports submitted and
waiting, ~500 events due or overdue (no report, a returned one or a draft). Measures the
coordinator's /tasks page (target < 300 ms), HQ's /tasks over all agencies and the review
queue (target < 500 ms): median of N renders through the test client, logged in.

Run: .venv/bin/python -m bench.review [--events 6000] [--submitted 2000] [--runs 20]
     [--database-url postgresql+psycopg://postgres@127.0.0.1:5432/NAME]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import event as sa_event
from sqlalchemy import func, insert, select, update

from eventplan import create_app
from eventplan.blueprints.completion import nav
from eventplan.extensions import db
from eventplan.models import CompletionReport, Event, Programme, User
from eventplan.services.completion import review, tasks
from eventplan.services.demo.generate import generate_events
from tests.factories import PASSWORD, build_world

CHUNK = 2000
TODAY = date(2021, 9, 1)
NOW = datetime(2021, 9, 1, 6, 0, tzinfo=UTC)


def populate(events: int, submitted: int, rng: random.Random) -> dict[str, int]:
    world = build_world()
    plan = world.plans["akmola"]
    generate_events(world.programme, [plan], events, rng)
    db.session.commit()
    past = db.session.scalars(select(Event.id).where(
        Event.plan_id == plan.id, Event.ends_on < TODAY).order_by(Event.id)).all()
    past = list(past)
    rng.shuffle(past)
    owing, returned, drafts = past[:300], past[300:450], past[450:500]
    waiting = past[500:500 + submitted]
    held = past[500 + submitted:]
    agency = world.agencies["AKIMAT_AKMOLA"].id
    user = world.users["other_coordinator"].id
    stamp = datetime(2021, 8, 1, tzinfo=UTC)

    def rows(ids, status, minutes=0):
        for i, event_id in enumerate(ids):
            tv, radio, printed, web = (rng.randint(0, 5) for _ in range(4))
            total = tv + radio + printed + web + (1 if rng.random() < 0.05 else 0)
            yield {"event_id": event_id, "agency_id": agency, "status": status,
                   "outcome": "not_held" if rng.random() < 0.02 else "held",
                   "participants": rng.randint(20, 5000), "media_tv": tv,
                   "media_radio": radio, "media_print": printed, "media_internet": web,
                   "media_social": rng.randint(0, 30), "media_total": total, "links": [],
                   "summary": "Проведено", "created_by_id": user,
                   "submitted_at": stamp + timedelta(minutes=minutes + i) if status != "draft"
                   else None, "submitted_by_id": user,
                   "created_at": stamp, "updated_at": stamp, "version": 1,
                   "review_comment": "Приложите фото" if status == "returned" else None}

    batch = [*rows(returned, "returned"), *rows(drafts, "draft"),
             *rows(waiting, "submitted", 10), *rows(held, "accepted")]
    for start in range(0, len(batch), CHUNK):
        db.session.execute(insert(CompletionReport), batch[start:start + CHUNK])
    for start in range(0, len(held), CHUNK):
        db.session.execute(update(Event).where(Event.id.in_(held[start:start + CHUNK]))
                           .values(status="held", version=Event.version + 1))
    db.session.commit()
    return {"events": events, "past": len(past), "owing": len(owing) + len(returned)
            + len(drafts), "submitted": len(waiting), "held": len(held)}


def measure(client, path: str, runs: int, app) -> tuple[float, float, int]:
    assert client.get(path).status_code == 200  # warm-up
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(path)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    queries = 0

    def count(*_a):
        nonlocal queries
        queries += 1

    with app.app_context():
        sa_event.listen(db.engine, "before_cursor_execute", count)
        client.get(path)
        sa_event.remove(db.engine, "before_cursor_execute", count)
    return statistics.median(timings), sorted(timings)[int(len(timings) * 0.9)], queries


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=6000)
    parser.add_argument("--submitted", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    tmp = tempfile.mkdtemp()
    url = args.database_url or f"sqlite:///{tmp}/bench.sqlite"
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False,
                      "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
                      "BABEL_DEFAULT_LOCALE": "ru"})
    app.instance_path = tmp
    nav.clock = lambda: NOW
    with app.app_context():
        db.drop_all()
        db.create_all()
        started = time.perf_counter()
        scale = populate(args.events, args.submitted, random.Random(2021))
        print(f"populated in {time.perf_counter() - started:.1f} s: {scale}")
        coordinator = db.session.scalar(select(User).where(User.email == "akmola@test.kz"))
        programme = db.session.scalar(select(Programme).order_by(Programme.starts_on.desc()))
        print("coordinator's groups:", tasks.counts(programme, TODAY,
                                                    tasks.scope_for(coordinator)))
    print(f"database: {url.split(':')[0]}; today {TODAY}; runs {args.runs}")
    pages = (("other_coordinator", "coordinator /tasks", "/tasks", 300),
             ("hq", "hq /tasks (all)", "/tasks", None),
             ("hq", "hq /completion/review", "/completion/review", 500),
             ("hq", "hq review page 20", "/completion/review?page=20", 500))
    for role, name, path, target in pages:
        client = app.test_client()
        email = {"other_coordinator": "akmola@test.kz", "hq": "hq@test.kz"}[role]
        assert client.post("/auth/login", data={"email": email, "password": PASSWORD}
                           ).status_code == 302
        median, p90, queries = measure(client, path, args.runs, app)
        verdict = "" if target is None else (
            f"  target < {target} ms  " + ("OK" if median < target else "SLOW"))
        print(f"{name:24} median {median:7.1f} ms  p90 {p90:7.1f} ms  queries {queries:3}"
              f"{verdict}")
    # One "Accept selected" of a full page (100 reports) through the HTTP form.
    client = app.test_client()
    client.post("/auth/login", data={"email": "hq@test.kz", "password": PASSWORD})
    with app.app_context():
        picked = [f"{i}:{v}" for i, v in db.session.execute(
            select(CompletionReport.id, CompletionReport.version)
            .where(CompletionReport.status == "submitted")
            .order_by(CompletionReport.submitted_at).limit(100))]
    started = time.perf_counter()
    response = client.post("/completion/bulk-accept", data={"report": picked})
    assert response.status_code == 200
    with app.app_context():
        waiting = db.session.scalar(select(func.count(CompletionReport.id)).where(
            CompletionReport.status == "submitted"))
    assert waiting == scale["submitted"] - len(picked), waiting
    print(f"bulk accept of {len(picked)} via HTTP: {(time.perf_counter() - started) * 1000:.0f} ms")
    # The service alone on every remaining submitted report, in one transaction (rolled back).
    with app.app_context():
        hq = db.session.scalar(select(User).where(User.email == "hq@test.kz"))
        rest = dict(db.session.execute(select(CompletionReport.id, CompletionReport.version)
                                       .where(CompletionReport.status == "submitted")).all())
        started = time.perf_counter()
        result = review.bulk_accept(rest, hq)
        db.session.flush()
        elapsed = (time.perf_counter() - started) * 1000
        print(f"bulk_accept service, {len(result.accepted)} reports "
              f"({len(result.held)} events held): {elapsed:.0f} ms")
        db.session.rollback()


if __name__ == "__main__":
    main()
