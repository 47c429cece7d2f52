"""Interviews, their before / during / after checklists, and the reflection afterwards."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from curriculum import timing
from curriculum.models import ChecklistTemplateItem, Topic

TEXT_MAX_LENGTH = 4000
CHECKLIST_TEXT_MAX_LENGTH = 200


class Interview(models.Model):
    class Stage(models.TextChoices):
        PHONE_SCREEN = "phone-screen", "Phone screen"
        TECHNICAL = "technical", "Technical"
        SYSTEM_DESIGN = "system-design", "System design"
        BEHAVIOURAL = "behavioural", "Behavioural"
        ONSITE = "onsite", "Onsite"
        OTHER = "other", "Other"

    class Format(models.TextChoices):
        VIDEO = "video", "Video call"
        PHONE = "phone", "Phone"
        IN_PERSON = "in-person", "In person"
        TAKE_HOME = "take-home", "Take-home"

    class Outcome(models.TextChoices):
        PENDING = "pending", "Pending"
        MOVED_ON = "moved-on", "Moved on to the next stage"
        OFFER = "offer", "Offer"
        REJECTED = "rejected", "Rejected"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="interviews"
    )
    company = models.CharField(max_length=120)
    role = models.CharField(max_length=120)
    stage = models.CharField(max_length=16, choices=Stage.choices)
    format = models.CharField(max_length=12, choices=Format.choices, default=Format.VIDEO)
    scheduled_at = models.DateTimeField(help_text="Stored in UTC.")
    # The zone the time was given in: checklist due times keep their wall-clock time in it.
    timezone = models.CharField(max_length=64)
    link = models.URLField(blank=True)
    notes = models.TextField(blank=True, max_length=TEXT_MAX_LENGTH)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.PENDING)
    went_well = models.TextField(blank=True, max_length=TEXT_MAX_LENGTH)
    to_improve = models.TextField(blank=True, max_length=TEXT_MAX_LENGTH)
    improve_topics = models.ManyToManyField(Topic, blank=True, related_name="+")
    reflected_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # The key of the form that created it: a resubmitted form finds it instead of a twin.
    submission = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-scheduled_at"]
        indexes = [models.Index(fields=["user", "scheduled_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "submission"], name="interview_submission_once"
            ),
        ]

    def __str__(self):
        return f"{self.company}: {self.get_stage_display()}"


class InterviewChecklistItem(models.Model):
    class Phase(models.TextChoices):
        BEFORE = "before", "Before"
        DURING = "during", "During"
        AFTER = "after", "After"

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="checklist")
    template = models.ForeignKey(
        ChecklistTemplateItem, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    phase = models.CharField(max_length=6, choices=Phase.choices)
    text = models.CharField(max_length=CHECKLIST_TEXT_MAX_LENGTH)
    detail = models.TextField(blank=True)
    offset_hours = models.IntegerField()
    # Due at the learner's evening on the day the offset points to (see curriculum.timing).
    evening = models.BooleanField(default=False)
    due_at = models.DateTimeField()
    done_at = models.DateTimeField(null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    submission = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["due_at", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["interview", "submission"], name="checklist_item_submission_once"
            ),
            models.UniqueConstraint(
                fields=["interview", "template"],
                condition=Q(template__isnull=False),
                name="checklist_template_once_per_interview",
            ),
        ]

    def __str__(self):
        return self.text

    @property
    def is_done(self) -> bool:
        return self.done_at is not None

    @property
    def is_own(self) -> bool:
        """Added by the learner (not copied from the curriculum): theirs to edit or delete."""
        return self.template_id is None

    @property
    def timing(self) -> str:
        return timing.in_words(self.offset_hours, self.evening)

    @property
    def due_zone(self) -> str:
        """The clock the due time keeps: the learner's for an evening item (it is their
        evening), the interview's for the others. Needs the interview's user loaded."""
        return self.interview.user.timezone if self.evening else self.interview.timezone
