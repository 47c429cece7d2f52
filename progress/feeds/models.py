import hashlib

from django.conf import settings
from django.db import models


def token_hash(token: str) -> str:
    """What is stored of a feed's secret token (and looked up by)."""
    return hashlib.sha256(token.encode()).hexdigest()


class CalendarFeed(models.Model):
    """A learner's feed address. Only a hash of its secret token is stored: the address is
    shown once, when made; rotating makes a new one and the old address stops working."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_fetched_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"Calendar feed of {self.user}"
