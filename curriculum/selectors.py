"""Reads for the curriculum pages: each a fixed number of queries, whatever the content size."""

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.shortcuts import get_object_or_404

from .models import (
    ChecklistTemplateItem,
    Concept,
    ContentVersion,
    Lesson,
    PlanTemplateDay,
    PracticePattern,
    Resource,
    RubricDimension,
    Topic,
)


def topics_for_browsing() -> QuerySet[Topic]:
    live_lessons = Q(lessons__retired=False)
    return Topic.objects.filter(retired=False).annotate(
        lesson_count=Count("lessons", filter=live_lessons, distinct=True),
        study_minutes=Sum("lessons__minutes", filter=live_lessons),
    )


def topic_for_reading(slug: str) -> Topic:
    """A topic by slug, retired or not: a learner whose plan or log still refers to a retired
    topic keeps reaching its page (browsing lists only live topics)."""
    return Topic.objects.get(slug=slug)


def topic_with_content(slug: str) -> Topic:
    """A topic with its live content; a retired topic still opens (see topic_for_reading)."""
    queryset = Topic.objects.prefetch_related(
        Prefetch("lessons", queryset=Lesson.objects.filter(retired=False)),
        Prefetch("concepts", queryset=Concept.objects.filter(retired=False)),
        Prefetch("patterns", queryset=PracticePattern.objects.filter(retired=False)),
        Prefetch("rubric", queryset=RubricDimension.objects.filter(retired=False)),
        Prefetch("resources", queryset=Resource.objects.all()),
    )
    return get_object_or_404(queryset, slug=slug)


def plan_template_weeks() -> list[tuple[int, list[PlanTemplateDay]]]:
    days = PlanTemplateDay.objects.prefetch_related(
        Prefetch("topics", queryset=Topic.objects.only("slug", "title"))
    )
    weeks: dict[int, list[PlanTemplateDay]] = {}
    for day in days:
        weeks.setdefault(day.week, []).append(day)
    return sorted(weeks.items())


def checklist_phases() -> list[tuple[str, list[ChecklistTemplateItem]]]:
    """Each phase's items in the order they fall due (the file's order breaks ties)."""
    items = sorted(
        ChecklistTemplateItem.objects.filter(retired=False), key=lambda i: (i.sort_hours, i.order)
    )
    labels = dict(ChecklistTemplateItem.Phase.choices)
    phases = {phase: [] for phase in labels}
    for item in items:
        phases[item.phase].append(item)
    return [(labels[phase], rows) for phase, rows in phases.items()]


def review_cards() -> QuerySet[Concept]:
    return Concept.objects.filter(retired=False, topic__retired=False).select_related("topic")


def content_version() -> str | None:
    """The token every content write replaces (see ContentVersion): one query. None when the
    row is missing (a test's flush emptied the table), which matches no cached copy."""
    return ContentVersion.objects.filter(pk=1).values_list("token", flat=True).first()
