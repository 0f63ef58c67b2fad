"""Plan page and review page at 500 events: median render time and query count.

Run: .venv/bin/python -m bench.plans [--events 500] [--database-url URL]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import date

from sqlalchemy import event as sa_event

from eventplan import create_app
from eventplan.extensions import db
from eventplan.models import Event
from eventplan.services import plans
from tests.factories import PASSWORD, build_world


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=500)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    tmp = tempfile.mkdtemp()
    url = args.database_url or f"sqlite:///{tmp}/bench.sqlite"
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False,
                      "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000"})
    with app.app_context():
        db.drop_all()
        db.create_all()
        world = build_world()
        plan = world.plans["pavlodar"]
        agencies = list(world.agencies.values())
        for n in range(args.events - 1):
            month = 1 + n % 12
            db.session.add(Event(
                plan_id=plan.id, section_id=world.sections[month].id, number=str(n + 2),
                position=n + 2, title_ru=f"Мероприятие {n}", title_kk=f"Іс-шара {n}",
                category="cultural", lead_agency_id=agencies[n % 4].id,
                coexecutors=[agencies[(n + 1) % 4]], region_id=world.regions["PAVLODAR"].id,
                starts_on=date(2021, month, 1 + n % 28), ends_on=date(2021, month, 1 + n % 28)))
        db.session.commit()
        plans.submit(plan, world.users["coordinator"])
        db.session.commit()
        plan_id = plan.id
    client = app.test_client()
    client.post("/auth/login", data={"email": "hq@test.kz", "password": PASSWORD})
    queries = 0

    def count(*_a):
        nonlocal queries
        queries += 1

    print(f"events in plan: {args.events}; database: {url.split(':')[0]}")
    for name, path in (("plan page", f"/plans/{plan_id}"),
                       ("review page", f"/plans/{plan_id}/review")):
        client.get(path)  # warm-up
        timings = []
        for _ in range(args.runs):
            started = time.perf_counter()
            response = client.get(path)
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
        with app.app_context():
            sa_event.listen(db.engine, "before_cursor_execute", count)
            queries = 0
            client.get(path)
            sa_event.remove(db.engine, "before_cursor_execute", count)
        print(f"{name:12} median {statistics.median(timings):6.1f} ms  "
              f"p90 {sorted(timings)[int(len(timings) * 0.9)]:6.1f} ms  queries {queries}")


if __name__ == "__main__":
    main()
