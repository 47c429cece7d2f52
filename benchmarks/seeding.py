"""The learners the page benchmarks sign in as, beside the demo accounts of `seed_demo`.

- The large learner: a 6-month plan (7 study days a week, 240 minutes a day) made by the
  onboarding service itself, started three months ago with about half of its past items
  ticked done, and `RECORDS` (300) of each record a learner keeps: interviews with their
  checklists (the past ones half reflected on), practice problems, STAR stories, mocks with
  their rubric scores, and review cards with a rating each. The records are bulk-inserted.
- Planless learners: signed up and verified, not onboarded, one for each onboarding POST.

Django must be set up (production settings, the benchmark's database) before these run.
The seeding must work against older trees as well as the current one, so it passes a
service only the arguments its signature takes and a model only the fields it has.
"""

import inspect
import random
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

RECORDS = 300
ZONE = "Europe/London"
LARGE_EMAIL = "large-learner@bench.example"
PLAN_DAYS = 182  # six months: interview date this many days after the start
STUDY_DAYS = frozenset(range(7))
MINUTES_PER_DAY = 240


def call_tolerantly(function, **kwargs):
    """`function` with the keyword arguments its signature names (all, if it takes **)."""
    parameters = inspect.signature(function).parameters
    if not any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values()):
        kwargs = {k: v for k, v in kwargs.items() if k in parameters}
    return function(**kwargs)


def build(model, **values):
    """An unsaved `model` with the values whose fields it has (older trees have fewer)."""
    names = {f.name for f in model._meta.get_fields()} | {
        f.attname for f in model._meta.concrete_fields
    }
    return model(**{k: v for k, v in values.items() if k in names})


def verified_user(email: str, *, zone: str = ZONE, name: str = ""):
    """A user with a verified primary address, as after sign-up and confirmation."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    user, _ = get_user_model().objects.get_or_create(
        email=email, defaults={"display_name": name, "timezone": zone}
    )
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def demo_accounts() -> dict:
    """The accounts `seed_demo` makes, by role (their e-mails are fixed in the command)."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    return {
        "learner": users.get(email="learner@example.com"),
        "mentor": users.get(email="mentor@example.com"),
    }


def planless_learners(count: int, label: str) -> list:
    """`count` new verified learners with no schedule and no plan (each run makes new ones:
    an onboarding POST leaves its learner onboarded)."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    User = get_user_model()
    stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S%f")
    password = make_password(None)  # unusable: they are signed in by session
    users = User.objects.bulk_create(
        build(User, email=f"{label}-{stamp}-{n}@bench.example", password=password, timezone=ZONE)
        for n in range(count)
    )
    EmailAddress.objects.bulk_create(
        EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users
    )
    return users


def today() -> date:
    from accounts.zones import today_in

    return today_in(ZONE)


def large_learner(*, records: int = RECORDS, email: str = LARGE_EMAIL):
    """The large learner (made once per database; a second call finds it)."""
    from progress.plans.models import Plan

    user = verified_user(email, name="Large learner")
    if Plan.objects.filter(user=user, is_active=True).exists():
        return user
    draw = random.Random(2025)  # a fixed seed: runs compare
    day = today()
    _plan(user, day, draw)
    _interviews(user, day, draw, records)
    _practice(user, day, draw, records)
    _stories(user, draw, records)
    _mocks(user, day, draw, records)
    _review_cards(user, day, draw, records)
    return user


def _plan(user, day, draw: random.Random) -> None:
    """Onboarded three months ago through the onboarding service, as the view does; about
    half of the past items ticked done in the evening of their day."""
    from progress.plans.models import PlanItem
    from progress.plans.selectors import study_topics
    from progress.plans.services import onboarding_complete

    start = day - timedelta(days=PLAN_DAYS // 2)
    plan = call_tolerantly(
        onboarding_complete,
        user=user,
        start_date=start,
        interview_date=start + timedelta(days=PLAN_DAYS),
        timezone_name=ZONE,
        target_role="Backend Python engineer",
        study_days=STUDY_DAYS,
        minutes_per_day=MINUTES_PER_DAY,
        ratings={t.pk: 1 + n % 5 for n, t in enumerate(study_topics())},
        today=start,
    )
    zone = ZoneInfo(ZONE)
    past = list(PlanItem.objects.filter(plan=plan, date__lt=day).order_by("date", "position"))
    ticked = [item for item in past if draw.random() < 0.5]
    for item in ticked:
        item.status = PlanItem.Status.DONE
        item.completed_at = datetime.combine(item.date, time(19, draw.randrange(60)), zone)
    PlanItem.objects.bulk_update(ticked, ["status", "completed_at"], batch_size=1000)


def _due(scheduled_at, template, user_zone: str):
    """A checklist item's due time, as `interview_create` computes it."""
    try:
        from progress.interviews.rules import due_at
    except ImportError:
        return scheduled_at + timedelta(hours=template.due_offset_hours)
    return call_tolerantly(
        due_at,
        interview_at=scheduled_at,
        offset_hours=template.due_offset_hours,
        zone=user_zone,
        evening_in=user_zone if getattr(template, "due_evening", False) else None,
    )


def _interviews(user, day, draw: random.Random, count: int) -> None:
    """Interviews over the last ten months and the next two, each with its own copy of the
    checklist; past ones have most items ticked and every other one a reflection."""
    from curriculum.models import ChecklistTemplateItem, Topic
    from progress.interviews.models import Interview, InterviewChecklistItem

    zone = ZoneInfo(ZONE)
    now = datetime.now(UTC)
    stages = [s for s, _ in Interview.Stage.choices]
    formats = [f for f, _ in Interview.Format.choices]
    outcomes = [o for o, _ in Interview.Outcome.choices if o != Interview.Outcome.PENDING]
    rows, pasts = [], []
    for n in range(count):
        when = datetime.combine(day + timedelta(days=n - count + 60), time(9 + n % 8), zone)
        past, reflected = when < now, when < now and n % 2 == 0
        rows.append(
            build(
                Interview,
                user=user,
                company=f"Company {n:03d}",
                role=draw.choice(["Backend engineer", "Platform engineer", "Python developer"]),
                stage=draw.choice(stages),
                format=draw.choice(formats),
                scheduled_at=when,
                timezone=ZONE,
                notes="Bring the STAR stories; ask about the on-call rota." if n % 3 else "",
                outcome=draw.choice(outcomes) if reflected else Interview.Outcome.PENDING,
                went_well="Explained the design trade-offs clearly." if reflected else "",
                to_improve="Went quiet on a caching question." if reflected else "",
                reflected_at=when + timedelta(hours=3) if reflected else None,
            )
        )
        pasts.append(past)
    interviews = Interview.objects.bulk_create(rows, batch_size=500)
    templates = list(ChecklistTemplateItem.objects.filter(retired=False))
    items = []
    for interview, past in zip(interviews, pasts, strict=True):
        for t in templates:
            due = _due(interview.scheduled_at, t, ZONE)
            items.append(
                build(
                    InterviewChecklistItem,
                    interview=interview,
                    template=t,
                    phase=t.phase,
                    text=t.text,
                    detail=t.detail,
                    offset_hours=t.due_offset_hours,
                    evening=getattr(t, "due_evening", False),
                    due_at=due,
                    done_at=due if past and draw.random() < 0.8 else None,
                    position=t.order,
                )
            )
    InterviewChecklistItem.objects.bulk_create(items, batch_size=2000)
    weak = list(Topic.objects.filter(kind="study", retired=False).values_list("pk", flat=True))
    through = Interview.improve_topics.through
    through.objects.bulk_create(
        through(interview_id=i.pk, topic_id=draw.choice(weak))
        for i in interviews
        if i.reflected_at is not None and weak
    )


def _practice(user, day, draw: random.Random, count: int) -> None:
    from curriculum.models import PracticePattern, Topic
    from progress.journal.models import PracticeProblem

    topic = Topic.objects.filter(slug="practice-problems").first() or Topic.objects.first()
    techniques = list(PracticePattern.objects.filter(kind="technique"))
    families = list(PracticePattern.objects.filter(kind="family"))
    PracticeProblem.objects.bulk_create(
        (
            build(
                PracticeProblem,
                user=user,
                title=f"Practice problem {n:03d}",
                topic=topic,
                pattern=draw.choice(techniques) if techniques and n % 4 else None,
                family=draw.choice(families) if families and n % 3 else None,
                difficulty=draw.choice(["easy", "medium", "hard"]),
                solved=draw.random() < 0.6,
                hint_used=draw.random() < 0.3,
                minutes=draw.randint(10, 90),
                practised_on=day - timedelta(days=n * 90 // count),
                notes="Sort first, then two pointers." if n % 5 == 0 else "",
            )
            for n in range(count)
        ),
        batch_size=500,
    )


def _stories(user, draw: random.Random, count: int) -> None:
    from progress.journal.models import Story

    competencies = ["ownership", "debugging", "collaboration", "conflict", "mentoring"]
    Story.objects.bulk_create(
        (
            build(
                Story,
                user=user,
                title=f"Story {n:03d}: the import job that timed out",
                situation="A nightly import started timing out as data grew.",
                task="Make it reliable before the busy season.",
                action="Profiled it, found per-row queries, switched to batched inserts.",
                # Every third result has no number: the page flags it as not measurable.
                result="It held up through the busy season."
                if n % 3 == 0
                else f"Run time fell from 50 to {n % 9 + 3} minutes.",
                competencies=", ".join(draw.sample(competencies, 2)),
            )
            for n in range(count)
        ),
        batch_size=500,
    )


def _mocks(user, day, draw: random.Random, count: int) -> None:
    from curriculum.models import RubricDimension, Topic
    from progress.journal.models import MockInterview, MockScore

    mocks = MockInterview.objects.bulk_create(
        (
            build(
                MockInterview,
                user=user,
                held_on=day - timedelta(days=n * 90 // count),
                run_by=draw.choice(["self", "peer", "mentor"]),
                interviewer="Sam" if n % 2 else "",
                notes="Rushed the trade-off discussion." if n % 4 == 0 else "",
            )
            for n in range(count)
        ),
        batch_size=500,
    )
    dimensions = list(RubricDimension.objects.filter(retired=False))
    MockScore.objects.bulk_create(
        (
            MockScore(mock=mock, dimension=d, score=draw.randint(1, 4))
            for mock in mocks
            for d in dimensions
        ),
        batch_size=2000,
    )
    topics = list(Topic.objects.filter(kind="study", retired=False).values_list("pk", flat=True))
    through = MockInterview.topics.through
    through.objects.bulk_create(
        (
            through(mockinterview_id=mock.pk, topic_id=t)
            for mock in mocks
            for t in draw.sample(topics, min(2, len(topics)))
        ),
        batch_size=2000,
    )


def _review_cards(user, day, draw: random.Random, count: int) -> None:
    """A card for each of up to `count` concepts (one card per concept), each rated once in
    the last month; some are due now, the rest later."""
    try:
        from progress.review import rules
        from progress.review.models import ReviewCard, ReviewLog
    except ImportError:  # a tree without spaced review
        return
    from curriculum.models import Concept

    now = datetime.now(UTC)
    concepts = list(
        Concept.objects.filter(retired=False, topic__retired=False).order_by("pk")[:count]
    )
    cards, ratings = [], []
    for n, concept in enumerate(concepts):
        started = now - timedelta(days=1 + n % 30, hours=draw.randrange(12))
        rating = draw.choice([1, 2, 3, 3, 4])
        state = rules.reviewed(rules.new_state(concept.pk, started), rating, started)
        cards.append(
            build(
                ReviewCard,
                user=user,
                concept=concept,
                state=state,
                due=rules.due_of(state),
                parameters_version=rules.PARAMETERS_VERSION,
                created_at=started,
            )
        )
        ratings.append((rating, started))
    cards = ReviewCard.objects.bulk_create(cards, batch_size=500)
    ReviewLog.objects.bulk_create(
        (
            build(
                ReviewLog,
                card=card,
                rating=rating,
                reviewed_at=started,
                due_after=card.due,
                parameters_version=rules.PARAMETERS_VERSION,
            )
            for card, (rating, started) in zip(cards, ratings, strict=True)
        ),
        batch_size=500,
    )


def large_learner_summary(user) -> str:
    """What the large learner has, counted from the database (one line)."""
    from progress.interviews.models import Interview, InterviewChecklistItem
    from progress.journal.models import MockInterview, PracticeProblem, Story
    from progress.plans.models import PlanItem

    items = PlanItem.objects.filter(plan__user=user, plan__is_active=True)
    parts = [
        f"{items.count()} plan items ({items.filter(status='done').count()} done)",
        f"{Interview.objects.filter(user=user).count()} interviews "
        f"({InterviewChecklistItem.objects.filter(interview__user=user).count()} checklist items)",
        f"{PracticeProblem.objects.filter(user=user).count()} practice problems",
        f"{Story.objects.filter(user=user).count()} stories",
        f"{MockInterview.objects.filter(user=user).count()} mocks",
    ]
    try:
        from progress.review.models import ReviewCard

        parts.append(f"{ReviewCard.objects.filter(user=user).count()} review cards")
    except ImportError:
        pass
    return ", ".join(parts)
