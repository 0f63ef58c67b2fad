"""Templates stay within the Content-Security-Policy: no inline handlers, scripts or styles.

The policy (eventplan/security_headers.py) allows scripts and styles only from our own files,
so an ``onclick=``, an inline ``<script>`` or a ``style=`` attribute would silently stop
working in the browser. E-mail bodies (templates/mail) are not pages and keep their styles.
"""

from __future__ import annotations

import re
from pathlib import Path

import eventplan

TEMPLATES = Path(eventplan.__file__).parent / "templates"
HANDLER = re.compile(r"(?<![\w-])on\w+\s*=", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"(?<![\w-])style\s*=", re.IGNORECASE)
SCRIPT_TAG = re.compile(r"<script\b[^>]*>", re.IGNORECASE)
STYLE_TAG = re.compile(r"<style\b", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"javascript:", re.IGNORECASE)
# A JSON data block is never executed, so the policy does not apply to it.
DATA_BLOCK = re.compile(r"""\btype\s*=\s*["']application/(ld\+)?json["']""", re.IGNORECASE)


def page_templates() -> list[Path]:
    mail = TEMPLATES / "mail"
    found = [p for p in TEMPLATES.rglob("*.html") if mail not in p.parents]
    assert len(found) > 20  # the walk found the templates
    return sorted(found)


def offences(name: str, text: str) -> list[str]:
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        where = f"{name}:{number}"
        for pattern, what in ((HANDLER, "inline handler"), (STYLE_ATTRIBUTE, "style attribute"),
                              (STYLE_TAG, "<style> element"), (JAVASCRIPT_URL, "javascript URL")):
            if pattern.search(line):
                found.append(f"{where}: {what}: {line.strip()[:120]}")
    for tag in SCRIPT_TAG.finditer(text):
        if "src=" not in tag.group(0) and not DATA_BLOCK.search(tag.group(0)):
            number = text.count("\n", 0, tag.start()) + 1
            found.append(f"{name}:{number}: inline <script>")
    return found


def test_no_page_template_has_inline_handlers_scripts_or_styles():
    problems = [problem for path in page_templates()
                for problem in offences(str(path.relative_to(TEMPLATES)),
                                        path.read_text(encoding="utf-8"))]
    assert problems == []


def test_the_check_catches_what_it_is_meant_to():
    sample = ('<button onclick="go()">x</button>\n<p style="color: red">y</p>\n'
              '<script>alert(1)</script>\n<a href="javascript:void(0)">z</a>\n'
              '<form data-confirm="Sure?" action="/x"><input ONCHANGE = "f()"></form>\n'
              '<script src="/static/js/app.js"></script>\n'
              '<script type="application/json">{}</script>')
    kinds = [problem.split(": ")[1] for problem in offences("sample.html", sample)]
    assert kinds == ["inline handler", "style attribute", "javascript URL", "inline handler",
                     "inline <script>"]
