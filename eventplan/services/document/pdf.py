"""The letter as PDF: the same blocks as HTML, laid out by WeasyPrint (pure PyPI; it needs
Pango from the system, which ``make pdf-libs`` installs from Debian's packages)."""

from __future__ import annotations

from markupsafe import escape

from eventplan.services.document.model import Heading, Letter, Para, Table

# Liberation Serif is metric-compatible with Times New Roman and ships with Debian.
CSS = """
@page { size: A4; margin: 20mm 10mm 20mm 30mm;
        @top-center { content: counter(page); font: 12pt "Times New Roman", serif; } }
@page :first { @top-center { content: none; } }
body { font: 14pt/1.15 "Times New Roman", "Liberation Serif", serif; margin: 0; }
p { margin: 0; text-align: justify; text-indent: 12.5mm; }
p.left { text-align: left; text-indent: 0; } p.right { text-align: right; text-indent: 0; }
p.center { text-align: center; text-indent: 0; } p.bold, h2 { font-weight: bold; }
h2 { font-size: 14pt; text-align: center; margin: 1em 0 0 0; }
.addressee { margin-left: 90mm; font-weight: bold; margin-bottom: 1em; }
.requisites { margin-bottom: 1em; }
h1 { font-size: 14pt; text-align: center; margin: 1em 0 0 0; }
.subtitle { text-align: center; text-indent: 0; margin-bottom: 0.5em; }
table { border-collapse: collapse; width: 100%; margin: 0.3em 0 0.8em 0; font-size: 12pt; }
th, td { border: 0.5pt solid #000; padding: 1pt 3pt; vertical-align: top; }
th { text-align: center; } td.num { text-align: right; white-space: nowrap; }
tr.total td { font-weight: bold; } thead { display: table-header-group; }
tr { page-break-inside: avoid; }
.signature { display: flex; justify-content: space-between; font-weight: bold;
             margin-top: 2em; }
.executor { margin-top: 2em; font-size: 10pt; }
"""


def _table(block: Table) -> str:
    cols = ""
    if block.widths:
        total = sum(block.widths)
        cols = "".join(f'<col style="width:{100 * w / total:.1f}%">' for w in block.widths)
    head = "".join(f"<th>{escape(h)}</th>" for h in block.header)
    rows = []
    for i, row in enumerate(block.rows):
        total_row = block.total and i == len(block.rows) - 1
        cells = "".join(f'<td class="num">{escape(v)}</td>' if c >= block.numeric_from
                        else f"<td>{escape(v)}</td>" for c, v in enumerate(row))
        rows.append(f'<tr class="total">{cells}</tr>' if total_row else f"<tr>{cells}</tr>")
    return (f"<table><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")


def html(letter: Letter) -> str:
    parts = []
    if letter.addressee:
        parts.append('<div class="addressee">' + "<br>".join(escape(a) for a in letter.addressee)
                     + "</div>")
    requisites = [escape(x) for x in (letter.outgoing, letter.incoming) if x]
    if requisites:
        parts.append('<div class="requisites">' + "<br>".join(requisites) + "</div>")
    parts += [f"<h1>{escape(letter.title)}</h1>",
              f'<p class="subtitle">{escape(letter.subtitle)}</p>']
    for block in letter.blocks:
        if isinstance(block, Heading):
            parts.append(f"<h2>{escape(block.text)}</h2>")
        elif isinstance(block, Para):
            classes = " ".join(c for c in (block.align if block.align != "justify" or
                                           not block.indent else "",
                                           "bold" if block.bold else "") if c)
            parts.append(f'<p class="{classes}">{escape(block.text)}</p>')
        else:
            parts.append(_table(block))
    if letter.signer_position or letter.signer_name:
        parts.append(f'<div class="signature"><span>{escape(letter.signer_position)}</span>'
                     f"<span>{escape(letter.signer_name)}</span></div>")
    if letter.executor:
        parts.append('<div class="executor">' + "<br>".join(escape(x) for x in letter.executor)
                     + "</div>")
    body = "\n".join(str(p) for p in parts)
    return (f'<!doctype html><html lang="{escape(letter.lang)}"><head><meta charset="utf-8">'
            f"<title>{escape(letter.title)}</title><style>{CSS}</style></head>"
            f"<body>{body}</body></html>")


def render(letter: Letter) -> bytes:
    from PIL import ImageFile
    from weasyprint import HTML  # imported late: it loads Pango through cffi

    # WeasyPrint turns on Pillow's LOAD_TRUNCATED_IMAGES for the whole process when it is
    # imported; the letter holds no pictures, and uploaded photos must stay refused when
    # truncated (services/completion/attachments.make_thumbnail).
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    return HTML(string=html(letter)).write_pdf()
