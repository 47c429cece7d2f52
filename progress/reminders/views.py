"""Reminder pages: what was sent (and what was not, and why), and the one-click unsubscribe
an e-mail links to. The preferences live in /settings/ (progress.settings.views)."""

from django.core import signing
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from progress.pages import READ, learner_page
from progress.paging import page_of

from . import content, rules, selectors, services

ONE_CLICK = "One-Click"


@learner_page(methods=READ, needs_plan=False)
def sent_list(request):
    page = page_of(selectors.deliveries_of(request.access), request)
    labels = {slug: kind.label for slug, kind in rules.KINDS.items()}
    for delivery in page:
        delivery.kind_label = labels.get(delivery.kind, delivery.kind)
    return render(request, "progress/reminders/sent.html", {"page": page})


# The token in the URL is the authority: it works without a session or cookies (a mail
# client's one-click POST has neither), so there is no CSRF token to check. A GET only
# asks, so a mail scanner that follows links never unsubscribes anyone (RFC 8058).
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token: str):
    try:
        user_id, kind = content.read_unsubscribe_token(token)
    except signing.BadSignature:
        raise Http404("This unsubscribe link is not valid.") from None
    user = selectors.unsubscribe_target(user_id=user_id, kind=kind)
    if user is None:
        raise Http404("This unsubscribe link is not valid any more.")
    label = "every e-mail" if kind == content.ALL else f"“{rules.KINDS[kind].label}” e-mails"
    if request.method == "POST":
        services.reminders_unsubscribe(user=user, kind=kind)
        if request.POST.get("List-Unsubscribe") == ONE_CLICK:
            return HttpResponse(
                f"Unsubscribed from {label}.", content_type="text/plain; charset=utf-8"
            )
        return render(request, "progress/reminders/unsubscribed.html", {"label": label})
    return render(
        request, "progress/reminders/unsubscribe.html", {"label": label, "email": user.email}
    )
