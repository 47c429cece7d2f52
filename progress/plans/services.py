"""Writes for plans: onboarding, the schedule and self-ratings, (re)building the future,
ticking items off, catch-up, starting early on a day off, adding back what compression left
out, following the next recorded interview, and turning review days to the weak areas.

Every function takes keyword-only data (never a form or a request), checks the rules that
must hold whoever calls it, and runs in one transaction.
"""

import json
from collections import defaultdict
from dataclasses import asdict
from datetime import date

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import CharField, F, Q, TextField
from django.utils import timezone

from accounts.services import user_timezone_set
from curriculum.models import Activity
from progress.conflicts import Conflict
from progress.mentoring.models import Comment
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
    schedule = Schedule(
        user=user,
        start_date=start_date,
        interview_date=interview_date,
        target_role=target_role,
        study_days=study_days_text(study_days),
        minutes_per_day=minutes_per_day,
        onboarded_at=timezone.now(),
    )
    # One upsert, which also locks the row for the rebuild: update_or_create would cost a
    # locking read, an insert and two savepoints.
    Schedule.objects.bulk_create(
        [schedule],
        update_conflicts=True,
        unique_fields=["user"],
        update_fields=[
            "start_date",
            "interview_date",
            "target_role",
            "study_days",
            "minutes_per_day",
            "onboarded_at",
        ],
    )
    _ratings_save(user, ratings)
    return _rebuild(user=user, schedule=schedule, today=today)


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
    follows_interviews: bool = False,
) -> Plan:
    """New dates or availability rebuild the future of the plan; the past stays.

    With `follows_interviews`, the interview date given is ignored: the plan ends the day
    before the next interview the learner has recorded (four weeks on without one).
    """
    if follows_interviews:
        interview_date = selectors.next_interview_date(user)
    _check_schedule(
        today=today,
        start_date=start_date,
        interview_date=interview_date,
        study_days=study_days,
        minutes_per_day=minutes_per_day,
    )
    schedule = Schedule.objects.select_for_update().get(user=user)
    schedule.start_date, schedule.interview_date = start_date, interview_date
    schedule.follows_interviews, schedule.target_role = follows_interviews, target_role
    schedule.study_days = study_days_text(study_days)
    schedule.minutes_per_day = minutes_per_day
    schedule.save(
        update_fields=[
            "start_date",
            "interview_date",
            "follows_interviews",
            "target_role",
            "study_days",
            "minutes_per_day",
        ]
    )
    return _rebuild(
        user=user, schedule=schedule, today=today, weak_areas=weakest_slugs(user, today)
    )


@transaction.atomic
def plan_follow_interviews(*, user, today: date) -> Plan | None:
    """After an interview is added, moved or deleted: a learner whose plan follows their
    interviews gets its end moved to the day before the next one, and the future rebuilt.

    Nothing happens (None) when the learner did not ask for it, when the next interview's
    date is the plan's already, or when the schedule's rules refuse that date (more than a
    year after the start, say): the plan then keeps the end it had.
    """
    schedule = (
        Schedule.objects.select_for_update()
        .filter(user=user, follows_interviews=True, onboarded_at__isnull=False)
        .first()
    )
    if schedule is None:
        return None
    interview_date = selectors.next_interview_date(user)
    if interview_date == schedule.interview_date:
        return None
    if schedule_problems(
        today=today,
        start_date=schedule.start_date,
        interview_date=interview_date,
        study_days=schedule.study_weekdays,
        minutes_per_day=schedule.minutes_per_day,
    ):
        return None
    schedule.interview_date = interview_date
    schedule.save(update_fields=["interview_date"])
    return plan_rebuild(user=user, today=today, weak_areas=weakest_slugs(user, today))


@transaction.atomic
def ratings_update(*, user, ratings: dict[int, int], today: date) -> Plan:
    """New self-ratings (topic id -> 1..5) rebuild the future of the plan: a topic rated
    stronger gives up time first, a weaker one gets more. The past and what was done stay."""
    if any(not 1 <= rating <= 5 for rating in ratings.values()):
        raise ValidationError("Ratings run from 1 to 5.")
    schedule = Schedule.objects.select_for_update().get(user=user)
    _ratings_save(user, ratings)
    return _rebuild(
        user=user, schedule=schedule, today=today, weak_areas=weakest_slugs(user, today)
    )


def _ratings_save(user, ratings: dict[int, int]) -> None:
    # One statement for all ratings, however many topics there are.
    TopicRating.objects.bulk_create(
        [TopicRating(user=user, topic_id=t, rating=r) for t, r in ratings.items()],
        update_conflicts=True,
        unique_fields=["user", "topic"],
        update_fields=["rating", "updated_at"],
    )


@transaction.atomic
def plan_rebuild(*, user, today: date, weak_areas: tuple[str, ...] = ()) -> Plan:
    """Rebuild the future of the learner's plan from their schedule.

    Kept as they are: everything before today, and every item that is done, skipped, has
    a note or was added back by the learner. Their keys are excluded from the new plan, so
    nothing done is planned again; the minutes they take on a day count against that day.
    What the plan could not fit is recorded in `plan.left_out`.
    """
    schedule = Schedule.objects.select_for_update().get(user=user)
    return _rebuild(user=user, schedule=schedule, today=today, weak_areas=weak_areas)


def _rebuild(*, user, schedule: Schedule, today: date, weak_areas: tuple[str, ...] = ()) -> Plan:
    """plan_rebuild's work inside the caller's transaction, from the schedule it locked.

    Its queries do not grow with the plan: the plan's row, the untouched future deleted in
    two statements, what is kept, the curriculum (one query while this process's copy is
    current, see material.py), the ratings, and the new items in one insert.
    """
    start = max(schedule.start_date, today)
    end = max(start, planning.default_end(schedule.start_date, schedule.interview_date))
    plan = Plan.objects.select_for_update().filter(user=user, is_active=True).first()
    kept = _future_cleared(plan, start) if plan is not None else []
    booked: dict[date, int] = defaultdict(int)
    for _, day, minutes in kept:
        booked[day] += minutes

    template, topics, topic_ids, lesson_ids = selectors.plan_material()
    outcome = planning.build_plan(
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
    kept_days = [day for _, day, _ in kept]
    fields = {
        "start_date": min([schedule.start_date, *kept_days]),
        "end_date": max([end, *kept_days]),
        "left_out": [asdict(task) for task in outcome.left_out],
    }
    if plan is None:
        # A first plan is written once, with what the rebuild found, not created and updated.
        plan = Plan.objects.create(user=user, **fields)
    else:
        for name, value in fields.items():
            setattr(plan, name, value)
        plan.save(update_fields=[*fields, "rebuilt_at"])
    _items_insert(plan, outcome.items, topic_ids, lesson_ids)
    return plan


def _future_cleared(plan: Plan, start: date) -> list[tuple[str, date, int]]:
    """Delete the items from `start` on that nobody touched (to do, no note, not added
    back) and return (key, date, minutes) of every item that stays."""
    untouched = plan.items.filter(date__gte=start, status=PENDING, note="", added_back=False)
    # Two statements however long the plan: QuerySet.delete() would read every item, then
    # delete them 100 at a time. Comments on them go with them, as the cascade would do;
    # they are the only rows that refer to plan items.
    Comment.objects.filter(item__in=untouched).delete()
    untouched._raw_delete(untouched.db)
    return list(plan.items.values_list("key", "date", "minutes"))


# The columns each generated item gives (the plan is the same for all of them).
ITEM_COLUMNS = ("date", "position", "key", "activity", "topic_id", "lesson_id", "title", "minutes")


def _items_insert(plan: Plan, items, topic_ids, lesson_ids) -> None:
    """The generated items in one INSERT, each day's numbered from 101 in the generator's
    order."""
    positions: dict[date, int] = defaultdict(lambda: 100)
    rows = []
    for item in items:
        positions[item.date] += 1
        topic = topic_ids.get(item.topic)
        lesson = lesson_ids.get((item.topic, item.lesson))
        position = positions[item.date]
        title = item.title[:200]
        rows.append(
            [item.date, position, item.key, item.activity, topic, lesson, title, item.minutes]
        )
    if connection.vendor == "postgresql":
        _insert_from_json(PlanItem, ITEM_COLUMNS, rows, same={"plan_id": plan.pk})
    else:
        # SQLite (the local run) has no network between Python and the database to save.
        PlanItem.objects.bulk_create(
            PlanItem(plan_id=plan.pk, **dict(zip(ITEM_COLUMNS, row, strict=True))) for row in rows
        )


def _insert_from_json(model, columns, rows: list[list], *, same: dict) -> None:
    """PostgreSQL: insert rows (values of `columns`, attnames) with one INSERT ... SELECT over
    a JSON array that the server parses; `same`, values every row has, and every other
    field its default, are sent once.

    bulk_create prepares each value in Python and has psycopg quote it: about 50 µs a row,
    so 50 ms for six months of items, longer than the rest of the request. Here Python only
    writes the JSON (C), a date as ISO text. Text columns take the JSON string without a cast,
    so a value too long for its column fails as it would in any INSERT (an explicit cast to
    varchar(n) would silently cut it).
    """
    fields = {f.attname: f for f in model._meta.concrete_fields if not f.primary_key}
    sent = [fields[name] for name in columns]
    constant = [
        (f, same[name] if name in same else f.get_default())
        for name, f in fields.items()
        if name not in columns
    ]
    iso: dict[date, str] = {}  # a plan has a few hundred dates, each on many rows

    def json_default(value):
        if value not in iso:
            iso[value] = value.isoformat()
        return iso[value]

    selected = [_column(n, f) for n, f in enumerate(sent)]
    selected += [f"%s::{f.db_type(connection)}" for f, _ in constant]
    names = [f.column for f in sent] + [f.column for f, _ in constant]
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(map(quote, names))}) "
        f"SELECT {', '.join(selected)} FROM jsonb_array_elements(%s::jsonb) AS r"
    )
    parameters = [f.get_db_prep_save(value, connection) for f, value in constant]
    parameters.append(json.dumps(rows, default=json_default))
    with connection.cursor() as cursor:
        cursor.execute(sql, parameters)


def _column(n: int, field) -> str:
    if isinstance(field, CharField | TextField):
        return f"r->>{n}"
    return f"(r->>{n})::{field.db_type(connection)}"


@transaction.atomic
def plan_left_out_add(*, user, key: str, today: date) -> tuple[PlanItem, bool]:
    """Add back a task compression left out, on the first coming study day with room for it
    within the daily minutes; when no day has room, on the coming study day with the most
    room, as an extra. Returns the new item and whether it fit. A rebuild keeps it.

    Extra practice and reviews planned to fill spare minutes give way to it: a lesson the
    learner asked for is worth more than filler.
    """
    plan = Plan.objects.select_for_update().get(user=user, is_active=True)
    task = next((t for t in plan.left_out if t["key"] == key), None)
    if task is None or plan.items.filter(key=key).exists():
        raise ValidationError("That is no longer left out of your plan.")
    schedule = Schedule.objects.get(user=user)
    days = planning.study_dates(today, max(today, plan.end_date), schedule.study_weekdays)
    fillers = _fillers_from(plan, today)
    taken = _minutes_by_day(plan, today)
    for filler in fillers:
        taken[filler.date] -= filler.minutes
    free = [(day, schedule.minutes_per_day - taken[day]) for day in days]
    fits = [day for day, room in free if room >= task["minutes"]]
    day = fits[0] if fits else max(free, key=lambda pair: (pair[1], -pair[0].toordinal()))[0]
    _make_room(fillers, day, schedule.minutes_per_day - taken[day] - task["minutes"])
    topic_id, lesson_id = selectors.content_ids(task["topic"], task["lesson"])
    last = plan.items.filter(date=day).order_by("-position").values_list("position", flat=True)
    item = PlanItem.objects.create(
        plan=plan,
        date=day,
        position=(last.first() or 100) + 1,
        key=key,
        activity=task["activity"],
        topic_id=topic_id,
        lesson_id=lesson_id,
        title=task["title"][:200],
        minutes=task["minutes"],
        added_back=True,
    )
    plan.left_out = [t for t in plan.left_out if t["key"] != key]
    plan.save(update_fields=["left_out"])
    return item, bool(fits)


FILLER_KEYS = ("extra-practice:", "extra-review:")


def _fillers_from(plan: Plan, since: date) -> list[PlanItem]:
    """Spare-time fillers from `since` on that nobody touched (to do, no note)."""
    return list(
        plan.items.filter(date__gte=since, status=PENDING, note="", added_back=False).filter(
            Q(key__startswith=FILLER_KEYS[0]) | Q(key__startswith=FILLER_KEYS[1])
        )
    )


def _make_room(fillers: list[PlanItem], day: date, allowance: int) -> None:
    """Keep the day's fillers only while they fit in `allowance` minutes: the rest are
    deleted, the last first."""
    on_day = sorted((f for f in fillers if f.date == day), key=lambda f: f.position)
    total = sum(f.minutes for f in on_day)
    for filler in reversed(on_day):
        if total <= allowance:
            break
        total -= filler.minutes
        filler.delete()


def _minutes_by_day(plan: Plan, since: date) -> dict[date, int]:
    """Minutes planned on each day from `since` on (skipped items take none)."""
    taken: dict[date, int] = defaultdict(int)
    for day, minutes in (
        plan.items.filter(date__gte=since).exclude(status=SKIPPED).values_list("date", "minutes")
    ):
        taken[day] += minutes
    return taken


@transaction.atomic
def plan_start_now(*, user, today: date) -> tuple[date, int]:
    """On a day with nothing planned, bring the next study day's work to today (a new
    learner who signs up on a day off can start at once). Returns the day the items came
    from and how many moved; each remembers that day."""
    plan = Plan.objects.select_for_update().get(user=user, is_active=True)
    if plan.items.filter(date=today, status=PENDING).exists():
        raise ValidationError("Today already has work planned.")
    upcoming = plan.items.filter(date__gt=today, status=PENDING).order_by("date", "position")
    first = upcoming.first()
    if first is None:
        raise ValidationError("Nothing is planned after today.")
    moving = list(upcoming.filter(date=first.date))
    for item in moving:
        item.original_date = item.original_date or item.date
        item.date = today
    PlanItem.objects.bulk_update(moving, ["date", "original_date"])
    return first.date, len(moving)


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
    taken = _minutes_by_day(plan, today)
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


def learner_changed(*, learner_id: int) -> None:
    """Make every cached figure and page part of this learner stale (see progress.figures):
    one UPDATE, nothing for someone without a schedule."""
    Schedule.objects.filter(user_id=learner_id).update(version=F("version") + 1)
