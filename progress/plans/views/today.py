"""The landing page, and once signed in the today view."""

from zoneinfo import ZoneInfo

from django.db.models import prefetch_related_objects
from django.shortcuts import render
from django.views.decorators.http import require_safe

from progress.figures import cached
from progress.interviews.selectors import next_checklist_items
from progress.mentoring.models import with_comments
from progress.pages import Part, cached_parts, learner_page
from progress.review.selectors import due_count
from progress.weak_areas.selectors import weak_areas_for

from .. import selectors, stats

OVERDUE_SHOWN = 10
WEAK_AREAS_SHOWN = 3


@require_safe
def home(request):
    if not request.user.is_authenticated:
        return render(request, "progress/plans/landing.html")
    return today(request)


def summary(plan, schedule, learner, today_date) -> dict:
    """Figures shown on the today view and refreshed after every tick: completion, the
    overdue count and the streak, in two queries. "This week" is the week of the plan (see
    stats.plan_week), as on the plan and progress pages."""
    week = stats.plan_week(plan.start_date, today_date)
    return {
        **selectors.plan_counts(plan, week=week, today=today_date),
        "week": week,
        "streak": stats.streak(
            today_date,
            schedule.study_weekdays,
            selectors.active_dates(plan, ZoneInfo(learner.timezone)),
        ),
        "days_left": stats.days_until(today_date, schedule.interview_date),
    }


def cached_summary(request, plan) -> dict:
    """The summary, computed once per change of the learner's data and per day."""
    return cached(
        "summary",
        schedule=request.schedule,
        today=request.today,
        compute=lambda: summary(plan, request.schedule, request.access.learner, request.today),
    )


def cached_weak_areas(request) -> list:
    """The learner's weak areas, computed once per change of their evidence and per day."""
    learner, today_date = request.access.learner, request.today
    return cached(
        "weak-areas",
        schedule=request.schedule,
        today=today_date,
        compute=lambda: weak_areas_for(learner, today_date),
    )


@learner_page()
def today(request):
    access = request.access
    parts = cached_parts(
        request,
        {
            "main": Part("progress/plans/partials/today_main.html", lambda: _plan_part(request)),
            # Checklist items fall due and review cards come due with the clock as well.
            "live": Part(
                "progress/plans/partials/today_live.html",
                lambda: {
                    "next_checks": list(next_checklist_items(access)),
                    "review_due": due_count(access),
                },
                by_the_minute=True,
            ),
            "weak": Part(
                "progress/weak_areas/panel.html",
                lambda: {
                    "weak_areas": cached_weak_areas(request)[:WEAK_AREAS_SHOWN],
                    "compact": True,
                },
            ),
        },
    )
    return render(request, "progress/plans/today.html", parts)


def _plan_part(request) -> dict:
    """What the today view shows from the plan: the summary, today's items, the next study
    day's when today has nothing left, the overdue ones and what comes next."""
    today_date = request.today
    plan = selectors.plan_of(request.access)
    figures = cached_summary(request, plan)
    items = selectors.items_of(plan)
    today_items = list(items.filter(date=today_date))
    overdue_shown = []
    if figures["overdue_count"]:
        overdue_shown = list(items.filter(date__lt=today_date, status="pending")[:OVERDUE_SHOWN])
    # Mentors' comments on the items shown, in one query for both lists.
    prefetch_related_objects(today_items + overdue_shown, with_comments())
    # Nothing today (a day off, a new learner): the next study day's work, to start early.
    next_day, next_day_items = None, []
    if not any(item.status == "pending" for item in today_items):
        next_day, next_day_items = selectors.next_study_day(plan, today_date)
    coming = items.filter(date__gt=next_day or today_date)
    return {
        "plan": plan,
        "today_items": today_items,
        "today_minutes": sum(i.minutes for i in today_items if not i.is_skipped),
        "next_day": next_day,
        "next_day_items": next_day_items,
        "overdue": overdue_shown,
        "next_items": list(coming[:5]),
        **figures,
    }
