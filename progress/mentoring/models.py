"""Mentor links: who follows whom, from the invitation to the end of the link."""

from django.conf import settings
from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse

COMMENT_MAX_LENGTH = 2000


class Mentorship(models.Model):
    """A mentor following a mentee. Made by an invitation from either side, to an address:
    the other side's account is known once they accept. One link per pair may be waiting or
    active at a time (a constraint); ended and declined ones stay as history."""

    class Status(models.TextChoices):
        INVITED = "invited", "Invited"
        ACTIVE = "active", "Active"
        DECLINED = "declined", "Declined"
        ENDED = "ended", "Ended"

    class Side(models.TextChoices):
        MENTEE = "mentee", "The learner invited a mentor"
        MENTOR = "mentor", "The mentor invited a learner"

    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="mentee_links",
    )
    mentee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="mentor_links",
    )
    invited_by = models.CharField(max_length=6, choices=Side.choices)
    email = models.EmailField("invited address")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.INVITED)
    # A fresh random value per invitation: the signed link carries it, and answering clears
    # it, so a link works once.
    nonce = models.CharField(max_length=32, blank=True)
    expires_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    # The mentee sees when their mentor last looked at their data.
    last_viewed_at = models.DateTimeField(null=True, blank=True)
    # Private notes on plan items stay private unless the mentee shares them.
    shares_notes = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["mentor", "mentee"],
                condition=Q(status__in=["invited", "active"]),
                name="one_open_link_per_pair",
            ),
            models.CheckConstraint(
                condition=Q(status="invited") | (Q(mentor__isnull=False) & Q(mentee__isnull=False)),
                name="answered_link_has_both_sides",
            ),
        ]
        indexes = [
            models.Index(fields=["mentor", "status"]),
            models.Index(fields=["mentee", "status"]),
        ]

    def __str__(self):
        return f"{self.mentor or self.email} mentors {self.mentee or self.email}: {self.status}"

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE


class Comment(models.Model):
    """A mentor's comment on one of the mentee's things: a plan item, an interview, a story
    or a mock (exactly one, by constraint). It belongs to the mentee's data: the mentee sees
    it where the thing is shown and keeps it after the link ends."""

    class About(models.TextChoices):
        ITEM = "item", "Plan item"
        INTERVIEW = "interview", "Interview"
        STORY = "story", "Story"
        MOCK = "mock", "Mock interview"

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comments_written"
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comments_received"
    )
    item = models.ForeignKey(
        "progress.PlanItem", null=True, blank=True, on_delete=models.CASCADE,
        related_name="comments",
    )  # fmt: skip
    interview = models.ForeignKey(
        "progress.Interview", null=True, blank=True, on_delete=models.CASCADE,
        related_name="comments",
    )  # fmt: skip
    story = models.ForeignKey(
        "progress.Story", null=True, blank=True, on_delete=models.CASCADE, related_name="comments"
    )
    mock = models.ForeignKey(
        "progress.MockInterview", null=True, blank=True, on_delete=models.CASCADE,
        related_name="comments",
    )  # fmt: skip
    body = models.TextField(max_length=COMMENT_MAX_LENGTH)
    created_at = models.DateTimeField(auto_now_add=True)
    submission = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(item__isnull=False, interview=None, story=None, mock=None)
                    | Q(item=None, interview__isnull=False, story=None, mock=None)
                    | Q(item=None, interview=None, story__isnull=False, mock=None)
                    | Q(item=None, interview=None, story=None, mock__isnull=False)
                ),
                name="comment_about_one_thing",
            ),
            models.UniqueConstraint(fields=["author", "submission"], name="comment_once"),
        ]
        indexes = [models.Index(fields=["learner", "-created_at"])]

    def __str__(self):
        return f"Comment by {self.author} on {self.about}"

    def get_absolute_url(self) -> str:
        """Where the learner sees the thing, at the thing: the comments list and the e-mail
        link here."""
        if self.item_id:
            return reverse("plans:plan") + f"#item-{self.item_id}"
        if self.interview_id:
            return reverse("interviews:detail", args=[self.interview_id]) + "#comments"
        if self.story_id:
            return reverse("journal:stories") + f"#story-{self.story_id}"
        return reverse("journal:mocks") + f"#mock-{self.mock_id}"

    @property
    def about(self) -> str:
        for about in self.About:
            if getattr(self, f"{about.value}_id"):
                return about.value
        return ""

    @property
    def about_id(self) -> int:
        return getattr(self, f"{self.about}_id")


def with_comments() -> Prefetch:
    """Prefetch a thing's comments with their authors: one query for a whole list."""
    return Prefetch("comments", queryset=Comment.objects.select_related("author"))
