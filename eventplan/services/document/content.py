"""The letter's content from the dashboard's figures, in one language (docs/reports.md)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import force_locale, format_date
from flask_babel import gettext as _

from eventplan.models import MEDIA_CHANNELS, Programme
from eventplan.services import reports
from eventplan.services.document import lists
from eventplan.services.document.formats import money, number, official_date, qualified
from eventplan.services.document.model import Heading, Letter, Para, Table
from eventplan.services.reports import checks as stats_checks
from eventplan.services.reports import labels as stat_labels

PROGRESS = ("planned", "held", "due", "overdue", "postponed", "cancelled")


@dataclass
class Requisites:
    addressee: str = ""
    outgoing_number: str = ""
    outgoing_date: date | None = None
    incoming_ref: str = ""
    signer_position: str = ""
    signer_name: str = ""
    executor: str = ""
    executor_phone: str = ""


def build(programme: Programme, period: reports.Period, lang: str,
          requisites: Requisites | None = None) -> Letter:
    with force_locale(lang):
        return _Builder(programme, period, lang, requisites or Requisites()).letter()


class _Builder:
    def __init__(self, programme, period, lang, req) -> None:
        self.programme, self.period, self.lang, self.req = programme, period, lang, req
        self.summary = reports.summary(programme, period, reports.Scope())
        self.v = self.summary.totals.values
        self.blocks: list = []

    def n(self, value) -> str:
        return number(value, self.lang)

    def d(self, day) -> str:
        return official_date(day, self.lang)

    def letter(self) -> Letter:
        req, name = self.req, self.programme.display_name(self.lang)
        letter = Letter(
            lang=self.lang,
            title=_("Information on the implementation of the plan of events "
                    "“%(programme)s”", programme=name),
            subtitle=_("for the period from %(start)s to %(end)s, as of %(as_of)s",
                       start=self.d(self.period.start), end=self.d(self.period.end),
                       as_of=self.d(self.period.as_of)),
            addressee=[line.strip() for line in req.addressee.splitlines() if line.strip()],
            signer_position=req.signer_position, signer_name=req.signer_name)
        if req.outgoing_number and req.outgoing_date:
            letter.outgoing = _("No. %(number)s of %(date)s", number=req.outgoing_number,
                                date=self.d(req.outgoing_date))
        elif req.outgoing_number:
            letter.outgoing = _("No. %(number)s", number=req.outgoing_number)
        elif req.outgoing_date:
            letter.outgoing = self.d(req.outgoing_date)
        if req.incoming_ref:
            letter.incoming = _("In reply to %(ref)s", ref=req.incoming_ref)
        if req.executor:
            letter.executor.append(_("Executor: %(name)s", name=req.executor))
        if req.executor_phone:
            letter.executor.append(_("Tel.: %(phone)s", phone=req.executor_phone))
        for part in (self.basis, self.scale, self.progress, self.outreach, self.highlights,
                     self.jubilees, self.problems):
            part()
        letter.blocks = self.blocks
        return letter

    # --- 2. basis -------------------------------------------------------------------------
    def basis(self) -> None:
        self.blocks.append(Heading(_("Basis")))
        revisions = lists.republican_revisions(self.programme)
        if not revisions:
            self.blocks.append(Para(_("The republican plan has not been approved yet.")))
        for revision in revisions:
            when = self.d(revision.act_date) if revision.act_date else "—"
            text = (_("The plan was approved by: %(act)s, dated %(date)s.", act=revision.act,
                      date=when) if revision.number == 1 else
                    _("Amendments were made by: %(act)s, dated %(date)s.", act=revision.act,
                      date=when))
            self.blocks.append(Para(text))

    # --- 3. scale -------------------------------------------------------------------------
    def scale(self) -> None:
        levels = {row.key: row.values["planned"] for row in self.summary.breakdowns["level"]}
        blocks = sum(1 for s in self.programme.sections if s.month is not None)
        plans = lists.plans_in_force(self.programme)
        self.blocks += [
            Heading(_("Scale of the plan")),
            Para(_("Republican plan: %(events)s events in %(blocks)s monthly thematic blocks.",
                   events=self.n(levels.get("republican", 0)), blocks=self.n(blocks))),
            Para(_("Regional plans of akimats (%(plans)s): %(events)s events.",
                   plans=self.n(plans.get("regional", 0)),
                   events=qualified(levels.get("regional", 0), self.lang))),
            Para(_("Sectoral plans of state bodies (%(plans)s): %(events)s events.",
                   plans=self.n(plans.get("sectoral", 0)),
                   events=qualified(levels.get("sectoral", 0), self.lang)))]
        categories = self.summary.breakdowns["category"]
        if categories:
            items = "; ".join(f"{row.label.lower()} — {qualified(row.values['planned'], self.lang)}"
                              for row in categories)
            self.blocks.append(Para(_("Planned events by category: %(list)s.", list=items)))

    # --- 4. progress ----------------------------------------------------------------------
    def progress(self) -> None:
        v = self.v
        ahead = v["planned"] - v["held"] - v["postponed"] - v["cancelled"]
        self.blocks += [Heading(_("Progress as of %(date)s", date=self.d(self.period.as_of))),
                        Para(_(
            "Events of the period: %(planned)s; held: %(held)s; in progress or ahead: "
            "%(ahead)s; postponed: %(postponed)s; cancelled: %(cancelled)s. Reports due: "
            "%(due)s; reports overdue: %(overdue)s.",
            planned=self.n(v["planned"]), held=self.n(v["held"]), ahead=self.n(ahead),
            postponed=self.n(v["postponed"]), cancelled=self.n(v["cancelled"]),
            due=self.n(v["due"]), overdue=self.n(v["overdue"])))]
        months = reports.section_months(self.programme)
        for name in ("block", "category", "region", "agency"):
            rows = self.summary.breakdowns[name]
            if not rows:
                continue
            self.blocks.append(Para(str(stat_labels.BREAKDOWN_LABELS[name]), align="left",
                                    indent=False, bold=True))
            self.blocks.append(self._measure_table(name, rows, months))

    def _measure_table(self, name, rows, months) -> Table:
        header = [str(stat_labels.KEY_LABELS[name]),
                  *[str(stat_labels.MEASURE_LABELS[m]) for m in PROGRESS]]
        body = []
        for row in rows:
            label = row.label
            if name == "block" and row.key in months:
                label = f"{_month_name(self.programme, months[row.key])}: {row.label}"
            body.append([label, *[self.n(row.values[m]) for m in PROGRESS]])
        body.append([str(stat_labels.TOTAL), *[self.n(self.v[m]) for m in PROGRESS]])
        return Table(header, body, total=True, widths=[4, *[1.3] * len(PROGRESS)])

    # --- 5. outreach ----------------------------------------------------------------------
    def outreach(self) -> None:
        v = self.v
        self.blocks += [Heading(_("Outreach")), Para(_(
            "According to the accepted reports (%(reports)s), participants: %(participants)s; "
            "media materials: %(media)s, by channel:",
            reports=self.n(v["reports"]), participants=self.n(v["participants"]),
            media=self.n(v["media"])))]
        names = [f"media_{c}" for c in MEDIA_CHANNELS]
        rows = [[str(stat_labels.FIGURE_LABELS[f]), self.n(v[f])] for f in names]
        rows.append([str(stat_labels.FIGURE_LABELS["media"]), self.n(v["media"])])
        self.blocks.append(Table([_("Channel"), _("Materials")], rows, total=True,
                                 widths=[5, 2]))
        if self.summary.outputs:
            items = "; ".join(f"{name} — {self.n(q)}" for name, q in self.summary.outputs[:20])
            self.blocks.append(Para(_("Other outputs: %(list)s.", list=items)))
        if v["charity_amount"] or v["beneficiaries"]:
            self.blocks.append(Para(_(
                "Charity aid: %(amount)s tenge; beneficiaries: %(count)s.",
                amount=money(v["charity_amount"], self.lang), count=self.n(v["beneficiaries"]))))

    # --- 6. highlights --------------------------------------------------------------------
    def highlights(self) -> None:
        found, key = lists.highlights(self.programme, self.period)
        if not found:
            return
        self.blocks.append(Heading(_("Key events") if key else _("The largest events")))
        for h in found:
            e = h.event
            place = ", ".join(p for p in (e.place, e.region.display_name(self.lang)
                                          if e.region else "") if p)
            self.blocks.append(Para(_(
                "%(date)s: %(title)s — participants: %(participants)s, media materials: "
                "%(media)s.", date=f"{self.d(e.starts_on)}, {place}" if place else
                self.d(e.starts_on), title=e.display_title(self.lang),
                participants=self.n(h.participants),
                media=self.n(h.media))))

    # --- 7. jubilees and problems ---------------------------------------------------------
    def jubilees(self) -> None:
        found = lists.jubilees(self.programme, self.period)
        if not found:
            return
        self.blocks.append(Heading(_("Anniversaries of the period")))
        for c, day in found:
            when = self.d(day) if day else str(c.origin_year + c.anniversary)
            self.blocks.append(Para(_("%(date)s — %(name)s, %(years)s years.", date=when,
                                      years=self.n(c.anniversary),
                                      name=c.display_name(self.lang))))

    def problems(self) -> None:
        self.blocks.append(Heading(_("Problems")))
        overdue = [r for r in self.summary.breakdowns["agency"] if r.values["overdue"]]
        if overdue:
            self.blocks.append(Para(_("Reports are overdue: %(list)s.", list="; ".join(
                f"{r.label} — {self.n(r.values['overdue'])}" for r in overdue))))
        for measure, title in (("postponed", _("Postponed events: %(count)s.")),
                               ("cancelled", _("Cancelled events: %(count)s."))):
            events, count = lists.decided_events(self.programme, self.period, measure)
            if not count:
                continue
            self.blocks.append(Para(title % {"count": self.n(count)}))
            for e in events:
                self.blocks.append(Para(f"{e.number}. {e.display_title(self.lang)} "
                                        f"({self.d(e.starts_on)}): {e.status_reason or '—'}"))
        warnings = stats_checks.checks(self.programme, self.period, reports.Scope(), limit=1)
        if warnings.mismatched_count:
            self.blocks.append(Para(_(
                "Reports whose media channels do not add up to the stated total: %(count)s.",
                count=self.n(warnings.mismatched_count))))
        if warnings.off_month_count:
            self.blocks.append(Para(_(
                "Events held outside the month of their block: %(count)s.",
                count=self.n(warnings.off_month_count))))
        if not (overdue or warnings.mismatched_count or warnings.off_month_count
                or self.v["postponed"] or self.v["cancelled"]):
            self.blocks.append(Para(_("No problems were found.")))


def _month_name(programme: Programme, month: int) -> str:
    return format_date(date(programme.starts_on.year, month, 1), "LLLL").capitalize()


__all__ = ["Requisites", "build"]
