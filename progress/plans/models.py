"""A learner's schedule, self-ratings, plan and plan items."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from curriculum.models import Activity, Lesson, Topic

from .schedule import MAX_MINUTES_PER_DAY, MIN_MINUTES_PER_DAY, WEEKDAYS

NOTE_MAX_LENGTH = 1000
SKIP_REASON_MAX_LENGTH = 200


class Schedule(models.Model):
    """When and how much the learner studies: what the plan is built from. The time zone is
    the user's own (accounts), not the plan's."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="schedule"
    )
    target_role = models.CharField(max_length=120, blank=True)
    # Weekday numbers as digits, Monday = 0: "01234" is Monday to Friday.
    study_days = models.CharField(max_length=7, default="01234")
    minutes_per_day = models.PositiveSmallIntegerField(default=60)
    start_date = models.DateField()
    interview_date = models.DateField(null=True, blank=True)
    # The plan ends the day before the next interview the learner records, and follows it
    # when an interview is added, moved or deleted.
    follows_interviews = models.BooleanField(default=False)
    onboarded_at = models.DateTimeField(null=True, blank=True)
    # Goes up with every change the learner or their mentor makes: the figures pages cache
    # (progress.figures) are keyed by it.
    version = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes_per_day__gte=MIN_MINUTES_PER_DAY)
                & Q(minutes_per_day__lte=MAX_MINUTES_PER_DAY),
                name="schedule_minutes_range",
            ),
        ]

    def __str__(self):
        return f"Schedule of {self.user}"

    @property
    def study_weekdays(self) -> frozenset[int]:
        return frozenset(int(d) for d in self.study_days)

    @property
    def study_day_names(self) -> list[str]:
        return [WEEKDAYS[d] for d in sorted(self.study_weekdays)]


class TopicRating(models.Model):
    """The learner's own confidence in a topic, 1 (new to me) to 5 (could teach it)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="topic_ratings"
    )
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="+")
    rating = models.PositiveSmallIntegerField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "topic"], name="rating_once_per_topic"),
            models.CheckConstraint(
                condition=Q(rating__gte=1) & Q(rating__lte=5), name="rating_range"
            ),
        ]

    def __str__(self):
        return f"{self.user} rates {self.topic}: {self.rating}"


class Plan(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="plans"
    )
    start_date = models.DateField()
    end_date = models.DateField()
    is_active = models.BooleanField(default=True)
    # What the last rebuild could not fit, as planning.LeftOut fields (key, activity, topic
    # and lesson slugs, title, minutes): listed on the plan page, to be added back.
    left_out = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    rebuilt_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=Q(is_active=True), name="one_active_plan_per_user"
            ),
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="plan_ends_after_start"
            ),
        ]

    def __str__(self):
        return f"Plan of {self.user} ({self.start_date} to {self.end_date})"


class PlanItem(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "To do"
        DONE = "done", "Done"
        SKIPPED = "skipped", "Skipped"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="items")
    date = models.DateField()
    position = models.PositiveSmallIntegerField(default=0)
    key = models.CharField(max_length=160)
    activity = models.CharField(max_length=16, choices=Activity.choices)
    topic = models.ForeignKey(
        Topic, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    lesson = models.ForeignKey(
        Lesson, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(max_length=200)
    minutes = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    completed_at = models.DateTimeField(null=True, blank=True)
    skip_reason = models.CharField(max_length=SKIP_REASON_MAX_LENGTH, blank=True)
    note = models.TextField(blank=True, max_length=NOTE_MAX_LENGTH)
    # Set when a catch-up moved a missed item: the day it was first planned for.
    original_date = models.DateField(null=True, blank=True)
    # The learner added it back from what compression left out: a rebuild keeps it.
    added_back = models.BooleanField(default=False)

    class Meta:
        ordering = ["date", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "key"], name="plan_item_key_unique"),
        ]
        indexes = [models.Index(fields=["plan", "date"]), models.Index(fields=["plan", "status"])]

    def __str__(self):
        return f"{self.date}: {self.title}"

    @property
    def is_done(self) -> bool:
        return self.status == self.Status.DONE

    @property
    def is_skipped(self) -> bool:
        return self.status == self.Status.SKIPPED
