"""Plain-data helpers shared by the progress tests: the real curriculum as generator input,
and a learner with a plan made through the same service the onboarding page uses."""

from datetime import date
from functools import cache

from curriculum.content_files import read_content
from progress import planning


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


def schedule(**overrides) -> dict:
    """A schedule as the onboarding form hands it to services.onboarding_complete."""
    return {
        "interview_date": None,
        "start_date": date(2025, 3, 3),
        "timezone": "UTC",
        "target_role": "Backend Python engineer",
        "study_days": "0123456",
        "minutes_per_day": 60,
        **overrides,
    }


def onboard(user, today: date, ratings: dict[int, int] | None = None, **overrides):
    """Onboard `user` through the service and return their active plan."""
    from progress import services

    return services.onboarding_complete(
        user=user,
        schedule=schedule(start_date=today, **overrides),
        ratings=ratings or {},
        today=today,
    )
