"""What every learner page starts with: who is looking at whose data, and which methods the
page answers. Views stay short because this is said once, here."""

import hashlib
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_http_methods

from .access import own_access
from .figures import FORMAT, MINUTE, TIMEOUT, figure_key
from .plans.selectors import schedule_of_signed_in
from .plans.services import learner_changed

READ = ("GET", "HEAD")
READ_WRITE = ("GET", "HEAD", "POST")
WRITE = ("POST",)


def learner_page(*, methods=READ, needs_plan: bool = True):
    """Decorate a view of the signed-in learner's own data.

    Sets `request.access` (see progress.access), `request.today` (the learner's date) and,
    when the page needs a plan, `request.schedule`; a learner who has none is sent to
    onboarding, while pages with `needs_plan=False` work for anyone signed in. Methods the
    page does not serve answer 405. A selector's "not found or not visible" (any
    DoesNotExist) answers 404, so another learner's ids look exactly like missing ones.
    Anything posted may change what the learner's pages figure, so a POST makes their cached
    figures stale (see progress.figures), refused or not.
    """

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            request.access = own_access(request.user)
            request.today = request.user.today
            if needs_plan:
                request.schedule = schedule_of_signed_in(request.user)
                if request.schedule is None:
                    return redirect("plans:onboarding")
            try:
                return view(request, *args, **kwargs)
            except ObjectDoesNotExist as missing:
                raise Http404("Not found.") from missing
            finally:
                if request.method == "POST":
                    learner_changed(learner_id=request.user.pk)

        # A mark the tests look for: every learner URL goes through this decorator.
        wrapper.learner_page = True
        return require_http_methods(list(methods))(login_required(wrapper))

    return decorate


def back_to(request, fallback: str = "/") -> str:
    """Where a plain (non-htmx) form post returns to: a local `next`, else the fallback."""
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def saved(form, save):
    """Validate a bound form and hand its data to a service: `save(form)` returns what the
    service returned (the record), and so does this. None when the form is invalid or the
    service refused the data; the service's ValidationError lands next to the fields."""
    if not form.is_valid():
        return None
    try:
        return save(form)
    except ValidationError as error:
        form_errors_from(form, error)
        return None


def form_errors_from(form, error) -> None:
    """Put a service's ValidationError next to the form's fields (or on top of the form)."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


@dataclass(frozen=True)
class Part:
    """A part of a learner's page (see cached_parts): its template, the context it is drawn
    from (called only when it is not cached), and whether it also moves with the clock."""

    template: str
    context: Callable[[], dict]
    by_the_minute: bool = False
    # What else the part is drawn from that has a version of its own: the curriculum's
    # content version for a part that names topics, so a staff edit shows at once.
    also: str = ""


def cached_part(request, template: str, context: Callable[[], dict]) -> SafeString:
    return cached_parts(request, {"part": Part(template, context)})["part"]


def cached_parts(
    request, parts: dict[str, Part], *, whose: str | None = None
) -> dict[str, SafeString]:
    """Parts of a learner's page that follow from their data and the date (and, marked
    `by_the_minute`, the clock), rendered once per change of either (see progress.figures)
    instead of on every visit; all read from the cache at once. `whose`: for a page drawn
    from other people's data (a mentor's dashboard), what names that data's state instead
    of the learner's schedule and date.

    Their forms carry CSRF tokens, valid for the browser's CSRF secret: the key holds a hash
    of it, so a part is never served to another browser. It also holds the page's address
    (the forms' `next`). What is per request (the CSP nonce, messages) stays in the page
    around the parts; a part by the minute is at most a minute behind the clock."""
    get_token(request)  # makes sure the browser has a secret before the key depends on it
    secret = request.META.get("CSRF_COOKIE", "")
    browser = hashlib.sha256(secret.encode()).hexdigest()[:16]
    minute = int(timezone.now().timestamp()) // 60
    if whose is None:
        whose = figure_key("part", request.schedule, request.today)
    keys = {
        name: f"{whose}:{part.template}:{browser}:{request.get_full_path()}:{part.also}"
        + (f"@{minute}" if part.by_the_minute else "")
        for name, part in parts.items()
    }
    found = cache.get_many(list(keys.values()))
    drawn = {}
    for name, part in parts.items():
        html = found.get(keys[name])
        if html is None:
            html = render_to_string(part.template, part.context(), request=request)
            cache.set(keys[name], html, MINUTE if part.by_the_minute else TIMEOUT)
        drawn[name] = mark_safe(_fresh_submission_keys(html))
    return drawn


# A form's submission key (progress.fields.SubmissionField) as its hidden input writes it.
_SUBMISSION_KEY = re.compile(r'(name="submission" value=")[0-9a-f-]{36}(")')


def _fresh_submission_keys(html: str) -> str:
    """Every form in a part gets a new submission key for each response, as a form drawn
    afresh would: two tabs showing the same part must not post the same key, or the second
    post would be taken for a repeat of the first and dropped."""
    if 'name="submission"' not in html:
        return html
    return _SUBMISSION_KEY.sub(lambda m: f"{m[1]}{uuid.uuid4()}{m[2]}", html)


# Stands for the CSRF token in a part drawn for many browsers (see shared_part).
_CSRF_TOKEN = "csrf-token-of-this-response"


def shared_part(request, *, name: str, template: str, context: Callable[[], dict]) -> SafeString:
    """A part that is the same for everyone `name` stands for (a blank form for a time
    zone, a date and a curriculum version, say), drawn once for all of them without a
    request. Its forms' CSRF token is put in for each response: a token is the only thing in
    a form that belongs to one browser."""
    key = f"shared:{FORMAT}:{template}:{name}"
    html = cache.get(key)
    if html is None:
        html = render_to_string(template, {**context(), "csrf_token": _CSRF_TOKEN})
        cache.set(key, html, TIMEOUT)
    return mark_safe(html.replace(_CSRF_TOKEN, get_token(request)))


def cached_body(request, template: str, context: Callable[[], dict], *, by_the_minute=False):
    """A page's whole content as one part (see cached_parts), for pages that load no plan
    (`needs_plan=False`): the learner's schedule is read for its version; someone without
    one (a mentor) gets the content drawn afresh."""
    if getattr(request, "schedule", None) is None:
        request.schedule = schedule_of_signed_in(request.user)
    if request.schedule is None:
        return draw(request, template, context())
    part = Part(template, context, by_the_minute=by_the_minute)
    return cached_parts(request, {"body": part})["body"]


def draw(request, template: str, context: dict) -> SafeString:
    """A page's content drawn afresh for this response (a refused form, say), for drawn_page."""
    return mark_safe(render_to_string(template, context, request=request))


def drawn_page(request, *, title: str, body: SafeString, status: int = 200, script: str = ""):
    """A page whose content was drawn beforehand (a cached part, say), in the site's frame;
    `script`, a static file the page loads (with this response's CSP nonce, which no part
    may hold)."""
    context = {"title": title, "body": body, "script": script}
    return render(request, "drawn.html", context, status=status)
