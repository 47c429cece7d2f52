"""Making, rotating and turning off a learner's calendar feed address."""

import secrets
from datetime import datetime, timedelta

from django.db import transaction

from .models import CalendarFeed, token_hash

FETCH_STAMP_EVERY = timedelta(minutes=1)  # a burst of fetches is one write


@transaction.atomic
def feed_rotate(*, user) -> str:
    """A new secret address for the user's feed (the old one, if any, stops working). The
    token is returned once, to show; only its hash is kept."""
    token = secrets.token_urlsafe(32)
    CalendarFeed.objects.update_or_create(
        user=user, defaults={"token_hash": token_hash(token), "last_fetched_at": None}
    )
    return token


def feed_revoke(*, user) -> bool:
    """Turn the feed off: its address stops working. True if there was one."""
    deleted, _ = CalendarFeed.objects.filter(user=user).delete()
    return bool(deleted)


def feed_fetched(*, feed: CalendarFeed, now: datetime) -> None:
    """Stamp a fetch, for "last fetched" on the settings page."""
    if feed.last_fetched_at is None or feed.last_fetched_at < now - FETCH_STAMP_EVERY:
        CalendarFeed.objects.filter(pk=feed.pk).update(last_fetched_at=now)
