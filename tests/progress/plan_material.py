"""The real curriculum as plain generator input, read from the content files (no database)."""

from datetime import date
from functools import cache

from curriculum.content_files import read_content
from progress.plans import planning


@cache
def plan_material() -> tuple[tuple[planning.TemplateDay, ...], dict[str, planning.TopicSpec]]:
    """The template and topics from curriculum/content, read from the files (no database)."""
    from curriculum.services import CONTENT_DIR

    return planning.material_from_content(read_content(CONTENT_DIR))


@cache
def study_topic_slugs() -> tuple[str, ...]:
    from curriculum.services import CONTENT_DIR

    return tuple(t["slug"] for t in read_content(CONTENT_DIR).topics if t["kind"] == "study")


def plan_input(start: date, end: date, study_days=range(7), minutes: int = 60, **extra):
    template, topics = plan_material()
    return planning.PlanInput(
        template=template,
        topics=topics,
        start=start,
        end=end,
        study_days=frozenset(study_days),
        minutes_per_day=minutes,
        **extra,
    )
