"""The notes block under a plan table: where the rows end, and the file's abbreviations.

Government tables end with "Примечание: расшифровка аббревиатур: МИОР – Министерство
информации и общественного развития РК; …" or "Ескертпе: аббревиатуралардың толық
жазылуы: …", in one cell, one line per row, or as two cells per line.
"""

from __future__ import annotations

import re

from eventplan.services.plan_io.deadlines_text import month_of
from eventplan.services.plan_io.text import cell_text

NOTES = re.compile(
    r"^\s*(примечани[ея]|прим\.|ескертпе|ескерту|ескертулер|note|notes|"
    r"расшифровка\s+(аббревиатур|сокращений)|список\s+сокращений|сокращения|"
    r"аббревиатуралард?ың\s+толық\s+жазылуы|аббревиатуралар|қысқартулар|"
    r"қысқартулардың\s+толық\s+жазылуы|abbreviations|legend)(?!\w)", re.IGNORECASE)
# "МИОР – Министерство …", "1) ҚХА - Қазақстан халқы Ассамблеясы;"
LINE = re.compile(r"^\s*(?:\d{1,2}[.)]\s*|[-*•·]\s*)?(?P<abbr>[^\s–—:;]{2,20}?)\s*"
                  r"(?:[–—]|\s-|-\s)\s*(?P<name>\S.*?)\s*[.;,]?\s*$")
_LEAD_IN = re.compile(r"^\s*[^:]{0,60}:\s*")  # "Примечание: расшифровка аббревиатур:"
_UPPER = re.compile(r"[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]")
ROMAN = re.compile(r"[IVXІХ]+\.?")

Row = tuple[int, list[object]]


def _texts(values: list[object]) -> list[str]:
    texts = []
    for value in values:
        text = cell_text(value)
        if text and text not in texts:  # a merged cell repeats its value
            texts.append(text)
    return texts


def split_notes(body: list[Row]) -> tuple[list[Row], list[Row]]:
    """The table's rows, and the notes block from its first line to the end of the sheet.

    The block starts at a "Примечание"/"Ескертпе"… line, or, without one, at the first of the
    one-cell "ABBR – full name" lines that end the sheet (a heading such as "ҚАҢТАР – …" or
    "II – …" has event rows after it, so it is never taken for a legend).
    """
    trailing = None  # first of the one-cell legend lines with nothing else after them
    for index, (_number, values) in enumerate(body):
        texts = _texts(values)
        if texts and NOTES.match(texts[0]):
            return body[:index], body[index:]
        if len(texts) == 1 and _legend_line(texts[0]):
            trailing = index if trailing is None else trailing
        else:
            trailing = None
    if trailing is not None:
        return body[:trailing], body[trailing:]
    return body, []


def _legend_line(text: str) -> bool:
    match = LINE.match(text)
    return bool(match and _is_abbreviation(match["abbr"])
                and not ROMAN.fullmatch(match["abbr"]) and month_of(match["abbr"].lower())
                is None)


def _is_abbreviation(text: str) -> bool:
    return len(_UPPER.findall(text)) >= 2 and " " not in text.strip()


def read_legend(notes: list[Row]) -> dict[str, str]:
    """Abbreviation -> full name from every "ABBR – full name" line of the notes block."""
    legend: dict[str, str] = {}
    for _number, values in notes:
        texts = _texts(values)
        if len(texts) == 2 and _is_abbreviation(texts[0]):  # two cells: МИОР | Министерство …
            legend.setdefault(texts[0].strip(" .:"), texts[1].strip(" .;"))
            continue
        for text in texts:
            text = NOTES.sub("", text, count=1)
            for line in re.split(r"[;\n]+", text):
                line = line.strip()
                while True:  # "Примечание: расшифровка: МИОР – …" -> "МИОР – …"
                    match = LINE.match(line)
                    if match and _is_abbreviation(match["abbr"]):
                        break
                    shorter = _LEAD_IN.sub("", line, count=1)
                    if shorter == line:
                        match = None
                        break
                    line = shorter
                if match:
                    legend.setdefault(match["abbr"].strip(" .:«»\""), match["name"].strip())
    return legend
