"""The letter as an editable DOCX (python-docx): A4, Times New Roman 14 pt, the margins and
first-line indent of Kazakh official correspondence, repeated table headers, page numbers."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from eventplan.services.document.model import Heading, Letter, Para, Table

FONT = "Times New Roman"
SIZE = Pt(14)
TABLE_SIZE = Pt(12)
# Margins: left 30 mm for the binding, right 10 mm, top and bottom 20 mm; indent 1.25 cm.
MARGINS = {"left": Cm(3), "right": Cm(1), "top": Cm(2), "bottom": Cm(2)}
INDENT = Cm(1.25)
ALIGN = {"justify": WD_ALIGN_PARAGRAPH.JUSTIFY, "center": WD_ALIGN_PARAGRAPH.CENTER,
         "left": WD_ALIGN_PARAGRAPH.LEFT, "right": WD_ALIGN_PARAGRAPH.RIGHT}


def _setup(doc) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side, value in MARGINS.items():
        setattr(section, f"{side}_margin", value)
    style = doc.styles["Normal"]
    style.font.name, style.font.size = FONT, SIZE
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)  # Cyrillic and Kazakh letters use these slots too
    fmt = style.paragraph_format
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(0), 1.0
    _page_numbers(section)


def _field(paragraph, instruction: str) -> None:
    """A Word field (PAGE) as begin / instruction / separate / result / end runs."""
    for kind, text in (("begin", None), (None, instruction), ("separate", None),
                       (None, "1"), ("end", None)):
        run = paragraph.add_run()
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == instruction:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {instruction} "
        else:
            run.text = text
            continue
        run._r.append(element)


def _page_numbers(section) -> None:
    paragraph = section.header.paragraphs[0]  # official letters number pages at the top
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(paragraph, "PAGE")
    section.different_first_page_header_footer = True  # the first page carries none


def _para(doc, text: str, align: str = "justify", indent: bool = True, bold: bool = False):
    paragraph = doc.add_paragraph()
    paragraph.alignment = ALIGN[align]
    if indent:
        paragraph.paragraph_format.first_line_indent = INDENT
    run = paragraph.add_run(text)
    run.bold = bold
    return paragraph


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    properties.append(element)


def _table(doc, block: Table) -> None:
    table = doc.add_table(rows=1 + len(block.rows), cols=len(block.header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _repeat_header(table.rows[0])
    width = Cm(21) - MARGINS["left"] - MARGINS["right"]
    weights = block.widths or [1.0] * len(block.header)
    widths = [int(width * w / sum(weights)) for w in weights]
    last = len(block.rows)
    for r, values in enumerate([block.header, *block.rows]):
        cells = table.rows[r].cells
        for c, value in enumerate(values):
            cells[c].width = widths[c]
            paragraph = cells[c].paragraphs[0]
            paragraph.alignment = (WD_ALIGN_PARAGRAPH.CENTER if r == 0 else
                                   WD_ALIGN_PARAGRAPH.RIGHT if c >= block.numeric_from
                                   else WD_ALIGN_PARAGRAPH.LEFT)
            run = paragraph.add_run(value)
            run.font.size = TABLE_SIZE
            run.bold = r == 0 or (block.total and r == last)
    doc.add_paragraph()


def _signature(doc, letter: Letter) -> None:
    table = doc.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.paragraphs[0].add_run(letter.signer_position).bold = True
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    right.paragraphs[0].add_run(letter.signer_name).bold = True


def render(letter: Letter) -> bytes:
    doc = Document()
    _setup(doc)
    for line in letter.addressee:
        paragraph = _para(doc, line, align="left", indent=False, bold=True)
        paragraph.paragraph_format.left_indent = Cm(9)
    if letter.addressee:
        doc.add_paragraph()
    for line in (letter.outgoing, letter.incoming):
        if line:
            _para(doc, line, align="left", indent=False)
    doc.add_paragraph()
    _para(doc, letter.title, align="center", indent=False, bold=True)
    _para(doc, letter.subtitle, align="center", indent=False)
    for block in letter.blocks:
        if isinstance(block, Heading):
            doc.add_paragraph()
            _para(doc, block.text, align="center", indent=False, bold=True)
        elif isinstance(block, Para):
            _para(doc, block.text, block.align, block.indent, block.bold)
        else:
            _table(doc, block)
    if letter.signer_position or letter.signer_name:
        doc.add_paragraph()
        _signature(doc, letter)
    if letter.executor:
        doc.add_paragraph()
        for line in letter.executor:
            paragraph = _para(doc, line, align="left", indent=False)
            paragraph.runs[0].font.size = Pt(10)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
