"""The letter as plain data: blocks that both renderers (DOCX, HTML/PDF) lay out alike."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Heading:
    text: str


@dataclass
class Para:
    text: str
    align: str = "justify"  # justify, center, left, right
    indent: bool = True  # first-line indent of official correspondence
    bold: bool = False


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]
    numeric_from: int = 1  # columns from this one are figures (right-aligned)
    total: bool = False  # the last row is a total (bold)
    widths: list[float] | None = None  # relative column widths


Block = Heading | Para | Table


@dataclass
class Letter:
    """Everything the renderers need; every string already in the letter's language."""

    lang: str
    title: str
    subtitle: str
    addressee: list[str] = field(default_factory=list)  # lines, right-aligned at the top
    outgoing: str = ""  # "No. 17-01/123 of 1 July 2021"
    incoming: str = ""  # "In reply to No. ДС-227 of 23 June 2021"
    blocks: list[Block] = field(default_factory=list)
    signer_position: str = ""
    signer_name: str = ""
    executor: list[str] = field(default_factory=list)  # "Executor: …", "Tel.: …"
