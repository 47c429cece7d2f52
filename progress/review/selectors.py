"""Reads for spaced review: the learner's queue and forecast, how many cards are due (the
today view), and recall per topic (evidence for the weak-area score)."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.db.models import Count, OuterRef, Q, Subquery
from django.utils import timezone

from accounts.zones import zone_info
from curriculum.models import Concept
from curriculum.selectors import review_cards
from progress.access import Access
from progress.plans.selectors import schedule_of

from . import rules
from .models import ReviewCard, ReviewLog

# The forecast looks at the morning of the interview day, in the learner's zone.
INTERVIEW_MORNING = time(9, 0)
# Recall evidence: each card's latest rating in this many days (two weak-area half-lives).
RECALL_WINDOW_DAYS = 28


@dataclass(frozen=True)
class QueueCard:
    concept: Concept
    card: ReviewCard | None  # None: a concept the learner has not reviewed yet
    retention: float | None  # forecast on the interview day (or now), for a studied card


@dataclass(frozen=True)
class Queue:
    cards: list[QueueCard]
    due: int  # studied cards due now
    new: int  # new concepts offered now (within today's allowance)
    next_due: datetime | None  # when nothing is due: when the next card is
    forecast: rules.Forecast | None  # recall on the interview day, with no more reviews
    interview_date: date | None


def _day_start(now: datetime, zone: str, *, days: int = 0) -> datetime:
    """The start of the learner's day holding `now` (or `days` later), as UTC."""
    day = now.astimezone(zone_info(zone)).date() + timedelta(days=days)
    return datetime.combine(day, time(0), tzinfo=zone_info(zone)).astimezone(UTC)


def forecast_moment(interview_date: date | None, zone: str, now: datetime) -> datetime | None:
    """The morning of the interview day as UTC, or None without one still ahead."""
    if interview_date is None:
        return None
    moment = datetime.combine(interview_date, INTERVIEW_MORNING, tzinfo=zone_info(zone))
    if moment.date() < now.astimezone(zone_info(zone)).date():
        return None
    return max(moment.astimezone(UTC), now)


def queue_of(access: Access, now: datetime) -> Queue:
    """The learner's cards to review now, in the order to review them: studied cards due now,
    those with the lowest forecast retention on the interview day first, then today's new
    concepts in curriculum order. Three queries."""
    learner = access.learner
    deck = list(review_cards())
    cards = {c.concept_id: c for c in ReviewCard.objects.filter(user=learner)}
    schedule = schedule_of(access)
    interview_date = schedule.interview_date if schedule else None
    moment = forecast_moment(interview_date, learner.timezone, now)

    studied = [cards[c.pk] for c in deck if c.pk in cards]
    concepts = {c.pk: c for c in deck}
    due = rules.review_order([(c, c.state) for c in studied if c.due <= now], moment or now)
    today_start = _day_start(now, learner.timezone)
    started_today = sum(1 for c in cards.values() if c.created_at >= today_start)
    unseen = [c for c in deck if c.pk not in cards]
    new = unseen[: rules.new_left_today(started_today)]
    queue = [
        QueueCard(concepts[c.concept_id], c, rules.retention_at(c.state, moment or now))
        for c in due
    ] + [QueueCard(c, None, None) for c in new]

    next_due = None
    if not queue:
        upcoming = [c.due for c in studied]
        if unseen:  # today's allowance of new concepts is spent: more open tomorrow
            upcoming.append(_day_start(now, learner.timezone, days=1))
        next_due = min(upcoming, default=None)
    forecast = rules.forecast([c.state for c in studied], len(deck), moment) if moment else None
    return Queue(queue, len(due), len(new), next_due, forecast, interview_date)


def due_count(access: Access, now: datetime | None = None) -> int:
    """How many cards /review/ would offer now: studied cards due, plus the new concepts
    left in today's allowance. Two queries."""
    learner = access.learner
    now = now or timezone.now()
    live = Q(concept__retired=False, concept__topic__retired=False)
    counts = ReviewCard.objects.filter(user=learner).aggregate(
        due=Count("pk", filter=live & Q(due__lte=now)),
        # Every card started today counts, one of a concept retired since as well.
        started_today=Count("pk", filter=Q(created_at__gte=_day_start(now, learner.timezone))),
    )
    unseen = (
        review_cards()
        .exclude(pk__in=ReviewCard.objects.filter(user=learner).values("concept_id"))
        .count()
    )
    return counts["due"] + min(unseen, rules.new_left_today(counts["started_today"]))


def recall_by_topic(user_ids: list[int], today: date) -> dict[int, dict[str, tuple[int, int]]]:
    """Per learner, per topic slug: (cards recalled, cards reviewed) over the last
    RECALL_WINDOW_DAYS, judged by each card's latest rating in that window (Hard, Good or Easy
    is recalled; Again is not). One query, whatever the number of learners."""
    since = datetime.combine(today - timedelta(days=RECALL_WINDOW_DAYS), time(0), tzinfo=UTC)
    latest = ReviewLog.objects.filter(card=OuterRef("card")).order_by("-reviewed_at", "-pk")
    rows = ReviewLog.objects.filter(
        card__user_id__in=user_ids,
        card__concept__retired=False,
        reviewed_at__gte=since,
        pk=Subquery(latest.values("pk")[:1]),
    ).values_list("card__user_id", "card__concept__topic__slug", "rating")
    recall: dict[int, dict[str, tuple[int, int]]] = {u: {} for u in user_ids}
    for user_id, slug, rating in rows:
        recalled, total = recall[user_id].get(slug, (0, 0))
        recall[user_id][slug] = (recalled + (rating in rules.RECALLED), total + 1)
    return recall
