"""Build hooks; metadata and dependencies live in setup.cfg.

An sdist or a wheel must work where it is installed, so building one:
- compiles every ``.po`` catalog to ``.mo`` (Babel), which are not kept in git;
- ships ``migrations/`` inside the package as ``eventplan/migrations`` so that
  ``eventplan init`` can upgrade the database of an installed copy.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.command.sdist import sdist

ROOT = Path(__file__).resolve().parent
CATALOGS = Path("eventplan") / "translations"


def compile_catalogs(package_root: Path) -> list[Path]:
    """Write ``messages.mo`` beside each ``messages.po`` under ``package_root``."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po_path in sorted((package_root / CATALOGS).glob("*/LC_MESSAGES/messages.po")):
        locale = po_path.parent.parent.name
        with po_path.open("rb") as handle:
            catalog = read_po(handle, locale=locale)
        mo_path = po_path.with_suffix(".mo")
        with mo_path.open("wb") as handle:
            write_mo(handle, catalog, use_fuzzy=False)
        written.append(mo_path)
    if not written:
        raise SystemExit(f"no catalogs found under {package_root / CATALOGS}")
    return written


class BuildPy(build_py):
    """Compiled catalogs and the migrations go into the built package."""

    def run(self) -> None:
        super().run()
        build_lib = Path(self.build_lib)
        shutil.copytree(ROOT / CATALOGS, build_lib / CATALOGS, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("*.mo"))
        compile_catalogs(build_lib)
        target = build_lib / "eventplan" / "migrations"
        shutil.copytree(ROOT / "migrations", target, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))


class Sdist(sdist):
    """The sdist carries compiled catalogs too, so a build from it needs no Babel step."""

    def run(self) -> None:
        compile_catalogs(ROOT)
        super().run()


setup(cmdclass={"build_py": BuildPy, "sdist": Sdist})
