"""Figures a page derives from much of a learner's data (weak areas, completion, streak),
computed once per change instead of on every visit.

Each learner's schedule carries a version that goes up with every change they (or their
mentor) make; a figure is cached under the learner, that version and the learner's date
(overdue work and the decay of old evidence move with the date alone). A change therefore
never shows a stale figure, and nothing has to know which figures it touched: a new version
simply misses the cache. A change made outside the app's own pages (the admin, a shell)
shows once the date turns or the learner next changes something."""

from collections.abc import Callable
from datetime import date

from django.core.cache import cache
from django.db.models import F

from progress.plans.models import Schedule

# Raise when a cached figure's shape or meaning changes, so a deploy does not read old ones.
FORMAT = 1
# Long enough to span a day of visits; a new date or version is a new key anyway.
TIMEOUT = 36 * 60 * 60


def cached[T](name: str, *, schedule: Schedule, today: date, compute: Callable[[], T]) -> T:
    key = f"figures:{FORMAT}:{name}:{schedule.user_id}:{schedule.version}:{today.isoformat()}"
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, TIMEOUT)
    return found


def learner_changed(*, learner_id: int) -> None:
    """Make every cached figure of this learner stale (one UPDATE; nothing if no schedule)."""
    Schedule.objects.filter(user_id=learner_id).update(version=F("version") + 1)
