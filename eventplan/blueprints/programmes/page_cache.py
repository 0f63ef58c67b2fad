"""Public programme pages, rendered once per change for everyone who is not logged in.

An anonymous visitor's overview, block or week page depends only on the address, the language,
the hour (what "today" is) and the data — and everything these pages show (events, plans,
programmes, sections, agencies, regions, anniversaries) changes only with a write that raises
``feed_generation`` in the same transaction. So each process keeps the HTML per (address,
language, hour, counter); the counter is the one feeds use (feed_store: read at most once a
second per process, forgotten at once after this process's own change), so a visitor reads
nothing while nothing changed, and another worker's change shows within a second. The one
per-visitor part, the CSRF token of the language form, is put in on the way out. Logged-in
users, visitors with a message to show and error answers are never served from or stored in
it.
"""

from __future__ import annotations

import functools
import time

from flask import current_app, request, session
from flask_babel import get_locale
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from eventplan.services import feed_store
from eventplan.services.reports.cache import FiguresCache

SIZE = 128  # pages of ~10-70 KB: at most ~8 MB a process
TOKEN = "\x00csrf\x00"  # noqa: S105 - a placeholder for the visitor's token in kept HTML


def _cache() -> FiguresCache:
    cache = current_app.extensions.get("eventplan_page_cache")
    if cache is None:
        cache = current_app.extensions["eventplan_page_cache"] = FiguresCache(SIZE)
    return cache


def anonymous_cached(view):
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        if (current_user.is_authenticated or "_flashes" in session
                or int(current_app.config.get("STATS_CACHE_SIZE") or 0) <= 0):
            return view(*args, **kwargs)
        key = (request.full_path, str(get_locale()), time.strftime("%Y%m%d%H", time.gmtime()),
               feed_store.generation())
        token = generate_csrf()  # the visitor's own (and the one the render below puts in)
        cache = _cache()
        kept = cache.get(key)
        if kept is not None:
            return kept.replace(TOKEN, token)
        result = view(*args, **kwargs)
        html, status = (result, 200) if isinstance(result, str) else (None, None)
        if isinstance(result, tuple) and len(result) == 2 and isinstance(result[0], str):
            html, status = result
        if html is not None and status == 200 and "_flashes" not in session:
            cache.put(key, html.replace(token, TOKEN))
        return result
    return wrapper
