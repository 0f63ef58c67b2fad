"""Builders for plan tables written the way people write them (openpyxl, in the test)."""

from __future__ import annotations

import io

from openpyxl import Workbook, load_workbook

KK_HEADER = ["№", "Іс-шараның атауы", "Аяқтау нысаны", "Жауапты орындаушылар",
             "Срок исполнения", "Болжамды шығыстар (мың теңге)", "Қаржыландыру көздері"]


def xlsx(rows: list[list[object]], merges: tuple[str, ...] = (), title: str | None = None
         ) -> bytes:
    """A workbook whose first sheet holds ``rows`` (a title line above when given)."""
    workbook = Workbook()
    ws = workbook.active
    if title:
        ws.append([title])
    for values in rows:
        ws.append(values)
    for ref in merges:
        ws.merge_cells(ref)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def sheet_values(content: bytes) -> list[tuple]:
    ws = load_workbook(io.BytesIO(content)).active
    return [tuple(row) for row in ws.iter_rows(values_only=True)]
