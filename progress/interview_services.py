"""Writes for interviews: create with checklists, reschedule, tick, add items, reflect."""

from django.db import transaction
from django.utils import timezone

from curriculum.models import ChecklistTemplateItem

from .checklists import due_at
from .models import Interview, InterviewChecklistItem
from .services import plan_refresh_weak_areas

INTERVIEW_FIELDS = (
    "company",
    "role",
    "stage",
    "format",
    "scheduled_at",
    "timezone",
    "link",
    "notes",
)


@transaction.atomic
def interview_create(*, user, data: dict) -> Interview:
    """Record an interview and give it its own copy of the checklist templates."""
    interview = Interview.objects.create(user=user, **{f: data[f] for f in INTERVIEW_FIELDS})
    templates = ChecklistTemplateItem.objects.filter(retired=False)
    InterviewChecklistItem.objects.bulk_create(
        InterviewChecklistItem(
            interview=interview,
            template=t,
            phase=t.phase,
            text=t.text,
            detail=t.detail,
            offset_hours=t.due_offset_hours,
            due_at=due_at(interview.scheduled_at, t.due_offset_hours, interview.timezone),
            position=t.order,
        )
        for t in templates
    )
    return interview


@transaction.atomic
def interview_update(*, interview: Interview, data: dict) -> Interview:
    """Save changes; a new time or zone moves every checklist item's due time with it."""
    moved = (data["scheduled_at"], data["timezone"]) != (interview.scheduled_at, interview.timezone)
    for name in INTERVIEW_FIELDS:
        setattr(interview, name, data[name])
    if "outcome" in data:
        interview.outcome = data["outcome"]
    interview.save()
    if moved:
        items = list(interview.checklist.all())
        for item in items:
            item.due_at = due_at(interview.scheduled_at, item.offset_hours, interview.timezone)
        InterviewChecklistItem.objects.bulk_update(items, ["due_at"])
    return interview


def checklist_item_set_done(*, item: InterviewChecklistItem, done: bool) -> InterviewChecklistItem:
    """Tick or untick; repeating either changes nothing (the first tick's time is kept)."""
    if done == item.is_done:
        return item
    item.done_at = timezone.now() if done else None
    item.save(update_fields=["done_at"])
    return item


def checklist_item_add(*, interview: Interview, phase: str, text: str, offset_hours: int):
    return InterviewChecklistItem.objects.create(
        interview=interview,
        phase=phase,
        text=text,
        offset_hours=offset_hours,
        due_at=due_at(interview.scheduled_at, offset_hours, interview.timezone),
        position=1000,
    )


@transaction.atomic
def reflection_save(
    *, interview: Interview, went_well: str, to_improve: str, topics, outcome: str, today
):
    """The reflection after an interview; the topics named here count as weak areas, and
    the plan's coming review-weak-areas days turn to them."""
    interview.went_well, interview.to_improve, interview.outcome = went_well, to_improve, outcome
    interview.reflected_at = interview.reflected_at or timezone.now()
    interview.save(update_fields=["went_well", "to_improve", "outcome", "reflected_at"])
    interview.improve_topics.set(topics)
    plan_refresh_weak_areas(user=interview.user, today=today)
    return interview
