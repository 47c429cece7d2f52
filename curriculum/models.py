"""The curriculum: content loaded from curriculum/content/ and editable by staff.

Rows that disappear from the files are deleted on reload, unless a learner's progress
refers to them (progress uses PROTECT); those are marked `retired` and stay readable.
"""

from django.db import models
from django.urls import reverse

from . import timing


class Level(models.TextChoices):
    EASY = "easy", "Easy"
    MID = "mid", "Intermediate"
    ADVANCED = "advanced", "Advanced"


class Topic(models.Model):
    class Kind(models.TextChoices):
        STUDY = "study", "Study area"
        SKILLS = "skills", "Communication skills"
        PROCESS = "process", "Interview process"
        TIPS = "tips", "Tips"
        RESOURCES = "resources", "Resources"

    slug = models.SlugField(unique=True)
    title = models.CharField(max_length=120)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    order = models.PositiveSmallIntegerField()
    summary = models.TextField()
    retired = models.BooleanField(default=False)

    class Meta:
        ordering = ["order", "slug"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("curriculum:topic", args=[self.slug])

    @property
    def is_study_area(self) -> bool:
        return self.kind == self.Kind.STUDY


class Lesson(models.Model):
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="lessons")
    slug = models.SlugField()
    title = models.CharField(max_length=160)
    level = models.CharField(max_length=10, choices=Level.choices)
    minutes = models.PositiveSmallIntegerField()
    body = models.TextField()
    order = models.PositiveSmallIntegerField()
    retired = models.BooleanField(default=False)

    class Meta:
        ordering = ["topic__order", "order"]
        constraints = [
            models.UniqueConstraint(fields=["topic", "slug"], name="lesson_slug_per_topic"),
            models.CheckConstraint(
                condition=models.Q(minutes__gte=5, minutes__lte=240), name="lesson_minutes_range"
            ),
        ]

    def __str__(self):
        return self.title


class Concept(models.Model):
    """A key concept to master, shown as a review card (question, then answer)."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="concepts")
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=120)
    question = models.TextField()
    answer = models.TextField()
    order = models.PositiveSmallIntegerField()
    retired = models.BooleanField(default=False)

    class Meta:
        ordering = ["topic__order", "order"]

    def __str__(self):
        return self.name


class PracticePattern(models.Model):
    class Kind(models.TextChoices):
        TECHNIQUE = "technique", "Technique"
        FAMILY = "family", "Problem family"

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="patterns")
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=80)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    summary = models.TextField()
    when_to_use = models.TextField()
    order = models.PositiveSmallIntegerField()
    retired = models.BooleanField(default=False)

    class Meta:
        ordering = ["kind", "order"]

    def __str__(self):
        return self.name


class RubricDimension(models.Model):
    """An interview communication skill; together they are the mock-interview rubric."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="rubric")
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=80)
    level = models.CharField(max_length=10, choices=Level.choices)
    guidance = models.TextField()
    pitfall = models.TextField()
    why = models.TextField()
    example = models.TextField()
    order = models.PositiveSmallIntegerField()
    retired = models.BooleanField(default=False)

    class Meta:
        ordering = ["order"]

    def __str__(self):
        return self.name


class Resource(models.Model):
    class Kind(models.TextChoices):
        BOOK = "book", "Book"
        DOCUMENTATION = "documentation", "Documentation"
        PRACTICE = "practice", "Practice site"
        COURSE = "course", "Course"
        COMMUNITY = "community", "Community"
        MOCK_INTERVIEW = "mock-interview", "Mock interviews"

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="resources")
    title = models.CharField(max_length=160)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    author = models.CharField(max_length=120, blank=True)
    url = models.URLField(blank=True)
    note = models.TextField()
    order = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["topic__order", "order"]
        constraints = [
            models.UniqueConstraint(fields=["topic", "title"], name="resource_title_per_topic"),
        ]

    def __str__(self):
        return self.title


class Activity(models.TextChoices):
    STUDY = "study", "Study"
    REVIEW = "review", "Review and practice"
    PRACTICE = "practice", "Practice problems"
    BEHAVIOURAL = "behavioural", "Behavioural practice"
    MOCK = "mock", "Mock interview"
    REVIEW_WEAK = "review-weak", "Review weak areas"
    FINAL_REVIEW = "final-review", "Final review"


class PlanTemplateDay(models.Model):
    """One day of the four-week plan template that personal plans are generated from."""

    week = models.PositiveSmallIntegerField()
    day = models.PositiveSmallIntegerField()
    activity = models.CharField(max_length=16, choices=Activity.choices)
    title = models.CharField(max_length=120)
    topics = models.ManyToManyField(Topic, blank=True, related_name="template_days")

    class Meta:
        ordering = ["week", "day"]
        constraints = [
            models.UniqueConstraint(fields=["week", "day"], name="template_day_unique"),
            models.CheckConstraint(
                condition=models.Q(week__gte=1, week__lte=4, day__gte=1, day__lte=7),
                name="template_day_range",
            ),
        ]

    def __str__(self):
        return f"Week {self.week}, day {self.day}: {self.title}"


class ChecklistTemplateItem(models.Model):
    class Phase(models.TextChoices):
        BEFORE = "before", "Before the interview"
        DURING = "during", "During the interview"
        AFTER = "after", "After the interview"

    class ReflectionPart(models.TextChoices):
        """The part of the interview's reflection that does what the item asks."""

        WENT_WELL = "went-well", "says what went well"
        TO_IMPROVE = "to-improve", "says what to improve or names a topic"

    phase = models.CharField(max_length=6, choices=Phase.choices)
    slug = models.SlugField(unique=True)
    text = models.CharField(max_length=200)
    detail = models.TextField(blank=True)
    due_offset_hours = models.IntegerField(
        help_text="When the item is due, in hours relative to the interview's start."
    )
    due_evening = models.BooleanField(
        default=False,
        help_text="Due at the learner's evening (21:00) on the day the offset points to "
        "(a whole number of days), not at the interview's time of day.",
    )
    reflection_part = models.CharField(
        max_length=10,
        choices=ReflectionPart.choices,
        blank=True,
        help_text="Ticked when the learner saves a reflection that writes this part.",
    )
    order = models.PositiveSmallIntegerField()
    retired = models.BooleanField(default=False)

    class Meta:
        ordering = ["order"]

    def __str__(self):
        return self.text

    @property
    def timing(self) -> str:
        """When the item is due, in words ("3 days before", "the evening before, 21:00")."""
        words = timing.in_words(self.due_offset_hours, self.due_evening)
        return f"{words}, {timing.EVENING:%H:%M}" if self.due_evening else words

    @property
    def sort_hours(self) -> int:
        return timing.sort_hours(self.due_offset_hours, self.due_evening)


class ContentVersion(models.Model):
    """One row whose token changes with every write to a curriculum table.

    Database triggers (migration 0003) replace the token in the same statement's transaction
    on any insert, update or delete of a content table: through the loader, the admin, a
    queryset `update()` or raw SQL alike, so nothing that writes content can forget it. A
    copy of curriculum content kept in memory (progress.plans.material) is good while the
    token it was read under is the current one. The token is random, never a counter: a
    rolled-back write cannot hand a second, different change the same token.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    token = models.CharField(max_length=36)

    def __str__(self):
        return f"Curriculum content version {self.token}"
