from datetime import timedelta
from zoneinfo import ZoneInfo

from django.shortcuts import render

from .. import log_selectors, selectors, stats
from ..access import onboarded_required
from ..evidence import weak_areas_for

OVERDUE_SHOWN = 10
WEAK_AREAS_SHOWN = 3


def home(request):
    if not request.user.is_authenticated:
        return render(request, "progress/landing.html")
    return today(request)


def summary(plan, profile, today_date) -> dict:
    """Figures shown on the today view and refreshed after every tick."""
    week_start = today_date - timedelta(days=today_date.weekday())
    return {
        "overall": selectors.completion(plan),
        "this_week": selectors.completion(plan, since=week_start, until=week_start + timedelta(6)),
        "streak": stats.streak(
            today_date,
            profile.study_weekdays,
            selectors.active_dates(plan, ZoneInfo(profile.timezone)),
        ),
        "days_left": stats.days_until(today_date, profile.interview_date),
    }


@onboarded_required
def today(request):
    plan = selectors.active_plan_for(request.user)
    items = selectors.items_of(plan)
    overdue = items.filter(date__lt=request.today, status="pending")
    context = {
        "plan": plan,
        "today_items": list(items.filter(date=request.today)),
        "overdue": list(overdue[:OVERDUE_SHOWN]),
        "overdue_count": overdue.count(),
        "next_items": list(items.filter(date__gt=request.today)[:5]),
        "next_checks": list(log_selectors.next_checklist_items(request.user)),
        "weak_areas": weak_areas_for(request.user, request.today)[:WEAK_AREAS_SHOWN],
        **summary(plan, request.profile, request.today),
    }
    return render(request, "progress/today.html", context)
