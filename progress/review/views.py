"""/review/: one card at a time. GET shows the first card of the queue; POST rates it and
sends the learner back for the next one (so a reload never rates twice)."""

import functools

from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.timesince import timeuntil

from progress.pages import READ_WRITE, cached_body, draw, drawn_page, learner_page

from . import selectors, services
from .forms import RatingForm

QUEUE, SCRIPT = "progress/review/queue.html", "js/review.js"


# No plan needed: the key concepts are for anyone signed in; the forecast appears once the
# learner's schedule has an interview date.
@learner_page(methods=READ_WRITE, needs_plan=False)
def queue(request):
    now = timezone.now()
    form = RatingForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        rated = services.card_rate(
            user=request.user,
            concept_id=data["concept"],
            rating=data["rating"],
            submission=data["submission"],
            now=now,
        )
        messages.success(
            request,
            f"{rated.log.get_rating_display()}: “{rated.card.concept}” comes back in "
            f"{timeuntil(rated.card.due, now)}.",
        )
        return redirect("review:queue")
    context = functools.partial(_queue, request, now, invalid=form.is_bound)
    if form.is_bound:  # a POST that did not validate (a crafted or broken form)
        body = draw(request, QUEUE, context())
    else:
        # Cards fall due with the clock: kept at most a minute; a rating shows at once.
        body = cached_body(request, QUEUE, context, by_the_minute=True)
    status = 422 if form.is_bound else 200
    return drawn_page(request, title="Review", body=body, status=status, script=SCRIPT)


def _queue(request, now, *, invalid: bool) -> dict:
    found = selectors.queue_of(request.access, now)
    card = found.cards[0] if found.cards else None
    return {
        "queue": found,
        "card": card,
        "form": RatingForm(initial={"concept": card.concept.pk}) if card else None,
        "invalid": invalid,
    }
