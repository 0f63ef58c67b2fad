"""iCalendar text built by pure functions over events (RFC 5545, with RFC 7986 names).

A feed is ``header + fragments + footer``; each VEVENT fragment is serialized once per
(event version, language) and kept in the database (see services.feeds).
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from flask_babel import force_locale, gettext
from icalendar import Alarm, Calendar, vText
from icalendar import Event as VEvent

from eventplan.labels import CATEGORY_LABELS, FIELD_LABELS, STATUS_LABELS
from eventplan.models import Commemoration, Event

FORMAT = "1"  # raise when the fragment layout changes: every kept fragment is rebuilt
PRODID = "-//eventplan//Calendar feeds 1.0//EN"
REFRESH = timedelta(hours=1)
END_VEVENT = "\r\nEND:VEVENT\r\n"  # a folded line never starts without a space, so this is safe
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def stamp(base_url: str) -> str:
    """What a kept fragment depends on besides the event: the layout and the host."""
    return hashlib.sha256(f"{FORMAT}|{base_url}".encode()).hexdigest()[:16]


def host_of(base_url: str) -> str:
    return urlsplit(base_url).hostname or "localhost"


def clean(text: str | None) -> str:
    """Text safe for a TEXT value: one kind of line break, no control characters."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text).strip()


def _text(value: str | None) -> vText:
    return vText(clean(value))


def event_uid(event_id: int, base_url: str) -> str:
    return f"event-{event_id}@{host_of(base_url)}"


def event_summary(event: Event, lang: str) -> str:
    title = clean(event.display_title(lang))
    if event.status == "cancelled":
        with force_locale(lang):
            return gettext("Cancelled: %(title)s", title=title)
    return title


def _description(event: Event, lang: str, base_url: str) -> str:
    with force_locale(lang):
        lines = [
            f"{FIELD_LABELS['section_id']}: {event.section.display_name(lang)}",
            f"{FIELD_LABELS['lead_agency_id']}: {event.lead_agency.display_name(lang)}",
        ]
        if event.coexecutors:
            names = "; ".join(a.display_name(lang) for a in event.coexecutors)
            lines.append(f"{FIELD_LABELS['coexecutor_ids']}: {names}")
        if event.completion_form:
            lines.append(f"{FIELD_LABELS['completion_form']}: {event.completion_form}")
        if event.term:
            lines.append(f"{FIELD_LABELS['term']}: {event.term}")
        if event.status != "planned":
            status = str(STATUS_LABELS.get(event.status, event.status))
            reason = f" — {event.status_reason}" if event.status_reason else ""
            lines.append(f"{FIELD_LABELS['status']}: {status}{reason}")
    lines.append(f"{base_url}/events/{event.id}")
    return "\n".join(clean(line) for line in lines)


def _schedule(vevent: VEvent, event: Event) -> None:
    if event.starts_at is not None:
        vevent.add("dtstart", event.starts_at)
        # An event with a start time only is shown as one hour, as calendar clients do.
        vevent.add("dtend", event.ends_at or event.starts_at + timedelta(hours=1))
    else:
        vevent.add("dtstart", event.starts_on)
        vevent.add("dtend", event.ends_on + timedelta(days=1))  # DTEND is exclusive


def event_fragment(event: Event, lang: str, base_url: str) -> str:
    """One BEGIN:VEVENT … END:VEVENT block; the same event version gives the same bytes."""
    vevent = VEvent()
    vevent.add("uid", event_uid(event.id, base_url))
    vevent.add("dtstamp", event.updated_at)
    vevent.add("created", event.created_at)
    vevent.add("last-modified", event.updated_at)
    vevent.add("sequence", event.version)
    vevent.add("summary", _text(event_summary(event, lang)))
    _schedule(vevent, event)
    vevent.add("description", _text(_description(event, lang, base_url)))
    location = ", ".join(p for p in (clean(event.place),
                                     event.region.display_name(lang) if event.region else "")
                         if p)
    if location:
        vevent.add("location", _text(location))
    with force_locale(lang):
        vevent.add("categories", [clean(str(CATEGORY_LABELS.get(event.category,
                                                                event.category)))])
    vevent.add("status", "CANCELLED" if event.status == "cancelled" else "CONFIRMED")
    vevent.add("transp", "TRANSPARENT")
    vevent.add("url", f"{base_url}/events/{event.id}")
    return vevent.to_ical().decode()


def commemoration_fragment(item: Commemoration, lang: str, base_url: str,
                           dtstamp: datetime) -> str | None:
    """An all-day VEVENT on the anniversary, or None when only the year is known."""
    day = item.observed_on()
    if day is None:
        return None
    with force_locale(lang):
        years = gettext("%(n)d years", n=item.anniversary)
    vevent = VEvent()
    vevent.add("uid", f"commemoration-{item.id}@{host_of(base_url)}")
    vevent.add("dtstamp", dtstamp)
    vevent.add("summary", _text(f"{clean(item.display_name(lang))} — {years}"))
    vevent.add("dtstart", day)
    vevent.add("dtend", day + timedelta(days=1))
    if item.note or item.origin_date:
        origin = item.origin_date.isoformat() if item.origin_date else str(item.origin_year)
        vevent.add("description", _text("\n".join(p for p in (item.note, origin) if p)))
    vevent.add("status", "CONFIRMED")
    vevent.add("transp", "TRANSPARENT")
    return vevent.to_ical().decode()


def calendar_frame(name: str) -> tuple[str, str]:
    """The VCALENDAR header and footer written around the joined fragments."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("name", _text(name))
    cal.add("x-wr-calname", _text(name))
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT1H")
    text = cal.to_ical().decode()
    footer = "END:VCALENDAR\r\n"
    return text.removesuffix(footer), footer


def alarm_block(minutes: int, lang: str) -> str:
    """A VALARM that fires ``minutes`` before the start, or '' for none."""
    if not minutes:
        return ""
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", timedelta(minutes=-minutes))
    with force_locale(lang):
        alarm.add("description", _text(gettext("Reminder")))
    return alarm.to_ical().decode()


def with_alarm(fragments: str, alarm: str) -> str:
    """Put the feed's alarm into every VEVENT of the joined fragments, in one pass."""
    if not alarm:
        return fragments
    return fragments.replace(END_VEVENT, "\r\n" + alarm + "END:VEVENT\r\n")


def single_event(event: Event, lang: str, base_url: str) -> str:
    header, footer = calendar_frame(event.display_title(lang))
    return header + event_fragment(event, lang, base_url) + footer

