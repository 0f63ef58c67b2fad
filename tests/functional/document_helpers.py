"""Reading the progress report back: the DOCX through python-docx, the PDF through pypdf."""

from __future__ import annotations

import io
import re

from docx import Document
from pypdf import PdfReader

PERIOD = {"start": "2021-01-01", "end": "2021-12-31", "as_of": "2021-04-26"}


def flat(text: str) -> str:
    """One space for any run of spaces, no-break spaces and line breaks."""
    return re.sub(r"[\s\u00a0\u202f]+", " ", text).strip()


def docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [" | ".join(c.text for c in row.cells) for row in table.rows]
    return flat("\n".join(parts))


def docx_tables(data: bytes) -> list[list[list[str]]]:
    """Every table's cells, flattened, in document order."""
    doc = Document(io.BytesIO(data))
    return [[[flat(c.text) for c in row.cells] for row in t.rows] for t in doc.tables]


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return flat("\n".join(page.extract_text() for page in reader.pages))


def form(lang: str, fmt: str, **requisites) -> dict[str, str]:
    return {**PERIOD, "lang": lang, "fmt": fmt, **requisites}


# What the letter must say in each language for the fixture (reports_fixture.py).
EXPECTED = {
    "en": {"title": "Information on the implementation", "as_of": "26 April 2021",
           "participants": "6,200", "charity": "1,500,000.50", "total": "Total"},
    "ru": {"title": "Информация о ходе реализации", "as_of": "26 апреля 2021 года",
           "participants": "6 200", "charity": "1 500 000,50", "total": "Итого"},
    "kk": {"title": "іске асырылу барысы туралы ақпарат", "as_of": "2021 жылғы 26 сәуір",
           "participants": "6 200", "charity": "1 500 000,50", "total": "Барлығы"},
}
