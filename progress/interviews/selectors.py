"""Reads for interviews and their checklists. A list is reached through an `Access`; an
interview or item by id through the viewer, so another learner's id is not found."""

from datetime import timedelta

from django.db.models import Count, Prefetch, Q, QuerySet, Value
from django.utils import timezone

from progress.access import Access, learner_access
from progress.mentoring.models import with_comments

from .models import Interview, InterviewChecklistItem

# After-items (thank-you note, reflection) stay on the today view this long after the day.
FOLLOW_UP_DAYS = 14


def interview_get(*, viewer, interview_id: int, change: bool = False) -> Interview:
    """One interview with its checklist and reflection topics, if the viewer may see it."""
    interview = (
        Interview.objects.select_related("user")
        .prefetch_related(
            Prefetch("checklist", queryset=InterviewChecklistItem.objects.all()),
            "improve_topics",
            with_comments(),
        )
        .get(pk=interview_id)
    )
    learner_access(viewer, interview.user_id, change=change)
    return interview


def checklist_item_get(*, viewer, interview_id: int, item_id: int) -> InterviewChecklistItem:
    """A checklist item the viewer may change (ticking is a change)."""
    item = InterviewChecklistItem.objects.select_related("interview__user").get(
        pk=item_id, interview_id=interview_id
    )
    learner_access(viewer, item.interview.user_id, change=True)
    return item


def own_checklist_item_get(*, viewer, interview_id: int, item_id: int) -> InterviewChecklistItem:
    """An item the learner added themself (the curriculum's copies are not edited)."""
    item = checklist_item_get(viewer=viewer, interview_id=interview_id, item_id=item_id)
    if not item.is_own:
        raise InterviewChecklistItem.DoesNotExist("Not an item of your own.")
    return item


def interviews_of(access: Access) -> QuerySet[Interview]:
    return Interview.objects.filter(user=access.learner).annotate(
        items_total=Count("checklist"),
        items_done=Count("checklist", filter=Q(checklist__done_at__isnull=False)),
    )


def next_checklist_items(access: Access, limit: int = 5) -> list[InterviewChecklistItem]:
    """The open checklist items for the today view: those whose due time has passed
    (`overdue` True, most overdue first), then those coming (`overdue` False, soonest
    first), at most `limit` of each, in two queries however many interviews there are.

    The items of interviews still ahead count, and the follow-ups of interviews in the
    last two weeks. Before-items of a past interview are moot, so they are left out."""
    now = timezone.now()
    open_items = (
        InterviewChecklistItem.objects.filter(interview__user=access.learner, done_at__isnull=True)
        .filter(
            Q(interview__scheduled_at__gte=now)
            | Q(
                phase=InterviewChecklistItem.Phase.AFTER,
                interview__scheduled_at__gte=now - timedelta(days=FOLLOW_UP_DAYS),
            )
        )
        .select_related("interview__user")
        .order_by("due_at", "position", "pk")
    )
    overdue = open_items.filter(due_at__lt=now).annotate(overdue=Value(True))
    coming = open_items.filter(due_at__gte=now).annotate(overdue=Value(False))
    return [*overdue[:limit], *coming[:limit]]
