"""Writes for plans: onboarding, (re)building the future, ticking items off, catch-up."""

from collections import defaultdict
from datetime import date

from django.db import transaction
from django.utils import timezone

from . import planning, selectors
from .models import Plan, PlanItem, Profile, TopicRating

PENDING, DONE, SKIPPED = PlanItem.Status.PENDING, PlanItem.Status.DONE, PlanItem.Status.SKIPPED


@transaction.atomic
def onboarding_complete(*, user, schedule: dict, ratings: dict[int, int], today: date) -> Plan:
    """Save the learner's schedule and self-ratings and build their plan at once."""
    Profile.objects.update_or_create(
        user=user, defaults={**schedule, "onboarded_at": timezone.now()}
    )
    for topic_id, rating in ratings.items():
        TopicRating.objects.update_or_create(
            user=user, topic_id=topic_id, defaults={"rating": rating}
        )
    return plan_rebuild(user=user, today=today)


@transaction.atomic
def schedule_update(*, user, schedule: dict, today: date) -> Plan:
    from .evidence import weakest_slugs

    Profile.objects.filter(user=user).update(**schedule)
    return plan_rebuild(user=user, today=today, weak_areas=weakest_slugs(user, today))


@transaction.atomic
def plan_rebuild(*, user, today: date, weak_areas: tuple[str, ...] = ()) -> Plan:
    """Rebuild the future of the learner's plan from their profile.

    Kept as they are: everything before today, and every item that is done, skipped or has
    a note. Their keys are excluded from the new plan, so nothing done is planned again; the
    minutes they take on a day count against that day.
    """
    profile = Profile.objects.select_for_update().get(user=user)
    start = max(profile.start_date, today)
    end = max(start, planning.default_end(profile.start_date, profile.interview_date))
    plan = Plan.objects.select_for_update().filter(user=user, is_active=True).first()
    if plan is None:
        plan = Plan.objects.create(user=user, start_date=profile.start_date, end_date=end)

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
            study_days=profile.study_weekdays,
            minutes_per_day=profile.minutes_per_day,
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
    PlanItem.objects.bulk_create(new_items)
    first_kept = min((day for _, day, _ in kept), default=start)
    plan.start_date = min(profile.start_date, first_kept)
    plan.end_date = max(end, max((day for _, day, _ in kept), default=end))
    plan.save(update_fields=["start_date", "end_date", "rebuilt_at"])
    return plan


def item_set_done(*, item: PlanItem, done: bool) -> PlanItem:
    """Tick or untick; repeating either (double submit, two tabs) changes nothing."""
    if done and item.status != DONE:
        item.status, item.completed_at, item.skip_reason = DONE, timezone.now(), ""
    elif not done and item.status != PENDING:
        item.status, item.completed_at, item.skip_reason = PENDING, None, ""
    else:
        return item
    item.save(update_fields=["status", "completed_at", "skip_reason"])
    return item


def item_skip(*, item: PlanItem, reason: str) -> PlanItem:
    item.status, item.completed_at, item.skip_reason = SKIPPED, None, reason
    item.save(update_fields=["status", "completed_at", "skip_reason"])
    return item


def item_set_note(*, item: PlanItem, note: str) -> PlanItem:
    item.note = note
    item.save(update_fields=["note"])
    return item


@transaction.atomic
def plan_catch_up(*, user, today: date) -> tuple[int, int]:
    """Spread missed items over the coming study days within the daily minutes.

    Returns (moved, left): items that found room, and items that are still overdue.
    """
    profile = Profile.objects.get(user=user)
    plan = Plan.objects.select_for_update().get(user=user, is_active=True)
    missed = list(plan.items.filter(date__lt=today, status=PENDING).order_by("date", "position"))
    days = planning.study_dates(today, max(today, plan.end_date), profile.study_weekdays)
    taken: dict[date, int] = defaultdict(int)
    for day, minutes in (
        plan.items.filter(date__gte=today).exclude(status=SKIPPED).values_list("date", "minutes")
    ):
        taken[day] += minutes
    free = [(day, profile.minutes_per_day - taken[day]) for day in days]
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


def plan_refresh_weak_areas(*, user, today: date) -> int:
    """Point the coming review-weak-areas items at the learner's current weakest topics.

    Called when new evidence arrives (a reflection, a mock, a practice problem): only those
    items change, so nothing else in the plan moves. Returns how many were updated.
    """
    from curriculum.models import Topic

    from .evidence import weakest_slugs

    items = list(
        PlanItem.objects.filter(
            plan__user=user,
            plan__is_active=True,
            activity="review-weak",
            status=PENDING,
            date__gte=today,
        ).order_by("date", "position")
    )
    slugs = weakest_slugs(user, today, limit=max(1, len(items)))
    if not items or not slugs:
        return 0
    topics = {t.slug: t for t in Topic.objects.filter(slug__in=slugs)}
    for n, item in enumerate(items):
        topic = topics[slugs[n % len(slugs)]]
        item.topic_id, item.title = topic.pk, f"Review weak area: {topic.title}"
    PlanItem.objects.bulk_update(items, ["topic", "title"])
    return len(items)
