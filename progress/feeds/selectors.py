"""Reads for the calendar feed: the feed a token names, and its events in a fixed number of
queries whatever the plan's length."""

from datetime import datetime, timedelta

from django.db.models import Count, Sum

from accounts.mail import absolute_url
from progress.interviews.models import Interview, InterviewChecklistItem
from progress.plans.models import PlanItem

from . import ics
from .models import CalendarFeed, token_hash

PAST = timedelta(days=30)  # how far back the feed goes: recent events stay visible


def feed_for_token(token: str) -> CalendarFeed:
    """The feed a secret address names; CalendarFeed.DoesNotExist (a 404) for a rotated,
    revoked or made-up one."""
    return CalendarFeed.objects.select_related("user").get(token_hash=token_hash(token))


def feed_of(user) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user).first()


def feed_events(user, now: datetime) -> dict:
    """The interviews, open checklist items and study days of the feed: three queries."""
    since = now - PAST
    interviews = [
        ics.InterviewEvent(
            id=i.pk,
            title=f"Interview: {i.company}, {i.get_stage_display()}",
            starts_at=i.scheduled_at,
            zone=i.timezone,
            url=absolute_url("interviews:detail", i.pk),
        )
        for i in Interview.objects.filter(user=user, scheduled_at__gte=since)
    ]
    checks = [
        ics.CheckEvent(
            id=c.pk,
            title=f"{c.text} ({c.interview.company})",
            due_at=c.due_at,
            url=absolute_url("interviews:detail", c.interview_id) + f"#check-{c.pk}",
        )
        for c in InterviewChecklistItem.objects.filter(
            interview__user=user, done_at__isnull=True, due_at__gte=since
        ).select_related("interview")
    ]
    plan_url = absolute_url("plans:plan")
    days = [
        ics.StudyDay(row["plan_id"], row["date"], row["items"], row["minutes"] or 0, plan_url)
        for row in PlanItem.objects.filter(
            plan__user=user, plan__is_active=True, date__gte=since.date()
        )
        .exclude(status=PlanItem.Status.SKIPPED)
        .values("plan_id", "date")
        .annotate(items=Count("pk"), minutes=Sum("minutes"))
        .order_by("date")
    ]
    return {"interviews": interviews, "checks": checks, "days": days}
