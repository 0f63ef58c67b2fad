"""Benchmark calendar feeds: cold build, warm feed against the floor, and 304 answers.

    .venv/bin/python -m bench.feeds --events 2400 --events 100000
    EVENTPLAN_BENCH_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1/eventplan_bench ...

The floor is the least any design must do: read the same fragment bytes from the database
and join them. A warm feed (every fragment kept) should cost at most 3 times that.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import delete, insert, select, text

from eventplan import create_app
from eventplan.extensions import db
from eventplan.models import (
    Agency,
    Event,
    FeedFragment,
    FeedSubscription,
    Plan,
    Programme,
    Section,
    User,
    event_coexecutor,
)
from eventplan.services import feed_cache, feed_store
from eventplan.services import feeds as feed_service

CHUNK = 5000


def make_app(url: str, tmp: Path):
    app = create_app({"TESTING": True, "DATABASE_URL": url, "SECRET_KEY": "bench",
                      "BASE_URL": "https://plan.example.kz", "BABEL_DEFAULT_LOCALE": "ru"})
    app.instance_path = str(tmp)
    app.config["FEED_FILES_DIR"] = str(tmp / "feeds")
    return app


def populate(n: int) -> tuple[User, Programme]:
    """One programme, 12 blocks, 20 akimats with approved plans, n events (bulk inserts)."""
    programme = Programme(slug="bench", name_ru="Бенчмарк", name_en="Bench",
                          starts_on=date(2021, 1, 1), ends_on=date(2021, 12, 31),
                          is_public=True)
    sections = [Section(programme=programme, position=m, month=m, kind="block",
                        name_ru=f"Блок {m}", name_en=f"Block {m}") for m in range(1, 13)]
    agencies = [Agency(code=f"A{i}", kind="akimat", name_ru=f"Акимат {i}",
                       name_en=f"Akimat {i}") for i in range(20)]
    plans = [Plan(programme=programme, agency=a, level="regional", status="approved")
             for a in agencies]
    user = User(email="hq@bench.kz", role="hq", full_name="HQ")
    db.session.add_all([programme, *sections, *agencies, *plans, user])
    db.session.flush()
    now = datetime.now(UTC)
    rows, links = [], []
    for i in range(n):
        plan, month = plans[i % 20], i % 12 + 1
        day = date(2021, month, i % 28 + 1)
        timed = i % 3 == 0
        starts_at = datetime(2021, month, day.day, 4, 0, tzinfo=UTC) if timed else None
        rows.append({
            "id": i + 1, "plan_id": plan.id, "number": str(i + 1), "position": i + 1,
            "title_kk": f"Іс-шара {i}", "title_ru": f"Мероприятие № {i}: концерт, выставка",
            "title_en": f"Event {i}", "section_id": sections[month - 1].id,
            "category": "cultural", "lead_agency_id": plan.agency_id, "place": "Дворец",
            "format": "offline", "starts_on": day, "ends_on": day + timedelta(days=i % 3),
            "starts_at": starts_at, "ends_at": starts_at + timedelta(hours=2) if timed else None,
            "completion_form": "информация в МИОР", "status": "planned", "version": 1,
            "created_at": now, "updated_at": now,
        })
        links.append({"event_id": i + 1, "agency_id": agencies[(i + 7) % 20].id})
    for start in range(0, n, CHUNK):
        db.session.execute(insert(Event.__table__), rows[start:start + CHUNK])
        db.session.execute(insert(event_coexecutor), links[start:start + CHUNK])
    db.session.commit()
    return user, programme


def median_ms(fn, runs: int) -> float:
    return interleaved([fn], runs)[0]


def interleaved(fns, runs: int) -> list[float]:
    """Median milliseconds of each function, run in turns so that noise hits all alike."""
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(runs):
        for fn, bucket in zip(fns, times, strict=True):
            started = time.perf_counter()
            fn()
            bucket.append((time.perf_counter() - started) * 1000)
    return [statistics.median(bucket) for bucket in times]


def run(url: str, n: int, tmp: Path) -> dict[str, float]:
    app = make_app(url, tmp)
    with app.app_context():
        db.drop_all()
        db.session.execute(text("DROP TABLE IF EXISTS alembic_version"))
        db.session.commit()
        db.create_all()
        user, programme = populate(n)
        flt = feed_service.FeedFilter(programme_id=programme.id, lang="ru")
        feed, token = feed_service.create_feed(user, flt, "Bench")
        db.session.commit()
        spec = feed_cache.FeedSpec(key=feed.cache_key(), programme_id=programme.id,
                                   programme_created_at=programme.created_at, name=feed.name,
                                   lang="ru",
                                   conditions=lambda: feed_service.feed_conditions(feed))
        base, feed_id = app.config["BASE_URL"], feed.id

        db.session.execute(delete(FeedFragment))
        db.session.commit()
        app.config["FEED_INLINE_LIMIT"] = n  # the cold build, measured inside one call
        started = time.perf_counter()
        etag, _ = feed_cache.build(spec, base)
        db.session.commit()
        body = feed_store.path_of(etag).read_bytes()
        cold = time.perf_counter() - started
        runs = 15 if n <= 10_000 else 5

        assert len(body) > 0
        db.session.remove()
    # Each measured call runs in its own application context, as a request would.

    def floor():
        with app.app_context():
            return "".join(db.session.scalars(
                select(FeedFragment.body).where(FeedFragment.lang == "ru"))).encode()

    def warm():
        with app.app_context():
            feed = db.session.get(FeedSubscription, feed_id)
            spec = feed_cache.FeedSpec(key=feed.cache_key(), programme_id=feed.programme_id,
                                       programme_created_at=feed.programme.created_at,
                                       name=feed.name, lang="ru",
                                       conditions=lambda: feed_service.feed_conditions(feed))
            return feed_store.path_of(feed_cache.build(spec, base)[0]).read_bytes()

    assert len(floor()) > 0.9 * len(body) and warm() == body
    client = app.test_client()
    path = f"/feeds/{token}.ics"
    first = client.get(path)
    assert first.status_code == 200 and first.data == body
    etag = first.headers["ETag"]

    def http():
        assert len(client.get(path).data) == len(body)

    floor_ms, warm_ms, http_ms = interleaved([floor, warm, http], runs)
    gzip_ms = median_ms(lambda: client.get(path, headers={"Accept-Encoding": "gzip"}), runs)

    def not_modified():
        assert client.get(path, headers={"If-None-Match": etag}).status_code == 304

    not_modified_ms = median_ms(not_modified, 200)
    with app.app_context():
        db.session.remove()
        db.drop_all()
        db.engine.dispose()
    return {"events": n, "bytes": len(body), "cold_s": cold, "cold_ms_per_event": cold * 1000 / n,
            "floor_ms": floor_ms, "warm_build_ms": warm_ms, "warm_http_ms": http_ms,
            "ratio_build": warm_ms / floor_ms, "ratio_http": http_ms / floor_ms,
            "gzip_http_ms": gzip_ms, "not_modified_ms": not_modified_ms}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, action="append",
                        help="event count; repeat for several runs (default 2400 and 100000)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = os.environ.get("EVENTPLAN_BENCH_DATABASE_URL") or \
            "sqlite:///" + str(Path(tmp) / "bench.sqlite")
        print(f"database: {url.split('@')[-1]}")
        print("| events | feed size | cold build | per event | floor | warm build | warm GET "
              "| warm GET / floor | GET gzip | 304 median |")
        print("|---|---|---|---|---|---|---|---|---|---|")
        for n in args.events or [2400, 100_000]:
            r = run(url, n, Path(tmp))
            print(f"| {n:,} | {r['bytes'] / 1e6:.1f} MB | {r['cold_s']:.1f} s "
                  f"| {r['cold_ms_per_event']:.2f} ms | {r['floor_ms']:.0f} ms "
                  f"| {r['warm_build_ms']:.0f} ms ({r['ratio_build']:.1f}×) "
                  f"| {r['warm_http_ms']:.0f} ms | {r['ratio_http']:.1f}× "
                  f"| {r['gzip_http_ms']:.0f} ms | {r['not_modified_ms']:.2f} ms |", flush=True)


if __name__ == "__main__":
    main()
