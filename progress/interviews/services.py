"""Writes for interviews: record one with its checklists, change or delete it, tick items,
add own items, and the reflection afterwards.

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
from progress.plans.services import plan_refresh_weak_areas
from progress.submissions import create_once

from .models import Interview, InterviewChecklistItem
from .rules import due_at, offset_problem, when_problem


def _check(*, scheduled_at: datetime, timezone_name: str, allow_past: bool) -> None:
    problems = {}
    if not is_known_zone(timezone_name):
        problems["timezone"] = "Pick a time zone from the list."
    problem = when_problem(scheduled_at, timezone.now(), allow_past=allow_past)
    if problem:
        problems["date"] = problem
    if problems:
        raise ValidationError(problems)


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
    submission twice gives back the first interview. A past time is accepted here (the
    demo, an import); the add form asks for a time ahead."""
    _check(scheduled_at=scheduled_at, timezone_name=timezone_name, allow_past=True)

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
                due_at=due_at(scheduled_at, t.due_offset_hours, timezone_name),
                position=t.order,
            )
            for t in ChecklistTemplateItem.objects.filter(retired=False)
        )
        return interview

    interview, _ = create_once(
        Interview, owner={"user": user}, submission=submission, create=create
    )
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
    _check(scheduled_at=scheduled_at, timezone_name=timezone_name, allow_past=True)
    moved = (scheduled_at, timezone_name) != (interview.scheduled_at, interview.timezone)
    interview.company, interview.role, interview.stage = company, role, stage
    interview.format, interview.link, interview.notes = format, link, notes
    interview.scheduled_at, interview.timezone = scheduled_at, timezone_name
    interview.save()
    if moved:
        items = list(interview.checklist.all())
        for item in items:
            item.due_at = due_at(scheduled_at, item.offset_hours, timezone_name)
        InterviewChecklistItem.objects.bulk_update(items, ["due_at"])
    return interview


@transaction.atomic
def interview_delete(*, interview: Interview, today: date) -> None:
    """Delete it with its checklist and reflection; topics its reflection named stop
    counting as weak, so the coming review days are pointed again."""
    user, reflected = interview.user, interview.reflected_at is not None
    interview.delete()
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


@transaction.atomic
def checklist_item_add(
    *,
    interview: Interview,
    phase: str,
    text: str,
    offset_hours: int,
    submission: UUID | None = None,
) -> InterviewChecklistItem:
    problem = offset_problem(phase, offset_hours)
    if problem:
        raise ValidationError({"hours": problem})
    item, _ = create_once(
        InterviewChecklistItem,
        owner={"interview": interview},
        submission=submission,
        create=lambda: InterviewChecklistItem.objects.create(
            interview=interview,
            phase=phase,
            text=text,
            offset_hours=offset_hours,
            due_at=due_at(interview.scheduled_at, offset_hours, interview.timezone),
            position=1000,
            submission=submission,
        ),
    )
    return item


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
    topics named here count as weak areas, and the plan's coming review days turn to them."""
    if interview.scheduled_at > timezone.now():
        raise ValidationError("The reflection opens once the interview has started.")
    interview.went_well, interview.to_improve, interview.outcome = went_well, to_improve, outcome
    interview.reflected_at = interview.reflected_at or timezone.now()
    interview.save(update_fields=["went_well", "to_improve", "outcome", "reflected_at"])
    interview.improve_topics.set(list(topic_ids))
    plan_refresh_weak_areas(user=interview.user, today=today)
    return interview
