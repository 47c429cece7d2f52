"""Reads for interviews and their checklists. A list is reached through an `Access`; an
interview or item by id through the viewer, so another learner's id is not found."""

from collections.abc import Sequence
from datetime import datetime, timedelta

from django.db.models import Count, Prefetch, Q, QuerySet, Value, prefetch_related_objects
from django.utils import timezone

from progress.access import Access, learner_access
from progress.mentoring.models import with_comments

from .models import Interview, InterviewChecklistItem

# After-items (thank-you note, reflection) stay on the today view this long after the day.
FOLLOW_UP_DAYS = 14
# What a card of the interview list (templates/progress/interviews/summary.html) shows:
# notes and reflections, up to 4000 characters each, are left in the database.
SUMMARY_FIELDS = ("company", "role", "stage", "format", "scheduled_at", "timezone", "outcome")


def interview_get(*, viewer, interview_id: int, change: bool = False) -> Interview:
    """One interview with its learner (checklist due times need their zone), if the viewer
    may see it. What only its page shows is loaded by `interview_page_load`."""
    interview = Interview.objects.select_related("user").get(pk=interview_id)
    learner_access(viewer, interview.user_id, change=change)
    return interview


def interview_page_load(interview: Interview) -> None:
    """Load what the interview's page lists beside it: the checklist and the mentors'
    comments with their authors, one query each however long they are. Loaded after the
    access check, and only by the views that render the page (a mentor's comment form or
    the edit page reads neither)."""
    prefetch_related_objects(
        [interview],
        Prefetch("checklist", queryset=InterviewChecklistItem.objects.all()),
        with_comments(),
    )


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
    """The learner's interviews; a list that shows their checklists' progress counts them
    with `checklist_counts_add`, for the rows it shows."""
    return Interview.objects.filter(user=access.learner)


def interviews_ahead(access: Access, *, now: datetime) -> QuerySet[Interview]:
    """The learner's interviews from `now` on, the soonest first, as a card shows them."""
    return (
        Interview.objects.filter(user=access.learner, scheduled_at__gte=now)
        .only(*SUMMARY_FIELDS)
        .order_by("scheduled_at", "pk")
    )


def interviews_held(access: Access, *, now: datetime) -> QuerySet[Interview]:
    """The learner's interviews before `now`, the latest first, as a card shows them."""
    return (
        Interview.objects.filter(user=access.learner, scheduled_at__lt=now)
        .only(*SUMMARY_FIELDS)
        .order_by("-scheduled_at", "-pk")
    )


def checklist_counts_add(interviews: Sequence[Interview]) -> None:
    """Give each interview `items_total` and `items_done`, in one query that counts the
    checklists of these interviews alone (the cards a page shows), however long the lists
    they come from are."""
    if not interviews:
        return
    counts = {
        interview_id: (total, done)
        for interview_id, total, done in InterviewChecklistItem.objects.filter(
            interview__in=interviews
        )
        .order_by()
        .values_list("interview")
        .annotate(total=Count("pk"), done=Count("pk", filter=Q(done_at__isnull=False)))
    }
    for interview in interviews:
        interview.items_total, interview.items_done = counts.get(interview.pk, (0, 0))


def next_checklist_items(access: Access, limit: int = 5) -> list[InterviewChecklistItem]:
    """The open checklist items for the today view: those whose due time has passed
    (`overdue` True, most overdue first), then those coming (`overdue` False, soonest
    first), at most `limit` of each, in two queries however many interviews there are.

    The items of interviews still ahead count, and the follow-ups of interviews in the
    last two weeks. Before-items of a past interview are moot, so they are left out."""
    now = timezone.now()
    window = now - timedelta(days=FOLLOW_UP_DAYS)
    open_items = (
        # Bounded by the interviews of the window (the index on user and time), not by every
        # item of every interview the learner ever had.
        InterviewChecklistItem.objects.filter(
            interview__user=access.learner,
            interview__scheduled_at__gte=window,
            done_at__isnull=True,
        )
        .filter(Q(interview__scheduled_at__gte=now) | Q(phase=InterviewChecklistItem.Phase.AFTER))
        .select_related("interview__user")
        .order_by("due_at", "position", "pk")
    )
    overdue = open_items.filter(due_at__lt=now).annotate(overdue=Value(True))
    coming = open_items.filter(due_at__gte=now).annotate(overdue=Value(False))
    return [*overdue[:limit], *coming[:limit]]
