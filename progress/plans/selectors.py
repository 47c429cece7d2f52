"""Reads for plans. A learner's plan is reached through an `Access` (see progress.access),
an item by id through the viewer: another learner's id is not found, and each page costs
a fixed number of queries."""

from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet, Subquery
from django.db.models.functions import TruncDate
from django.utils import timezone

from accounts.zones import zone_info
from curriculum.models import Lesson, Topic
from progress.access import Access, learner_access, own_access
from progress.interviews.models import Interview
from progress.mentoring.models import with_comments

from . import planning
from .models import Plan, PlanItem, Schedule, TopicRating
from .stats import Completion, plan_week

PENDING, DONE, SKIPPED = PlanItem.Status.PENDING, PlanItem.Status.DONE, PlanItem.Status.SKIPPED


def schedule_of(access: Access) -> Schedule | None:
    """The learner's schedule once they have been through onboarding, else None."""
    return Schedule.objects.filter(user=access.learner, onboarded_at__isnull=False).first()


def schedule_of_signed_in(user) -> Schedule | None:
    """schedule_of for the signed-in user as a request starts: the sign-in backend read the
    schedule with the user (progress.backends), so no query. Only as the request starts:
    a change made later in the request is not on that copy."""
    if not get_user_model().schedule.is_cached(user):  # signed in some other way
        return schedule_of(own_access(user))
    try:
        schedule = user.schedule
    except Schedule.DoesNotExist:
        return None
    return schedule if schedule.onboarded_at is not None else None


def plan_of(access: Access) -> Plan:
    """The learner's active plan; Plan.DoesNotExist before onboarding."""
    return Plan.objects.get(user=access.learner, is_active=True)


def plan_item_get(*, viewer, item_id: int, change: bool = False) -> PlanItem:
    """One item of a learner's active plan, if the viewer may see it (or change it)."""
    item = PlanItem.objects.select_related("topic", "lesson", "plan").get(
        pk=item_id, plan__is_active=True
    )
    learner_access(viewer, item.plan.user_id, change=change)
    return item


def topics_by_slug(slugs) -> dict[str, Topic]:
    return {t.slug: t for t in Topic.objects.filter(slug__in=slugs)}


def items_of(plan: Plan) -> QuerySet[PlanItem]:
    # The lesson too: an item links to its lesson on the topic page.
    return plan.items.select_related("topic", "lesson")


def next_study_day(plan: Plan, today: date) -> tuple[date | None, list[PlanItem]]:
    """The first day after today with work still to do, and everything planned on it."""
    first_pending = (
        plan.items.filter(date__gt=today, status=PENDING).order_by("date").values("date")[:1]
    )
    items = list(
        items_of(plan).filter(date=Subquery(first_pending)).prefetch_related(with_comments())
    )
    return (items[0].date if items else None), items


def next_interview_date(user) -> date | None:
    """The learner's date (in their own zone) of the next interview they have recorded."""
    when = (
        Interview.objects.filter(user=user, scheduled_at__gt=timezone.now())
        .order_by("scheduled_at")
        .values_list("scheduled_at", flat=True)
        .first()
    )
    return None if when is None else when.astimezone(zone_info(user.timezone)).date()


def content_ids(topic_slug: str | None, lesson_slug: str | None) -> tuple[int | None, int | None]:
    """The ids of a topic and one of its lessons from their slugs (None when gone)."""
    topic_id = Topic.objects.filter(slug=topic_slug).values_list("pk", flat=True).first()
    lesson_id = None
    if topic_id and lesson_slug:
        lesson_id = (
            Lesson.objects.filter(topic_id=topic_id, slug=lesson_slug)
            .values_list("pk", flat=True)
            .first()
        )
    return topic_id, lesson_id


def left_out_of(plan: Plan) -> list[dict]:
    """What compression left out, grouped by topic in template order: each group has the
    topic (None for tasks of no topic), its tasks and their minutes."""
    # All titles, a handful of rows: one query whether anything is left out or not.
    titles = dict(Topic.objects.values_list("slug", "title"))
    groups: dict[str | None, dict] = {}
    for task in plan.left_out:
        slug = task["topic"]
        group = groups.setdefault(
            slug, {"slug": slug, "title": titles.get(slug, "Other"), "tasks": [], "minutes": 0}
        )
        group["tasks"].append(task)
        group["minutes"] += task["minutes"]
    return list(groups.values())


def plan_counts(plan: Plan, *, week, today: date) -> dict:
    """The completion of the whole plan and of one week, and the overdue count, in one
    aggregate (skipped items count in neither)."""
    counted = ~Q(status=SKIPPED)
    in_week = counted & Q(date__gte=week.start, date__lte=week.end)
    counts = plan.items.aggregate(
        total=Count("pk", filter=counted),
        done=Count("pk", filter=Q(status=DONE)),
        week_total=Count("pk", filter=in_week),
        week_done=Count("pk", filter=in_week & Q(status=DONE)),
        overdue=Count("pk", filter=Q(status=PENDING, date__lt=today)),
    )
    return {
        "overall": Completion(done=counts["done"], total=counts["total"]),
        "this_week": Completion(done=counts["week_done"], total=counts["week_total"]),
        "overdue_count": counts["overdue"],
    }


def active_dates(plan: Plan, zone) -> set[date]:
    """The local days on which the learner ticked something off: one row per day, however
    many items were ticked on it."""
    days = (
        plan.items.filter(status=DONE, completed_at__isnull=False)
        .annotate(day=TruncDate("completed_at", tzinfo=zone))
        .order_by()
        .values_list("day", flat=True)
        .distinct()
    )
    return set(days)


def study_topics() -> QuerySet[Topic]:
    return Topic.objects.filter(kind=Topic.Kind.STUDY, retired=False)


def ratings_for(user) -> dict[str, int]:
    return dict(TopicRating.objects.filter(user=user).values_list("topic__slug", "rating"))


def rating_ids_for(user) -> dict[int, int]:
    """The learner's self-ratings by topic id (what the ratings form starts from)."""
    return dict(TopicRating.objects.filter(user=user).values_list("topic_id", "rating"))


def plan_material() -> tuple[tuple[planning.TemplateDay, ...], dict, dict, dict]:
    """The template and topics as plain data for the generator, with the ids to write back
    (a material.Material): kept in memory while the curriculum is unchanged, one query."""
    from .material import plan_material as current_material

    return current_material()


def plan_week_summaries(plan: Plan) -> list[dict]:
    """Every week of the plan (see stats.plan_week) with its dates and how many of its items
    are done, in one aggregate; skipped items count in neither figure."""
    rows = (
        plan.items.values("date")
        .annotate(
            total=Count("pk", filter=~Q(status=SKIPPED)), done=Count("pk", filter=Q(status=DONE))
        )
        .order_by("date")
    )
    weeks: dict[int, dict] = {}
    for row in rows:
        week_of = plan_week(plan.start_date, row["date"])
        week = weeks.setdefault(
            week_of.number,
            {"number": week_of.number, "start": week_of.start, "end": week_of.end},
        )
        week["total"] = week.get("total", 0) + row["total"]
        week["done"] = week.get("done", 0) + row["done"]
    return [weeks[n] for n in sorted(weeks)]


def plan_week_days(plan: Plan, week: dict) -> list[dict]:
    """One week's items by day, each day with its minutes (skipped items take none)."""
    items = items_of(plan).filter(date__gte=week["start"], date__lte=week["end"])
    days: dict[date, list[PlanItem]] = {}
    for item in items.prefetch_related(with_comments()):
        days.setdefault(item.date, []).append(item)
    return [
        {"date": day, "items": day_items, "minutes": _minutes(day_items)}
        for day, day_items in sorted(days.items())
    ]


def _minutes(items: list[PlanItem]) -> int:
    return sum(i.minutes for i in items if i.status != SKIPPED)


def weekly_planned_vs_done(plan: Plan) -> list[dict]:
    """What the progress chart draws: per plan week with anything planned (not skipped),
    the items planned and done."""
    return [
        {"week": week["number"], "planned": week["total"], "done": week["done"]}
        for week in plan_week_summaries(plan)
        if week["total"]
    ]


def topic_completion(plan: Plan) -> dict[int, Completion]:
    rows = (
        plan.items.exclude(status=SKIPPED)
        .filter(topic__isnull=False)
        .values("topic_id")
        .annotate(total=Count("pk"), done=Count("pk", filter=Q(status=DONE)))
    )
    return {r["topic_id"]: Completion(r["done"], r["total"]) for r in rows}


def topic_progress(access: Access, topic: Topic) -> dict:
    """The learner's confidence and plan items for one topic (empty before onboarding)."""
    rating = TopicRating.objects.filter(user=access.learner, topic=topic).values_list(
        "rating", flat=True
    )
    items = list(
        PlanItem.objects.filter(plan__user=access.learner, plan__is_active=True, topic=topic)
        .select_related("topic", "lesson")
        .prefetch_related(with_comments())[:TOPIC_ITEMS_SHOWN]
    )
    done = sum(1 for i in items if i.status == DONE)
    return {"rating": rating.first(), "items": items, "done": done}


TOPIC_ITEMS_SHOWN = 60
