"""Demo data for `seed_demo`: a learner two weeks into a plan, some work done, some missed,
and a mentor following them and four more mentees, one in each state the mentor dashboard
picks out (on track, behind, interview soon, inactive)."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from curriculum.models import PracticePattern, RubricDimension, Topic

from .interviews.models import Interview
from .interviews.services import interview_create, interview_reflect
from .journal.models import MockInterview, MockScore, PracticeProblem, Story
from .mentoring import rules
from .mentoring.models import Comment, Mentorship
from .mentoring.services import comment_add
from .plans.models import Plan, PlanItem, TopicRating
from .plans.selectors import study_topics
from .plans.services import onboarding_complete
from .plans.views.today import OVERDUE_SHOWN

DEMO_ZONE = "Europe/London"
# email, name, state: the state names the work done (see demo_mentee).
DEMO_MENTEES = (
    ("demo-ontrack@example.com", "Priya", "on-track"),
    ("demo-behind@example.com", "Tom", "behind"),
    ("demo-interview@example.com", "Sara", "interview"),
    ("demo-inactive@example.com", "Leo", "inactive"),
)
MENTEE_STATES = {
    "on-track": "on track: every item up to yesterday done",
    "behind": "behind: one item a day ticked, the rest left",
    "interview": "with an interview in three days",
    "inactive": f"inactive: nothing ticked for {rules.INACTIVE_AFTER_STUDY_DAYS + 1} study days",
}
DEMO_RATINGS = {
    "python-fundamentals": 4,
    "data-structures-algorithms": 2,
    "system-design": 1,
    "concurrency-async": 2,
    "oop-design-patterns": 3,
}


def demo_today():
    """Today where the demo people live: the dashboard reads each state in their own zone."""
    return timezone.now().astimezone(ZoneInfo(DEMO_ZONE)).date()


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


def _mentee_schedule(state: str, today) -> dict:
    """Each mentee studies on their own days, so the dashboard shows different schedules."""
    start, interview = today - timedelta(days=14), today + timedelta(days=21)
    days, minutes = frozenset(range(7)), 60
    if state == "on-track":
        interview, days = today + timedelta(days=28), frozenset(range(5))
    if state == "interview":
        # A short plan ending the day before the interview.
        start, interview = today - timedelta(days=10), today + timedelta(days=3)
        days, minutes = frozenset(range(6)), 90
    return {"start": start, "interview": interview, "days": days, "minutes": minutes}


def _to_tick(state: str, past: list[PlanItem]) -> list[PlanItem]:
    """The past items the mentee has ticked, by the state they are shown in."""
    if state == "behind":
        # A little every day (so not inactive), far less than the plan asks.
        firsts: dict = {}
        for item in past:
            firsts.setdefault(item.date, item)
        return list(firsts.values())
    if state == "inactive":
        # Kept up at first, then nothing on the last few study days (one more than the
        # dashboard's threshold, so the demo stays inactive whatever the weekday).
        dates = sorted({item.date for item in past})
        quiet = set(dates[-(rules.INACTIVE_AFTER_STUDY_DAYS + 1) :])
        return [item for item in past if item.date not in quiet]
    return past


def demo_mentee(user, today, state: str) -> bool:
    """A plan two weeks in (one week and a half for the interview state) with the work that
    puts the mentee in `state` on the mentor dashboard; False if they already have a plan."""
    if Plan.objects.filter(user=user, is_active=True).exists():
        return False
    schedule = _mentee_schedule(state, today)
    plan = onboarding_complete(
        user=user,
        interview_date=schedule["interview"],
        start_date=schedule["start"],
        timezone_name=DEMO_ZONE,
        target_role="Backend Python engineer",
        study_days=schedule["days"],
        minutes_per_day=schedule["minutes"],
        ratings={t.pk: DEMO_RATINGS.get(t.slug, 3) for t in study_topics()},
        today=schedule["start"],
    )
    zone = ZoneInfo(DEMO_ZONE)
    past = list(plan.items.filter(date__lt=today).order_by("date", "position"))
    ticked = _to_tick(state, past)
    for n, item in enumerate(ticked):
        # Ticked in the evening of the item's own day: "last active" reads these stamps.
        item.status = PlanItem.Status.DONE
        item.completed_at = datetime.combine(item.date, time(18 + n % 3, 10 * (n % 6)), zone)
    PlanItem.objects.bulk_update(ticked, ["status", "completed_at"])
    if state == "interview":
        interview_create(
            user=user,
            company="Fabrikam Data",
            role="Python developer",
            stage=Interview.Stage.TECHNICAL,
            format=Interview.Format.IN_PERSON,
            timezone_name=DEMO_ZONE,
            scheduled_at=datetime.combine(today + timedelta(days=3), time(10, 0), zone),
        )
    return True


def demo_comments(*, mentor, learner, today) -> bool:
    """The mentor's comments on the learner's first item of today and on a story; False if
    the mentor has commented already. On a day without study the comment goes on the latest
    overdue item the today view lists, so the learner still sees it there."""
    if Comment.objects.filter(author=mentor, learner=learner).exists():
        return False
    items = PlanItem.objects.filter(plan__user=learner, plan__is_active=True)
    overdue_shown = list(
        items.filter(date__lt=today, status=PlanItem.Status.PENDING).order_by(
            "date", "position", "pk"
        )[:OVERDUE_SHOWN]
    )
    item = items.filter(date=today).order_by("position", "pk").first() or (
        overdue_shown[-1] if overdue_shown else None
    )
    if item is None:
        return False
    comment_add(
        author=mentor,
        learner_id=learner.pk,
        about=Comment.About.ITEM,
        about_id=item.pk,
        body="Say your answer out loud once before you tick this one: it shows the gaps fast.",
    )
    story = Story.objects.filter(user=learner).order_by("pk").first()
    if story is not None:
        comment_add(
            author=mentor,
            learner_id=learner.pk,
            about=Comment.About.STORY,
            about_id=story.pk,
            body="Strong result. Add one line on how you found the per-row queries.",
        )
    return True
