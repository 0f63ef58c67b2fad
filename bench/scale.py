"""Speed at 100,000 events under gunicorn, measured with wrk (issue 21), in one run.

    EVENTPLAN_BENCH_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/NAME \\
        python -m bench.scale [--reuse] [--duration 10] [--mixed 60] [--rounds 2]

Builds two PostgreSQL databases with ``eventplan demo``: NAME with ``--events 100000``
(100,352 events) and NAME_small with ``--events 2048`` (2,400 events), runs ANALYZE, starts
``gunicorn -w 2`` (sync workers, default 30 s timeout) on each, and then:

1. **cold feed** — every fragment and kept body removed: polls of the public feed must answer
   503 with Retry-After at once (never 500, never a worker timeout); ``eventplan warm-feeds``
   then renders the fragments in committed batches; the next poll answers 200;
2. **304 / static** — wrk (16 connections, 2 threads) on a conditional poll of the public feed
   (If-None-Match with its current ETag) and on a static file of the same server, in turns;
3. **full feed / floor** — the whole Russian public feed over HTTP (curl, identity encoding)
   against ``psql`` reading the same fragments in the same order, in turns, median;
4. **worker memory** — growth of the workers' peak RSS (VmHWM, reset through clear_refs)
   while serving the full feed four times, and while rebuilding it after a change;
5. **pages** — wrk median latency of the overview, the block page (first and a deep page)
   and the week page, on the 100,000- and the 2,400-event server in turns;
6. **mixed** — 200 connections for ``--mixed`` seconds, 60 % conditional feed polls and 40 %
   pages; errors and p50/p99.

Prints each line of the issue's table with the ratio and whether the target holds.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parent.parent
SLUG = "independence-30"
FEED = f"/feeds/public/{SLUG}.ics?lang=ru"
STATIC = "/static/img/favicon.svg"
PAGES = {"overview": f"/programmes/{SLUG}/", "block page 1": f"/programmes/{SLUG}/blocks/6",
         "week": f"/programmes/{SLUG}/agenda?week=2021-06-14"}
SMALL = 2048  # demo adds its own 352 events: 2,400 in all


def cli(url: str, *args: str, base_url: str = "http://127.0.0.1:5000") -> None:
    # The base URL is part of every fragment: the command must use the server's.
    env = {**os.environ, "EVENTPLAN_DATABASE_URL": url, "PYTHONPATH": str(ROOT),
           "EVENTPLAN_BASE_URL": base_url}
    subprocess.run([sys.executable, "-c", "from eventplan.cli import main; main()", *args],
                   cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def event_count(url: str) -> int | None:
    try:
        engine = create_engine(url)
        with engine.connect() as conn:
            return conn.scalar(text("SELECT count(*) FROM event"))
    except Exception:
        return None
    finally:
        engine.dispose()


def build(url: str, extra: int, reuse: bool) -> None:
    if reuse and event_count(url) == extra + 352:
        print(f"reusing {make_url(url).database} ({extra + 352:,} events)", flush=True)
        return
    name = make_url(url).database
    admin = create_engine(make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    started = time.perf_counter()
    cli(url, "init")
    cli(url, "demo", "--events", str(extra))
    print(f"built {name}: demo --events {extra} in {time.perf_counter() - started:.0f} s",
          flush=True)


def sql(url: str, statement: str):
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            result = conn.execute(text(statement))
            return result.all() if result.returns_rows else None
    finally:
        engine.dispose()


class Server:
    def __init__(self, url: str, port: int, tmp: Path, name: str) -> None:
        self.url, self.port, self.name = url, port, name
        self.base = f"http://127.0.0.1:{port}"
        self.log = tmp / f"gunicorn-{name}.log"
        env = {**os.environ, "PYTHONPATH": str(ROOT), "EVENTPLAN_DATABASE_URL": url,
               "EVENTPLAN_BASE_URL": self.base, "EVENTPLAN_SECRET_KEY": "bench-secret",
               "EVENTPLAN_FEED_FILES_DIR": str(tmp / f"feeds-{name}")}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-w", "2", "-b", f"127.0.0.1:{port}",
             "--error-logfile", str(self.log), "wsgi:app"], cwd=ROOT, env=env)
        for _ in range(100):
            try:
                urllib.request.urlopen(self.base + "/healthz", timeout=2)  # noqa: S310
                return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"gunicorn on {port} did not start")

    def workers(self) -> list[int]:
        found = subprocess.run(["pgrep", "-P", str(self.proc.pid)], capture_output=True,
                               text=True).stdout.split()
        return [int(p) for p in found]

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)


def get(url: str, headers: dict | None = None) -> tuple[int, dict, int, float]:
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310
            size = 0
            while chunk := response.read(1 << 20):
                size += len(chunk)
            return response.status, dict(response.headers), size, time.perf_counter() - started
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), 0, time.perf_counter() - started


UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0}


def wrk(url: str, connections: int = 16, seconds: int = 10, headers: dict | None = None,
        script: str | None = None) -> dict:
    args = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    for k, v in (headers or {}).items():
        args += ["-H", f"{k}: {v}"]
    if script:
        args += ["-s", script]
    out = subprocess.run([*args, url], capture_output=True, text=True, check=True).stdout
    result = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
              "requests": int(re.search(r"(\d+) requests in", out).group(1))}
    for pct in ("50", "99"):
        value, unit = re.search(rf"\s{pct}%\s+([\d.]+)(us|ms|s)", out).groups()
        result[f"p{pct}"] = float(value) * UNITS[unit]
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    result["errors"] = (int(bad.group(1)) if bad else 0) + (
        sum(int(x) for x in sock.groups()) if sock else 0)
    return result


def rss(pid: int) -> dict[str, int]:
    status = Path(f"/proc/{pid}/status").read_text()
    return {k: int(re.search(rf"{k}:\s+(\d+) kB", status).group(1)) for k in ("VmRSS", "VmHWM")}


def peak_growth(server: Server, action) -> float:
    """MB: the largest growth of a worker's peak RSS over its RSS before ``action``."""
    before = {}
    for pid in server.workers():
        Path(f"/proc/{pid}/clear_refs").write_text("5")  # peak RSS := current RSS
        before[pid] = rss(pid)["VmRSS"]
    action()
    return max((rss(pid)["VmHWM"] - kb) / 1024 for pid, kb in before.items())


def login_cookie(server: Server, email: str = "viewer@eventplan.local",
                 password: str = "demo2021-viewer") -> str:  # noqa: S107 - the demo's login
    """The session cookie of a logged-in demo viewer (their pages are never kept)."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(server.base + "/auth/login").read().decode()
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode({"csrf_token": token, "email": email,
                                   "password": password}).encode()
    opener.open(server.base + "/auth/login", data=data)
    cookie = next(c for c in jar if c.name == "session")
    return f"session={cookie.value}"


def floor_seconds(url: str) -> float:
    """psql reads the public feed's fragments in feed order and writes them out."""
    u = make_url(url)
    query = ("SELECT f.body FROM feed_fragment f JOIN event e ON e.id = f.event_id "
             "JOIN plan p ON p.id = e.plan_id WHERE f.lang = 'ru' AND p.in_force "
             "ORDER BY e.id")
    started = time.perf_counter()
    subprocess.run(["psql", "-h", u.host or "127.0.0.1", "-p", str(u.port or 5432), "-U",
                    u.username or "postgres", "-d", u.database, "-At", "-o", "/dev/null",
                    "-c", query], check=True)
    return time.perf_counter() - started


def curl_seconds(url: str) -> float:
    out = subprocess.run(["curl", "-s", "-o", "/dev/null", "-H", "Accept-Encoding: identity",
                          "-w", "%{time_total} %{http_code}", url], capture_output=True,
                         text=True, check=True).stdout.split()
    assert out[1] == "200", out
    return float(out[0])


def cold_feed(server: Server) -> dict:
    sql(server.url, "DELETE FROM feed_fragment; DELETE FROM feed_cache; "
                    "UPDATE feed_generation SET value = value + 1")
    time.sleep(1.2)  # the workers re-read the change counter
    polls = [get(server.base + FEED) for _ in range(10)]
    statuses = sorted({p[0] for p in polls})
    slowest = max(p[3] for p in polls)
    retry = polls[0][1].get("Retry-After")
    started = time.perf_counter()
    cli(server.url, "warm-feeds", base_url=server.base)
    warm_s = time.perf_counter() - started
    status, _h, size, seconds = get(server.base + FEED)
    timeouts = server.log.read_text().count("WORKER TIMEOUT") if server.log.exists() else 0
    return {"statuses": statuses, "slowest_ms": slowest * 1000, "retry": retry,
            "warm_s": warm_s, "after": status, "first_build_s": seconds, "bytes": size,
            "timeouts": timeouts}


def mixed_script(tmp: Path, etag: str, deep: str) -> str:
    paths = [FEED] * 6 + [PAGES["overview"], PAGES["block page 1"], PAGES["week"], deep]
    lua = "local paths = {" + ", ".join(f'"{p}"' for p in paths) + "}\n" + f"""
local i = 0
request = function()
  i = i + 1
  local p = paths[(i % #paths) + 1]
  if p == "{FEED}" then
    return wrk.format("GET", p, {{["If-None-Match"] = '"{etag}"'}})
  end
  return wrk.format("GET", p)
end
"""
    path = tmp / "mixed.lua"
    path.write_text(lua)
    return str(path)


def deep_cursor(url: str, page: int, per_page: int = 50) -> str:
    """The address of block 6's page ``page`` as the pager writes it (a cursor)."""
    row = sql(url, "SELECT e.starts_on, e.id FROM event e JOIN plan p ON p.id = e.plan_id "
                   "JOIN section s ON s.id = e.section_id WHERE s.month = 6 AND p.in_force "
                   f"ORDER BY e.starts_on, e.id OFFSET {(page - 1) * per_page - 1} LIMIT 1")
    day, ident = row[0]
    return f"{PAGES['block page 1']}?after={day.isoformat()}.{ident}&page={page}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reuse", action="store_true", help="keep databases already built")
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--rounds", type=int, default=2, help="wrk runs per line, in turns")
    parser.add_argument("--mixed", type=int, default=60, help="seconds of mixed traffic")
    parser.add_argument("--skip-cold", action="store_true",
                        help="keep the fragments (no cold-feed check: ~4 minutes less)")
    args = parser.parse_args()
    big_url = os.environ["EVENTPLAN_BENCH_DATABASE_URL"]
    u = make_url(big_url)
    small_url = u.set(database=f"{u.database}_small").render_as_string(hide_password=False)
    print(f"started {time.strftime('%H:%M:%S')} UTC, load average {os.getloadavg()}",
          flush=True)
    build(big_url, 100_000, args.reuse)
    build(small_url, SMALL, args.reuse)
    for url in (big_url, small_url):
        sql(url, "ANALYZE")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        big, small = Server(big_url, 8621, tmp, "big"), Server(small_url, 8622, tmp, "small")
        try:
            report(args, big, small, tmp)
        finally:
            big.stop()
            small.stop()
    print(f"finished {time.strftime('%H:%M:%S')} UTC, load average {os.getloadavg()}")


def report(args, big: Server, small: Server, tmp: Path) -> None:
    rows = []

    def line(name, now, target, holds):
        rows.append((name, now, target, "yes" if holds else "**no**"))
        print(f"| {name} | {now} | {target} | {'yes' if holds else 'NO'} |", flush=True)

    if args.skip_cold:
        cli(big.url, "warm-feeds", base_url=big.base)
        status, _h, size, seconds = get(big.base + FEED)
        cold = {"statuses": ["skipped"], "slowest_ms": 0, "retry": None, "warm_s": 0,
                "after": status, "first_build_s": seconds, "bytes": size, "timeouts": 0}
    else:
        cold = cold_feed(big)
    print(f"cold feed: polls answered {cold['statuses']} (Retry-After {cold['retry']}, "
          f"slowest {cold['slowest_ms']:.0f} ms); warm-feeds {cold['warm_s']:.0f} s; then "
          f"{cold['after']} in {cold['first_build_s']:.1f} s ({cold['bytes'] / 1e6:.1f} MB); "
          f"worker timeouts {cold['timeouts']}", flush=True)
    cli(small.url, "warm-feeds", base_url=small.base)
    status, headers, _size, _s = get(big.base + FEED)
    if status != 200:
        raise SystemExit(f"the public feed answered {status} after warm-feeds")
    etag = headers["ETag"].strip('"')
    get(small.base + FEED)
    # A full page deep in the block: page 150 of 172 at 100,000; page 3 of 4 at 2,400.
    deep_big, deep_small = deep_cursor(big.url, 150), deep_cursor(small.url, 3)
    for server in (big, small):
        for path in (*PAGES.values(), STATIC):
            get(server.base + path)
    get(big.base + deep_big)
    print("| measured | now | target | holds |\n|---|---|---|---|")
    line("cold feed polls", f"{cold['statuses']}, slowest {cold['slowest_ms']:.0f} ms, "
         f"warm-feeds {cold['warm_s']:.0f} s", "503 + Retry-After, never 500",
         cold["statuses"] == [503] and cold["after"] == 200 and not cold["timeouts"])

    polls, statics = [], []
    for _ in range(args.rounds):
        statics.append(wrk(big.base + STATIC, seconds=args.duration)["rps"])
        polls.append(wrk(big.base + FEED, seconds=args.duration,
                         headers={"If-None-Match": f'"{etag}"'})["rps"])
    p, s = statistics.median(polls), statistics.median(statics)
    line("public feed poll 304 / static file (req/s)", f"{p:,.0f} / {s:,.0f} = {p / s:.2f}×",
         "≥ 0.8×", p / s >= 0.8)

    floors, fulls = [], []
    for _ in range(5):
        floors.append(floor_seconds(big.url))
        fulls.append(curl_seconds(big.base + FEED))
    f, w = statistics.median(floors), statistics.median(fulls)
    line(f"warm full feed ({cold['bytes'] / 1e6:.0f} MB, ru) / psql floor",
         f"{w * 1000:,.0f} / {f * 1000:,.0f} ms = {w / f:.2f}×", "≤ 1.3×", w / f <= 1.3)

    serving = peak_growth(big, lambda: [curl_seconds(big.base + FEED) for _ in range(4)])

    def rebuild():
        sql(big.url, "UPDATE feed_generation SET value = value + 1")
        time.sleep(1.2)
        for _ in range(2):
            curl_seconds(big.base + FEED)

    rebuilding = peak_growth(big, rebuild)
    line("worker peak RSS growth: serving the feed / rebuilding it",
         f"{serving:.1f} / {rebuilding:.1f} MB", "≤ 20 MB", max(serving, rebuilding) <= 20)

    pages = {**PAGES, "block page 150 (cursor) / page 3 of 2,400": None}
    cookies = {big.name: login_cookie(big), small.name: login_cookie(small)}
    for who in ("anonymous (kept pages)", "logged-in viewer (rendered each time)"):
        for name, path in pages.items():
            bigs, smalls = [], []
            for _ in range(args.rounds):
                for server, deep, bucket in ((big, deep_big, bigs), (small, deep_small, smalls)):
                    headers = {"Cookie": cookies[server.name]} if "viewer" in who else None
                    bucket.append(wrk(server.base + (path or deep), seconds=args.duration,
                                      headers=headers)["p50"])
            b, m = statistics.median(bigs), statistics.median(smalls)
            line(f"{name} median, {who}", f"{b:.1f} ms vs {m:.1f} ms at 2,400 = {b / m:.2f}×",
                 "≤ 1.5×", b / m <= 1.5)
    print("(a page's own time, one request at a time, logged-in viewer:)", flush=True)
    for name, path in {**PAGES, "deep block page": None}.items():
        for server, deep in ((big, deep_big), (small, deep_small)):
            headers = {"Cookie": cookies[server.name]}
            times = [get(server.base + (path or deep), headers)[3] * 1000 for _ in range(15)]
            print(f"   {name} on {server.name}: median {statistics.median(times):.1f} ms",
                  flush=True)

    mixed = wrk(big.base, connections=200, seconds=args.mixed,
                script=mixed_script(tmp, etag, deep_big))
    line(f"200 connections, {args.mixed} s mixed (60 % feed polls)",
         f"{mixed['rps']:.0f} req/s, p50 {mixed['p50']:.0f} ms, p99 {mixed['p99']:.0f} ms, "
         f"{mixed['errors']} errors", "0 errors, p99 ≤ 1 s",
         mixed["errors"] == 0 and mixed["p99"] <= 1000)
    timeouts = big.log.read_text().count("WORKER TIMEOUT") if big.log.exists() else 0
    print(f"gunicorn worker timeouts during the run: {timeouts}")


if __name__ == "__main__":
    main()
