"""Names of "other outputs" (banners, video clips…): the known ones offered as suggestions in
kk/ru/en, and one key per output so that "баннеры", "Баннеры " and "Banners" count together.
"""

from __future__ import annotations

import re
from collections import defaultdict

from flask_babel import get_locale

KNOWN_OUTPUTS = {
    "banners": {"kk": "баннерлер", "ru": "баннеры", "en": "banners"},
    "billboards": {"kk": "билбордтар", "ru": "билборды", "en": "billboards"},
    "video_clips": {"kk": "бейнероликтер", "ru": "видеоролики", "en": "video clips"},
    "posters": {"kk": "плакаттар", "ru": "плакаты", "en": "posters"},
    "booklets": {"kk": "буклеттер", "ru": "буклеты", "en": "booklets"},
    "interviews": {"kk": "сұхбаттар", "ru": "интервью", "en": "interviews"},
    "books": {"kk": "кітаптар", "ru": "книги", "en": "books"},
    "exhibitions": {"kk": "көрмелер", "ru": "выставки", "en": "exhibitions"},
    "stands": {"kk": "стендтер", "ru": "стенды", "en": "stands"},
    "documentaries": {"kk": "деректі фильмдер", "ru": "документальные фильмы",
                      "en": "documentaries"},
}
_PUNCTUATION = re.compile(r"[\s\.,;:!?«»\"'()\-–—]+")


def normal(name: str) -> str:
    """Case, spacing, punctuation and ё left out: what two spellings of one name share."""
    return _PUNCTUATION.sub(" ", name.casefold().replace("ё", "е")).strip()


_BY_SPELLING = {normal(spelling): key for key, names in KNOWN_OUTPUTS.items()
                for spelling in names.values()}


def key_of(name: str) -> str:
    """A known output's key in any language, else the normalised name itself."""
    plain = normal(name)
    return _BY_SPELLING.get(plain, plain)


def suggestions(lang: str | None = None) -> list[str]:
    """The known outputs in the reader's language, for the form's suggestion list."""
    lang = lang or str(get_locale() or "ru")
    return sorted(names.get(lang) or names["ru"] for names in KNOWN_OUTPUTS.values())


def merge(rows: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Sum rows by :func:`key_of`; each line is named by its most used spelling (largest
    quantity), so the result does not depend on the reader's language (it is cached)."""
    totals: dict[str, int] = defaultdict(int)
    spellings: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for name, quantity in rows:
        key = key_of(name)
        totals[key] += quantity
        spellings[key][name.strip()] += quantity
    named = [(max(spellings[k].items(), key=lambda s: (s[1], s[0]))[0], total)
             for k, total in totals.items()]
    return sorted(named, key=lambda row: (-row[1], row[0]))


def same_output(name: str, candidates: list[str]) -> list[str]:
    """Of the stored ``candidates``, the spellings counted together with ``name``."""
    key = key_of(name)
    return [c for c in candidates if key_of(c) == key]
