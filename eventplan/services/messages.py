"""What a notification says, in its reader's language: subject, paragraphs, link.

The outbox keeps the data (titles in every language, dates, names); the words are chosen
when the message is shown or sent, so a user who changes language reads the next one in it.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from flask import current_app, render_template
from flask_babel import force_locale, ngettext
from flask_babel import gettext as _

from eventplan import base_url, dates
from eventplan.models import Notification, User
from eventplan.models.base import pick
from eventplan.models.notification import DIGEST, ESCALATIONS

PREFERENCES_PATH = "/account/notifications"


def language(user: User) -> str:
    languages = current_app.config["LANGUAGES"]
    return user.locale if user.locale in languages else current_app.config["BABEL_DEFAULT_LOCALE"]


def _day(value: str | None) -> str:
    return dates.long_day(date.fromisoformat(value)) if value else ""


def describe(n: Notification, lang: str) -> tuple[str, list[str]]:
    """Subject and body paragraphs of one notice; call inside ``force_locale(lang)``."""
    p: dict[str, Any] = n.params or {}
    title = pick(p.get("titles") or {}, lang)
    agency = pick(p.get("agency") or {}, lang)
    number = p.get("number") or ""
    if n.kind == "upcoming":
        return (_("Coming up on %(date)s: %(title)s", date=_day(p.get("starts_on")), title=title),
                [_("The event No. %(number)s “%(title)s” starts on %(date)s. Your agency is "
                   "among its executors.", number=number, title=title,
                   date=_day(p.get("starts_on")))])
    if n.kind == "due":
        return (_("Report due: %(title)s", title=title),
                [_("The event No. %(number)s “%(title)s” ended on %(date)s. Please submit the "
                   "completion report by %(deadline)s.", number=number, title=title,
                   date=_day(p.get("ends_on")), deadline=_day(p.get("deadline")))])
    if n.kind == "overdue":
        return (_("Report overdue: %(title)s", title=title),
                [_("The report on the event No. %(number)s “%(title)s” was due by "
                   "%(deadline)s and has not been submitted. Please submit it now.",
                   number=number, title=title, deadline=_day(p.get("deadline")))])
    if n.kind == "escalation":
        return _escalation(p, title, agency, number)
    if n.kind == "workflow":
        return _workflow(p, title, agency, number)
    if n.kind == ESCALATIONS:
        return (_("Escalation: %(items)s", items=", ".join(_escalation_counts(p))),
                [_("These items need the attention of headquarters. Each is reported once: "
                   "later messages list only new escalations.")])
    return (_("eventplan notice"), [])


def _escalation_counts(p: dict) -> list[str]:
    """"12 overdue reports", "2 plans waiting for review", … for the counts that are not 0."""
    counts = p.get("counts") or {}
    return [_count(group, counts[group]) for group in ("overdue", "plans", "reports")
            if counts.get(group)]


def _count(group: str, num: int) -> str:
    if group == "overdue":
        return ngettext("%(num)d overdue report", "%(num)d overdue reports", num)
    if group == "plans":
        return ngettext("%(num)d plan waiting for review", "%(num)d plans waiting for review",
                        num)
    return ngettext("%(num)d report waiting for review", "%(num)d reports waiting for review",
                    num)


def escalation_sections(items: list[Notification], lang: str) -> list[dict[str, Any]]:
    """The escalations an escalations message carries, grouped for reading: overdue reports
    by agency, then plans and reports waiting for review. Each entry has a text and a link
    (a path); call inside ``force_locale(lang)``."""
    overdue: dict[str, list[dict]] = defaultdict(list)
    plans: list[dict] = []
    reports: list[dict] = []
    for item in items:
        p = item.params or {}
        title, agency = pick(p.get("titles") or {}, lang), pick(p.get("agency") or {}, lang)
        since, number = _day(p.get("since")), p.get("number") or ""
        if p.get("reason") == "plan_review":
            plans.append({"text": _("The plan of %(agency)s, submitted on %(date)s",
                                    agency=agency, date=since), "link": item.link})
        elif p.get("reason") == "report_review":
            reports.append({"text": _("No. %(number)s “%(title)s”, %(agency)s, submitted on "
                                      "%(date)s", number=number, title=title, agency=agency,
                                      date=since), "link": item.link})
        else:
            overdue[agency].append({"text": _("No. %(number)s “%(title)s”, overdue since "
                                              "%(date)s", number=number, title=title,
                                              date=since), "link": item.link})
    sections = []
    if overdue:
        sections.append({"title": _count("overdue", sum(map(len, overdue.values()))),
                         "groups": [{"title": agency, "entries": overdue[agency]}
                                    for agency in sorted(overdue, key=str.casefold)]})
    for group, entries in (("plans", plans), ("reports", reports)):
        if entries:
            sections.append({"title": _count(group, len(entries)),
                             "groups": [{"title": None, "entries": entries}]})
    return sections


def _escalation(p: dict, title: str, agency: str, number: str) -> tuple[str, list[str]]:
    since = _day(p.get("since"))
    if p.get("reason") == "plan_review":
        return (_("Waiting for review: the plan of %(agency)s", agency=agency),
                [_("The plan of %(agency)s was submitted on %(date)s and still waits for "
                   "completion.", agency=agency, date=since)])
    if p.get("reason") == "report_review":
        return (_("Waiting for review: report on %(title)s", title=title),
                [_("The report of %(agency)s on the event No. %(number)s “%(title)s” was "
                   "submitted on %(date)s and still waits for review.", agency=agency,
                   number=number, title=title, date=since)])
    return (_("Escalation: report overdue for %(title)s", title=title),
            [_("The report of %(agency)s on the event No. %(number)s “%(title)s” has been "
               "overdue since %(date)s.", agency=agency, number=number, title=title,
               date=since)])


def _workflow(p: dict, title: str, agency: str, number: str) -> tuple[str, list[str]]:
    action, note = p.get("action"), p.get("note") or ""
    comment = [_("Comment: %(note)s", note=note)] if note else []
    if action == "plan.submit":
        return (_("Plan submitted for review: %(agency)s", agency=agency),
                [_("The plan of %(agency)s was submitted and waits for your review.",
                   agency=agency)])
    if action == "plan.return":
        return (_("Plan returned for correction: %(agency)s", agency=agency),
                [_("Headquarters returned the plan of %(agency)s for correction.",
                   agency=agency), *comment])
    if action == "plan.approve":
        return (_("Plan approved: %(agency)s", agency=agency),
                [_("The plan of %(agency)s was approved.", agency=agency),
                 *([_("Approving act: %(act)s", act=note)] if note else [])])
    if action == "report.return":
        return (_("Report returned: %(title)s", title=title),
                [_("Headquarters returned the report on the event No. %(number)s “%(title)s” "
                   "for correction.", number=number, title=title), *comment])
    return (_("Report accepted: %(title)s", title=title),
            [_("Headquarters accepted the report on the event No. %(number)s “%(title)s”.",
               number=number, title=title), *comment])


def link_of(n: Notification) -> str | None:
    """Where a notice leads: an escalations message to its own page, which lists its items."""
    return f"/notifications/{n.id}" if n.kind == ESCALATIONS else n.link


def render_email(n: Notification, user: User, items: list[Notification] | None = None
                 ) -> tuple[str, str, str]:
    """Subject, plain text and HTML of a notice, or of a digest or an escalations message
    with the ``items`` it carries."""
    base = base_url.for_mail()
    lang = language(user)
    with force_locale(lang):
        sections = []
        if n.kind == DIGEST:
            entries = []
            for item in items or []:
                subject, paragraphs = describe(item, lang)
                entries.append({"subject": subject, "paragraphs": paragraphs,
                                "url": base + (item.link or "/")})
            subject = _("Your eventplan reminders for %(date)s",
                        date=_day((n.params or {}).get("date")))
            paragraphs = []
        else:
            subject, paragraphs = describe(n, lang)
            entries = []
        if n.kind == ESCALATIONS:
            sections = escalation_sections(items or [], lang)
            for section in sections:
                for group in section["groups"]:
                    for entry in group["entries"]:
                        entry["url"] = base + (entry["link"] or "/")
        context = {"subject": subject, "paragraphs": paragraphs, "entries": entries,
                   "sections": sections,
                   "url": None if n.kind == DIGEST else base + (link_of(n) or "/"),
                   "preferences_url": base + PREFERENCES_PATH, "user": user, "lang": lang}
        text = render_template("mail/message.txt", **context)
        html = render_template("mail/message.html", **context)
    return subject, text, html
