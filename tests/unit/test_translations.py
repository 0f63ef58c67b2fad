"""Every user-facing string in the code and templates is translated into Kazakh and Russian."""

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "eventplan" / "translations"
METHODS = [("**/eventplan/**.py", "python"), ("**/eventplan/templates/**.html", "jinja2"),
           ("**/eventplan/templates/**.txt", "jinja2")]
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None}


def source_messages() -> set[str]:
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT / "eventplan"), [(p.replace("**/eventplan/", ""), m) for p, m in METHODS],
        keywords=KEYWORDS,
    ):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


def catalog(lang: str):
    with open(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po", "rb") as f:
        return read_po(f, locale=lang)


def test_the_code_has_user_facing_strings():
    messages = source_messages()
    assert "Log in" in messages and "Wrong e-mail or password." in messages


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_message_is_translated(lang):
    cat = catalog(lang)
    missing = sorted(m for m in source_messages()
                     if m not in cat or not cat[m].string or cat[m].fuzzy)
    assert not missing, f"{len(missing)} untranslated {lang} messages, e.g. {missing[:5]} " \
        "(run `make extract` and translate the .po file)"


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_placeholders_survive_translation(lang):
    import re

    pattern = re.compile(r"%\(\w+\)[sd]")
    for message in catalog(lang):
        if message.id and message.string and isinstance(message.id, str):
            assert sorted(pattern.findall(message.id)) == sorted(
                pattern.findall(message.string)), message.id
