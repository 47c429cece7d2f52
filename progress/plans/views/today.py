"""The landing page, and once signed in the today view."""

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.db.models import prefetch_related_objects
from django.shortcuts import render
from django.views.decorators.http import require_safe

from progress.interviews.selectors import next_checklist_items
from progress.mentoring.models import with_comments
from progress.pages import learner_page
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
    """Figures shown on the today view and refreshed after every tick."""
    week_start = today_date - timedelta(days=today_date.weekday())
    return {
        "overall": selectors.completion(plan),
        "this_week": selectors.completion(plan, since=week_start, until=week_start + timedelta(6)),
        "streak": stats.streak(
            today_date,
            schedule.study_weekdays,
            selectors.active_dates(plan, ZoneInfo(learner.timezone)),
        ),
        "days_left": stats.days_until(today_date, schedule.interview_date),
    }


@learner_page()
def today(request):
    access = request.access
    plan = selectors.plan_of(access)
    items = selectors.items_of(plan)
    overdue = items.filter(date__lt=request.today, status="pending")
    today_items = list(items.filter(date=request.today))
    overdue_shown = list(overdue[:OVERDUE_SHOWN])
    # Mentors' comments on the items shown, in one query for both lists.
    prefetch_related_objects(today_items + overdue_shown, with_comments())
    context = {
        "plan": plan,
        "today_items": today_items,
        "overdue": overdue_shown,
        "overdue_count": overdue.count(),
        "next_items": list(items.filter(date__gt=request.today)[:5]),
        "next_checks": list(next_checklist_items(access)),
        "weak_areas": weak_areas_for(access.learner, request.today)[:WEAK_AREAS_SHOWN],
        **summary(plan, request.schedule, access.learner, request.today),
    }
    return render(request, "progress/plans/today.html", context)
