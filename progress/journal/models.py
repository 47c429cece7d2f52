"""The learner's practice log, STAR stories and mock interviews."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from curriculum.models import PracticePattern, RubricDimension, Topic
from progress.interviews.models import TEXT_MAX_LENGTH

from .star import lacks_measurable_result


class PracticeProblem(models.Model):
    class Difficulty(models.TextChoices):
        EASY = "easy", "Easy"
        MEDIUM = "medium", "Medium"
        HARD = "hard", "Hard"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="practice_problems"
    )
    title = models.CharField(max_length=200)
    link = models.URLField(blank=True)
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="+")
    pattern = models.ForeignKey(
        PracticePattern,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": PracticePattern.Kind.TECHNIQUE},
    )
    family = models.ForeignKey(
        PracticePattern,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": PracticePattern.Kind.FAMILY},
    )
    difficulty = models.CharField(max_length=6, choices=Difficulty.choices)
    solved = models.BooleanField(default=False)
    hint_used = models.BooleanField(default=False)
    minutes = models.PositiveSmallIntegerField()
    practised_on = models.DateField()
    notes = models.TextField(blank=True, max_length=TEXT_MAX_LENGTH)
    created_at = models.DateTimeField(auto_now_add=True)

    submission = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-practised_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "submission"], name="practice_submission_once"),
            models.CheckConstraint(
                condition=Q(minutes__gte=1) & Q(minutes__lte=600), name="practice_minutes_range"
            ),
        ]

    def __str__(self):
        return self.title


class Story(models.Model):
    """A STAR story: situation, task, action, result, and the competencies it shows."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="stories"
    )
    title = models.CharField(max_length=160)
    situation = models.TextField(max_length=TEXT_MAX_LENGTH)
    task = models.TextField(max_length=TEXT_MAX_LENGTH)
    action = models.TextField(max_length=TEXT_MAX_LENGTH)
    result = models.TextField(max_length=TEXT_MAX_LENGTH)
    competencies = models.CharField(
        max_length=300, blank=True, help_text="Comma-separated, e.g. ownership, debugging, conflict"
    )
    updated_at = models.DateTimeField(auto_now=True)

    submission = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name_plural = "stories"
        constraints = [
            models.UniqueConstraint(fields=["user", "submission"], name="story_submission_once"),
        ]

    def __str__(self):
        return self.title

    @property
    def lacks_measurable_result(self) -> bool:
        return lacks_measurable_result(self.result)

    @property
    def competency_list(self) -> list[str]:
        return [c.strip() for c in self.competencies.split(",") if c.strip()]


class MockInterview(models.Model):
    class RunBy(models.TextChoices):
        SELF = "self", "Myself"
        PEER = "peer", "A peer"
        MENTOR = "mentor", "A mentor"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mocks"
    )
    held_on = models.DateField()
    run_by = models.CharField(max_length=6, choices=RunBy.choices)
    interviewer = models.CharField(max_length=120, blank=True)
    # Set when a mentor recorded and scored the mock for the learner (the scores are the
    # mentor's: the learner may delete the mock, not change them).
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mocks_scored",
    )
    topics = models.ManyToManyField(Topic, blank=True, related_name="+")
    notes = models.TextField(blank=True, max_length=TEXT_MAX_LENGTH)
    created_at = models.DateTimeField(auto_now_add=True)

    submission = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "submission"], name="mock_submission_once"),
        ]

    def __str__(self):
        return f"Mock on {self.held_on}"


class MockScore(models.Model):
    """A 1-4 score on one communication-rubric dimension."""

    mock = models.ForeignKey(MockInterview, on_delete=models.CASCADE, related_name="scores")
    dimension = models.ForeignKey(RubricDimension, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["dimension__order"]
        constraints = [
            models.UniqueConstraint(fields=["mock", "dimension"], name="one_score_per_dimension"),
            models.CheckConstraint(condition=Q(score__gte=1) & Q(score__lte=4), name="score_range"),
        ]

    def __str__(self):
        return f"{self.dimension}: {self.score}/4"
