"""Reads for plans. A learner's plan is reached through an `Access` (see progress.access),
an item by id through the viewer: another learner's id is not found, and each page costs
a fixed number of queries."""

from datetime import date, timedelta

from django.db.models import Count, Q, QuerySet

from curriculum.models import PlanTemplateDay, Topic
from progress.access import Access, learner_access
from progress.mentoring.models import with_comments

from . import planning
from .models import Plan, PlanItem, Schedule, TopicRating
from .stats import Completion

PENDING, DONE, SKIPPED = PlanItem.Status.PENDING, PlanItem.Status.DONE, PlanItem.Status.SKIPPED


def schedule_of(access: Access) -> Schedule | None:
    """The learner's schedule once they have been through onboarding, else None."""
    return Schedule.objects.filter(user=access.learner, onboarded_at__isnull=False).first()


def plan_of(access: Access) -> Plan:
    """The learner's active plan; Plan.DoesNotExist before onboarding."""
    return Plan.objects.get(user=access.learner, is_active=True)


def plan_item_get(*, viewer, item_id: int, change: bool = False) -> PlanItem:
    """One item of a learner's active plan, if the viewer may see it (or change it)."""
    item = PlanItem.objects.select_related("topic", "plan").get(pk=item_id, plan__is_active=True)
    learner_access(viewer, item.plan.user_id, change=change)
    return item


def topics_by_slug(slugs) -> dict[str, Topic]:
    return {t.slug: t for t in Topic.objects.filter(slug__in=slugs)}


def items_of(plan: Plan) -> QuerySet[PlanItem]:
    return plan.items.select_related("topic")


def completion(plan: Plan, since: date | None = None, until: date | None = None) -> Completion:
    items = plan.items.exclude(status=SKIPPED)
    if since:
        items = items.filter(date__gte=since)
    if until:
        items = items.filter(date__lte=until)
    counts = items.aggregate(total=Count("pk"), done=Count("pk", filter=Q(status=DONE)))
    return Completion(done=counts["done"], total=counts["total"])


def active_dates(plan: Plan, zone) -> set[date]:
    """The local days on which the learner ticked something off."""
    stamps = plan.items.filter(status=DONE, completed_at__isnull=False).values_list(
        "completed_at", flat=True
    )
    return {stamp.astimezone(zone).date() for stamp in stamps}


def study_topics() -> QuerySet[Topic]:
    return Topic.objects.filter(kind=Topic.Kind.STUDY, retired=False)


def ratings_for(user) -> dict[str, int]:
    return dict(TopicRating.objects.filter(user=user).values_list("topic__slug", "rating"))


def plan_material() -> tuple[tuple[planning.TemplateDay, ...], dict, dict, dict]:
    """The template and topics as plain data for the generator, with the ids to write back."""
    days = PlanTemplateDay.objects.prefetch_related("topics")
    template = tuple(
        planning.TemplateDay(
            d.week, d.day, d.activity, d.title, tuple(t.slug for t in d.topics.all())
        )
        for d in days
    )
    topics = Topic.objects.filter(retired=False).prefetch_related("lessons")
    specs, topic_ids, lesson_ids = {}, {}, {}
    for topic in topics:
        lessons = [lesson for lesson in topic.lessons.all() if not lesson.retired]
        specs[topic.slug] = planning.TopicSpec(
            topic.slug,
            topic.title,
            tuple(planning.LessonSpec(x.slug, x.title, x.minutes) for x in lessons),
        )
        topic_ids[topic.slug] = topic.pk
        lesson_ids.update({(topic.slug, x.slug): x.pk for x in lessons})
    return template, specs, topic_ids, lesson_ids


def plan_weeks(plan: Plan) -> list[dict]:
    """The plan's items grouped by week (weeks start on the plan's first day)."""
    weeks: dict[int, dict] = {}
    for item in items_of(plan).prefetch_related(with_comments()):
        number = (item.date - plan.start_date).days // 7 + 1
        week = weeks.setdefault(
            number,
            {"number": number, "start": plan.start_date + timedelta(weeks=number - 1), "days": {}},
        )
        week["days"].setdefault(item.date, []).append(item)
    return [
        {**w, "days": sorted(w["days"].items()), "done": _count(w, DONE), "total": _count(w, None)}
        for _, w in sorted(weeks.items())
    ]


def _count(week: dict, status) -> int:
    return sum(
        1
        for items in week["days"].values()
        for i in items
        if i.status != SKIPPED and (status is None or i.status == status)
    )


def weekly_planned_vs_done(plan: Plan) -> list[dict]:
    rows = (
        plan.items.exclude(status=SKIPPED)
        .values("date")
        .annotate(total=Count("pk"), done=Count("pk", filter=Q(status=DONE)))
        .order_by("date")
    )
    weeks: dict[int, dict] = {}
    for row in rows:
        number = (row["date"] - plan.start_date).days // 7 + 1
        week = weeks.setdefault(number, {"week": number, "planned": 0, "done": 0})
        week["planned"] += row["total"]
        week["done"] += row["done"]
    return [weeks[n] for n in sorted(weeks)]


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
        .select_related("topic")
        .prefetch_related(with_comments())[:TOPIC_ITEMS_SHOWN]
    )
    done = sum(1 for i in items if i.status == DONE)
    return {"rating": rating.first(), "items": items, "done": done}


TOPIC_ITEMS_SHOWN = 60
