"""Mentor links: who follows whom, from the invitation to the end of the link."""

from django.conf import settings
from django.db import models
from django.db.models import Q


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
