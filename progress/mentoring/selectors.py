"""Reads for mentoring: a learner's links, a mentor's dashboard (every figure for every
mentee in a fixed number of queries), and what a mentor sees of one mentee."""

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Count, Max, Min, Q, Sum
from django.utils import timezone

from accounts.zones import zone_info
from progress.access import Access, NotVisible, learner_access
from progress.figures import FORMAT, cached_many
from progress.interviews.models import Interview
from progress.interviews.selectors import checklist_counts_add, interview_get, interviews_of
from progress.journal.selectors import mock_get, mocks_of, practice_of, stories_of, story_get
from progress.plans.models import Plan, PlanItem
from progress.plans.selectors import plan_item_get, weekly_planned_vs_done
from progress.plans.stats import Completion, streak
from progress.weak_areas.selectors import weak_areas_for_many

from . import rules
from .models import Comment, Mentorship, with_comments

Status = Mentorship.Status
PENDING, DONE, SKIPPED = PlanItem.Status.PENDING, PlanItem.Status.DONE, PlanItem.Status.SKIPPED
STREAK_LOOKBACK_DAYS = 60
WEAKEST_SHOWN = 3


def links_of_mentee(mentee):
    """The learner's mentors, waiting, active and past, newest first."""
    return Mentorship.objects.filter(mentee=mentee).select_related("mentor")


def invitations_sent_by_mentor(mentor):
    return Mentorship.objects.filter(
        mentor=mentor, status=Status.INVITED, invited_by=Mentorship.Side.MENTOR
    )


def dashboard_state(mentor) -> str:
    """A short name for everything the mentor's dashboard is drawn from, which changes
    when any of it does: each open link and invitation, and each mentee's schedule version
    (raised by whatever the mentee changes; see progress.figures). One query."""
    rows = Mentorship.objects.filter(
        mentor=mentor, status__in=(Status.ACTIVE, Status.INVITED)
    ).values_list("pk", "status", "mentee_id", "mentee__schedule__version", "expires_at")
    digest = hashlib.sha256(repr(sorted(rows)).encode()).hexdigest()[:24]
    return f"mentor:{FORMAT}:{mentor.pk}:{digest}"


@dataclass
class MenteeRow:
    link: Mentorship
    completion: Completion = field(default_factory=lambda: Completion(0, 0))
    behind_by: int = 0
    streak: int = 0
    last_active: datetime | None = None
    inactive: bool = False
    weakest: list = field(default_factory=list)
    next_interview: Interview | None = None
    interview_soon: bool = False
    has_plan: bool = False

    @property
    def mentee(self):
        return self.link.mentee

    @property
    def stands_out(self) -> bool:
        return self.behind_by > 0 or self.inactive or self.interview_soon


def dashboard_rows(mentor) -> list[MenteeRow]:
    """One row per active mentee with every figure the dashboard shows."""
    links = list(
        Mentorship.objects.filter(mentor=mentor, status=Status.ACTIVE)
        .select_related("mentee", "mentee__schedule")
        .order_by("mentee__email")
    )
    rows = {link.mentee_id: MenteeRow(link) for link in links}
    ids = list(rows)
    if not ids:
        return []
    now = timezone.now()
    todays = {u: now.astimezone(zone_info(rows[u].mentee.timezone)).date() for u in ids}
    plans = {p.user_id: p for p in Plan.objects.filter(user_id__in=ids, is_active=True)}
    items = PlanItem.objects.filter(plan__user_id__in=ids, plan__is_active=True)
    counts = (
        items.exclude(status=SKIPPED)
        .values("plan__user_id")
        .annotate(
            total=Count("pk"),
            done=Count("pk", filter=Q(status=DONE)),
            left=Count("pk", filter=Q(status=PENDING)),
            left_minutes=Sum("minutes", filter=Q(status=PENDING)),
            last=Max("completed_at"),
        )
    )
    left_of: dict[int, tuple[int, int]] = {}
    for row in counts:
        mentee = rows[row["plan__user_id"]]
        mentee.completion = Completion(row["done"], row["total"])
        mentee.last_active = row["last"]
        left_of[row["plan__user_id"]] = (row["left"], row["left_minutes"] or 0)
    stamps = items.filter(
        status=DONE, completed_at__gte=now - timedelta(days=STREAK_LOOKBACK_DAYS)
    ).values_list("plan__user_id", "completed_at")
    active: dict[int, set[date]] = defaultdict(set)
    for user_id, stamp in stamps:
        active[user_id].add(stamp.astimezone(zone_info(rows[user_id].mentee.timezone)).date())
    _next_interviews(rows, now)
    weak = _weak_areas(rows, todays)
    for user_id, row in rows.items():
        plan, schedule = plans.get(user_id), getattr(row.mentee, "schedule", None)
        today = todays[user_id]
        row.has_plan = plan is not None and schedule is not None
        row.weakest = [a for a in weak[user_id] if a.is_weak][:WEAKEST_SHOWN]
        if row.next_interview is not None:
            days = (row.next_interview.scheduled_at - now).days
            row.interview_soon = days < rules.INTERVIEW_SOON_DAYS
        if not row.has_plan:
            continue
        days = schedule.study_weekdays
        row.streak = streak(today, days, active[user_id])
        left, left_minutes = left_of.get(user_id, (0, 0))
        row.behind_by = rules.behind_by_total(
            today=today,
            end=plan.end_date,
            study_days=days,
            minutes_per_day=schedule.minutes_per_day,
            items_left=left,
            minutes_left=left_minutes,
        )
        if row.last_active:
            since = row.last_active.astimezone(zone_info(row.mentee.timezone)).date()
        else:
            since = plan.start_date - timedelta(days=1)
        row.inactive = (
            rules.study_days_between(since + timedelta(days=1), today - timedelta(days=1), days)
            >= rules.INACTIVE_AFTER_STUDY_DAYS
        )
    return list(rows.values())


def _weak_areas(rows: dict[int, MenteeRow], todays: dict[int, date]) -> dict[int, list]:
    """Each mentee's weak areas as their own pages cache them (keyed by their version and
    their date): only the ones not cached are computed, together, per date."""

    def compute(user_ids: list[int]) -> dict[int, list]:
        by_day: dict[date, list[int]] = defaultdict(list)
        for user_id in user_ids:
            by_day[todays[user_id]].append(user_id)
        found: dict[int, list] = {}
        for day, same_day in by_day.items():
            found |= weak_areas_for_many(same_day, day)
        return found

    learners = {
        user_id: (schedule, todays[user_id])
        for user_id, row in rows.items()
        if (schedule := getattr(row.mentee, "schedule", None)) is not None
    }
    weak = cached_many("weak-areas", learners=learners, compute=compute)
    without_schedule = [user_id for user_id in rows if user_id not in learners]
    return weak | (compute(without_schedule) if without_schedule else {})


def _next_interviews(rows: dict[int, MenteeRow], now: datetime) -> None:
    upcoming = Interview.objects.filter(user_id__in=list(rows), scheduled_at__gte=now)
    firsts = upcoming.values("user_id").annotate(first=Min("scheduled_at"))
    wanted = Q(pk__in=[])
    for row in firsts:
        wanted |= Q(user_id=row["user_id"], scheduled_at=row["first"])
    for interview in upcoming.filter(wanted):
        rows[interview.user_id].next_interview = interview


SORTS = {
    "name": lambda r: (r.mentee.name.lower(),),
    "completion": lambda r: (r.completion.percent,),
    "behind": lambda r: (-r.behind_by, r.mentee.name.lower()),
    "activity": lambda r: (r.last_active is not None, r.last_active or timezone.now()),
    "interview": lambda r: (
        r.next_interview is None,
        r.next_interview.scheduled_at if r.next_interview else timezone.now(),
    ),
}
FILTERS = {
    "all": lambda r: True,
    "attention": lambda r: r.stands_out,
    "behind": lambda r: r.behind_by > 0,
    "inactive": lambda r: r.inactive,
    "interview": lambda r: r.interview_soon,
}


SHOWN_PER_LIST = 10


def mentee_overview(access) -> dict:
    """What a mentor sees of one mentee, read-only: the plan week by week with this week's
    items, and the latest interviews, practice, stories and mocks. A fixed number of queries
    whatever the plan's length (weeks are counted, not listed item by item)."""
    learner = access.learner
    plan = Plan.objects.filter(user=learner, is_active=True).first()
    today = timezone.now().astimezone(zone_info(learner.timezone)).date()
    week_start = today - timedelta(days=today.weekday())
    link = Mentorship.objects.filter(
        mentor=access.viewer, mentee=learner, status=Status.ACTIVE
    ).first()
    this_week = []
    if plan is not None:
        this_week = list(
            plan.items.filter(date__gte=week_start, date__lt=week_start + timedelta(days=7))
            .select_related("topic")
            .prefetch_related(with_comments())
            .order_by("date", "position")
        )
    interviews = list(
        interviews_of(access)
        .prefetch_related(with_comments())
        .order_by("-scheduled_at")[:SHOWN_PER_LIST]
    )
    checklist_counts_add(interviews)  # of the interviews shown, not of every one
    return {
        "plan": plan,
        "weeks": weekly_planned_vs_done(plan) if plan else [],
        "this_week": this_week,
        "shares_notes": bool(link and link.shares_notes),
        "interviews": interviews,
        "practice": practice_of(access).select_related("topic")[:SHOWN_PER_LIST],
        "stories": stories_of(access)[:SHOWN_PER_LIST],
        "mocks": mocks_of(access)[:SHOWN_PER_LIST],
    }


# What a mentor may comment on, each fetched through the viewer (progress.access).
TARGETS = {
    Comment.About.ITEM: lambda viewer, pk: plan_item_get(viewer=viewer, item_id=pk),
    Comment.About.INTERVIEW: lambda viewer, pk: interview_get(viewer=viewer, interview_id=pk),
    Comment.About.STORY: lambda viewer, pk: story_get(viewer=viewer, story_id=pk),
    Comment.About.MOCK: lambda viewer, pk: mock_get(viewer=viewer, mock_id=pk),
}


def mentor_access(viewer, learner_id: int) -> Access:
    """The viewer as an active mentor of the learner (who may comment and score mocks);
    NotVisible for anyone else, the learner included: comments are the mentor's voice."""
    access = learner_access(viewer, learner_id)
    if access.is_owner or not access.can_comment:
        raise NotVisible(f"learner {learner_id} is not mentored by this viewer")
    return access


def comment_target(*, viewer, learner_id: int, about: str, about_id: int):
    """The thing a comment is about, if it is the learner's and the viewer mentors them."""
    mentor_access(viewer, learner_id)
    if about not in TARGETS:
        raise NotVisible(f"nothing called {about!r} takes comments")
    thing = TARGETS[about](viewer, about_id)
    owner = thing.plan.user_id if about == Comment.About.ITEM else thing.user_id
    if owner != learner_id:
        raise NotVisible(f"{about} {about_id} is not learner {learner_id}'s")
    return thing


def comments_on(thing, about: str):
    return Comment.objects.filter(**{about: thing}).select_related("author")


def comments_received(access: Access):
    """Every comment on the learner's things, newest first, with what each is about."""
    return (
        Comment.objects.filter(learner=access.learner)
        .select_related("author", "item", "interview", "story", "mock")
        .order_by("-created_at", "-pk")
    )
