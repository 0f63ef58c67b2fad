"""Time of ``eventplan demo``: independence-30, then the live demo around a fixed day.

    .venv/bin/python -m bench.demo_live [--runs 3]

Each run uses a fresh SQLite file in a temporary directory (issue 18; results in README).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import date
from pathlib import Path

from flask_migrate import upgrade

from eventplan import create_app
from eventplan.cli import MIGRATIONS
from eventplan.extensions import db
from eventplan.services.demo import load_demo
from eventplan.services.demo.live import load_live_demo


def run_once(directory: Path) -> tuple[float, float]:
    app = create_app({"DATABASE_URL": f"sqlite:///{directory / 'demo.sqlite'}"})
    with app.app_context():
        upgrade(directory=str(MIGRATIONS))
        started = time.perf_counter()
        load_demo()
        db.session.commit()
        middle = time.perf_counter()
        load_live_demo(date(2026, 12, 4))
        db.session.commit()
        db.engine.dispose()
        return middle - started, time.perf_counter() - middle


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as directory:
            old, live = run_once(Path(directory))
            print(f"independence-30 {old:.2f} s, demo-live {live:.2f} s")


if __name__ == "__main__":
    main()
