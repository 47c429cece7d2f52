"""The curriculum as the plan generator takes it, kept in memory by each process.

Every plan write (onboarding, a schedule or rating change, following an interview) needs the
same few hundred rows: the template days, the live topics with their live lessons' slugs,
titles and minutes, and the ids to write back. They are read once and reused while the
curriculum's content version stays the same: a single-row read per plan write instead of
four queries that also brought every lesson's body.

The rule that keeps the copy true: any insert, update or delete on a curriculum table gives
the version a new random token in the same transaction (database triggers, see
curriculum.models.ContentVersion). So a reload of the content files, a staff edit in the
admin, a queryset update or raw SQL are all seen by the next plan write in every process,
and a write that rolls back leaves the copy read before it valid. Lesson bodies are never
read here.
"""

from types import MappingProxyType
from typing import NamedTuple

from curriculum.models import Lesson, PlanTemplateDay, Topic
from curriculum.selectors import content_version

from . import planning


class Material(NamedTuple):
    """What `planning.build_plan` is built from, and the ids its items are written with.
    Shared by every request of the process: the mappings are read-only."""

    template: tuple[planning.TemplateDay, ...]
    topics: MappingProxyType  # slug -> planning.TopicSpec, live topics in curriculum order
    topic_ids: MappingProxyType  # slug -> Topic id
    lesson_ids: MappingProxyType  # (topic slug, lesson slug) -> Lesson id


# (content version, material): one entry, replaced when the version moves on.
_kept: tuple[str, Material] | None = None


def plan_material() -> Material:
    """The generator's material for the curriculum as it is now: one query while this
    process's copy is current, five when the content has changed since it was read."""
    global _kept
    version = content_version()
    kept = _kept
    if kept is not None and version is not None and kept[0] == version:
        return kept[1]
    material = _read()
    if version is not None:
        _kept = (version, material)
    return material


def _read() -> Material:
    slugs_of_day: dict[int, list[str]] = {}
    links = PlanTemplateDay.topics.through.objects.order_by("topic__order", "topic__slug")
    for day_id, slug in links.values_list("plantemplateday_id", "topic__slug"):
        slugs_of_day.setdefault(day_id, []).append(slug)
    template = tuple(
        planning.TemplateDay(week, day, activity, title, tuple(slugs_of_day.get(pk, ())))
        for pk, week, day, activity, title in PlanTemplateDay.objects.values_list(
            "pk", "week", "day", "activity", "title"
        )
    )

    lessons_of: dict[int, list[tuple]] = {}
    live_lessons = Lesson.objects.filter(retired=False, topic__retired=False).order_by(
        "topic__order", "order", "pk"
    )
    for row in live_lessons.values_list("topic_id", "pk", "slug", "title", "minutes"):
        lessons_of.setdefault(row[0], []).append(row[1:])
    specs, topic_ids, lesson_ids = {}, {}, {}
    for pk, slug, title in Topic.objects.filter(retired=False).values_list("pk", "slug", "title"):
        lessons = lessons_of.get(pk, [])
        specs[slug] = planning.TopicSpec(
            slug, title, tuple(planning.LessonSpec(s, t, m) for _, s, t, m in lessons)
        )
        topic_ids[slug] = pk
        lesson_ids.update({(slug, s): lesson_pk for lesson_pk, s, _, _ in lessons})
    return Material(
        template, MappingProxyType(specs), MappingProxyType(topic_ids), MappingProxyType(lesson_ids)
    )
