"""Demo data for `seed_demo`: a learner two weeks into a plan, some work done, some missed."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from .models import Plan, PlanItem, TopicRating
from .selectors import study_topics
from .services import onboarding_complete

DEMO_ZONE = "Europe/London"
DEMO_RATINGS = {
    "python-fundamentals": 4,
    "data-structures-algorithms": 2,
    "system-design": 1,
    "concurrency-async": 2,
    "oop-design-patterns": 3,
}


def demo_plan(user, today) -> bool:
    """Give the demo learner a plan started 14 days ago; False if they already have one."""
    if Plan.objects.filter(user=user, is_active=True).exists():
        return False
    start = today - timedelta(days=14)
    ratings = {t.pk: DEMO_RATINGS.get(t.slug, 3) for t in study_topics()}
    schedule = {
        "interview_date": today + timedelta(days=14),
        "start_date": start,
        "timezone": DEMO_ZONE,
        "target_role": "Backend Python engineer",
        "study_days": "012345",
        "minutes_per_day": 90,
    }
    plan = onboarding_complete(user=user, schedule=schedule, ratings=ratings, today=start)
    zone = ZoneInfo(DEMO_ZONE)
    past = list(plan.items.filter(date__lt=today).order_by("date", "position"))
    for n, item in enumerate(past):
        # Every fourth item is left undone, so the demo shows overdue work to catch up.
        if n % 4 != 3:
            item.status = PlanItem.Status.DONE
            item.completed_at = datetime.combine(item.date, time(19, 30), zone)
    PlanItem.objects.bulk_update(past, ["status", "completed_at"])
    if past:
        past[0].note = "Re-read the part on closures; the late-binding example tripped me up."
        past[0].save(update_fields=["note"])
    return TopicRating.objects.filter(user=user).exists()
