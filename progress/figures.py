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

from progress.plans.models import Schedule

# Raise when a cached figure's shape or meaning changes, so a deploy does not read old ones.
FORMAT = 1
# Long enough to span a day of visits; a new date or version is a new key anyway.
TIMEOUT = 36 * 60 * 60
# What also moves with the clock is kept for the rest of the minute it was drawn in.
MINUTE = 60


def figure_key(name: str, schedule: Schedule, today: date) -> str:
    return f"figures:{FORMAT}:{name}:{schedule.user_id}:{schedule.version}:{today.isoformat()}"


def cached[T](name: str, *, schedule: Schedule, today: date, compute: Callable[[], T]) -> T:
    key = figure_key(name, schedule, today)
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, TIMEOUT)
    return found


def cached_many[T](
    name: str,
    *,
    learners: dict[int, tuple[Schedule, date]],
    compute: Callable[[list[int]], dict[int, T]],
) -> dict[int, T]:
    """The same figure for several learners (a mentor's dashboard): one cache read for all,
    and one `compute` call for those whose figure is not cached."""
    keys = {
        figure_key(name, schedule, today): user_id
        for user_id, (schedule, today) in learners.items()
    }
    found = {keys[key]: value for key, value in cache.get_many(list(keys)).items()}
    missing = [user_id for user_id in learners if user_id not in found]
    if missing:
        computed = compute(missing)
        cache.set_many({figure_key(name, *learners[u]): computed[u] for u in missing}, TIMEOUT)
        found.update(computed)
    return found
