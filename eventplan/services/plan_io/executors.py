"""Executor phrases as government plan tables write them, in kk, ru and en.

Two kinds of phrase are read here, before a cell is split on its commas:

* collective phrases ("акиматы областей, городов Нур-Султана, Алматы и Шымкента",
  "облыстардың, Нұр-Сұлтан, Алматы және Шымкент қалаларының әкімдіктері", "МИО", "ЖАО",
  "центральные государственные органы", "мүдделі мемлекеттік органдар"), kept as written;
* one akimat named in any case form ("акимат города Нур-Султана", "Нұр-Сұлтан қаласының
  әкімдігі", "акимат Павлодарской области", "Павлодар облысы әкімдігі"), the capital under
  whichever name the plan's year gave it (Nur-Sultan from March 2019 to September 2022,
  Astana before and after).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from flask_babel import lazy_gettext as _l

CAPITAL_CODES = ("NUR_SULTAN", "ASTANA")
_CAP = r"(?:нур султан\w*|нұр сұлтан\w*|астан\w*|nur sultan|astana)"
_CITIES_RU = rf"(?:(?:гг|г г|г|городов)\s+)?{_CAP}\s+(?:г\s+)?алматы\s+(?:и\s+)?(?:г\s+)?шымкент\w*"
_CITIES_KK = rf"{_CAP}\s+алматы\s+(?:және\s+)?шымкент\s+қалалар\w*"
_CITIES_EN = rf"(?:(?:the\s+)?cities\s+of\s+)?{_CAP}\s+almaty\s+and\s+shymkent(?:\s+cities)?"
_REPUBLICAN_RU = r"городов\s+республиканского\s+значения(?:\s+и\s+столицы)?"
_REPUBLICAN_KK = (r"республикалық\s+маңызы\s+бар\s+қалалард\w*"
                  r"(?:\s+(?:және\s+)?(?:астананың|елорданың))?")
_REPUBLICAN_EN = r"cities\s+of\s+republican\s+significance(?:\s+and\s+the\s+capital)?"
_AKIMATS_RU = r"акимат\w*\s+(?:всех\s+)?областей"
_AKIMATS_KK = r"(?:барлық\s+)?облыстард\w*"
_AKIMATS_EN = r"akimats\s+of\s+(?:all\s+)?(?:the\s+)?regions"

# kind -> phrases, tried in this order: the longest readings come first.
PATTERNS: tuple[tuple[str, str], ...] = (
    ("all_akimats", rf"{_AKIMATS_RU}\s+(?:и\s+)?{_CITIES_RU}"),
    ("all_akimats", rf"{_AKIMATS_RU}\s+(?:и\s+)?{_REPUBLICAN_RU}"),
    ("all_akimats", rf"{_AKIMATS_KK}\s+(?:және\s+)?{_CITIES_KK}\s+әкімдіктер\w*"),
    ("all_akimats", rf"{_AKIMATS_KK}\s+(?:және\s+)?{_REPUBLICAN_KK}\s+әкімдіктер\w*"),
    ("all_akimats", rf"{_AKIMATS_EN}\s+(?:and\s+)?(?:of\s+)?{_CITIES_EN}"),
    ("all_akimats", rf"{_AKIMATS_EN}\s+(?:and\s+)?(?:of\s+)?(?:the\s+)?{_REPUBLICAN_EN}"),
    ("all_akimats", r"местные\s+исполнительные\s+органы|мио|все\s+акиматы|"
                    r"жергілікті\s+атқарушы\s+органдар\w*|жао|барлық\s+әкімдіктер|"
                    r"local\s+executive\s+bodies|all\s+akimats"),
    ("city_akimats", rf"акимат\w*\s+(?:{_CITIES_RU}|{_REPUBLICAN_RU})"),
    ("city_akimats", rf"(?:{_CITIES_KK}|{_REPUBLICAN_KK})\s+әкімдіктер\w*"),
    ("city_akimats", rf"akimats\s+of\s+(?:the\s+)?(?:{_CITIES_EN}|{_REPUBLICAN_EN})"),
    ("region_akimats", rf"{_AKIMATS_RU}|областные\s+акиматы|{_AKIMATS_KK}\s+әкімдіктер\w*|"
                       rf"облыс\s+әкімдіктер\w*|{_AKIMATS_EN}|regional\s+akimats"),
    ("district_akimats", r"акимат\w*\s+(?:всех\s+)?районов(?:\s+и\s+городов(?:\s+областного"
                         r"\s+значения)?)?|районные\s+акиматы|"
                         r"аудандард\w*(?:\s+(?:және\s+)?(?:облыстық\s+маңызы\s+бар\s+)?"
                         r"қалалард\w*)?\s+әкімдіктер\w*|аудан(?:\s+және\s+қала)?\s+"
                         r"әкімдіктер\w*|district\s+akimats|akimats\s+of\s+(?:the\s+)?"
                         r"districts(?:\s+and\s+towns)?"),
    ("central_bodies", r"центральные\s+(?:государственные|исполнительные)\s+органы|цго|цио|"
                       r"орталық\s+(?:мемлекеттік|атқарушы)\s+органдар\w*|омо|"
                       r"central\s+(?:state|executive|government)\s+(?:bodies|agencies)"),
    ("interested_bodies", r"заинтересованные\s+(?:государственные\s+органы|госорганы|"
                          r"министерства(?:\s+и\s+ведомства)?|органы|организации)|"
                          r"мүдделі\s+(?:мемлекеттік\s+органдар\w*|министрліктер\w*"
                          r"(?:\s+(?:мен|және)\s+ведомстволар\w*)?|ұйымдар\w*|органдар\w*)|"
                          r"interested\s+(?:state\s+|government\s+)?(?:bodies|agencies|"
                          r"organisations|organizations)"),
)
COLLECTIVE = re.compile("|".join(f"(?P<{kind}{i}>(?<!\\S)(?:{pattern})(?!\\S))"
                                 for i, (kind, pattern) in enumerate(PATTERNS)))
COLLECTIVE_LABELS = {
    "all_akimats": _l("all akimats of regions and cities of republican significance"),
    "region_akimats": _l("akimats of the regions"),
    "city_akimats": _l("akimats of the cities of republican significance"),
    "district_akimats": _l("akimats of districts and towns (kept as written)"),
    "central_bodies": _l("central state bodies (kept as written)"),
    "interested_bodies": _l("interested state bodies (kept as written)"),
}
_WORD = re.compile(r"[^\W_]+")


@dataclass
class Collective:
    kind: str  # a key of COLLECTIVE_LABELS
    text: str  # as written in the cell
    ids: list[int] = field(default_factory=list)  # the akimats it stands for, if any


def _tokens(text: str) -> list[re.Match]:
    return list(_WORD.finditer(text.lower().replace("ё", "е")))


def find_collectives(text: str) -> tuple[list[tuple[int, str, str]], str]:
    """(position, kind, words as written) of each collective phrase, and the text left over
    with each phrase replaced by a comma (so the rest splits as before)."""
    words = _tokens(text)
    joined, starts = "", []
    for match in words:
        starts.append(len(joined) + (1 if joined else 0))
        joined = f"{joined} {match.group(0)}" if joined else match.group(0)
    found, rest, cut = [], [], 0
    for match in COLLECTIVE.finditer(joined):
        kind = re.sub(r"\d+$", "", match.lastgroup or "")
        first = next(i for i, s in enumerate(starts) if s >= match.start())
        last = max(i for i, s in enumerate(starts) if s < match.end())
        begin, end = words[first].start(), words[last].end()
        found.append((begin, kind, text[begin:end]))
        rest.append(text[cut:begin])
        rest.append("," + " " * (end - begin - 1))  # positions stay those of the text
        cut = end
    rest.append(text[cut:])
    return found, "".join(rest)


# One akimat in any case form ------------------------------------------------------------

AKIMAT_WORDS = {"акимат", "акимата", "акиматы", "акиматом", "акимате", "әкімдігі", "әкімдік",
                "әкімдігінің", "akimat", "of", "the"}
REGION_WORDS = {"область", "области", "обл", "облысы", "облысының", "облыс", "region",
                "oblast"}
CITY_WORDS = {"г", "город", "города", "городу", "қ", "қаласы", "қаласының", "қала", "city"}
_ADJECTIVE = re.compile(r"(ская|ской|скую|ского|ском|ский|ое|ая|ой)$")
_KK_GENITIVE = re.compile(r"(ның|нің|дың|дің|тың|тің)$")


def _fold(word: str) -> str:
    """One stem for the nominative and the genitive of a place name."""
    word = _KK_GENITIVE.sub("", word) if len(word) > 6 else word
    folded = _ADJECTIVE.sub("ск", word) if len(word) > 6 and _ADJECTIVE.search(word) else word
    if folded == word and len(word) > 4 and word[-1] in "аыи":
        folded = word[:-1]
    return folded


def akimat_keys(text: str) -> tuple[str, str] | None:
    """(stems, kind) of a phrase naming one akimat or one region; kind is region, city or ''.

    None when the phrase has words that are not part of a place name ("министерство").
    """
    words = [m.group(0) for m in _tokens(text)]
    kind = ("region" if any(w in REGION_WORDS for w in words)
            else "city" if any(w in CITY_WORDS for w in words) else "")
    stems = [_fold(w) for w in words
             if w not in AKIMAT_WORDS and w not in REGION_WORDS and w not in CITY_WORDS]
    if not stems or len(stems) > 3:
        return None
    return " ".join(stems), kind


CAPITAL_STEMS = {"нур султан", "нұр сұлтан", "nur sultan", "астан", "astana", "елорд"}


def capital_code(day: date) -> str:
    """The capital's region code on that day: Nur-Sultan from 23 March 2019 to 16 September
    2022, Astana before and after."""
    return "NUR_SULTAN" if date(2019, 3, 23) <= day <= date(2022, 9, 16) else "ASTANA"
