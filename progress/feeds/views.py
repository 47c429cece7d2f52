"""The feed itself (its secret address is its authority: no session) and its settings page."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from accounts.mail import absolute
from progress.pages import READ_WRITE, learner_page

from . import ics, selectors, services
from .models import CalendarFeed

FRESH_TOKEN = "calendar_feed_token"  # session key: the new address, shown once


@require_safe
def feed(request, token: str):
    try:
        found = selectors.feed_for_token(token)
    except CalendarFeed.DoesNotExist:
        return HttpResponse("No such calendar feed.", status=404, content_type="text/plain")
    now = timezone.now()
    user = found.user
    body = ics.feed_calendar(
        host=urlsplit(settings.SITE_URL).hostname or "localhost",
        zone=user.timezone,
        now=now,
        **selectors.feed_events(user, now),
    )
    services.feed_fetched(feed=found, now=now)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = f"private, max-age={int(ics.REFRESH.total_seconds())}"
    return response


@learner_page(methods=READ_WRITE, needs_plan=False)
def feed_settings(request):
    """Make, rotate or turn off the feed; the new address is shown once, right after."""
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "rotate":
        request.session[FRESH_TOKEN] = services.feed_rotate(user=request.user)
        messages.success(request, "Your calendar feed address is ready: copy it now.")
        return redirect("feeds:settings")
    if action == "revoke":
        services.feed_revoke(user=request.user)
        messages.success(request, "The calendar feed is off: its address no longer works.")
        return redirect("feeds:settings")
    token = request.session.pop(FRESH_TOKEN, None)
    context = {
        "feed": selectors.feed_of(request.user),
        "url": absolute(reverse("feeds:feed", args=[token])) if token else "",
    }
    return render(request, "progress/feeds/settings.html", context)
