"""Text helpers shared by the plan-table reader: normalising names and headers."""

from __future__ import annotations

import re
import unicodedata

_QUOTES = str.maketrans(dict.fromkeys("«»\"'“”„‘’`", " "))
_DASHES = re.compile(r"[‐‑‒–—―−-]")
_NON_WORD = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")
# "(по согласованию)" and its kk/en forms: a courtesy note, not part of the name.
_AGREEMENT = re.compile(
    r"\(?\s*(по\s+согласованию|келісім\s+бойынша|келісу\s+бойынша|by\s+agreement|"
    r"as\s+agreed|upon\s+agreement)\s*\)?", re.IGNORECASE)


def norm(value: object) -> str:
    """Lower case, no quotes or punctuation, one space between words, ё as е."""
    text = unicodedata.normalize("NFC", str(value or "")).lower().replace("ё", "е")
    text = text.translate(_QUOTES)
    text = _DASHES.sub(" ", text)
    text = _NON_WORD.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def strip_agreement(value: str) -> str:
    return _AGREEMENT.sub(" ", value)


def cell_text(value: object) -> str:
    """A cell's value as stripped text ('' for empty)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


KK_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")


def has_kazakh_letters(text: str) -> bool:
    return any(c in KK_LETTERS for c in text)


def is_cyrillic(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum("\u0400" <= c <= "\u04ff" for c in letters) * 2 > len(letters)
