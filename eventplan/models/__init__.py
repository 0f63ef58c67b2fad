"""All models, imported so that metadata and Alembic see every table."""

from eventplan.models.agency import AGENCY_KINDS, REGION_KINDS, Agency, Region
from eventplan.models.agency_alias import AgencyAlias
from eventplan.models.api_token import ApiToken
from eventplan.models.audit import AuditEntry, LoginThrottle, ShownSecret
from eventplan.models.completion import (
    ATTACHMENT_KINDS,
    MEDIA_CHANNELS,
    REPORT_EDITABLE,
    REPORT_OUTCOMES,
    REPORT_STATUSES,
    CompletionReport,
    ReportAttachment,
    ReportOutput,
)
from eventplan.models.document import REQUISITES, DocumentRequisites, KeyEvent
from eventplan.models.event import CATEGORIES, EVENT_STATUSES, FORMATS, Event, event_coexecutor
from eventplan.models.feed import FeedCache, FeedFragment, FeedGeneration, FeedSubscription
from eventplan.models.notification import (
    Notification,
    NotificationPreference,
    ReminderSettings,
    SchedulerLock,
)
from eventplan.models.plan import EDITABLE, PLAN_LEVELS, PLAN_STATUSES, Plan
from eventplan.models.programme import SECTION_KINDS, Commemoration, Programme, Section
from eventplan.models.reports import StatsVersion
from eventplan.models.revision import CHANGE_ACTIONS, EventChange, PlanRevision
from eventplan.models.user import ROLES, User

__all__ = [
    "AGENCY_KINDS",
    "ATTACHMENT_KINDS",
    "CATEGORIES",
    "CHANGE_ACTIONS",
    "EDITABLE",
    "EVENT_STATUSES",
    "FORMATS",
    "MEDIA_CHANNELS",
    "PLAN_LEVELS",
    "PLAN_STATUSES",
    "REGION_KINDS",
    "REPORT_EDITABLE",
    "REPORT_OUTCOMES",
    "REPORT_STATUSES",
    "REQUISITES",
    "ROLES",
    "SECTION_KINDS",
    "Agency",
    "AgencyAlias",
    "ApiToken",
    "AuditEntry",
    "Commemoration",
    "CompletionReport",
    "DocumentRequisites",
    "Event",
    "EventChange",
    "FeedCache",
    "FeedFragment",
    "FeedGeneration",
    "FeedSubscription",
    "KeyEvent",
    "LoginThrottle",
    "Notification",
    "NotificationPreference",
    "Plan",
    "PlanRevision",
    "Programme",
    "Region",
    "ReminderSettings",
    "ReportAttachment",
    "ReportOutput",
    "SchedulerLock",
    "Section",
    "ShownSecret",
    "StatsVersion",
    "User",
    "event_coexecutor",
]
