"""Writing a plan: a rebuild costs the same queries however long the plan, every item is
written as the generator planned it, and the curriculum the generator reads is kept in
memory until the curriculum changes, whoever changes it (the admin, a queryset update) and
never past a change that was rolled back."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import DataError, connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from curriculum.models import Lesson, PlanTemplateDay, Topic
from progress.mentoring.models import Comment
from progress.plans import material, planning, services
from progress.plans.models import PlanItem, Schedule
from tests.conftest import require
from tests.factories import UserFactory, onboard

TODAY = date(2025, 3, 5)
SIX_MONTHS = timedelta(days=182)


def study_ratings() -> dict[int, int]:
    return {t.pk: 2 for t in Topic.objects.filter(kind=Topic.Kind.STUDY, retired=False)}


# --- a rebuild costs the same whatever the plan's length ----------------------------------


@pytest.fixture
def learners(time_machine, learner, other_learner, curriculum):
    """Two learners a few days into their plans (four weeks; six months at 240 minutes a
    day), with work done, a note and a mentor's comment on a coming item."""
    start = TODAY - timedelta(days=3)
    time_machine.move_to(datetime(2025, 3, 2, 12, tzinfo=UTC), tick=False)
    short = onboard(learner, start, interview_date=start + timedelta(weeks=4))
    long = onboard(other_learner, start, interview_date=start + SIX_MONTHS, minutes_per_day=240)
    time_machine.move_to(datetime(2025, 3, 5, 9, tzinfo=UTC), tick=False)
    mentor = UserFactory()
    for plan in (short, long):
        for item in plan.items.filter(date__lt=TODAY)[::2]:
            services.plan_item_set_done(item=item, done=True)
        noted, commented = plan.items.filter(date__gt=TODAY)[:2]
        services.plan_item_set_note(item=noted, note="later")
        Comment.objects.create(author=mentor, learner=plan.user, item=commented, body="Try it")
    assert long.items.count() > 20 * short.items.count()
    return {"4 weeks": learner, "6 months": other_learner}


def schedule_change_queries(user) -> int:
    schedule = Schedule.objects.get(user=user)
    with CaptureQueriesContext(connection) as captured:
        services.schedule_update(
            user=user,
            start_date=schedule.start_date,
            interview_date=schedule.interview_date,
            target_role="Platform engineer",
            study_days=frozenset({0, 1, 2, 3}),
            minutes_per_day=schedule.minutes_per_day - 15,
            today=TODAY,
        )
    return len(captured.captured_queries)


def ratings_change_queries(user) -> int:
    with CaptureQueriesContext(connection) as captured:
        services.ratings_update(user=user, ratings=study_ratings(), today=TODAY)
    return len(captured.captured_queries)


def test_a_schedule_change_costs_the_same_queries_for_a_short_and_a_long_plan(learners):
    # Hundreds of coming items are replaced in the long plan, a handful in the short one.
    short = schedule_change_queries(learners["4 weeks"])
    long = schedule_change_queries(learners["6 months"])

    assert short == long


def test_a_ratings_change_costs_the_same_queries_for_a_short_and_a_long_plan(learners):
    assert ratings_change_queries(learners["4 weeks"]) == ratings_change_queries(
        learners["6 months"]
    )


def test_a_rebuild_replaces_the_untouched_future_and_keeps_the_rest(learners):
    user = learners["6 months"]
    plan = user.plans.get()
    kept_before = set(
        plan.items.exclude(date__gte=TODAY, status="pending", note="").values_list("key", "date")
    )

    schedule_change_queries(user)

    items = plan.items.all()
    assert kept_before <= set(items.values_list("key", "date"))
    assert items.filter(date__gte=TODAY, status="pending").exclude(note="").exists()
    # Four study days a week now: nothing new lands on a Friday, Saturday or Sunday.
    new = items.filter(date__gte=TODAY, status="pending", note="")
    assert new.exists()
    assert {d.weekday() for d in new.values_list("date", flat=True)} <= {0, 1, 2, 3}


def test_a_rebuild_leaves_no_comment_on_an_item_it_deleted(learners):
    # The database checks its foreign keys only at commit, which a test never reaches:
    # check the rows themselves.
    for user in learners.values():
        schedule_change_queries(user)

    on_items = Comment.objects.filter(item__isnull=False)
    assert not on_items.exclude(item_id__in=PlanItem.objects.values("pk")).exists()


# --- the items written ------------------------------------------------------------------


def test_every_item_is_written_as_the_generator_planned_it(learner, curriculum):
    plan = onboard(learner, TODAY, interview_date=TODAY + SIX_MONTHS, minutes_per_day=240)

    template, topics, topic_ids, lesson_ids = material.plan_material()
    planned = planning.build_plan(
        planning.PlanInput(
            template=template,
            topics=topics,
            start=TODAY,
            end=planning.default_end(TODAY, TODAY + SIX_MONTHS),
            study_days=frozenset(range(7)),
            minutes_per_day=240,
        )
    ).items
    untouched = {
        "status": "pending",
        "completed_at": None,
        "skip_reason": "",
        "note": "",
        "original_date": None,
        "added_back": False,
    }
    expected, positions = [], {}
    for item in planned:
        positions[item.date] = positions.get(item.date, 100) + 1
        expected.append(
            {
                "date": item.date,
                "position": positions[item.date],
                "key": item.key,
                "activity": item.activity,
                "topic_id": topic_ids.get(item.topic),
                "lesson_id": lesson_ids.get((item.topic, item.lesson)),
                "title": item.title,
                "minutes": item.minutes,
                **untouched,
            }
        )
    written = plan.items.order_by("date", "position").values(*expected[0])

    assert len(expected) > 500
    assert list(written) == expected


def test_an_item_value_too_long_for_its_column_is_refused_not_cut(learner, curriculum):
    require(connection.vendor == "postgresql", "the JSON insert runs on PostgreSQL only")
    plan = onboard(learner, TODAY)
    columns = ("date", "activity", "title", "minutes", "key")

    def insert(key: str) -> None:
        row = [TODAY, "study", "T", 30, key]
        services._insert_from_json(PlanItem, columns, [row], same={"plan_id": plan.pk})

    with pytest.raises(DataError), transaction.atomic():
        insert("k" * 161)

    insert("k" * 160)
    item = plan.items.get(key="k" * 160)
    assert (item.status, item.note, item.added_back, item.completed_at) == (
        "pending",
        "",
        False,
        None,
    )


# --- the curriculum, kept in memory -------------------------------------------------------


def curriculum_reads(queries) -> list[str]:
    """The queries that read curriculum content itself (not the version, not a join)."""
    tables = (
        'FROM "curriculum_lesson"',
        'FROM "curriculum_plantemplateday',
        'FROM "curriculum_topic"',
    )
    return [q["sql"] for q in queries if any(t in q["sql"] for t in tables)]


def onboarding_reads(ratings) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        onboard(UserFactory(), TODAY, ratings=ratings)
    return curriculum_reads(captured.captured_queries)


def test_a_plan_write_reads_the_curriculum_only_after_it_changed(curriculum):
    ratings = study_ratings()
    onboarding_reads(ratings)

    unchanged = onboarding_reads(ratings)
    Lesson.objects.filter(pk=Lesson.objects.first().pk).update(minutes=35)
    after_change = onboarding_reads(ratings)
    again = onboarding_reads(ratings)

    assert (unchanged, again) == ([], [])
    assert len(after_change) == 4  # template days, their topics, topics, lessons


def reference_material():
    """The material read the plain way, from whole model objects (lesson bodies and all)."""
    template = tuple(
        planning.TemplateDay(
            d.week, d.day, d.activity, d.title, tuple(t.slug for t in d.topics.all())
        )
        for d in PlanTemplateDay.objects.prefetch_related("topics")
    )
    specs, topic_ids, lesson_ids = {}, {}, {}
    for topic in Topic.objects.filter(retired=False).prefetch_related("lessons"):
        lessons = [x for x in topic.lessons.all() if not x.retired]
        specs[topic.slug] = planning.TopicSpec(
            topic.slug,
            topic.title,
            tuple(planning.LessonSpec(x.slug, x.title, x.minutes) for x in lessons),
        )
        topic_ids[topic.slug] = topic.pk
        lesson_ids.update({(topic.slug, x.slug): x.pk for x in lessons})
    return template, specs, topic_ids, lesson_ids


def test_the_material_kept_is_what_the_curriculum_holds(curriculum):
    Lesson.objects.filter(pk=Lesson.objects.first().pk).update(retired=True)
    Topic.objects.filter(slug="system-design").update(retired=True)

    kept = material.plan_material()

    template, topics, topic_ids, lesson_ids = reference_material()
    assert kept.template == template
    assert list(kept.topics.items()) == list(topics.items())  # in curriculum order
    assert dict(kept.topic_ids) == topic_ids
    assert dict(kept.lesson_ids) == lesson_ids
    assert "system-design" not in kept.topics


def study_item_titles(user) -> dict[str, str]:
    plan = onboard(user, TODAY, ratings=study_ratings())
    return dict(plan.items.filter(lesson__isnull=False).values_list("key", "title"))


def test_a_staff_edit_in_the_admin_reaches_the_next_plan(staff, curriculum):
    first = study_item_titles(UserFactory())
    key, title = next(iter(first.items()))
    lesson = PlanItem.objects.filter(key=key).select_related("lesson").first().lesson
    admin = Client()
    admin.force_login(staff)

    response = admin.post(
        f"/admin/curriculum/lesson/{lesson.pk}/change/",
        {
            "topic": lesson.topic_id,
            "slug": lesson.slug,
            "title": "Retitled by staff",
            "level": lesson.level,
            "minutes": lesson.minutes,
            "body": lesson.body,
            "order": lesson.order,
            "_save": "Save",
        },
    )

    assert response.status_code == 302
    assert title != "Retitled by staff"
    assert study_item_titles(UserFactory())[key] == "Retitled by staff"


def test_a_lesson_retired_by_a_queryset_update_leaves_the_next_plan(curriculum):
    first = study_item_titles(UserFactory())
    key = next(iter(first))
    lesson_id = PlanItem.objects.filter(key=key).values_list("lesson_id", flat=True).first()

    Lesson.objects.filter(pk=lesson_id).update(retired=True)

    assert key not in study_item_titles(UserFactory())


def test_an_edit_rolled_back_leaves_no_stale_copy_behind(curriculum):
    lesson = Lesson.objects.filter(retired=False, topic__retired=False).first()
    spec = (lesson.topic.slug, lesson.slug)

    def title_kept() -> str:
        lessons = material.plan_material().topics[spec[0]].lessons
        return next(x.title for x in lessons if x.slug == spec[1])

    with pytest.raises(RuntimeError), transaction.atomic():
        Lesson.objects.filter(pk=lesson.pk).update(title="A draft")
        assert title_kept() == "A draft"  # read and kept under the draft's version
        raise RuntimeError("rolled back")
    assert title_kept() == lesson.title
    # Another edit gets a new version of its own, not the rolled-back draft's.
    Lesson.objects.filter(pk=lesson.pk).update(title="The final title")
    assert title_kept() == "The final title"
