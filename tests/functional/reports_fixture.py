"""A programme with reports whose figures were computed by hand (see the numbers below).

As of 2021-04-26 (deadline 5 days) over the whole of 2021, plans in force only:

| event | plan | lead | region | block | status / stage |
|---|---|---|---|---|---|
| summit 31 Mar | republican | MCS (+Akmola) | — | 3 | held |
| nauryz 21-23 Mar | republican | MCS | Pavlodar | 3 | held (held from 2 Apr: off month) |
| forum 23 Apr | republican | HQ | — | 4 | planned, due |
| akmola_fair 12 Mar | akmola | Akmola | Akmola | 3 | planned, lead report submitted |
| exhibition 1 Mar | akmola | Akmola | Akmola | 3 | planned, overdue (> 30 days) |
| parade 10 May | republican | MCS | Pavlodar | 5 | postponed |
| concert 5 Jun | akmola | Akmola | Akmola | 6 | cancelled |
| pavlodar_draft | pavlodar (draft) | — | — | — | not counted |
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from eventplan.extensions import db
from eventplan.models import CompletionReport, ReportOutput
from tests.factories import make_event

AS_OF = date(2021, 4, 26)
TOTALS = {"planned": 7, "held": 2, "due": 1, "overdue": 1, "postponed": 1, "cancelled": 1,
          "reports": 3, "participants": 6200, "media_tv": 14, "media_radio": 2,
          "media_print": 9, "media_internet": 20, "media_social": 159, "media": 204,
          "charity_amount": Decimal("1500000.50"), "beneficiaries": 40}
OUTPUTS = [("banners", 15), ("clips", 2)]


def report(event, agency, status="accepted", outputs=(), **figures) -> CompletionReport:
    r = CompletionReport(event=event, agency=agency, status=status, outcome="held", **figures)
    r.outputs = [ReportOutput(name=n, quantity=q, position=i) for i, (n, q) in enumerate(outputs)]
    db.session.add(r)
    return r


def add_reports(world) -> dict:
    a, r, s, e = world.agencies, world.regions, world.sections, world.events
    rep, akmola = world.plans["republican"], world.plans["akmola"]
    e["summit"].status = "held"
    e["nauryz"].status = "held"
    e["nauryz"].region = r["PAVLODAR"]
    e["forum"].category = "international"
    e["akmola_fair"].region = r["AKMOLA"]
    e["exhibition"] = make_event(akmola, s[3], "2", "Akmola exhibition", date(2021, 3, 1),
                                 a["AKIMAT_AKMOLA"], region=r["AKMOLA"])
    e["parade"] = make_event(rep, s[5], "4", "Unity parade", date(2021, 5, 10), a["MCS"],
                             region=r["PAVLODAR"], status="postponed")
    e["concert"] = make_event(akmola, s[6], "3", "Akmola concert", date(2021, 6, 5),
                              a["AKIMAT_AKMOLA"], region=r["AKMOLA"], status="cancelled")
    report(e["summit"], a["MCS"], participants=1000, media_tv=10, media_radio=2,
           media_print=5, media_internet=20, media_social=100, media_total=137,
           outputs=[("banners", 5)])
    report(e["summit"], a["AKIMAT_AKMOLA"], participants=200, media_tv=1, media_social=9,
           media_total=12)  # the parts make 10: a warning
    report(e["nauryz"], a["MCS"], participants=5000, media_tv=3, media_print=4,
           media_social=50, charity_amount=Decimal("1500000.50"), beneficiaries=40,
           held_from=date(2021, 4, 2), held_to=date(2021, 4, 2),
           outputs=[("banners", 10), ("clips", 2)])
    report(e["akmola_fair"], a["AKIMAT_AKMOLA"], status="submitted", participants=999,
           media_tv=99, outputs=[("banners", 100)])
    db.session.commit()
    return e
