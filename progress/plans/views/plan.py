from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.dateformat import format as date_format

from progress.pages import WRITE, back_to, cached_part, learner_page

from .. import selectors, services


@learner_page()
def plan(request):
    """The plan a week at a time: the current week (or `?week=N`) in full, the others as
    summaries that open on demand. htmx asks for one week and gets only that week."""
    if request.htmx and "week" in request.GET:
        week = cached_part(request, "progress/plans/partials/week.html", lambda: _weeks(request))
        return HttpResponse(week)
    main = cached_part(request, "progress/plans/partials/plan_main.html", lambda: _weeks(request))
    return render(request, "progress/plans/plan.html", {"main": main})


def _weeks(request) -> dict:
    active = selectors.plan_of(request.access)
    weeks = selectors.plan_week_summaries(active)
    shown = _week_asked(request, weeks) or _week_of(weeks, request.today)
    if shown is not None:
        shown = {**shown, "days": selectors.plan_week_days(active, shown)}
    return {
        "plan": active,
        "weeks": weeks,
        "week": shown,
        "shown": shown and shown["number"],
        "today": request.today,
        "left_out": selectors.left_out_of(active),
        "schedule": request.schedule,
    }


def _week_asked(request, weeks: list[dict]) -> dict | None:
    """The week named by `?week=`, if it is a week of the plan (anything else is ignored)."""
    asked = request.GET.get("week", "")
    return next((w for w in weeks if asked.isdigit() and w["number"] == int(asked)), None)


def _week_of(weeks: list[dict], day) -> dict | None:
    """The week holding the day; before the plan its first week, after it its last."""
    for week in weeks:
        if day <= week["end"]:
            return week
    return weeks[-1] if weeks else None


@learner_page(methods=WRITE)
def catch_up(request):
    moved, left = services.plan_catch_up(user=request.user, today=request.today)
    if moved:
        messages.success(
            request, f"{moved} missed item{'s' * (moved != 1)} spread over the coming days."
        )
    if left:
        messages.warning(
            request,
            f"{left} item{'s' * (left != 1)} did not fit before your end date; "
            "skip them or add study time in settings.",
        )
    if not moved and not left:
        messages.info(request, "Nothing to catch up: you are on track.")
    return redirect(back_to(request))


@learner_page(methods=WRITE)
def left_out_add(request):
    """Add back one task the plan left out to fit the time."""
    try:
        item, fits = services.plan_left_out_add(
            user=request.user, key=request.POST.get("key", ""), today=request.today
        )
    except ValidationError as error:
        messages.warning(request, " ".join(error.messages))
        return redirect(reverse("plans:plan") + "#left-out")
    day = date_format(item.date, "l j F")
    if fits:
        messages.success(request, f"“{item.title}” added to {day}.")
    else:
        messages.warning(
            request,
            f"“{item.title}” added to {day} as an extra: no coming study day has "
            f"{item.minutes} minutes free, so that day now runs over your daily minutes.",
        )
    return redirect(reverse("plans:plan") + f"#item-{item.pk}")


@learner_page(methods=WRITE)
def start_now(request):
    """A day with nothing planned: bring the next study day's work to today."""
    try:
        day, moved = services.plan_start_now(user=request.user, today=request.today)
    except ValidationError as error:
        messages.info(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            f"{moved} item{'s' * (moved != 1)} from {date_format(day, 'l j F')} moved to today.",
        )
    return redirect("plans:home")
