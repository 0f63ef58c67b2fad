"""Mail transport: SMTP with the ``MAIL_*`` settings, or ``.eml`` files in ``instance/outbox/``.

Errors are sorted into two kinds so the outbox knows whether to try again:
:class:`PermanentMailError` (the server refused with a 5xx code) and
:class:`TransientMailError` (anything else: connection refused, timeouts, 4xx).
"""

from __future__ import annotations

import os
import re
import smtplib
import ssl
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import Any

EML_NAME = re.compile(r"^[\w.-]+\.eml$")


class MailError(Exception):
    """Sending failed; ``str(exc)`` is the reason kept in ``last_error``."""


class TransientMailError(MailError):
    """Worth another try later."""


class PermanentMailError(MailError):
    """The server refused for good (5xx): retrying would not help."""


def build_message(config: dict[str, Any], to: str, subject: str, text: str,
                  html: str | None = None, headers: dict[str, str] | None = None
                  ) -> EmailMessage:
    message = EmailMessage()
    message["From"] = config.get("MAIL_FROM") or "eventplan@localhost"
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = format_datetime(datetime.now(UTC))
    message["Message-ID"] = make_msgid(domain="eventplan")
    message.set_content(text)
    if html:
        message.add_alternative(html, subtype="html")
    for name, value in (headers or {}).items():  # after the content, which resets Content-*
        message[name] = value
    return message


def outbox_dir(instance_path: str) -> Path:
    return Path(instance_path) / "outbox"


def send(config: dict[str, Any], instance_path: str, message: EmailMessage) -> str:
    """Deliver one message; returns where it went. Raises a :class:`MailError`."""
    if not config.get("MAIL_SERVER"):
        return _write_file(instance_path, message)
    try:
        _send_smtp(config, message)
    except smtplib.SMTPRecipientsRefused as exc:
        codes = [code for code, _msg in exc.recipients.values()]
        detail = "; ".join(f"{addr}: {code} {_text(msg)}"
                           for addr, (code, msg) in exc.recipients.items())
        if codes and all(code >= 500 for code in codes):
            raise PermanentMailError(detail) from exc
        raise TransientMailError(detail) from exc
    except smtplib.SMTPResponseException as exc:  # sender refused, data refused, auth, …
        detail = f"{exc.smtp_code} {_text(exc.smtp_error)}"
        if exc.smtp_code >= 500:
            raise PermanentMailError(detail) from exc
        raise TransientMailError(detail) from exc
    except (smtplib.SMTPException, OSError) as exc:  # timeouts are OSErrors
        raise TransientMailError(f"{type(exc).__name__}: {exc}") from exc
    return f"smtp://{config['MAIL_SERVER']}:{_port(config)}"


def _text(raw: Any) -> str:
    return raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)


def _port(config: dict[str, Any]) -> int:
    if config.get("MAIL_PORT"):
        return int(config["MAIL_PORT"])
    return 465 if config.get("MAIL_USE_SSL") else 25


def _send_smtp(config: dict[str, Any], message: EmailMessage) -> None:
    host, port = str(config["MAIL_SERVER"]), _port(config)
    timeout = float(config.get("MAIL_TIMEOUT", 15))
    if config.get("MAIL_USE_SSL"):
        smtp: smtplib.SMTP = smtplib.SMTP_SSL(host, port, timeout=timeout,
                                              context=ssl.create_default_context())
    else:
        smtp = smtplib.SMTP(host, port, timeout=timeout)
    with smtp:
        if config.get("MAIL_USE_TLS") and not config.get("MAIL_USE_SSL"):
            smtp.starttls(context=ssl.create_default_context())
        if config.get("MAIL_USERNAME"):
            smtp.login(str(config["MAIL_USERNAME"]), str(config.get("MAIL_PASSWORD") or ""))
        smtp.send_message(message)


def _write_file(instance_path: str, message: EmailMessage) -> str:
    folder = outbox_dir(instance_path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    ident = re.sub(r"[^\w.-]", "", str(message.get("X-Eventplan-Notification", "")))
    path = folder / f"{stamp}-{ident or os.getpid()}.eml"
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(bytes(message))
    tmp.replace(path)  # a reader never sees half a file
    return str(path)


def outbox_files(instance_path: str, limit: int = 200) -> list[Path]:
    """The newest ``.eml`` files written when no SMTP server is set."""
    folder = outbox_dir(instance_path)
    if not folder.is_dir():
        return []
    return sorted((p for p in folder.iterdir() if EML_NAME.match(p.name)),
                  key=lambda p: p.name, reverse=True)[:limit]
