"""What each kind of reminder says: the context its templates (emails/<kind>-*) render, read
when the e-mail is sent, so it is current. Every link is absolute (accounts.mail.absolute)."""

from collections.abc import Callable
from datetime import datetime
from urllib.parse import quote
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core import signing
from django.urls import reverse

from accounts.mail import absolute, absolute_url, build_message
from accounts.zones import zone_info
from curriculum.models import Concept, Lesson, PracticePattern
from progress.interviews.models import Interview, InterviewChecklistItem
from progress.plans.models import PlanItem

from . import rules
from .models import Delivery
from .selectors import SendBatch

# What a kind's e-mail says: (the row, the user's zone, the chunk's shared reads) -> context.
Builder = Callable[[Delivery, ZoneInfo, SendBatch], dict]

UNSUBSCRIBE_SALT = "reminders.unsubscribe"
ALL = rules.ALL
AREAS_NAMED = 3
NEXT_STEPS_PER_AREA = 2


def unsubscribe_token(user_id: int, kind: str) -> str:
    """A signed token for "stop `kind` (or ALL) for this user": no session needed to use it."""
    return signing.dumps([user_id, kind], salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token: str) -> tuple[int, str]:
    """(user id, kind) from a token; signing.BadSignature if it was not ours."""
    user_id, kind = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    return int(user_id), str(kind)


def unsubscribe_url(user_id: int, kind: str) -> str:
    return absolute(reverse("reminders:unsubscribe", args=[unsubscribe_token(user_id, kind)]))


def unsubscribe_headers(user_id: int, kind: str) -> dict[str, str]:
    """RFC 2369 List-Unsubscribe with the RFC 8058 one-click marker."""
    targets = [f"<{unsubscribe_url(user_id, kind)}>"]
    if settings.REMINDERS_UNSUBSCRIBE_MAILTO:
        subject = quote(f"unsubscribe {unsubscribe_token(user_id, kind)}")  # RFC 6068
        targets.append(f"<mailto:{settings.REMINDERS_UNSUBSCRIBE_MAILTO}?subject={subject}>")
    return {
        "List-Unsubscribe": ", ".join(targets),
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Auto-Submitted": "auto-generated",
    }


class NothingToSay(Exception):
    """A builder found nothing worth sending (a digest with nobody to report): the row is
    skipped with this reason instead of sending an empty e-mail."""


def register_builder(slug: str, builder: Builder) -> None:
    """What a kind's e-mail says: mentoring adds its kinds' builders this way."""
    BUILDERS[slug] = builder


def message_for(delivery: Delivery, batch: SendBatch | None = None):
    """The e-mail for a ledger row, with its footer (why it was sent, how to stop it).
    NothingToSay when the kind's builder finds nothing to report. `batch` shares the reads
    of a chunk of sends (a batch of this one e-mail when not given)."""
    batch = batch or SendBatch([delivery.pk])
    user, kind = delivery.user, rules.KINDS[delivery.kind]
    zone = zone_info(user.timezone)
    context = {
        "name": user.name,
        "why": delivery.why,
        "kind_label": kind.label,
        "unsubscribe_kind_url": unsubscribe_url(user.pk, kind.slug),
        "unsubscribe_all_url": unsubscribe_url(user.pk, ALL),
        "preferences_url": absolute_url("settings:page") + "#reminders",
        "today_url": absolute_url("plans:home"),
        **BUILDERS[kind.slug](delivery, zone, batch),
    }
    return build_message(
        template=f"reminders/{kind.slug}",
        to=user.email,
        context=context,
        headers=unsubscribe_headers(user.pk, kind.slug),
    )


def _item_link(item: PlanItem) -> str:
    if item.lesson_id and item.topic_id:
        return absolute(f"{reverse('curriculum:topic', args=[item.topic.slug])}#{item.lesson.slug}")
    if item.topic_id:
        return absolute_url("curriculum:topic", item.topic.slug)
    return absolute_url("plans:home")


# The kinds that read the plan's items and weak areas: a chunk loads them for all of these.
PLAN_KINDS = (rules.DIGEST, rules.CATCH_UP, rules.WEAK_AREAS)


def _digest(delivery: Delivery, zone: ZoneInfo, batch: SendBatch) -> dict:
    day = delivery.local_date
    items = batch.items_on(delivery, PLAN_KINDS)
    overdue = batch.overdue(delivery, PLAN_KINDS)
    areas = [a for a in batch.weak_areas(delivery, PLAN_KINDS) if a.is_weak][:1]
    return {
        "day": day,
        "items": [
            {"title": i.title, "minutes": i.minutes, "url": _item_link(i), "done": i.is_done}
            for i in items
        ],
        "minutes": sum(i.minutes for i in items if not i.is_done),
        "overdue": overdue,
        "catch_up_url": absolute_url("plans:home") + "#catch-up",
        "suggestion": _area(areas[0]) if areas else None,
    }


def _catch_up(delivery: Delivery, zone: ZoneInfo, batch: SendBatch) -> dict:
    overdue = batch.overdue(delivery, PLAN_KINDS)
    return {"overdue": overdue, "catch_up_url": absolute_url("plans:home") + "#catch-up"}


def _area(area) -> dict:
    return {
        "title": area.title,
        "reasons": ", ".join(area.reasons) or "no evidence yet",
        "url": absolute_url("curriculum:topic", area.slug),
    }


def _weak_areas(delivery: Delivery, zone: ZoneInfo, batch: SendBatch) -> dict:
    areas = [a for a in batch.weak_areas(delivery, PLAN_KINDS) if a.is_weak]
    areas = areas[:AREAS_NAMED]
    slugs = [a.slug for a in areas]
    steps: dict[str, dict[str, list]] = {
        s: {"lessons": [], "patterns": [], "concepts": []} for s in slugs
    }
    live = {"topic__slug__in": slugs, "retired": False}
    for lesson in Lesson.objects.filter(**live).select_related("topic").order_by("order"):
        _add_step(steps, lesson.topic.slug, "lessons", lesson.title, lesson.slug, "")
    for pattern in PracticePattern.objects.filter(**live).select_related("topic"):
        _add_step(steps, pattern.topic.slug, "patterns", pattern.name, pattern.slug, "pattern-")
    for concept in Concept.objects.filter(**live).select_related("topic").order_by("order"):
        _add_step(steps, concept.topic.slug, "concepts", concept.name, concept.slug, "concept-")
    return {
        "areas": [{**_area(a), **steps[a.slug]} for a in areas],
        "progress_url": absolute_url("plans:progress"),
    }


def _add_step(steps, topic_slug: str, group: str, title: str, slug: str, prefix: str) -> None:
    chosen = steps[topic_slug][group]
    if len(chosen) < NEXT_STEPS_PER_AREA:
        page = reverse("curriculum:topic", args=[topic_slug])
        chosen.append({"title": title, "url": absolute(f"{page}#{prefix}{slug}")})


def _interview(delivery: Delivery, zone: ZoneInfo) -> tuple[Interview, dict]:
    interview = Interview.objects.get(pk=delivery.about_id, user=delivery.user)
    return interview, {
        "company": interview.company,
        "stage": interview.get_stage_display(),
        "when": _local(interview.scheduled_at, zone),
        "url": absolute_url("interviews:detail", interview.pk),
    }


def _local(moment: datetime, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).strftime("%A %d %B at %H:%M")


def _open_items(interview: Interview, phase: str, zone: ZoneInfo) -> list[dict]:
    items = interview.checklist.filter(phase=phase, done_at__isnull=True).order_by("due_at")
    return [{"text": i.text, "due": _local(i.due_at, zone)} for i in items]


def _interview_eve(delivery: Delivery, zone: ZoneInfo, batch: SendBatch) -> dict:
    interview, facts = _interview(delivery, zone)
    before = InterviewChecklistItem.Phase.BEFORE
    return {"interview": facts, "open_items": _open_items(interview, before, zone)}


def _post_interview(delivery: Delivery, zone: ZoneInfo, batch: SendBatch) -> dict:
    interview, facts = _interview(delivery, zone)
    after = InterviewChecklistItem.Phase.AFTER
    return {
        "interview": facts,
        "open_items": _open_items(interview, after, zone),
        "reflection_url": absolute_url("interviews:detail", interview.pk) + "#reflection",
    }


BUILDERS: dict[str, Builder] = {
    rules.DIGEST: _digest,
    rules.CATCH_UP: _catch_up,
    rules.WEAK_AREAS: _weak_areas,
    rules.INTERVIEW_EVE: _interview_eve,
    rules.POST_INTERVIEW: _post_interview,
}
