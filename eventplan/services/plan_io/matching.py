"""Names in a plan table matched to agencies, sections, categories, formats and regions."""

from __future__ import annotations

import difflib
import re
from contextlib import contextmanager
from dataclasses import dataclass, field

from flask import g
from flask_babel import force_locale
from sqlalchemy import select

from eventplan.extensions import db
from eventplan.labels import CATEGORY_LABELS, FORMAT_LABELS
from eventplan.models import Agency, AgencyAlias, Plan, Region, Section
from eventplan.models.base import LANGS
from eventplan.services.plan_io.deadlines_text import TOKEN, month_of
from eventplan.services.plan_io.executors import (
    CAPITAL_CODES,
    CAPITAL_STEMS,
    Collective,
    akimat_keys,
    capital_code,
    find_collectives,
)
from eventplan.services.plan_io.text import norm, strip_agreement

# Kazakh abbreviations of the ministries, as written in Kazakh plan tables.
KK_ABBREVIATIONS = {
    "MISD": "АҚДМ", "MCS": "МСМ", "MNE": "ҰЭМ", "MDDIAI": "ЦДИАӨМ", "MJ": "ӘМ", "MES": "БҒМ",
    "ME": "ЭМ", "MLSPP": "ЕХӘҚМ", "MEGNR": "ЭГТРМ", "MA": "АШМ", "MIID": "ИИДМ", "MH": "ДСМ",
    "MFA": "СІМ", "APK": "ҚХА",
}  # fmt: skip
# Courtesy words that name no one: left out without complaint.
IGNORED = {norm(p) for p in ("и другие", "и др", "т.б.", "т б", "etc", "and others")}
HARD_SEPARATORS = re.compile(r"(\s*[,;\n]\s*)")
SOFT_SEPARATORS = re.compile(r"(\s+и\s+|\s+және\s+|\s+and\s+|\s+мен\s+)")
# "… Республики Казахстан", "Қазақстан Республикасының …": the legend's full names add it.
REPUBLIC = re.compile(r"(?<!\w)(Республики\s+Казахстан|РК|Қазақстан\s+Республикасының|ҚР|"
                      r"of\s+the\s+Republic\s+of\s+Kazakhstan)(?!\w)\.?", re.IGNORECASE)
_NOMINATIVE = {"министерства": "министерство", "министерству": "министерство",
               "министерством": "министерство", "министрлігінің": "министрлігі",
               "министрлігіне": "министрлігі", "министрлігімен": "министрлігі"}
_MINISTRY_GENITIVE = re.compile(r"\b(" + "|".join(_NOMINATIVE) + r")\b")


def _nominative(key: str) -> str:
    return _MINISTRY_GENITIVE.sub(lambda m: _NOMINATIVE[m[0]], key)


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


@dataclass
class Unknown:
    """A name in an executors cell that matches no agency."""

    name: str  # as written in the cell
    full_name: str | None = None  # what the file's legend says the abbreviation stands for
    suggestions: list[Agency] = field(default_factory=list)

    @property
    def shown(self) -> str:
        return f"{self.name} ({self.full_name})" if self.full_name else self.name

    @property
    def alias(self) -> str:
        """The name remembered when a person maps it to an agency."""
        return self.full_name or self.name


@dataclass
class Executors:
    """What an executors cell says: the lead, the co-executors and how each was read."""

    lead_id: int | None = None
    coexecutor_ids: list[int] = field(default_factory=list)
    named: list[tuple[str, list[int]]] = field(default_factory=list)  # (as written, ids)
    collectives: list[Collective] = field(default_factory=list)
    unknown: list[Unknown] = field(default_factory=list)


class Lookups:
    """Everything a plan's rows are matched against, loaded once per import."""

    def __init__(self, plan: Plan) -> None:
        programme = plan.programme
        self.plan_agency_id = plan.agency_id
        self.agencies = {a.id: a for a in db.session.scalars(select(Agency))}
        self.keys: dict[str, list[int]] = {}
        self.file_names: dict[str, str] = {}  # abbreviation -> full name, from the legend
        self._read_cells: dict[str, Executors] = {}
        regions = {r.id: r for r in db.session.scalars(select(Region))}
        by_code = {r.code: r for r in regions.values()}
        capital = by_code.get(capital_code(programme.starts_on)) or next(
            (by_code[c] for c in CAPITAL_CODES if c in by_code), None)
        self.akimat_index: dict[tuple[str, str], int] = {}
        akimat_of = {a.region_id: a.id for a in self.agencies.values()
                     if a.kind == "akimat" and a.region_id}
        capital_id = akimat_of.get(capital.id) if capital else None
        for agency in self.agencies.values():
            names = [*agency.names().values(), agency.abbreviation, agency.code,
                     KK_ABBREVIATIONS.get(agency.code)]
            region = regions.get(agency.region_id) if agency.kind == "akimat" else None
            target = agency.id
            if region is not None and region.code in CAPITAL_CODES and capital_id:
                target = capital_id  # the capital under the plan year's name
            if region is not None:
                names += [*region.names().values(), f"акимат {region.name_ru or ''}"]
                self._index_akimat(region, [*names], target)
            for name in names:
                if name and norm(name):
                    self.keys.setdefault(norm(name), [target])
        for alias in db.session.scalars(select(AgencyAlias)):
            self.keys.setdefault(alias.key, [alias.agency_id])
        if capital_id:
            for stem in CAPITAL_STEMS:
                self.akimat_index[(stem, "city")] = self.akimat_index[(stem, "")] = capital_id
        valid = [r for r in regions.values() if r.valid_on(programme.starts_on)
                 or r.valid_on(programme.ends_on)]
        valid = [r for r in valid if r.code not in CAPITAL_CODES or r is capital]
        self.region_akimats = sorted(akimat_of[r.id] for r in valid
                                     if r.kind == "region" and r.id in akimat_of)
        self.city_akimats = sorted(akimat_of[r.id] for r in valid
                                   if r.kind == "city" and r.id in akimat_of)
        self.sections = list(programme.sections)
        self.section_keys = {norm(n): s for s in self.sections for n in s.names().values() if n}
        self.categories = _label_keys(CATEGORY_LABELS)
        self.formats = _label_keys(FORMAT_LABELS)
        self.regions = {norm(n): r.id for r in regions.values()
                        for n in (*r.names().values(), r.code) if n}

    def _index_akimat(self, region: Region, names: list[str | None], agency_id: int) -> None:
        for name in names:
            keys = akimat_keys(name) if name else None
            if keys is None:
                continue
            stems, _kind = keys
            self.akimat_index.setdefault((stems, region.kind), agency_id)
            if region.kind == "city":  # "Алматы" alone is the city, not the region
                self.akimat_index[(stems, "")] = agency_id

    # Executors -------------------------------------------------------------------------
    def add_file_abbreviations(self, legend: dict[str, str]) -> None:
        """The file's own "ABBR – full name" lines: the abbreviation stands for the name."""
        for abbreviation, full_name in legend.items():
            key = norm(abbreviation)
            found = self.find(full_name)
            if found:
                self.keys[key] = found
            elif key not in self.keys:
                self.file_names[key] = full_name

    def find(self, text: str) -> list[int] | None:
        """The agencies one name stands for, or None."""
        key = norm(text)
        found = self.keys.get(key)
        if found is None and key:  # "… РК"; "Министерства культуры и спорта", "… министрлігінің"
            bare = norm(re.sub(REPUBLIC, " ", text))
            for candidate in (bare, _nominative(key), _nominative(bare)):
                found = self.keys.get(candidate)
                if found:
                    break
        if found is None and key:
            keys = akimat_keys(text)
            if keys is not None:
                agency_id = self.akimat_index.get(keys)
                found = [agency_id] if agency_id else None
        return found

    def expand(self, collective: Collective) -> Collective:
        collective.ids = {"all_akimats": self.region_akimats + self.city_akimats,
                          "region_akimats": self.region_akimats,
                          "city_akimats": self.city_akimats}.get(collective.kind, [])
        return collective

    def executors(self, text: str) -> Executors:
        """The cell read as phrases: collective ones first, then names between separators.

        The first executor named leads; when the cell starts with a collective phrase, the
        plan's own agency leads if the phrase includes it, else the first agency named.
        A table repeats the same few cells, so each is read once (treat the result as
        read-only).
        """
        if text not in self._read_cells:
            self._read_cells[text] = self._executors(text)
        return self._read_cells[text]

    def _executors(self, text: str) -> Executors:
        result = Executors()
        phrases, rest = find_collectives(strip_agreement(text))
        items: list[tuple[int, list[int], bool]] = []  # (position, ids, collective)
        for position, kind, written in phrases:
            collective = self.expand(Collective(kind, written))
            result.collectives.append(collective)
            items.append((position, collective.ids, True))
        offset = 0
        for chunk, found in self._split(rest, HARD_SEPARATORS):
            position = rest.find(chunk, offset)
            offset = max(offset, position)
            if found is None:  # "МКС и МИОР": try the soft separators inside the chunk
                inner = self._split(chunk, SOFT_SEPARATORS)
                if inner and all(f is not None for _, f in inner):
                    found = [a for _, f in inner for a in f]
            name = chunk.strip(" .")
            if found is not None:
                result.named.append((name, found))
                items.append((position, found, False))
            elif norm(name) and norm(name) not in IGNORED:
                full = self.file_names.get(norm(name))
                result.unknown.append(Unknown(name, full, self.suggest(full or name)))
        items.sort(key=lambda item: item[0])
        specific = [a for _, ids, collective in items if not collective for a in ids]
        members = [a for _, ids, collective in items if collective for a in ids]
        if items and not items[0][2]:
            lead = items[0][1][0]
        elif self.plan_agency_id in members or not specific:
            lead = self.plan_agency_id if (members or not result.unknown) else None
        else:
            lead = specific[0]
        result.lead_id = lead
        everyone = dict.fromkeys([*specific, *members])
        result.coexecutor_ids = sorted(a for a in everyone if a != lead)
        return result

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
                joined = joined[:len(joined) - len(seps[j - 1])] if seps[j - 1] else joined
                found = self.find(joined)
                if found:
                    result.append((joined, found))
                    i = j
                    break
            else:
                if norm(parts[i]):
                    result.append((parts[i], None))
                i += 1
        return result

    def suggest(self, name: str) -> list[Agency]:
        close = difflib.get_close_matches(norm(name), list(self.keys), n=12, cutoff=0.5)
        found: list[Agency] = []
        for key in close:
            ids = self.keys[key]
            if len(ids) == 1 and self.agencies[ids[0]] not in found:
                found.append(self.agencies[ids[0]])
        return found[:3]

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
