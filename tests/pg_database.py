"""Print the URL of a dedicated PostgreSQL test database, creating it; exit 1 if no server.

Used by ``make test``: ``python -m tests.pg_database``. The server is taken from
EVENTPLAN_TEST_PG_SERVER (default: postgres@127.0.0.1:5432, trust auth).
"""

from __future__ import annotations

import os
import sys

NAME = "eventplan_test"


def main() -> int:
    try:
        import psycopg
    except ImportError:
        print("psycopg is not installed", file=sys.stderr)
        return 1
    server = os.environ.get("EVENTPLAN_TEST_PG_SERVER", "postgres@127.0.0.1:5432")
    try:
        with psycopg.connect(f"postgresql://{server}/postgres", autocommit=True,
                             connect_timeout=3) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                                  (NAME,)).fetchone()
            if not exists:
                conn.execute(f'CREATE DATABASE "{NAME}"')
    except psycopg.Error as exc:
        print(f"PostgreSQL unavailable: {exc}".strip(), file=sys.stderr)
        return 1
    print(f"postgresql+psycopg://{server}/{NAME}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
