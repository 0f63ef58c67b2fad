"""Login answer time: unknown e-mail against wrong password, with the production hash.

Run: python -m bench.login_timing [--rounds 15] [--database-url URL]
Also times the refusal of a 1 MB workbook that unpacks to 390 MB.
"""

from __future__ import annotations

import argparse
import io
import statistics
import tempfile
import time
import zipfile

from eventplan import create_app
from eventplan.extensions import db
from eventplan.services import plan_io
from tests.factories import PASSWORD, build_world


def median_ms(client, email: str, rounds: int) -> tuple[float, int]:
    times, status = [], 0
    for _ in range(rounds):
        started = time.perf_counter()
        status = client.post("/auth/login", data={"email": email, "password": "wrong " * 3}
                             ).status_code
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), status


def bomb() -> bytes:
    from tests.functional.plan_io_helpers import xlsx

    out = io.BytesIO(xlsx([["№", "Наименование мероприятия", "Срок исполнения"]]))
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive, \
            archive.open("xl/media/padding.bin", "w", force_zip64=True) as member:
        for _ in range(390):
            member.write(b"\0" * (1024 * 1024))
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    folder = tempfile.mkdtemp()
    app = create_app({"TESTING": True, "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False,
                      "DATABASE_URL": args.database_url or f"sqlite:///{folder}/bench.sqlite",
                      "LOGIN_FREE_ATTEMPTS": 10**6, "LOGIN_FREE_ATTEMPTS_PER_ADDRESS": 10**6})
    with app.app_context():
        db.drop_all()
        db.create_all()
        world = build_world()
        world.users["hq"].set_password(PASSWORD)  # the production method (scrypt)
        db.session.commit()
        client = app.test_client()
        unknown = median_ms(client, "nobody@test.kz", args.rounds)
        wrong = median_ms(client, "hq@test.kz", args.rounds)
        print(f"unknown e-mail: {unknown[0]:.1f} ms (HTTP {unknown[1]})")
        print(f"wrong password: {wrong[0]:.1f} ms (HTTP {wrong[1]})")
        content = bomb()
        started = time.perf_counter()
        try:
            plan_io.preview_import(world.plans["pavlodar"], world.users["coordinator"],
                                   content, "bomb.xlsx")
        except plan_io.BadFile as exc:
            print(f"{len(content) / 1024:.0f} KB workbook unpacking to 390 MB refused in "
                  f"{(time.perf_counter() - started) * 1000:.1f} ms: {exc.message[:60]}…")
        db.session.remove()
        db.drop_all()


if __name__ == "__main__":
    main()
