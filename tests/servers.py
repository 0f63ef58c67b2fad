"""Real app servers in their own processes (``eventplan serve``), and a small HTTP browser."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import requests

from tests.smtp import free_port

ROOT = Path(__file__).resolve().parents[1]


class AppServer:
    """``eventplan serve --no-scheduler`` (waitress) with its own instance folder."""

    def __init__(self, instance: Path, settings: dict[str, str]) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.instance = instance
        self.settings = settings
        self.process: subprocess.Popen | None = None
        self.log = instance / "server.log"

    def start(self) -> AppServer:
        self.instance.mkdir(parents=True, exist_ok=True)
        env = {k: v for k, v in os.environ.items() if not k.startswith("EVENTPLAN_")}
        env.update({f"EVENTPLAN_{k}": v for k, v in self.settings.items()})
        env.update({"PYTHONPATH": str(ROOT), "EVENTPLAN_INSTANCE_PATH": str(self.instance)})
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-c", "from eventplan.cli import main; main()", "serve",
                 "--no-scheduler", "--host", "127.0.0.1", "--port", str(self.port),
                 "--threads", "4"], cwd=self.instance, env=env, stdout=log,
                stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {self.log.read_text()[-2000:]}")
            try:
                if requests.get(self.url + "/healthz", timeout=2).status_code == 200:
                    return self
            except requests.ConnectionError:
                pass
            time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"server did not become ready: {self.log.read_text()[-2000:]}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)


class Forms(HTMLParser):
    """Every form's action and its text/hidden inputs and textareas (enough to resubmit)."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[tuple[str, dict[str, str]]] = []
        self._textarea: str | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        if tag == "form":
            self.forms.append((found.get("action") or "", {}))
        elif self.forms and tag == "input" and found.get("name"):
            kind = found.get("type", "text")
            if kind in {"text", "hidden", "email", "password", "number", "date"}:
                self.forms[-1][1][found["name"]] = found.get("value") or ""
        elif self.forms and tag == "textarea" and found.get("name"):
            self._textarea = found["name"]
            self.forms[-1][1][self._textarea] = ""

    def handle_data(self, data):
        if self._textarea:
            self.forms[-1][1][self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None

    def find(self, action: str = "", field: str = "") -> tuple[str, dict[str, str]]:
        """The first form whose action matches ``action`` and that has ``field``."""
        for target, fields in self.forms:
            if re.search(action, target) and (not field or field in fields):
                return target, dict(fields)
        raise AssertionError(f"no form like {action!r} with {field!r}: {self.forms}")


class Browser:
    """One person's cookies against one server, in Russian unless told otherwise."""

    def __init__(self, server: AppServer, language: str = "ru") -> None:
        self.server = server
        self.session = requests.Session()
        self.session.headers["Accept-Language"] = language

    def get(self, path: str, **kwargs) -> requests.Response:
        return self.session.get(self.server.url + path, allow_redirects=False, timeout=30,
                                **kwargs)

    def submit(self, page: str, action: str = "", values: dict[str, str] | None = None,
               files=None, field: str = "") -> requests.Response:
        """Fill the form on ``page`` matching ``action`` and ``field`` and post it."""
        answer = self.get(page)
        assert answer.status_code == 200, (page, answer.status_code)
        target, fields = Forms(answer.text).find(action, field)
        fields.update(values or {})
        return self.session.post(self.server.url + target if target.startswith("/")
                                 else self.server.url + page, data=fields, files=files,
                                 allow_redirects=False, timeout=60)

    def login(self, email: str, password: str) -> requests.Response:
        return self.submit("/auth/login", values={"email": email, "password": password},
                           field="password")
