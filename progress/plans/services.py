"""Writes for plans: onboarding, the schedule, (re)building the future, ticking items off,
catch-up, and turning review days to the current weak areas.

Every function takes keyword-only data (never a form or a request), checks the rules that
must hold whoever calls it, and runs in one transaction.
"""

from collections import defaultdict
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.services import user_timezone_set
from curriculum.models import Activity
from progress.conflicts import Conflict
from progress.weak_areas.selectors import weakest_slugs

from . import planning, selectors
from .models import Plan, PlanItem, Schedule, TopicRating
from .schedule import schedule_problems, study_days_text

PENDING, DONE, SKIPPED = PlanItem.Status.PENDING, PlanItem.Status.DONE, PlanItem.Status.SKIPPED


def _check_schedule(**schedule) -> None:
    problems = schedule_problems(**schedule)
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def onboarding_complete(
    *,
    user,
    start_date: date,
    interview_date: date | None,
    timezone_name: str,
    target_role: str,
    study_days: frozenset[int],
    minutes_per_day: int,
    ratings: dict[int, int],
    today: date,
) -> Plan:
    """Save the learner's zone, schedule and self-ratings, and build their plan at once."""
    _check_schedule(
        today=today,
        start_date=start_date,
        interview_date=interview_date,
        study_days=study_days,
        minutes_per_day=minutes_per_day,
    )
    if any(not 1 <= rating <= 5 for rating in ratings.values()):
        raise ValidationError("Ratings run from 1 to 5.")
    user_timezone_set(user=user, timezone_name=timezone_name)
    Schedule.objects.update_or_create(
        user=user,
        defaults={
            "start_date": start_date,
            "interview_date": interview_date,
            "target_role": target_role,
            "study_days": study_days_text(study_days),
            "minutes_per_day": minutes_per_day,
            "onboarded_at": timezone.now(),
        },
    )
    # One statement for all ratings, however many topics there are.
    TopicRating.objects.bulk_create(
        [TopicRating(user=user, topic_id=t, rating=r) for t, r in ratings.items()],
        update_conflicts=True,
        unique_fields=["user", "topic"],
        update_fields=["rating", "updated_at"],
    )
    return plan_rebuild(user=user, today=today)


@transaction.atomic
def schedule_update(
    *,
    user,
    start_date: date,
    interview_date: date | None,
    target_role: str,
    study_days: frozenset[int],
    minutes_per_day: int,
    today: date,
) -> Plan:
    """New dates or availability rebuild the future of the plan; the past stays."""
    _check_schedule(
        today=today,
        start_date=start_date,
        interview_date=interview_date,
        study_days=study_days,
        minutes_per_day=minutes_per_day,
    )
    Schedule.objects.filter(user=user).update(
        start_date=start_date,
        interview_date=interview_date,
        target_role=target_role,
        study_days=study_days_text(study_days),
        minutes_per_day=minutes_per_day,
    )
    return plan_rebuild(user=user, today=today, weak_areas=weakest_slugs(user, today))


@transaction.atomic
def plan_rebuild(*, user, today: date, weak_areas: tuple[str, ...] = ()) -> Plan:
    """Rebuild the future of the learner's plan from their schedule.

    Kept as they are: everything before today, and every item that is done, skipped or has
    a note. Their keys are excluded from the new plan, so nothing done is planned again; the
    minutes they take on a day count against that day.
    """
    schedule = Schedule.objects.select_for_update().get(user=user)
    start = max(schedule.start_date, today)
    end = max(start, planning.default_end(schedule.start_date, schedule.interview_date))
    plan = Plan.objects.select_for_update().filter(user=user, is_active=True).first()
    if plan is None:
        plan = Plan.objects.create(user=user, start_date=schedule.start_date, end_date=end)

    plan.items.filter(date__gte=start, status=PENDING, note="").delete()
    kept = list(plan.items.values_list("key", "date", "minutes"))
    booked: dict[date, int] = defaultdict(int)
    for _, day, minutes in kept:
        booked[day] += minutes

    template, topics, topic_ids, lesson_ids = selectors.plan_material()
    planned = planning.generate_plan(
        planning.PlanInput(
            template=template,
            topics=topics,
            start=start,
            end=end,
            study_days=schedule.study_weekdays,
            minutes_per_day=schedule.minutes_per_day,
            ratings=selectors.ratings_for(user),
            weak_areas=weak_areas,
            exclude=frozenset(key for key, _, _ in kept),
            booked=dict(booked),
        )
    )
    positions: dict[date, int] = defaultdict(lambda: 100)
    new_items = []
    for item in planned:
        positions[item.date] += 1
        new_items.append(
            PlanItem(
                plan=plan,
                date=item.date,
                position=positions[item.date],
                key=item.key,
                activity=item.activity,
                topic_id=topic_ids.get(item.topic),
                lesson_id=lesson_ids.get((item.topic, item.lesson)),
                title=item.title[:200],
                minutes=item.minutes,
            )
        )
    PlanItem.objects.bulk_create(new_items, batch_size=500)
    first_kept = min((day for _, day, _ in kept), default=start)
    plan.start_date = min(schedule.start_date, first_kept)
    plan.end_date = max(end, max((day for _, day, _ in kept), default=end))
    plan.save(update_fields=["start_date", "end_date", "rebuilt_at"])
    return plan


def _change_status(item: PlanItem, *, to: str, expected: str | None, **fields) -> PlanItem:
    """Move an item to status `to`, but only from the status the page showed (`expected`).

    Repeating a change (double submit, two tabs doing the same) changes nothing. A change
    made from a stale page (the item was ticked elsewhere since) is refused with Conflict
    instead of silently undoing the other change.
    """
    current = PlanItem.objects.filter(pk=item.pk).values_list("status", flat=True).first()
    if current == to:
        item.refresh_from_db()
        return item
    source = {expected} if expected else {PENDING, DONE, SKIPPED} - {to}
    changed = PlanItem.objects.filter(pk=item.pk, status__in=source).update(status=to, **fields)
    item.refresh_from_db()
    if not changed:
        raise Conflict(
            f"“{item.title}” is now {item.get_status_display().lower()}: it changed in "
            "another tab or device, so nothing was changed here."
        )
    return item


@transaction.atomic
def plan_item_set_done(*, item: PlanItem, done: bool, expected: str | None = None) -> PlanItem:
    """Tick (done=True) or untick (back to pending, also from skipped)."""
    if done:
        return _change_status(
            item, to=DONE, expected=expected, completed_at=timezone.now(), skip_reason=""
        )
    return _change_status(item, to=PENDING, expected=expected, completed_at=None, skip_reason="")


@transaction.atomic
def plan_item_skip(*, item: PlanItem, reason: str, expected: str | None = PENDING) -> PlanItem:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Say briefly why you skip it."})
    return _change_status(
        item, to=SKIPPED, expected=expected, completed_at=None, skip_reason=reason[:200]
    )


@transaction.atomic
def plan_item_set_note(*, item: PlanItem, note: str) -> PlanItem:
    PlanItem.objects.filter(pk=item.pk).update(note=note)
    item.note = note
    return item


@transaction.atomic
def plan_catch_up(*, user, today: date) -> tuple[int, int]:
    """Spread missed items over the coming study days within the daily minutes.

    Returns (moved, left): items that found room, and items that are still overdue.
    """
    schedule = Schedule.objects.get(user=user)
    plan = Plan.objects.select_for_update().get(user=user, is_active=True)
    missed = list(plan.items.filter(date__lt=today, status=PENDING).order_by("date", "position"))
    days = planning.study_dates(today, max(today, plan.end_date), schedule.study_weekdays)
    taken: dict[date, int] = defaultdict(int)
    for day, minutes in (
        plan.items.filter(date__gte=today).exclude(status=SKIPPED).values_list("date", "minutes")
    ):
        taken[day] += minutes
    free = [(day, schedule.minutes_per_day - taken[day]) for day in days]
    moved = planning.catch_up_schedule([(i.pk, i.minutes) for i in missed], free)
    for item in missed:
        if item.pk in moved:
            item.original_date = item.original_date or item.date
            item.date = moved[item.pk]
            item.position = 0
    PlanItem.objects.bulk_update(
        [i for i in missed if i.pk in moved], ["date", "original_date", "position"]
    )
    return len(moved), len(missed) - len(moved)


@transaction.atomic
def plan_refresh_weak_areas(*, user, today: date) -> int:
    """Point the coming review-weak-areas items at the learner's current weakest topics.

    Every service that adds, changes or removes evidence (a reflection, a mock, a practice
    problem) calls this: only those items change, so nothing else in the plan moves.
    Returns how many were updated.
    """
    items = list(
        PlanItem.objects.filter(
            plan__user=user,
            plan__is_active=True,
            activity=Activity.REVIEW_WEAK,
            status=PENDING,
            date__gte=today,
        ).order_by("date", "position")
    )
    if not items:
        return 0
    slugs = weakest_slugs(user, today, limit=len(items))
    if not slugs:
        return 0
    topics = selectors.topics_by_slug(slugs)
    for n, item in enumerate(items):
        topic = topics[slugs[n % len(slugs)]]
        item.topic_id, item.title = topic.pk, f"Review weak area: {topic.title}"
    PlanItem.objects.bulk_update(items, ["topic", "title"])
    return len(items)
