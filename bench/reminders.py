"""The reminder sweep over 100,000 events with 1,000 due, and the plans of its queries.

Run: python -m bench.reminders [--events 100000] [--due 1000] [--database-url URL]
"""

from __future__ import annotations

import argparse
import platform
import tempfile
import time
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, insert, select, text

from eventplan import create_app
from eventplan.extensions import db
from eventplan.models import Event, Notification, User
from eventplan.services.deadlines import due_query, programme_today
from eventplan.services.outbox import _due
from eventplan.services.reminders import sweep, upcoming_query
from tests.factories import build_world

NOW = datetime(2021, 6, 15, 4, 0, tzinfo=UTC)  # 10:00 in Almaty


def _populate(world, total: int, due: int) -> None:
    plan = world.plans["akmola"]  # in force
    lead = world.agencies["AKIMAT_AKMOLA"].id
    today = programme_today(world.programme, NOW)
    rows = []
    for n in range(total):
        if n < due:  # ended in the last 20 days, no report: due or overdue
            day, status = today - timedelta(days=1 + n % 20), "planned"
        elif n % 2:  # held long ago
            day, status = date(2021, 1, 1) + timedelta(days=n % 150), "held"
        else:  # planned, more than a week ahead (a few within it)
            day, status = today + timedelta(days=5 + n % 180), "planned"
        rows.append({"plan_id": plan.id, "section_id": world.sections[1 + day.month % 12].id,
                     "number": f"b{n}", "position": n, "title_ru": f"Мероприятие {n}",
                     "category": "cultural", "lead_agency_id": lead, "starts_on": day,
                     "ends_on": day, "status": status, "format": "offline", "version": 1,
                     "created_at": NOW, "updated_at": NOW})
        if len(rows) == 5000:
            db.session.execute(insert(Event), rows)
            rows = []
    if rows:
        db.session.execute(insert(Event), rows)
    db.session.commit()
    db.session.execute(text("ANALYZE"))
    db.session.commit()


def explain(stmt) -> list[str]:
    conn = db.session.connection()
    compiled = stmt.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
    params = compiled.construct_params()
    processors = compiled._bind_processors
    params = {k: processors[k](v) if k in processors else v for k, v in params.items()}
    if conn.dialect.name == "sqlite":
        args = tuple(params[k] for k in compiled.positiontup)
        return [row[-1] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + str(compiled),
                                                         args)]
    return [row[0] for row in conn.exec_driver_sql("EXPLAIN " + str(compiled), params)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--due", type=int, default=1000)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    url = args.database_url or f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite"
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench",
                      "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000"})
    with app.app_context():
        db.drop_all()
        db.create_all()
        world = build_world()
        started = time.perf_counter()
        _populate(world, args.events, args.due)
        print(f"# {db.engine.dialect.name}: {args.events} events ({args.due} owing a report) "
              f"loaded in {time.perf_counter() - started:.1f} s; {platform.platform()}, "
              f"{platform.processor() or platform.machine()}")
        programme = world.programme
        today = programme_today(programme, NOW)
        owing = db.session.scalar(select(func.count()).select_from(
            due_query(programme, today).subquery()))
        print(f"events owing a report on {today}: {owing}")
        for label in ("first sweep (creates)", "second sweep (nothing new)"):
            started = time.perf_counter()
            created = sweep(NOW)
            db.session.commit()
            print(f"{label:28} {time.perf_counter() - started:6.3f} s  created "
                  f"{sum(created.values())} {dict(sorted(created.items()))}")
        user = db.session.scalar(select(User).where(User.email == "akmola@test.kz"))
        keys = list(db.session.scalars(select(Notification.dedupe_key).limit(3)))
        plans = {
            "due and overdue (deadlines.due_query)": due_query(programme, today),
            "upcoming within 7 days": upcoming_query(programme, today, 7),
            "dedupe: keys already created": select(Notification.dedupe_key)
            .where(Notification.dedupe_key.in_(keys)),
            "sender: next e-mail to claim": _due(NOW),
            "bell: unread count": select(func.count(Notification.id)).where(
                Notification.user_id == user.id, Notification.read_at.is_(None)),
        }
        for name, stmt in plans.items():
            print(f"\n## {name}\n```")
            print("\n".join(explain(stmt)))
            print("```")


if __name__ == "__main__":
    main()
