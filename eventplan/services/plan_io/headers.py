"""Recognising the columns of a plan table by their headers, in kk, ru and en."""

from __future__ import annotations

import re
from decimal import Decimal

from flask_babel import lazy_gettext as _l

from eventplan.services.plan_io.text import norm

# The export's column order: the standard government table, then what eventplan adds.
COLUMNS = ("number", "title", "completion_form", "executors", "deadline", "estimated_cost",
           "funding_source", "section", "category", "region", "format", "starts_on", "ends_on")
HEADER_LABELS = {
    "number": _l("No."),
    "title": _l("Event"),
    "completion_form": _l("Form of completion"),
    "executors": _l("Responsible executors"),
    "deadline": _l("Deadline"),
    "estimated_cost": _l("Estimated costs, KZT"),
    "funding_source": _l("Funding sources"),
    "section": _l("Thematic block or section"),
    "category": _l("Category"),
    "region": _l("Region"),
    "format": _l("Format"),
    "starts_on": _l("Planned start"),
    "ends_on": _l("Planned end"),
}
VARIANTS: dict[str, tuple[str, ...]] = {
    "number": ("№", "no", "n", "номер", "number", "п п", "№ п п", "р с", "р с №", "реттік №",
               "реттік нөмірі", "нөмірі", "item", "#"),
    "title": ("наименование мероприятия", "наименование мероприятий", "мероприятие",
              "мероприятия", "наименование", "іс шараның атауы", "іс шаралардың атауы",
              "іс шара атауы", "іс шара", "іс шаралар", "атауы", "event", "events",
              "event title", "name of the event", "title", "activity", "measure"),
    "completion_form": ("форма завершения", "форма исполнения", "форма отчетности",
                        "аяқтау нысаны", "аяқталу нысаны", "орындау нысаны",
                        "form of completion", "completion form", "form of execution",
                        "output"),
    "executors": ("ответственные исполнители", "ответственный исполнитель", "ответственные",
                  "исполнители", "исполнитель", "жауапты орындаушылар", "жауапты орындаушы",
                  "орындаушылар", "орындаушы", "жауаптылар", "responsible executors",
                  "responsible executor", "responsible", "executors", "executor",
                  "responsible agencies"),
    "deadline": ("срок исполнения", "сроки исполнения", "срок проведения", "сроки проведения",
                 "срок", "сроки", "дата проведения", "орындау мерзімі", "орындалу мерзімі",
                 "өткізу мерзімі", "мерзімі", "мерзім", "deadline", "term", "timing",
                 "date", "dates", "time frame"),
    "estimated_cost": ("предполагаемые расходы", "предполагаемые затраты", "расходы",
                       "сумма", "болжамды шығыстар", "болжанатын шығыстар", "шығыстар",
                       "estimated costs", "estimated cost", "costs", "cost", "budget"),
    "funding_source": ("источники финансирования", "источник финансирования",
                       "қаржыландыру көздері", "қаржыландыру көзі", "funding sources",
                       "funding source", "source of funding", "sources of funding",
                       "funding"),
    "section": ("тематический блок", "тематический блок или раздел", "блок", "раздел",
                "тақырыптық блок", "тақырыптық блок немесе бөлім", "бөлім", "блок атауы",
                "thematic block", "thematic block or section", "block", "section"),
    "category": ("категория", "санат", "санаты", "category", "type"),
    "region": ("регион", "область", "өңір", "облыс", "region"),
    "format": ("формат", "формат проведения", "өткізу форматы", "форматы", "format"),
    "starts_on": ("плановое начало", "дата начала", "начало", "жоспарлы басталуы",
                  "басталу күні", "басталуы", "planned start", "start date", "start"),
    "ends_on": ("плановое окончание", "дата окончания", "окончание", "жоспарлы аяқталуы",
                "аяқталу күні", "аяқталуы", "planned end", "end date", "end"),
}
_PARENS = re.compile(r"\([^)]*\)")
THOUSANDS = ("тыс", "мың", "thousand", "000")
MILLIONS = ("млн", "million")


def _lookup() -> dict[str, str]:
    table = {norm(v) or v: field for field, values in VARIANTS.items() for v in values}
    return table


_TABLE = _lookup()
_BY_LENGTH = sorted(_TABLE, key=len, reverse=True)


def field_for(header: object) -> str | None:
    """The field a header names, or None; exact match first, then the longest prefix."""
    raw = str(header or "").strip()
    if not raw:
        return None
    if raw in {"№", "#"} or raw.startswith("№"):
        return "number"
    text = norm(_PARENS.sub(" ", raw.replace(",", " "))) or norm(raw)
    if text in _TABLE:
        return _TABLE[text]
    for variant in _BY_LENGTH:
        if len(variant) >= 4 and text.startswith(variant + " "):
            return _TABLE[variant]
    return None


def cost_factor(header: object) -> Decimal:
    """Costs are often given in thousand (or million) tenge; the header says which."""
    text = norm(header)
    if any(word in text for word in MILLIONS):
        return Decimal(1_000_000)
    if any(re.search(rf"\b{word}", text) for word in THOUSANDS):
        return Decimal(1000)
    return Decimal(1)


def recognise(row: list[object]) -> dict[str, int]:
    """Column index of each recognised field in a candidate header row (first wins)."""
    found: dict[str, int] = {}
    for index, value in enumerate(row):
        field = field_for(value)
        if field and field not in found:
            found[field] = index
    return found


def is_header(found: dict[str, int]) -> bool:
    return "title" in found and len(found) >= 3


def is_column_numbers(row: list[object]) -> bool:
    """The row of column numbers (1, 2, 3 …) that government tables put under the header."""
    values = [str(v).strip().rstrip(".") for v in row if v not in (None, "")]
    if len(values) < 3:
        return False
    try:
        numbers = [int(float(v)) for v in values]
    except ValueError:
        return False
    return numbers == list(range(numbers[0], numbers[0] + len(numbers)))
