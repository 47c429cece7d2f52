"""A learner's reminder preferences, and the ledger: one row per e-mail decided."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from .rules import DEFAULT_DAILY_CAP, DEFAULT_DIGEST_HOUR, MAX_DAILY_CAP

REASON_MAX_LENGTH = 300


class ReminderSettings(models.Model):
    """Absent until the learner changes something: the defaults then apply."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_settings"
    )
    digest_hour = models.PositiveSmallIntegerField(default=DEFAULT_DIGEST_HOUR)
    daily_cap = models.PositiveSmallIntegerField(default=DEFAULT_DAILY_CAP)
    # kind slug -> on/off, only for kinds the learner has chosen; the others keep their
    # default, so a kind added later (mentoring's) starts at its own default.
    choices = models.JSONField(default=dict, blank=True)
    # "Unsubscribe from all": stronger than every kind, including kinds added later.
    unsubscribed_all = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "reminder settings"
        constraints = [
            models.CheckConstraint(
                condition=Q(digest_hour__gte=0) & Q(digest_hour__lte=23),
                name="reminder_digest_hour_range",
            ),
            models.CheckConstraint(
                condition=Q(daily_cap__gte=1) & Q(daily_cap__lte=MAX_DAILY_CAP),
                name="reminder_daily_cap_range",
            ),
        ]

    def __str__(self):
        return f"Reminder settings of {self.user}"


class Delivery(models.Model):
    """The ledger: one row per (user, kind, period), whatever became of it. The unique
    constraint makes a second sweep's row a no-op; the status moves
    pending -> sending -> sent (or retrying -> sending, or failed, or skipped) only by
    conditional updates, so two workers can never both send it."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        SENDING = "sending", "Being sent"
        RETRYING = "retrying", "Waiting to retry"
        SENT = "sent", "Sent"
        SKIPPED = "skipped", "Not sent"
        FAILED = "failed", "Failed"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="deliveries"
    )
    kind = models.CharField(max_length=32)
    period = models.CharField(max_length=40)
    # The learner's local date when it became due: the daily cap counts by it.
    local_date = models.DateField()
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    # Why it was sent (shown in the e-mail), or why it was skipped or failed.
    why = models.CharField(max_length=REASON_MAX_LENGTH, blank=True)
    reason = models.CharField(max_length=REASON_MAX_LENGTH, blank=True)
    about_id = models.BigIntegerField(null=True, blank=True)  # e.g. the interview
    attempts = models.PositiveSmallIntegerField(default=0)
    due_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # The sweep that wrote the row: it enqueues exactly the rows it inserted.
    sweep = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "period"], name="delivery_once_per_period"
            ),
        ]
        indexes = [
            models.Index(fields=["user", "local_date"]),
            models.Index(fields=["user", "-created_at"]),
            models.Index(fields=["sweep"]),
            models.Index(
                fields=["status", "claimed_at"],
                condition=Q(status__in=["pending", "sending", "retrying"]),
                name="delivery_open_rows",
            ),
        ]
        verbose_name_plural = "deliveries"

    def __str__(self):
        return f"{self.kind} {self.period} to {self.user}: {self.status}"
