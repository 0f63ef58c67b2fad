"""Names in a plan table matched to agencies, sections, categories, formats and regions."""

from __future__ import annotations

import difflib
import re
from contextlib import contextmanager

from flask import g
from flask_babel import force_locale
from sqlalchemy import select

from eventplan.extensions import db
from eventplan.labels import CATEGORY_LABELS, FORMAT_LABELS
from eventplan.models import Agency, Plan, Region, Section
from eventplan.models.base import LANGS
from eventplan.services.plan_io.deadlines_text import TOKEN, month_of
from eventplan.services.plan_io.text import norm, strip_agreement

# Kazakh abbreviations of the ministries, as written in Kazakh plan tables.
KK_ABBREVIATIONS = {
    "MISD": "АҚДМ", "MCS": "МСМ", "MNE": "ҰЭМ", "MDDIAI": "ЦДИАӨМ", "MJ": "ӘМ", "MES": "БҒМ",
    "ME": "ЭМ", "MLSPP": "ЕХӘҚМ", "MEGNR": "ЭГТРМ", "MA": "АШМ", "MIID": "ИИДМ", "MH": "ДСМ",
    "MFA": "СІМ", "APK": "ҚХА",
}  # fmt: skip
# "All akimats", as plan tables write it.
ALL_AKIMATS = (
    "акиматы областей городов нур султан алматы и шымкент", "акиматы областей",
    "акиматы областей городов республиканского значения и столицы",
    "местные исполнительные органы", "мио", "жергілікті атқарушы органдар", "жао",
    "облыстардың нұр сұлтан алматы және шымкент қалаларының әкімдіктері",
    "облыстардың республикалық маңызы бар қалалардың және астананың әкімдіктері",
    "облыс әкімдіктері", "облыстардың әкімдіктері", "local executive bodies",
    "akimats of regions", "regional akimats",
)
# Courtesy phrases that name no one in particular: left out without complaint.
IGNORED = {norm(p) for p in (
    "заинтересованные государственные органы", "заинтересованные госорганы",
    "мүдделі мемлекеттік органдар", "interested state bodies", "и другие", "т.б.", "etc",
)}
HARD_SEPARATORS = re.compile(r"(\s*[,;\n]\s*)")
SOFT_SEPARATORS = re.compile(r"(\s+и\s+|\s+және\s+|\s+and\s+|\s+мен\s+)")
GENERAL_STEMS = ("организац", "ұйымдастыр", "organis", "organiz", "информац", "ақпарат",
                 "inform", "имидж", "image")


@contextmanager
def in_language(lang: str):
    g.setdefault("plan_io", True)  # flask-babel ignores force_locale while g is empty
    with force_locale(lang):
        yield


def _label_keys(labels: dict) -> dict[str, str]:
    keys = {}
    for code, label in labels.items():
        keys[norm(code)] = keys[norm(code.replace("_", " "))] = code
        for lang in LANGS:
            with in_language(lang):
                keys[norm(str(label))] = code
    return keys


class Lookups:
    """Everything a plan's rows are matched against, loaded once per import."""

    def __init__(self, plan: Plan) -> None:
        programme = plan.programme
        self.agencies = {a.id: a for a in db.session.scalars(select(Agency))}
        self.keys: dict[str, list[int]] = {}
        regions = {r.id: r for r in db.session.scalars(select(Region))}
        for agency in self.agencies.values():
            names = [*agency.names().values(), agency.abbreviation, agency.code,
                     KK_ABBREVIATIONS.get(agency.code)]
            region = regions.get(agency.region_id) if agency.kind == "akimat" else None
            if region is not None:
                names += [*region.names().values(), f"акимат {region.name_ru or ''}"]
            for name in names:
                if name and norm(name):
                    self.keys.setdefault(norm(name), [agency.id])
        akimats = [a.id for a in self.agencies.values() if a.kind == "akimat"
                   and (a.region_id is None or regions[a.region_id].valid_on(programme.starts_on)
                        or regions[a.region_id].valid_on(programme.ends_on))]
        for phrase in ALL_AKIMATS:
            self.keys[norm(phrase)] = sorted(akimats)
        self.sections = list(programme.sections)
        self.section_keys = {norm(n): s for s in self.sections for n in s.names().values() if n}
        self.categories = _label_keys(CATEGORY_LABELS)
        self.formats = _label_keys(FORMAT_LABELS)
        self.regions = {norm(n): r.id for r in regions.values()
                        for n in (*r.names().values(), r.code) if n}

    # Executors -------------------------------------------------------------------------
    def executors(self, text: str) -> tuple[list[int], list[tuple[str, list[str]]]]:
        """Agency ids in order (lead first) and the names not understood, with suggestions."""
        ids: list[int] = []
        unknown = []
        for chunk, found in self._split(strip_agreement(text), HARD_SEPARATORS):
            if found is None:  # "МКС и МИОР": try the soft separators inside the chunk
                inner = self._split(chunk, SOFT_SEPARATORS)
                if all(f is not None for _, f in inner):
                    found = [a for _, f in inner for a in f]
            if found is not None:
                ids.extend(a for a in found if a not in ids)
                continue
            name = chunk.strip(" .")
            if norm(name) and norm(name) not in IGNORED:
                unknown.append((name, self.suggest(name)))
        return ids, unknown

    def _split(self, text: str, separators: re.Pattern) -> list[tuple[str, list[int] | None]]:
        """Parts of the text, the longest runs that name an agency joined back together
        (names such as "… цифрового развития, инноваций и …" contain separators)."""
        pieces = separators.split(text)
        parts, seps = pieces[0::2], [*pieces[1::2], ""]
        result = []
        i = 0
        while i < len(parts):
            for j in range(min(len(parts), i + 8), i, -1):
                joined = "".join(p + s for p, s in zip(parts[i:j], seps[i:j], strict=True))
                found = self.keys.get(norm(joined))
                if found:
                    result.append((joined, found))
                    i = j
                    break
            else:
                if norm(parts[i]):
                    result.append((parts[i], None))
                i += 1
        return result

    def suggest(self, name: str) -> list[str]:
        close = difflib.get_close_matches(norm(name), list(self.keys), n=12, cutoff=0.5)
        names: list[str] = []
        for key in close:
            ids = self.keys[key]
            if len(ids) == 1:
                label = self.agencies[ids[0]].display_name()
                if label not in names:
                    names.append(label)
        return names[:3]

    # Sections --------------------------------------------------------------------------
    def block(self, month: int) -> Section | None:
        return next((s for s in self.sections if s.month == month), None)

    def general(self) -> Section | None:
        return next((s for s in self.sections if s.month is None), None)

    def section(self, text: str) -> Section | None:
        """The section a block column or a heading row names, if any."""
        key = norm(text)
        if not key:
            return None
        if key in self.section_keys:
            return self.section_keys[key]
        months = {month_of(t) for t in TOKEN.findall(key)} - {None}
        if len(months) == 1:
            return self.block(months.pop())
        for name, section in self.section_keys.items():
            if (len(name) >= 6 and name in key) or (len(key) >= 6 and key in name):
                return section
        words = key.split()
        for section in self.sections:
            if section.month is None:
                names = norm(" ".join(n for n in section.names().values() if n)).split()
                for stem in GENERAL_STEMS:
                    if any(w.startswith(stem) for w in words) and any(
                            n.startswith(stem) for n in names):
                        return section
        return None

    def category(self, text: str) -> str | None:
        return self.categories.get(norm(text))

    def format(self, text: str) -> str | None:
        return self.formats.get(norm(text))

    def region(self, text: str) -> int | None:
        return self.regions.get(norm(text))
