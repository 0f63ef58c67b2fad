"""/metrics (Prometheus text), JSON request logs and /healthz readiness."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime, timedelta

import pytest
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import text

from eventplan.extensions import db
from eventplan.models import Notification
from eventplan.observability import LOGGER
from tests.functional.test_feeds import fetch, make_feed

TOKEN = "scrape-token-42"


def samples(response) -> dict[tuple[str, tuple], float]:
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    found = {}
    for family in text_string_to_metric_families(response.get_data(as_text=True)):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


def scrape(client, token=TOKEN):
    return client.get("/metrics", headers={"Authorization": f"Bearer {token}"})


def value(found, name, **labels) -> float:
    return found.get((name, tuple(sorted(labels.items()))), 0.0)


def test_metrics_do_not_exist_unless_a_token_or_allow_list_is_set(client):
    response = client.get("/metrics")
    assert response.status_code == 404
    assert b"eventplan_http_requests" not in response.data


def test_a_wrong_or_missing_token_is_refused(app, client):
    app.config["METRICS_TOKEN"] = TOKEN
    for headers in ({}, {"Authorization": "Bearer nope"}, {"Authorization": TOKEN}):
        response = client.get("/metrics", headers=headers)
        assert response.status_code == 403
        assert b"eventplan_http_requests" not in response.data


def test_the_allow_list_admits_listed_addresses_only(app, client):
    app.config["METRICS_ALLOW"] = "10.0.0.0/8, 192.168.1.5"
    assert client.get("/metrics").status_code == 403  # the test client is 127.0.0.1
    app.config["METRICS_ALLOW"] = ["10.0.0.0/8", "127.0.0.1"]
    assert b"eventplan_outbox_messages" in client.get("/metrics").data


def test_a_mistyped_allow_list_stops_the_start(database_url, tmp_path):
    from tests.conftest import make_app

    with pytest.raises(ValueError, match="METRICS_ALLOW"):
        make_app(database_url, tmp_path, METRICS_ALLOW="10.0.0.0/8, алматы")


def test_requests_are_counted_by_endpoint_and_status_with_latency(app, client, world):
    app.config["METRICS_TOKEN"] = TOKEN
    before = samples(scrape(client))
    client.get("/healthz")
    client.get("/healthz")
    client.get("/events/999999")  # a 404 for an existing route
    client.get("/no/such/page")
    after = samples(scrape(client))
    ok = {"method": "GET", "endpoint": "main.healthz", "status": "200"}
    assert value(after, "eventplan_http_requests_total", **ok) - value(
        before, "eventplan_http_requests_total", **ok) == 2
    missing = {"method": "GET", "endpoint": "unmatched", "status": "404"}
    assert value(after, "eventplan_http_requests_total", **missing) - value(
        before, "eventplan_http_requests_total", **missing) == 1
    latency = "eventplan_http_request_duration_seconds_count"
    assert value(after, latency, endpoint="main.healthz") - value(
        before, latency, endpoint="main.healthz") == 2
    assert value(after, "eventplan_http_request_duration_seconds_sum",
                 endpoint="main.healthz") > 0


def test_outbox_depth_oldest_unsent_and_heartbeat_come_from_the_database(app, client, world):
    app.config["METRICS_TOKEN"] = TOKEN
    now = datetime.now(UTC)
    user = world.users["coordinator"]
    for n, (status, age) in enumerate([("pending", 3600), ("pending", 60), ("sent", 7200),
                                       ("failed", 10)]):
        db.session.add(Notification(dedupe_key=f"metrics:{n}", kind="reminder",
                                    user_id=user.id, status=status,
                                    subject="Еске салу: іс-шара", created_at=now - timedelta(
                                        seconds=age)))
    db.session.commit()
    found = samples(scrape(client))
    assert value(found, "eventplan_outbox_messages", status="pending") == 2
    assert value(found, "eventplan_outbox_messages", status="sent") == 1
    assert value(found, "eventplan_outbox_messages", status="failed") == 1
    assert 3600 <= value(found, "eventplan_outbox_oldest_unsent_age_seconds") < 3700
    assert value(found, "eventplan_scheduler_heartbeat_age_seconds") == -1  # never ran
    from eventplan.scheduler import heartbeat

    heartbeat("test-holder", now - timedelta(seconds=30))
    db.session.commit()
    beat = value(samples(scrape(client)), "eventplan_scheduler_heartbeat_age_seconds")
    assert 30 <= beat < 90


def test_feed_polls_count_builds_and_kept_answers(app, client, world):
    app.config["METRICS_TOKEN"] = TOKEN
    _feed, token = make_feed(world)
    before = samples(scrape(client))
    first = fetch(client, token)
    assert first.status_code == 200
    again = fetch(client, token, **{"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    after = samples(scrape(client))
    for outcome in ("build", "hit"):
        assert value(after, "eventplan_feed_answers_total", outcome=outcome) - value(
            before, "eventplan_feed_answers_total", outcome=outcome) == 1


@pytest.fixture
def request_log():
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append
    logger = logging.getLogger(LOGGER)
    logger.addHandler(handler)
    yield records
    logger.removeHandler(handler)


def test_json_logs_one_line_per_request_with_tokens_masked(app, client, world, request_log):
    client.get("/healthz")
    assert request_log == []  # off by default
    app.config["LOG_JSON"] = True
    logging.getLogger(LOGGER).setLevel(logging.INFO)
    _feed, token = make_feed(world)
    fetch(client, token)
    client.get("/healthz?q=қала")
    lines = [record.getMessage() for record in request_log]
    assert len(lines) == 2 and all("\n" not in line for line in lines)
    feed_line, health_line = (json.loads(line) for line in lines)
    assert token not in lines[0]
    assert feed_line["path"] == "/feeds/***.ics" and feed_line["status"] == 200
    assert feed_line["endpoint"] == "feeds.private_feed"
    assert health_line["endpoint"] == "main.healthz" and health_line["method"] == "GET"
    assert health_line["ms"] >= 0 and health_line["user"] is None


def test_healthz_is_not_ready_when_migrations_are_behind(app, client):
    assert client.get("/healthz").get_json()["migrations_at_head"] is True
    (kept,) = db.session.execute(text("SELECT version_num FROM alembic_version")).scalars()
    db.session.execute(text("UPDATE alembic_version SET version_num = 'older'"))
    db.session.commit()
    try:
        response = client.get("/healthz")
        body = response.get_json()
        assert response.status_code == 503
        assert body["database"] is True and body["migrations_at_head"] is False
        assert body["status"] == "migrations pending"
    finally:
        db.session.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": kept})
        db.session.commit()
    assert client.get("/healthz").status_code == 200
