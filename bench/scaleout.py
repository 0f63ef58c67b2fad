"""Throughput of public pages and feed polls: one gunicorn process, then two, on one database.

    python -m bench.scaleout [--database-url URL] [--seconds 25] [--clients 8]

The demo programme goes into a schema of its own (``eventplan_bench_scaleout``) of the given
PostgreSQL database (default: EVENTPLAN_BENCH_DATABASE_URL, else the local eventplan_bench).
Each gunicorn process is one master and one sync worker; the load generator (threads in this
process) sends the same mix round-robin to every process: the programme page, a block page,
the public feed in full and the public feed polled with its ETag (304).
"""

from __future__ import annotations

import argparse
import itertools
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = "eventplan_bench_scaleout"
SLUG = "independence-30"


def prepare(url: str) -> str:
    """Create the schema, migrate it and load the demo; the URL that selects it."""
    from flask_migrate import upgrade

    from eventplan import create_app
    from eventplan.cli import MIGRATIONS
    from eventplan.extensions import db
    from eventplan.services.demo import load_demo

    base = make_url(url)
    engine = create_engine(base, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
        conn.execute(text(f"CREATE SCHEMA {SCHEMA}"))
    engine.dispose()
    selected = base.update_query_dict({"options": f"-csearch_path={SCHEMA}"}).render_as_string(
        hide_password=False)
    app = create_app({"DATABASE_URL": selected})
    app.instance_path = tempfile.mkdtemp(prefix="scaleout-")
    with app.app_context():
        upgrade(directory=str(MIGRATIONS))
        load_demo()
        db.session.commit()
        db.engine.dispose()
    return selected


def start(url: str, port: int, instance: str) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVENTPLAN_")}
    env.update({"EVENTPLAN_DATABASE_URL": url, "EVENTPLAN_SECRET_KEY": "bench",
                "EVENTPLAN_INSTANCE_PATH": instance, "PYTHONPATH": str(ROOT)})
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-w", "1", "-b", f"127.0.0.1:{port}",
         "--log-level", "warning", "eventplan:create_app()"], env=env, cwd=instance,
        stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=30).ok:
                return process
        except requests.RequestException:
            time.sleep(0.5)
    process.terminate()
    raise SystemExit(f"gunicorn on port {port} did not start")


def paths(base: str) -> list[tuple[str, dict[str, str]]]:
    feed = f"/feeds/public/{SLUG}.ics?lang=kk"
    etag = requests.get(base + feed, timeout=60).headers["ETag"]
    return [(f"/programmes/{SLUG}/", {}), (f"/programmes/{SLUG}/blocks/3", {}),
            (feed, {}), (feed, {"If-None-Match": etag}), (feed, {"If-None-Match": etag})]


def load(bases: list[str], seconds: float, clients: int) -> tuple[float, int, dict[int, int]]:
    """Requests per second over ``seconds`` with ``clients`` threads, round-robin over bases."""
    mix = [(base, p, h) for base in bases for p, h in paths(base)]
    done, errors, statuses = [0], [0], {}
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client(offset: int) -> None:
        session = requests.Session()
        for base, path, headers in itertools.islice(itertools.cycle(mix), offset, None):
            if time.monotonic() >= stop_at:
                return
            try:
                status = session.get(base + path, headers=headers, timeout=60).status_code
            except requests.RequestException:
                status = 0
            with lock:
                done[0] += 1
                statuses[status] = statuses.get(status, 0) + 1
                if status not in (200, 304):
                    errors[0] += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return done[0] / (time.monotonic() - started), errors[0], statuses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get(
        "EVENTPLAN_BENCH_DATABASE_URL",
        "postgresql+psycopg://postgres@127.0.0.1:5432/eventplan_bench"))
    parser.add_argument("--seconds", type=float, default=25)
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args()
    began = time.monotonic()
    url = prepare(args.database_url)
    print(f"demo loaded in {time.monotonic() - began:.1f} s")
    instances = [tempfile.mkdtemp(prefix=f"scaleout-{n}-") for n in (1, 2)]
    processes: list[subprocess.Popen] = []
    try:
        results = {}
        for count in (1, 2):
            processes.append(start(url, 18600 + count, instances[count - 1]))
            bases = [f"http://127.0.0.1:{18600 + n}" for n in range(1, count + 1)]
            load(bases, 3, args.clients)  # warm-up: kept fragments, caches, connections
            rate, errors, statuses = load(bases, args.seconds, args.clients)
            results[count] = rate
            print(f"{count} gunicorn process(es): {rate:.1f} requests/s, {errors} errors, "
                  f"statuses {dict(sorted(statuses.items()))}")
        print(f"ratio two/one: {results[2] / results[1]:.2f}")
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=20)
        engine = create_engine(make_url(args.database_url), isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
        engine.dispose()
    print(f"total {time.monotonic() - began:.0f} s; load average {os.getloadavg()}")


if __name__ == "__main__":
    main()
