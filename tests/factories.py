"""factory-boy factories for the suite. Records that a service would build with more than
one row (a plan, an interview with its checklist) are made through that service, so tests
see exactly what users get."""

from datetime import date, timedelta

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.models import User

PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory):
    """A user with a verified primary address, able to log in with PASSWORD."""

    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    display_name = factory.Faker("first_name")
    timezone = "UTC"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(user, create, extracted, **kwargs):
        if create:
            user.save()
            EmailAddress.objects.get_or_create(
                user=user, email=user.email, defaults={"verified": True, "primary": True}
            )


def onboard(user, today: date, ratings: dict[int, int] | None = None, **overrides):
    """Onboard `user` through the same service the onboarding page uses; returns the plan."""
    from progress.plans import services

    schedule = {
        "interview_date": None,
        "start_date": today,
        "timezone_name": user.timezone,
        "target_role": "Backend Python engineer",
        "study_days": frozenset(range(7)),
        "minutes_per_day": 60,
        **overrides,
    }
    return services.onboarding_complete(user=user, **schedule, ratings=ratings or {}, today=today)


class InterviewFactory(factory.Factory):
    """An interview with its checklists, made by interviews.services.interview_create."""

    class Meta:
        model = dict

    user = factory.SubFactory(UserFactory)
    company = factory.Sequence(lambda n: f"Company {n}")
    role = "Backend engineer"
    stage = "technical"
    format = "video"
    scheduled_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=3))
    timezone_name = factory.LazyAttribute(lambda o: o.user.timezone)
    link = ""
    notes = ""

    @classmethod
    def _create(cls, model_class, **kwargs):
        from progress.interviews.services import interview_create

        return interview_create(**kwargs)

    _build = _create


class PracticeProblemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "progress.PracticeProblem"

    user = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Problem {n}")
    topic = factory.LazyFunction(lambda: _topic("practice-problems"))
    difficulty = "medium"
    solved = True
    hint_used = False
    minutes = 30
    practised_on = factory.LazyFunction(timezone.localdate)


class StoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "progress.Story"

    user = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Story {n}")
    situation = "A nightly import timed out."
    task = "Make it reliable."
    action = "Batched the inserts."
    result = "Run time fell from 50 to 6 minutes."
    competencies = "debugging"


class MockInterviewFactory(factory.django.DjangoModelFactory):
    """A mock scored `scores` (default 3) on every live rubric dimension; scores=0 for none."""

    class Meta:
        model = "progress.MockInterview"
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    held_on = factory.LazyFunction(timezone.localdate)
    run_by = "peer"

    @factory.post_generation
    def scores(mock, create, extracted, **kwargs):
        from curriculum.models import RubricDimension
        from progress.journal.models import MockScore

        score = 3 if extracted is None else extracted
        if create and score:
            MockScore.objects.bulk_create(
                MockScore(mock=mock, dimension=d, score=score)
                for d in RubricDimension.objects.filter(retired=False)
            )


def _topic(slug: str):
    from curriculum.models import Topic

    return Topic.objects.get(slug=slug)
