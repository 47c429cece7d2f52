"""What mentoring's e-mails say (the kinds are in .kinds): read when each is sent, so a
comment deleted since, or a link ended since, is not in it."""

from django.db.models import Max

from accounts.mail import absolute, absolute_url
from progress.reminders.content import NothingToSay, register_builder
from progress.reminders.models import Delivery

from .kinds import COMMENTS, MENTOR_DIGEST
from .models import Comment
from .selectors import dashboard_rows

COMMENTS_SHOWN = 10


def _comment_about(comment: Comment) -> str:
    if comment.item_id:
        return f"your plan item “{comment.item.title}”"
    if comment.interview_id:
        return f"your interview with {comment.interview.company}"
    if comment.story_id:
        return f"your story “{comment.story.title}”"
    return f"your mock interview of {comment.mock.held_on:%d %b}"


def _comments(delivery: Delivery, zone, batch) -> dict:
    """The comments since the last notice that went out, up to the one this notice is for."""
    previous = Delivery.objects.filter(
        user=delivery.user,
        kind=COMMENTS,
        status=Delivery.Status.SENT,
        about_id__lt=delivery.about_id,
    ).aggregate(last=Max("about_id"))["last"]
    comments = (
        Comment.objects.filter(
            learner=delivery.user, pk__lte=delivery.about_id, pk__gt=previous or 0
        )
        .select_related("author", "item", "interview", "story", "mock")
        .order_by("created_at", "pk")
    )
    shown = list(comments[:COMMENTS_SHOWN])
    if not shown:
        raise NothingToSay("the comments were deleted")
    return {
        "comments": [
            {
                "author": c.author.name,
                "about": _comment_about(c),
                "body": c.body,
                "url": absolute(c.get_absolute_url()),
            }
            for c in shown
        ],
        "authors": sorted({c.author.name for c in shown}),
        "more": max(comments.count() - len(shown), 0) if len(shown) == COMMENTS_SHOWN else 0,
        "comments_url": absolute_url("mentoring:comments"),
    }


def _mentor_digest(delivery: Delivery, zone, batch) -> dict:
    """The mentees who need attention now, from active links only."""
    rows = dashboard_rows(delivery.user)
    if not rows:
        raise NothingToSay("no active mentee")
    attention = [row for row in rows if row.stands_out]
    if not attention:
        raise NothingToSay("every mentee is on track")
    return {
        "total": len(rows),
        "rows": [
            {
                "name": row.mentee.name,
                "url": absolute_url("mentoring:mentee", row.mentee.pk),
                "behind_by": row.behind_by,
                "inactive": row.inactive,
                "interview": (
                    row.next_interview.scheduled_at.astimezone(zone).strftime("%a %d %b, %H:%M")
                    if row.interview_soon
                    else ""
                ),
                "completion": row.completion.percent,
            }
            for row in attention
        ],
        "dashboard_url": absolute_url("mentoring:dashboard"),
    }


register_builder(COMMENTS, _comments)
register_builder(MENTOR_DIGEST, _mentor_digest)
