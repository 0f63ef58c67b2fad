"""Prometheus metrics: what this process counted, and what the database says at scrape time.

Counters and histograms are per process. Under gunicorn with several workers, set
``PROMETHEUS_MULTIPROC_DIR`` (an empty folder per start) so that every worker writes its
values there and any worker's ``/metrics`` adds them up (prometheus-client's multiprocess
mode; see docs/deployment.md). Figures read from the database (the outbox, the scheduler's
heartbeat) are the same whichever server is asked.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from sqlalchemy import func, select

# Our own registry, not the library's global one: nothing else registers into it.
REGISTRY = CollectorRegistry(auto_describe=True)

REQUESTS = Counter("eventplan_http_requests", "HTTP requests answered, by endpoint and status.",
                   ["method", "endpoint", "status"], registry=REGISTRY)
LATENCY = Histogram("eventplan_http_request_duration_seconds",
                    "Time from the request's first hook to its answer, by endpoint.",
                    ["endpoint"], registry=REGISTRY,
                    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30))
FEED_ANSWERS = Counter("eventplan_feed_answers",
                       "Calendar feed polls: 'hit' answered from the kept ETag (304), "
                       "'build' assembled the body.", ["outcome"], registry=REGISTRY)


def observe_request(method: str, endpoint: str, status: int, seconds: float | None) -> None:
    REQUESTS.labels(method, endpoint, str(status)).inc()
    if seconds is not None:
        LATENCY.labels(endpoint).observe(seconds)


def feed_answered(outcome: str) -> None:
    FEED_ANSWERS.labels(outcome).inc()


def _database_families(now: datetime) -> list[GaugeMetricFamily]:
    from eventplan.extensions import db
    from eventplan.models import Notification
    from eventplan.models.notification import NOTIFICATION_STATUSES
    from eventplan.scheduler import heartbeat_age

    depth = GaugeMetricFamily("eventplan_outbox_messages",
                              "Notifications in the outbox, by status.", labels=["status"])
    counts = dict(db.session.execute(
        select(Notification.status, func.count(Notification.id))
        .group_by(Notification.status)).all())
    for status in NOTIFICATION_STATUSES:
        depth.add_metric([status], counts.get(status, 0))
    oldest = db.session.scalar(select(func.min(Notification.created_at))
                               .where(Notification.status == "pending"))
    if oldest is not None and oldest.tzinfo is None:
        oldest = oldest.replace(tzinfo=UTC)
    unsent = GaugeMetricFamily("eventplan_outbox_oldest_unsent_age_seconds",
                               "Age of the oldest notification not yet sent (0: none waits).")
    unsent.add_metric([], max(0.0, (now - oldest).total_seconds()) if oldest else 0.0)
    beat = heartbeat_age(now)
    heartbeat = GaugeMetricFamily("eventplan_scheduler_heartbeat_age_seconds",
                                  "Seconds since the scheduler's last heartbeat "
                                  "(-1: it never ran).")
    heartbeat.add_metric([], -1.0 if beat is None else beat)
    return [depth, unsent, heartbeat]


class _Families:
    def __init__(self, families: list[GaugeMetricFamily]) -> None:
        self.families = families

    def collect(self):
        return iter(self.families)


def exposition() -> bytes:
    """The text format: this process's (or all workers') counters, then the database gauges."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        counted = CollectorRegistry()
        multiprocess.MultiProcessCollector(counted)
    else:
        counted = REGISTRY
    gauges = CollectorRegistry()
    gauges.register(_Families(_database_families(datetime.now(UTC))))
    return generate_latest(counted) + generate_latest(gauges)
