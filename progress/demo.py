"""Demo data for `seed_demo`: a learner two weeks into a plan, some work done, some missed."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from curriculum.models import PracticePattern, RubricDimension, Topic

from .interviews.models import Interview
from .interviews.services import interview_create, interview_reflect
from .journal.models import MockInterview, MockScore, PracticeProblem, Story
from .mentoring.models import Mentorship
from .plans.models import Plan, PlanItem, TopicRating
from .plans.selectors import study_topics
from .plans.services import onboarding_complete

DEMO_ZONE = "Europe/London"
DEMO_RATINGS = {
    "python-fundamentals": 4,
    "data-structures-algorithms": 2,
    "system-design": 1,
    "concurrency-async": 2,
    "oop-design-patterns": 3,
}


def demo_plan(user, today) -> bool:
    """Give the demo learner a plan started 14 days ago; False if they already have one."""
    if Plan.objects.filter(user=user, is_active=True).exists():
        return False
    start = today - timedelta(days=14)
    ratings = {t.pk: DEMO_RATINGS.get(t.slug, 3) for t in study_topics()}
    plan = onboarding_complete(
        user=user,
        interview_date=today + timedelta(days=14),
        start_date=start,
        timezone_name=DEMO_ZONE,
        target_role="Backend Python engineer",
        study_days=frozenset(range(6)),
        minutes_per_day=90,
        ratings=ratings,
        today=start,
    )
    zone = ZoneInfo(DEMO_ZONE)
    past = list(plan.items.filter(date__lt=today).order_by("date", "position"))
    for n, item in enumerate(past):
        # Every fourth item is left undone, so the demo shows overdue work to catch up.
        if n % 4 != 3:
            item.status = PlanItem.Status.DONE
            item.completed_at = datetime.combine(item.date, time(19, 30), zone)
    PlanItem.objects.bulk_update(past, ["status", "completed_at"])
    if past:
        past[0].note = "Re-read the part on closures; the late-binding example tripped me up."
        past[0].save(update_fields=["note"])
    return TopicRating.objects.filter(user=user).exists()


def demo_journal(user, today) -> bool:
    """Interviews (one coming, one past with a reflection), practice, stories and a mock."""
    if Interview.objects.filter(user=user).exists():
        return False
    zone = ZoneInfo(DEMO_ZONE)
    base = {"format": "video", "timezone_name": DEMO_ZONE}
    interview_create(
        user=user,
        **base,
        company="Northwind Analytics",
        role="Python backend engineer",
        stage="technical",
        scheduled_at=datetime.combine(today + timedelta(days=14), time(10, 0), zone),
    )
    past = interview_create(
        user=user,
        **base,
        company="Contoso Cloud",
        role="Platform engineer",
        stage="phone-screen",
        scheduled_at=datetime.combine(today - timedelta(days=5), time(15, 0), zone),
    )
    interview_reflect(
        interview=past,
        went_well="Explained my import-job story clearly.",
        to_improve="Froze on a caching question.",
        outcome="moved-on",
        today=today,
        topic_ids=list(Topic.objects.filter(slug="system-design").values_list("pk", flat=True)),
    )
    patterns = {p.slug: p for p in PracticePattern.objects.all()}
    practice_topic = Topic.objects.get(slug="practice-problems")
    for n, (title, pattern, family, solved, hint) in enumerate(
        [
            ("Two sum", "two-pointers", "arrays-and-strings", True, False),
            (
                "Longest substring without repeats",
                "sliding-window",
                "arrays-and-strings",
                True,
                True,
            ),
            ("Climbing stairs", "dynamic-programming", None, True, False),
            ("Search in rotated array", "binary-search", "arrays-and-strings", False, True),
            ("Merge k sorted lists", None, "heaps", False, False),
        ]
    ):
        PracticeProblem.objects.create(
            user=user,
            title=title,
            topic=practice_topic,
            pattern=patterns.get(pattern),
            family=patterns.get(family),
            difficulty="medium",
            solved=solved,
            hint_used=hint,
            minutes=25 + 5 * n,
            practised_on=today - timedelta(days=n),
        )
    Story.objects.create(
        user=user,
        title="The import job that timed out",
        situation="A nightly import started timing out as data grew.",
        task="Make it reliable before the busy season.",
        action="Profiled it, found per-row queries, switched to batched inserts.",
        result="Run time fell from 50 to 6 minutes; no failures in three months.",
        competencies="debugging, ownership",
    )
    Story.objects.create(
        user=user,
        title="Disagreeing about a framework",
        situation="The team split over a new web framework.",
        task="Help us decide.",
        action="Wrote a one-page comparison and ran a small spike.",
        result="We chose well and the team felt heard.",
        competencies="collaboration",
    )
    mock = MockInterview.objects.create(
        user=user,
        held_on=today - timedelta(days=2),
        run_by="peer",
        interviewer="Sam",
        notes="Rushed the trade-off discussion.",
    )
    mock.topics.set(Topic.objects.filter(slug__in=["system-design", "concurrency-async"]))
    for n, dimension in enumerate(RubricDimension.objects.all()):
        MockScore.objects.create(mock=mock, dimension=dimension, score=2 + n % 3)
    return True


def demo_mentoring(*, mentor, mentee) -> bool:
    """The demo mentor follows the demo learner; False if they already do."""
    if Mentorship.objects.filter(mentor=mentor, mentee=mentee, status="active").exists():
        return False
    Mentorship.objects.create(
        mentor=mentor,
        mentee=mentee,
        invited_by=Mentorship.Side.MENTEE,
        email=mentor.email,
        status=Mentorship.Status.ACTIVE,
        expires_at=timezone.now(),
        answered_at=timezone.now(),
    )
    return True
