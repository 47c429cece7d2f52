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


def unsubscribe_url(user_id: int, kind: str, token: str = "") -> str:
    token = token or unsubscribe_token(user_id, kind)
    return absolute(reverse("reminders:unsubscribe", args=[token]))


def unsubscribe_headers(user_id: int, kind: str, token: str = "", url: str = "") -> dict:
    """RFC 2369 List-Unsubscribe with the RFC 8058 one-click marker. `token` and `url`, if
    the caller has them already: the e-mail's body links the same."""
    token = token or unsubscribe_token(user_id, kind)
    targets = [f"<{url or unsubscribe_url(user_id, kind, token)}>"]
    if settings.REMINDERS_UNSUBSCRIBE_MAILTO:
        subject = quote(f"unsubscribe {token}")  # RFC 6068
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
    token = unsubscribe_token(user.pk, kind.slug)
    stop_kind = unsubscribe_url(user.pk, kind.slug, token)
    context = {
        "name": user.name,
        "why": delivery.why,
        "kind_label": kind.label,
        "unsubscribe_kind_url": stop_kind,
        "unsubscribe_all_url": unsubscribe_url(user.pk, ALL),
        "preferences_url": _link(batch, "settings:page") + "#reminders",
        "today_url": _link(batch, "plans:home"),
        **BUILDERS[kind.slug](delivery, zone, batch),
    }
    return build_message(
        template=f"reminders/{kind.slug}",
        to=user.email,
        context=context,
        headers=unsubscribe_headers(user.pk, kind.slug, token, stop_kind),
    )


def _link(batch: SendBatch, name: str, *args) -> str:
    """absolute_url, made once per chunk: its e-mails share most of their links."""
    return batch.once(("link", name, args), lambda: absolute_url(name, *args))


def _item_link(item: PlanItem, batch: SendBatch) -> str:
    if item.lesson_id and item.topic_id:
        return _link(batch, "curriculum:topic", item.topic.slug) + f"#{item.lesson.slug}"
    if item.topic_id:
        return _link(batch, "curriculum:topic", item.topic.slug)
    return _link(batch, "plans:home")


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
            {"title": i.title, "minutes": i.minutes, "url": _item_link(i, batch), "done": i.is_done}
            for i in items
        ],
        "minutes": sum(i.minutes for i in items if not i.is_done),
        "overdue": overdue,
        "catch_up_url": _link(batch, "plans:home") + "#catch-up",
        "suggestion": _area(areas[0], batch) if areas else None,
    }


def _catch_up(delivery: Delivery, zone: ZoneInfo, batch: SendBatch) -> dict:
    overdue = batch.overdue(delivery, PLAN_KINDS)
    return {"overdue": overdue, "catch_up_url": _link(batch, "plans:home") + "#catch-up"}


def _area(area, batch: SendBatch) -> dict:
    return {
        "title": area.title,
        "reasons": ", ".join(area.reasons) or "no evidence yet",
        "url": _link(batch, "curriculum:topic", area.slug),
    }


def _weak_areas(delivery: Delivery, zone: ZoneInfo, batch: SendBatch) -> dict:
    areas = [a for a in batch.weak_areas(delivery, PLAN_KINDS) if a.is_weak]
    areas = areas[:AREAS_NAMED]
    steps = batch.next_steps() if areas else {}
    return {
        "areas": [{**_area(a, batch), **_next_steps(a.slug, steps, batch)} for a in areas],
        "progress_url": _link(batch, "plans:progress"),
    }


STEP_GROUPS = (("lessons", ""), ("patterns", "pattern-"), ("concepts", "concept-"))


def _next_steps(topic_slug: str, steps: dict, batch: SendBatch) -> dict[str, list]:
    """The first NEXT_STEPS_PER_AREA of each group, linked to their place on the topic page."""
    page, found = _link(batch, "curriculum:topic", topic_slug), steps.get(topic_slug, {})
    return {
        group: [
            {"title": title, "url": f"{page}#{prefix}{slug}"}
            for title, slug in found.get(group, [])[:NEXT_STEPS_PER_AREA]
        ]
        for group, prefix in STEP_GROUPS
    }


# The kinds about one interview: a chunk loads the interviews and checklists for all of these.
INTERVIEW_KINDS = (rules.INTERVIEW_EVE, rules.POST_INTERVIEW)


def _interview(delivery: Delivery, zone: ZoneInfo, batch: SendBatch) -> tuple[Interview, dict]:
    interview = batch.interview(delivery, INTERVIEW_KINDS)
    return interview, {
        "company": interview.company,
        "stage": interview.get_stage_display(),
        "when": _local(interview.scheduled_at, zone),
        "url": absolute_url("interviews:detail", interview.pk),
    }


def _local(moment: datetime, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).strftime("%A %d %B at %H:%M")


def _open_items(interview: Interview, phase: str, zone: ZoneInfo, batch: SendBatch) -> list:
    items = batch.open_items(interview, phase, INTERVIEW_KINDS)
    return [{"text": i.text, "due": _local(i.due_at, zone)} for i in items]


def _interview_eve(delivery: Delivery, zone: ZoneInfo, batch: SendBatch) -> dict:
    interview, facts = _interview(delivery, zone, batch)
    before = InterviewChecklistItem.Phase.BEFORE
    return {"interview": facts, "open_items": _open_items(interview, before, zone, batch)}


def _post_interview(delivery: Delivery, zone: ZoneInfo, batch: SendBatch) -> dict:
    interview, facts = _interview(delivery, zone, batch)
    after = InterviewChecklistItem.Phase.AFTER
    return {
        "interview": facts,
        "open_items": _open_items(interview, after, zone, batch),
        "reflection_url": absolute_url("interviews:detail", interview.pk) + "#reflection",
    }


BUILDERS: dict[str, Builder] = {
    rules.DIGEST: _digest,
    rules.CATCH_UP: _catch_up,
    rules.WEAK_AREAS: _weak_areas,
    rules.INTERVIEW_EVE: _interview_eve,
    rules.POST_INTERVIEW: _post_interview,
}
# What these say reads nothing of the ledger. A builder another app registers may (the
# comment notice reads which notices went out), so a chunk writes what it sent before one.
LEDGER_FREE = frozenset(BUILDERS)
