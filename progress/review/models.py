"""A learner's review cards (one per key concept they have started) and every rating given.

A card exists from the first rating on: a concept never reviewed is simply "new" in the
queue, so adding concepts to the curriculum needs no rows per learner. Times are stored in UTC.
"""

from django.conf import settings
from django.db import models

from curriculum.models import Concept

from .rules import RATINGS


class ReviewCard(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_cards"
    )
    # PROTECT: a concept someone has reviewed is retired by the curriculum loader, not deleted.
    concept = models.ForeignKey(Concept, on_delete=models.PROTECT, related_name="+")
    # The fsrs package's Card as its dict (state, step, stability, difficulty, due, last review).
    state = models.JSONField()
    # The state's due time as a column, for "what is due now" in one indexed query.
    due = models.DateTimeField()
    parameters_version = models.CharField(max_length=40)
    created_at = models.DateTimeField()  # the first rating: counts against the day's new cards

    class Meta:
        ordering = ["due", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "concept"], name="review_card_once"),
        ]
        indexes = [
            models.Index(fields=["user", "due"], name="review_card_due"),
            models.Index(fields=["user", "created_at"], name="review_card_started"),
        ]

    def __str__(self):
        return f"{self.concept} for {self.user}"


class ReviewLog(models.Model):
    class Rating(models.IntegerChoices):
        AGAIN = 1, RATINGS[1]
        HARD = 2, RATINGS[2]
        GOOD = 3, RATINGS[3]
        EASY = 4, RATINGS[4]

    card = models.ForeignKey(ReviewCard, on_delete=models.CASCADE, related_name="logs")
    rating = models.PositiveSmallIntegerField(choices=Rating.choices)
    reviewed_at = models.DateTimeField()
    # The card's due time this rating gave, kept for the history of intervals.
    due_after = models.DateTimeField()
    parameters_version = models.CharField(max_length=40)
    submission = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["reviewed_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["card", "submission"], name="review_log_once"),
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=4), name="review_log_rating_range"
            ),
        ]
        indexes = [models.Index(fields=["card", "reviewed_at"], name="review_log_recent")]

    def __str__(self):
        return f"{self.get_rating_display()} at {self.reviewed_at:%Y-%m-%d %H:%M}"
