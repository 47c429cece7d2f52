"""The landing page, and once signed in the today view."""

from zoneinfo import ZoneInfo

from django.db.models import prefetch_related_objects
from django.shortcuts import render
from django.views.decorators.http import require_safe

from progress.interviews.selectors import next_checklist_items
from progress.mentoring.models import with_comments
from progress.pages import learner_page
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
    """Figures shown on the today view and refreshed after every tick. "This week" is the
    week of the plan (see stats.plan_week), as on the plan and progress pages."""
    week = stats.plan_week(plan.start_date, today_date)
    return {
        "overall": selectors.completion(plan),
        "week": week,
        "this_week": selectors.completion(plan, since=week.start, until=week.end),
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
    # Nothing today (a day off, a new learner): the next study day's work, to start early.
    next_day, next_day_items = None, []
    if not any(item.status == "pending" for item in today_items):
        next_day, next_day_items = selectors.next_study_day(plan, request.today)
    coming = items.filter(date__gt=next_day or request.today)
    context = {
        "plan": plan,
        "today_items": today_items,
        "today_minutes": sum(i.minutes for i in today_items if not i.is_skipped),
        "next_day": next_day,
        "next_day_items": next_day_items,
        "overdue": overdue_shown,
        "overdue_count": overdue.count(),
        "next_items": list(coming[:5]),
        "next_checks": list(next_checklist_items(access)),
        "weak_areas": weak_areas_for(access.learner, request.today)[:WEAK_AREAS_SHOWN],
        "review_due": due_count(access),
        **summary(plan, request.schedule, access.learner, request.today),
    }
    return render(request, "progress/plans/today.html", context)
