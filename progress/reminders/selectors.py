"""Reads for reminders: the facts the sweeper decides on, in a fixed number of queries
whatever the number of learners, and the ledger as the learner sees it."""

from collections import defaultdict
from dataclasses import replace
from datetime import date, datetime, timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, Max, OuterRef, QuerySet

from accounts.zones import zone_info
from curriculum.models import Concept, Lesson, PracticePattern
from progress.access import Access
from progress.interviews.models import Interview, InterviewChecklistItem
from progress.mentoring.kinds import COMMENT_FRESH
from progress.mentoring.models import Comment, Mentorship
from progress.plans.models import Plan, PlanItem
from progress.weak_areas.selectors import weak_areas_for_many

from . import rules
from .models import Delivery, ReminderSettings

# Interviews further away than this cannot be due for any kind (eve opens at most ~2 days
# before, the follow-up closes FOLLOW_UP_AFTER + FOLLOW_UP_WINDOW after).
INTERVIEW_HORIZON = timedelta(days=3)
COUNTED = (Delivery.Status.PENDING, Delivery.Status.SENDING, Delivery.Status.RETRYING,
           Delivery.Status.SENT)  # fmt: skip


def _verified_address(user="user_id", email="user__email"):
    return EmailAddress.objects.filter(
        user_id=OuterRef(user), email__iexact=OuterRef(email), verified=True
    )


def recipients() -> QuerySet[Plan]:
    """Active plans of learners who may get reminders: an active account with a verified
    address, through onboarding, and not unsubscribed from everything."""
    return (
        Plan.objects.filter(
            is_active=True, user__is_active=True, user__schedule__onboarded_at__isnull=False
        )
        .filter(Exists(_verified_address()))
        .exclude(user__reminder_settings__unsubscribed_all=True)
    )


def sweep_facts(now: datetime) -> list[rules.LearnerFacts | rules.MentorFacts]:
    """Everything `rules.decide` needs for every learner and every mentor who may get an
    e-mail now: eight queries in all, whatever their number."""
    everyone = [*_learners(now), *_mentors()]
    # Only someone inside a window can be due: the rest need no ledger or activity lookup.
    candidates = [facts for facts in everyone if rules.may_be_due(facts, now)]
    ids = {facts.user_id for facts in candidates}
    active = _last_active([f.user_id for f in candidates if f.audience == rules.LEARNER])
    recorded, today_counts = _ledger_for(list(ids), now)
    result = []
    for facts in candidates:
        zone = zone_info(facts.zone)
        known = {
            "recorded": frozenset(recorded[facts.user_id]),
            "sent_today": today_counts.get((facts.user_id, now.astimezone(zone).date()), 0),
        }
        if facts.audience == rules.LEARNER:
            last = active.get(facts.user_id)
            known["last_active_on"] = last.astimezone(zone).date() if last else None
        result.append(replace(facts, **known))
    return result


def _learners(now: datetime):
    rows = recipients().values_list(
        "user_id",
        "user__timezone",
        "user__schedule__study_days",
        "start_date",
        "end_date",
        "user__reminder_settings__digest_hour",
        "user__reminder_settings__daily_cap",
        "user__reminder_settings__choices",
    )
    interviews = _interviews_near(now)
    comments = _new_comments(now)
    for user_id, zone, days, start, end, hour, cap, choices in rows:
        yield rules.LearnerFacts(
            user_id=user_id,
            zone=zone,
            study_days=frozenset(int(d) for d in days),
            plan_start=start,
            plan_end=end,
            digest_hour=rules.DEFAULT_DIGEST_HOUR if hour is None else hour,
            daily_cap=rules.DEFAULT_DAILY_CAP if cap is None else cap,
            choices=choices or {},
            interviews=interviews[user_id],
            new_comment=comments.get(user_id),
        )


def mentors():
    """Users who may get the mentors' e-mails: an active account with a verified address,
    following at least one mentee now, and not unsubscribed from everything."""
    following = Mentorship.objects.filter(mentor_id=OuterRef("pk"), status=Mentorship.Status.ACTIVE)
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Exists(following), Exists(_verified_address(user="pk", email="email")))
        .exclude(reminder_settings__unsubscribed_all=True)
    )


def _mentors():
    rows = mentors().values_list(
        "pk",
        "timezone",
        "reminder_settings__digest_hour",
        "reminder_settings__daily_cap",
        "reminder_settings__choices",
    )
    for user_id, zone, hour, cap, choices in rows:
        yield rules.MentorFacts(
            user_id=user_id,
            zone=zone,
            digest_hour=rules.DEFAULT_DIGEST_HOUR if hour is None else hour,
            daily_cap=rules.DEFAULT_DAILY_CAP if cap is None else cap,
            choices=choices or {},
        )


def _new_comments(now: datetime) -> dict[int, rules.CommentFacts]:
    """Each learner's newest comment from a mentor, if it is recent enough to tell them."""
    rows = (
        Comment.objects.filter(created_at__gte=now - COMMENT_FRESH, created_at__lte=now)
        .values("learner_id")
        .annotate(newest=Max("pk"), at=Max("created_at"))
        .values_list("learner_id", "newest", "at")
    )
    return {learner: rules.CommentFacts(newest, at) for learner, newest, at in rows}


def _interviews_near(now: datetime) -> dict[int, tuple[rules.InterviewFacts, ...]]:
    rows = (
        Interview.objects.filter(
            user__plans__is_active=True,
            scheduled_at__gte=now - INTERVIEW_HORIZON,
            scheduled_at__lte=now + INTERVIEW_HORIZON,
        )
        .values_list("id", "user_id", "scheduled_at", "reflected_at")
        .order_by("scheduled_at")
    )
    found: dict[int, list] = defaultdict(list)
    for interview_id, user_id, starts_at, reflected_at in rows:
        found[user_id].append(
            rules.InterviewFacts(interview_id, starts_at, reflected_at is not None)
        )
    return defaultdict(tuple, {k: tuple(v) for k, v in found.items()})


def _last_active(user_ids: list[int]) -> dict[int, datetime]:
    if not user_ids:
        return {}
    rows = (
        PlanItem.objects.filter(
            plan__is_active=True, plan__user_id__in=user_ids, status=PlanItem.Status.DONE
        )
        .values("plan__user_id")
        .annotate(last=Max("completed_at"))
        .values_list("plan__user_id", "last")
    )
    return {user_id: last for user_id, last in rows if last is not None}


def _ledger_for(user_ids: list[int], now: datetime):
    """(kind, period) pairs already recorded lately, and today's counted e-mails per
    (user, local date). Two queries, bounded by the candidates' recent rows."""
    recorded: dict[int, set] = defaultdict(set)
    counts: dict[tuple[int, date], int] = defaultdict(int)
    if not user_ids:
        return recorded, counts
    # No period a rule can produce is older than its window: a week covers them all.
    rows = Delivery.objects.filter(
        user_id__in=user_ids, created_at__gte=now - timedelta(days=8)
    ).values_list("user_id", "kind", "period", "local_date", "status")
    horizon = (now - timedelta(days=2)).date()
    for user_id, kind, period, local_date, status in rows:
        recorded[user_id].add((kind, period))
        if status in COUNTED and local_date >= horizon:
            counts[(user_id, local_date)] += 1
    return recorded, counts


def settings_of(user) -> ReminderSettings:
    """The learner's preferences; the defaults (unsaved) until they change something."""
    return ReminderSettings.objects.filter(user=user).first() or ReminderSettings(user=user)


def deliveries_of(access: Access) -> QuerySet[Delivery]:
    return Delivery.objects.filter(user=access.learner).order_by("-created_at", "-pk")


def delivery_for_sending(delivery_id: int) -> Delivery:
    return Delivery.objects.select_related("user").get(pk=delivery_id)


NOT_VERIFIED, NO_PLAN = "address not verified", "no active plan"
NO_MENTEES = "no active mentee"


def reach_problem(*, verified: bool, has_plan: bool, has_mentees: bool, audience: str) -> str:
    """What keeps e-mails of an audience from a user whatever they chose ("" when nothing
    does): an unverified address; for a learner's, no plan; for a mentor's, nobody to
    mentor."""
    if not verified:
        return NOT_VERIFIED
    if audience == rules.MENTOR:
        return "" if has_mentees else NO_MENTEES
    return "" if has_plan else NO_PLAN


class SendBatch:
    """The reads a chunk of sends shares, each made once for the whole chunk, when first
    needed: the rows with their users, what may stop an e-mail (addresses, plans, mentees,
    preferences), and what the e-mails say (today's items, overdue counts, weak areas, the
    curriculum's next steps, the interviews and their open checklist items). A single send
    is a batch of one. Read at the start of the chunk: a preference changed in
    the second or so a chunk takes to send applies from the next e-mail's chunk."""

    def __init__(self, delivery_ids):
        self.deliveries = {
            d.pk: d for d in Delivery.objects.filter(pk__in=delivery_ids).select_related("user")
        }
        self.user_ids = {d.user_id for d in self.deliveries.values()}
        self._loaded: dict = {}

    def once(self, key, load):
        if key not in self._loaded:
            self._loaded[key] = load()
        return self._loaded[key]

    def delivery(self, delivery_id: int) -> Delivery:
        return self.deliveries[delivery_id]

    def _reach(self) -> dict[str, set[int]]:
        ids = self.user_ids
        return {
            "verified": set(
                get_user_model()
                .objects.filter(pk__in=ids)
                .filter(Exists(_verified_address(user="pk", email="email")))
                .values_list("pk", flat=True)
            ),
            "planned": set(
                Plan.objects.filter(user_id__in=ids, is_active=True).values_list(
                    "user_id", flat=True
                )
            ),
            "mentoring": set(
                Mentorship.objects.filter(
                    mentor_id__in=ids, status=Mentorship.Status.ACTIVE
                ).values_list("mentor_id", flat=True)
            ),
        }

    def preferences(self, user) -> ReminderSettings:
        found = self.once(
            "preferences",
            lambda: {
                s.user_id: s for s in ReminderSettings.objects.filter(user_id__in=self.user_ids)
            },
        )
        return found.get(user.pk) or ReminderSettings(user=user)

    def still_wanted(self, delivery: Delivery) -> str:
        """Empty if the e-mail should still go out now; else why not (the user may have
        unsubscribed, lost their plan, ended their last link or been deactivated since)."""
        user, kind = delivery.user, rules.KINDS.get(delivery.kind)
        if kind is None:
            return rules.OPTED_OUT
        if not user.is_active:
            return "account deactivated"
        reach = self.once("reach", self._reach)
        problem = reach_problem(
            verified=user.pk in reach["verified"],
            has_plan=user.pk in reach["planned"],
            has_mentees=user.pk in reach["mentoring"],
            audience=kind.audience,
        )
        if problem:
            return problem
        preferences = self.preferences(user)
        if preferences.unsubscribed_all or not preferences.choices.get(kind.slug, kind.default_on):
            return rules.OPTED_OUT
        return ""

    def _same_day(self, delivery: Delivery, kinds: tuple[str, ...]) -> list[int]:
        return sorted(
            {
                d.user_id
                for d in self.deliveries.values()
                if d.local_date == delivery.local_date and d.kind in kinds
            }
        )

    def weak_areas(self, delivery: Delivery, kinds: tuple[str, ...]) -> list:
        """The user's weak areas on the e-mail's day, loaded for every e-mail of those kinds
        and that day in the chunk at once."""
        day = delivery.local_date
        found = self.once(
            ("weak", day, kinds), lambda: weak_areas_for_many(self._same_day(delivery, kinds), day)
        )
        return found[delivery.user_id]

    def items_on(self, delivery: Delivery, kinds: tuple[str, ...]) -> list[PlanItem]:
        """The active plan's items of the e-mail's day, not skipped."""
        day = delivery.local_date

        def load():
            rows = (
                PlanItem.objects.filter(
                    plan__user_id__in=self._same_day(delivery, kinds),
                    plan__is_active=True,
                    date=day,
                )
                .exclude(status=PlanItem.Status.SKIPPED)
                .select_related("topic", "lesson", "plan")
                .order_by("position", "pk")
            )
            grouped = defaultdict(list)
            for item in rows:
                grouped[item.plan.user_id].append(item)
            return grouped

        return self.once(("items", day, kinds), load).get(delivery.user_id, [])

    def overdue(self, delivery: Delivery, kinds: tuple[str, ...]) -> int:
        """Items of the active plan left undone before the e-mail's day."""
        day = delivery.local_date

        def load():
            rows = (
                PlanItem.objects.filter(
                    plan__user_id__in=self._same_day(delivery, kinds),
                    plan__is_active=True,
                    status=PlanItem.Status.PENDING,
                    date__lt=day,
                )
                .values("plan__user_id")
                .annotate(n=Count("pk"))
                .values_list("plan__user_id", "n")
            )
            return dict(rows)

        return self.once(("overdue", day, kinds), load).get(delivery.user_id, 0)

    def next_steps(self) -> dict[str, dict[str, list[tuple[str, str]]]]:
        """(title, slug) of the live lessons, practice patterns and concepts of every topic,
        each in its order, by topic slug: what a weak-area e-mail suggests. The curriculum is
        a few hundred rows at most, so the chunk reads all of it once."""

        def load():
            found = defaultdict(lambda: {"lessons": [], "patterns": [], "concepts": []})
            groups = (
                ("lessons", Lesson.objects.order_by("order"), "title"),
                ("patterns", PracticePattern.objects.all(), "name"),
                ("concepts", Concept.objects.order_by("order"), "name"),
            )
            for group, rows, title in groups:
                for topic, name, slug in rows.filter(retired=False).values_list(
                    "topic__slug", title, "slug"
                ):
                    found[topic][group].append((name, slug))
            return found

        return self.once("next steps", load)

    def interview(self, delivery: Delivery, kinds: tuple[str, ...]) -> Interview:
        """The learner's interview the e-mail is about (Interview.DoesNotExist if it is
        gone), loaded with those of every e-mail of those kinds in the chunk."""

        def load():
            return {i.pk: i for i in Interview.objects.filter(pk__in=self._about(kinds))}

        found = self.once(("interviews", kinds), load).get(delivery.about_id)
        if found is None or found.user_id != delivery.user_id:
            raise Interview.DoesNotExist(f"No interview {delivery.about_id} of this learner.")
        return found

    def open_items(self, interview: Interview, phase: str, kinds: tuple[str, ...]):
        """The interview's checklist items of that phase not done yet, soonest first, loaded
        for every interview of the chunk's e-mails of those kinds."""

        def load():
            grouped = defaultdict(list)
            rows = InterviewChecklistItem.objects.filter(
                interview_id__in=self._about(kinds), done_at__isnull=True
            ).order_by("due_at", "position", "pk")
            for item in rows:
                grouped[(item.interview_id, item.phase)].append(item)
            return grouped

        return self.once(("open items", kinds), load).get((interview.pk, phase), [])

    def _about(self, kinds: tuple[str, ...]) -> set[int]:
        return {d.about_id for d in self.deliveries.values() if d.kind in kinds} - {None}


def _unreachable(user) -> str:
    return reach_problem(
        verified=EmailAddress.objects.filter(
            user=user, email__iexact=user.email, verified=True
        ).exists(),
        has_plan=Plan.objects.filter(user=user, is_active=True).exists(),
        has_mentees=False,
        audience=rules.LEARNER,
    )


def unsubscribe_target(*, user_id: int, kind: str):
    """The user an unsubscribe token names, if the kind is one we send; None otherwise."""
    if kind != rules.ALL and kind not in rules.KINDS:
        return None
    return get_user_model().objects.filter(pk=user_id).first()


def why_no_reminders(user) -> str:
    """Empty when reminders can reach the user; else what stops them, for the settings page."""
    return {
        NOT_VERIFIED: "Your e-mail address is not confirmed yet: reminders start once it is.",
        NO_PLAN: "Reminders are about your study plan: they start once you have one.",
        "": "",
    }[_unreachable(user)]


def emails_of(user_ids) -> dict[int, str]:
    """For the operator's printout: user id -> address."""
    return dict(get_user_model().objects.filter(pk__in=set(user_ids)).values_list("pk", "email"))
