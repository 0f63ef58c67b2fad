"""A built wheel works where it is installed: compiled catalogs and migrations travel with it.

The wheel is built from a copy of the checkout (pip, isolated build as on any machine),
installed into a fresh virtual environment whose only extra path is this environment's
site-packages (for the dependencies, so nothing is downloaded), then ``eventplan init``
runs from the installed console script and a page is fetched in Kazakh.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SKIP = shutil.ignore_patterns(".git", ".venv", "instance", "build", "dist", "*.egg-info",
                              "__pycache__", "*.mo", "tests", "bench", "node_modules",
                              "test-results", ".ruff_cache", ".pytest_cache")


def _run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=240,
                          check=False)
    assert done.returncode == 0, f"{args}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout + done.stderr


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> tuple[Path, str]:
    work = tmp_path_factory.mktemp("package")
    source = work / "src"
    shutil.copytree(ROOT, source, ignore=SKIP)
    log = _run([sys.executable, "-m", "pip", "wheel", "-v", "--no-deps", "-w",
                str(work / "dist"), str(source)], cwd=work)
    (built,) = (work / "dist").glob("eventplan-*.whl")
    return built, log


def test_the_wheel_carries_compiled_catalogs_and_migrations(wheel):
    built, log = wheel
    names = set(zipfile.ZipFile(built).namelist())
    for lang in ("kk", "ru", "en"):
        assert f"eventplan/translations/{lang}/LC_MESSAGES/messages.mo" in names
    assert "eventplan/migrations/env.py" in names
    assert any(n.startswith("eventplan/migrations/versions/") and n.endswith(".py")
               for n in names)
    assert "eventplan/templates/base.html" in names
    assert not any(n.startswith(("tests/", "bench/")) for n in names)
    metadata = zipfile.ZipFile(built).read("eventplan-0.1.0.dist-info/METADATA").decode()
    assert "Provides-Extra: server" in metadata  # pip install 'eventplan[server]': gunicorn
    assert any(line.startswith("Requires-Dist: gunicorn") and 'extra == "server"' in line
               for line in metadata.splitlines())
    assert "Requires-Dist: prometheus-client" in metadata
    # setuptools' "Package would be ignored" warnings about template/static folders are gone
    assert "would be ignored" not in log
    assert "is absent from the `packages` configuration" not in log


def test_an_installed_wheel_initialises_and_speaks_kazakh(wheel, tmp_path):
    built, _log = wheel
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=tmp_path)
    python = venv / "bin" / "python"
    target = Path(_run([str(python), "-c", "import sysconfig;print(sysconfig.get_path('purelib'))"],
                       cwd=tmp_path).strip())
    # The dependencies come from this environment (a path line, not its .pth hooks: the
    # checkout's editable install of eventplan stays invisible to the new environment).
    (target / "zz_dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    _run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
          "--no-index", str(built)], cwd=tmp_path)
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("EVENTPLAN_", "PYTHON", "FLASK_"))}
    env["EVENTPLAN_DATABASE_URL"] = "sqlite:///" + str(tmp_path / "installed.sqlite")
    env["EVENTPLAN_SECRET_KEY"] = "package-test"
    out = _run([str(venv / "bin" / "eventplan"), "init"], cwd=tmp_path, env=env)
    assert "Database ready" in out
    page = _run([str(python), "-c", (
        "import eventplan\n"
        "from eventplan import create_app\n"
        "print(eventplan.__file__)\n"
        "client = create_app().test_client()\n"
        "print(client.get('/auth/login', headers={'Accept-Language': 'kk'})"
        ".get_data(as_text=True))\n")], cwd=tmp_path, env=env)
    location, html = page.split("\n", 1)
    assert location.startswith(str(target)), location  # the installed copy, not the checkout
    assert 'lang="kk"' in html
    assert "Кіру" in html  # "Log in" from the compiled Kazakh catalog
    assert "Log in" not in html
