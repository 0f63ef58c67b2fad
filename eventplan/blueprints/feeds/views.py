"""Calendar feeds: managing one's feeds, and the .ics answers that calendar clients poll."""

from __future__ import annotations

import segno
from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from eventplan import base_url
from eventplan.blueprints.feeds.forms import ActionForm, FeedForm, RenameForm
from eventplan.extensions import db
from eventplan.models import FeedSubscription, Programme, Region
from eventplan.models.base import current_lang
from eventplan.models.feed import FEED_LANGS
from eventplan.services import feed_cache, feed_store, shown_secrets
from eventplan.services import feeds as feed_service
from eventplan.services.agencies import agency_name_choices
from eventplan.services.errors import DomainError
from eventplan.services.programmes import programme_by_slug
from eventplan.utils import arg_int, arg_page, form_error

bp = Blueprint("feeds", __name__)
CALENDAR = "text/calendar; charset=utf-8"
RETRY_AFTER = 60  # seconds a client waits when a feed's fragments are still being rendered


def feed_urls(token: str) -> dict[str, str]:
    https = f"{base_url.for_links()}/feeds/{token}.ics"
    return {"https": https, "webcal": "webcal://" + https.split("://", 1)[1]}


def _get_feed_or_404(feed_id: int) -> FeedSubscription:
    feed = db.session.get(FeedSubscription, feed_id)
    if feed is None or not feed.can_manage(current_user):
        abort(404)
    return feed


def _fill_choices(form: FeedForm) -> None:
    programmes = db.session.scalars(select(Programme).order_by(Programme.starts_on.desc())).all()
    form.programme_id.choices = [(p.id, p.display_name()) for p in programmes]
    chosen = next((p for p in programmes if p.id == form.programme_id.data),
                  programmes[0] if programmes else None)
    sections = chosen.sections if chosen else []
    form.section_id.choices = [("", _("All sections"))] + [(s.id, s.display_name())
                                                            for s in sections]
    form.agency_id.choices = [("", _("All agencies")), *agency_name_choices()]
    regions = db.session.scalars(select(Region).order_by(Region.code)).all()
    form.region_id.choices = [("", _("All regions"))] + [(r.id, r.display_name())
                                                          for r in regions]


def _remember_token(feed: FeedSubscription, token: str) -> None:
    # Shown once on the next page; only the hash is stored in the feed.
    shown_secrets.keep(current_user, "feed", feed.id, token)


@bp.get("/feeds/")
@login_required
def index():
    others = None
    if current_user.role == "admin":
        others = db.paginate(feed_service.others_feeds_query(current_user),
                             page=arg_page(),
                             per_page=current_app.config["PER_PAGE"], error_out=False)
    return render_template("feeds/index.html", feeds=feed_service.user_feeds(current_user),
                           others=others, action_form=ActionForm())


@bp.route("/feeds/new", methods=["GET", "POST"])
@login_required
def create():
    form = FeedForm()
    if request.method == "GET":
        slug = request.args.get("programme")
        programme = programme_by_slug(slug)
        form.programme_id.data = programme.id if programme else None
        form.section_id.data = arg_int("section")
        form.agency_id.data = arg_int("agency")
        form.region_id.data = arg_int("region")
        form.lang.data = current_lang() if current_lang() in FEED_LANGS else "ru"
    _fill_choices(form)
    if form.validate_on_submit():
        try:
            feed, token = feed_service.create_feed(current_user, form.to_filter(),
                                                   form.name.data)
        except DomainError as exc:
            form_error(form, exc)
        else:
            _remember_token(feed, token)
            flash(_("The feed was created. Copy its address now: it is shown only once."),
                  "success")
            return redirect(url_for("feeds.view", feed_id=feed.id))
    status = 422 if request.method == "POST" else 200
    return render_template("feeds/new.html", form=form), status


@bp.get("/feeds/<int:feed_id>")
@login_required
def view(feed_id: int):
    return _render_view(_get_feed_or_404(feed_id))


def _render_view(feed: FeedSubscription, rename_form: RenameForm | None = None,
                 status: int = 200):
    shown = shown_secrets.take(current_user, "feed") if status == 200 else None
    urls = qr_svg = None
    if shown and shown.get("id") == feed.id and feed.is_active:
        urls = feed_urls(shown["token"])
        # webcal:// makes a phone subscribe rather than import once.
        qr_svg = segno.make(urls["webcal"], error="m").svg_inline(scale=3, border=2)
    return render_template("feeds/view.html", feed=feed, urls=urls, qr_svg=qr_svg,
                           rename_form=rename_form or RenameForm(name=feed.name),
                           action_form=ActionForm()), status


def _act(feed_id: int, action: str):
    feed = _get_feed_or_404(feed_id)
    form = RenameForm() if action == "rename" else ActionForm()
    if not form.validate_on_submit():
        if action != "rename":
            flash(_("The form has expired; try again."), "danger")
        return _render_view(feed, form if action == "rename" else None, 422)
    try:
        if action == "rename":
            feed_service.rename_feed(feed, current_user, form.name.data)
            flash(_("The feed was renamed."), "success")
        elif action == "regenerate":
            _remember_token(feed, feed_service.regenerate_token(feed, current_user))
            flash(_("The feed has a new address; the old one no longer works."), "success")
        else:
            feed_service.revoke_feed(feed, current_user)
            flash(_("The feed was revoked; its address no longer works."), "success")
    except DomainError as exc:
        flash(exc.message, "danger")
        return _render_view(feed, None, 422)
    if action == "revoke" and feed.user_id != current_user.id:
        return redirect(url_for("feeds.index"))
    return redirect(url_for("feeds.view", feed_id=feed.id))


@bp.post("/feeds/<int:feed_id>/rename")
@login_required
def rename(feed_id: int):
    return _act(feed_id, "rename")


@bp.post("/feeds/<int:feed_id>/regenerate")
@login_required
def regenerate(feed_id: int):
    return _act(feed_id, "regenerate")


@bp.post("/feeds/<int:feed_id>/revoke")
@login_required
def revoke(feed_id: int):
    return _act(feed_id, "revoke")


def _calendar_response(spec: feed_cache.FeedSpec, cache_control: str) -> Response:
    """The kept body streamed from its file (plain or gzip), 304, or 503 while it is built."""
    gz = "gzip" in request.accept_encodings
    tags = [t.removesuffix("-gz") for t in request.if_none_match.as_set()]
    result = feed_cache.answer(spec, base_url.for_links(), tags,
                               request.if_modified_since)
    if result is None:
        db.session.commit()  # keeps the note that this feed is wanted (an error answer rolls back)
        response = Response(_("The calendar is being prepared; try again in a minute."),
                            status=503, content_type="text/plain; charset=utf-8")
        response.headers["Retry-After"] = str(RETRY_AFTER)
        response.headers["Cache-Control"] = "no-store"
        return response
    if not result.send:
        response = Response(status=304)
    else:
        response = send_file(feed_store.path_of(result.etag, gz), mimetype="text/calendar",
                             conditional=False, etag=False, last_modified=None, max_age=None)
        if gz:
            response.headers["Content-Encoding"] = "gzip"
    response.set_etag(result.etag + ("-gz" if gz else ""))  # one tag per representation
    response.last_modified = result.last_modified
    response.headers["Cache-Control"] = cache_control
    response.vary.add("Accept-Encoding")
    return response


@bp.get("/feeds/<token>.ics")
def private_feed(token: str):
    feed = feed_service.find_by_token(token)  # the token and the owner, checked every time
    if feed is None:
        abort(404)
    feed_service.touch(feed)
    owner = feed.user
    spec = feed_cache.FeedSpec(
        key=feed.cache_key(), programme_id=feed.programme_id,
        programme_created_at=feed.programme.created_at, name=feed.name, lang=feed.lang,
        conditions=lambda: feed_service.feed_conditions(feed),
        alarm_minutes=feed.alarm_minutes,
        include_commemorations=feed.include_commemorations,
        changed_at=feed.renamed_at or feed.created_at,
        rights=f"{owner.role}:{owner.agency_id or ''}")
    return _calendar_response(spec, "private, no-cache")


@bp.get("/feeds/public/<slug>.ics")
def public_feed(slug: str):
    lang = request.args.get("lang") or current_app.config["BABEL_DEFAULT_LOCALE"]
    if lang not in FEED_LANGS:
        abort(404)
    found = feed_service.public_programme(slug, lang)  # kept per process and change counter
    if found is None:
        abort(404)
    programme_id, created_at, name = found
    spec = feed_cache.FeedSpec(
        key=f"public:{programme_id}:{lang}", programme_id=programme_id,
        programme_created_at=created_at, name=name, lang=lang,
        conditions=lambda: feed_service.public_conditions(
            db.session.get(Programme, programme_id)),
        changed_at=created_at)
    return _calendar_response(spec, "public, max-age=300")
