"""The official progress report (an information letter) in DOCX and PDF.

``content.build`` turns the dashboard's figures (:mod:`eventplan.services.reports`) into a
:class:`~eventplan.services.document.model.Letter`; ``docx.render`` and ``pdf.render`` lay it
out on A4 in Times New Roman 14 pt. The figures are never computed here: every number comes
from ``stats.summary`` or the ``stats`` lists, so the letter, the dashboard and the API agree.
"""

from __future__ import annotations

FORMATS = ("docx", "pdf")
MIMETYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def render(letter, fmt: str) -> bytes:
    if fmt == "docx":
        from eventplan.services.document.docx import render as render_docx

        return render_docx(letter)
    if fmt == "pdf":
        from eventplan.services.document.pdf import render as render_pdf

        return render_pdf(letter)
    raise ValueError(fmt)
