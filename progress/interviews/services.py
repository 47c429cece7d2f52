"""Writes for interviews: record one with its checklists, change or delete it, tick items,
add, change and delete own items, and the reflection afterwards (which ticks the items it
covers).

Keyword-only data in, the rules checked here (whoever calls), one transaction each.
"""

from collections.abc import Iterable
from datetime import date, datetime
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.zones import is_known_zone
from curriculum.models import ChecklistTemplateItem
from progress.plans.services import plan_follow_interviews, plan_refresh_weak_areas
from progress.submissions import create_once

from .models import Interview, InterviewChecklistItem
from .rules import due_at, offset_problem, reflection_covers, when_problem


def _check(*, scheduled_at: datetime, timezone_name: str) -> None:
    problems = {}
    if not is_known_zone(timezone_name):
        problems["timezone"] = "Pick a time zone from the list."
    problem = when_problem(scheduled_at, timezone.now())
    if problem:
        problems["date"] = problem
    if problems:
        raise ValidationError(problems)


def _due(interview: Interview, offset_hours: int, evening: bool) -> datetime:
    """An item's due time: on the interview's clock, or at the learner's evening."""
    evening_in = interview.user.timezone if evening else None
    return due_at(interview.scheduled_at, offset_hours, interview.timezone, evening_in=evening_in)


@transaction.atomic
def interview_create(
    *,
    user,
    company: str,
    role: str,
    stage: str,
    format: str,
    scheduled_at: datetime,
    timezone_name: str,
    link: str = "",
    notes: str = "",
    submission: UUID | None = None,
) -> Interview:
    """Record an interview and give it its own copy of the checklist templates. The same
    submission twice gives back the first interview. An interview already held is
    accepted: recording it is how its reflection is written."""
    _check(scheduled_at=scheduled_at, timezone_name=timezone_name)

    def create() -> Interview:
        interview = Interview.objects.create(
            user=user,
            company=company,
            role=role,
            stage=stage,
            format=format,
            scheduled_at=scheduled_at,
            timezone=timezone_name,
            link=link,
            notes=notes,
            submission=submission,
        )
        InterviewChecklistItem.objects.bulk_create(
            InterviewChecklistItem(
                interview=interview,
                template=t,
                phase=t.phase,
                text=t.text,
                detail=t.detail,
                offset_hours=t.due_offset_hours,
                evening=t.due_evening,
                due_at=due_at(
                    scheduled_at,
                    t.due_offset_hours,
                    timezone_name,
                    evening_in=user.timezone if t.due_evening else None,
                ),
                position=t.order,
            )
            for t in ChecklistTemplateItem.objects.filter(retired=False)
        )
        return interview

    interview, _ = create_once(
        Interview, owner={"user": user}, submission=submission, create=create
    )
    plan_follow_interviews(user=user, today=user.today)
    return interview


@transaction.atomic
def interview_update(
    *,
    interview: Interview,
    company: str,
    role: str,
    stage: str,
    format: str,
    scheduled_at: datetime,
    timezone_name: str,
    link: str,
    notes: str,
) -> Interview:
    """Save changes; a new time or zone moves every checklist item's due time with it."""
    _check(scheduled_at=scheduled_at, timezone_name=timezone_name)
    moved = (scheduled_at, timezone_name) != (interview.scheduled_at, interview.timezone)
    interview.company, interview.role, interview.stage = company, role, stage
    interview.format, interview.link, interview.notes = format, link, notes
    interview.scheduled_at, interview.timezone = scheduled_at, timezone_name
    interview.save()
    if moved:
        items = list(interview.checklist.all())
        for item in items:
            item.due_at = _due(interview, item.offset_hours, item.evening)
        InterviewChecklistItem.objects.bulk_update(items, ["due_at"])
        plan_follow_interviews(user=interview.user, today=interview.user.today)
    return interview


@transaction.atomic
def interview_delete(*, interview: Interview, today: date) -> None:
    """Delete it with its checklist and reflection; topics its reflection named stop
    counting as weak, so the coming review days are pointed again."""
    user, reflected = interview.user, interview.reflected_at is not None
    interview.delete()
    plan_follow_interviews(user=user, today=today)
    if reflected:
        plan_refresh_weak_areas(user=user, today=today)


@transaction.atomic
def checklist_item_set_done(*, item: InterviewChecklistItem, done: bool) -> InterviewChecklistItem:
    """Tick or untick; repeating either changes nothing (the first tick's time is kept)."""
    if done:
        InterviewChecklistItem.objects.filter(pk=item.pk, done_at__isnull=True).update(
            done_at=timezone.now()
        )
    else:
        InterviewChecklistItem.objects.filter(pk=item.pk).update(done_at=None)
    item.refresh_from_db(fields=["done_at"])
    return item


def _check_offset(phase: str, offset_hours: int, evening: bool) -> None:
    problem = offset_problem(phase, offset_hours, evening)
    if problem:
        raise ValidationError({"when": problem})


@transaction.atomic
def checklist_item_add(
    *,
    interview: Interview,
    phase: str,
    text: str,
    offset_hours: int,
    evening: bool = False,
    submission: UUID | None = None,
) -> InterviewChecklistItem:
    """The learner's own item, due `offset_hours` from the interview (or on the evening
    that offset points to)."""
    _check_offset(phase, offset_hours, evening)
    item, _ = create_once(
        InterviewChecklistItem,
        owner={"interview": interview},
        submission=submission,
        create=lambda: InterviewChecklistItem.objects.create(
            interview=interview,
            phase=phase,
            text=text,
            offset_hours=offset_hours,
            evening=evening,
            due_at=_due(interview, offset_hours, evening),
            position=1000,
            submission=submission,
        ),
    )
    return item


def _check_own(item: InterviewChecklistItem) -> None:
    # The curriculum's items keep their wording and timing (a reflection ticks some of them).
    if not item.is_own:
        raise ValidationError("Only the items you added can be changed or deleted.")


@transaction.atomic
def checklist_item_update(
    *, item: InterviewChecklistItem, phase: str, text: str, offset_hours: int, evening: bool
) -> InterviewChecklistItem:
    """Change an own item's text and due time; whether it is done stays as it was."""
    _check_own(item)
    _check_offset(phase, offset_hours, evening)
    item.phase, item.text, item.offset_hours, item.evening = phase, text, offset_hours, evening
    item.due_at = _due(item.interview, offset_hours, evening)
    item.save(update_fields=["phase", "text", "offset_hours", "evening", "due_at"])
    return item


@transaction.atomic
def checklist_item_delete(*, item: InterviewChecklistItem) -> None:
    _check_own(item)
    item.delete()


@transaction.atomic
def checklist_evenings_follow(*, user) -> int:
    """After the learner's own zone changed: the evening items of their interviews still
    ahead move to the evening on the new clock. Returns how many items moved."""
    items = list(
        InterviewChecklistItem.objects.filter(
            interview__user=user, interview__scheduled_at__gte=timezone.now(), evening=True
        ).select_related("interview")
    )
    for item in items:
        item.interview.user = user
        item.due_at = _due(item.interview, item.offset_hours, item.evening)
    InterviewChecklistItem.objects.bulk_update(items, ["due_at"])
    return len(items)


@transaction.atomic
def interview_reflect(
    *,
    interview: Interview,
    went_well: str,
    to_improve: str,
    topic_ids: Iterable[int],
    outcome: str,
    today: date,
) -> Interview:
    """The reflection after an interview; it opens once the interview has started. The
    topics named here count as weak areas, and the plan's coming review days turn to them.
    The checklist items asking for what it writes ("reflect on what went well") are ticked;
    none is unticked, as ticks are the learner's."""
    if interview.scheduled_at > timezone.now():
        raise ValidationError("The reflection opens once the interview has started.")
    interview.went_well, interview.to_improve, interview.outcome = went_well, to_improve, outcome
    interview.reflected_at = interview.reflected_at or timezone.now()
    interview.save(update_fields=["went_well", "to_improve", "outcome", "reflected_at"])
    topic_ids = list(topic_ids)
    interview.improve_topics.set(topic_ids)
    covered = reflection_covers(
        went_well=went_well, to_improve=to_improve, names_topics=bool(topic_ids)
    )
    interview.checklist.filter(template__reflection_part__in=covered, done_at__isnull=True).update(
        done_at=timezone.now()
    )
    plan_refresh_weak_areas(user=interview.user, today=today)
    return interview
