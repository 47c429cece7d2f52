"""The interview services: an interview gets its own copy of the checklists with due times
in its zone, moves them when it moves, refuses what the rules refuse whoever calls, creates
nothing twice for one submission, and keeps the plan's review days in step with its
reflection."""

import importlib
import uuid
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.services import user_timezone_set
from curriculum.models import ChecklistTemplateItem, Topic
from progress.interviews import services
from progress.interviews.rules import due_at
from progress.models import Interview, InterviewChecklistItem, PlanItem
from tests.conftest import PINNED_NOW
from tests.factories import InterviewFactory, onboard

pytestmark = pytest.mark.django_db

LONDON = "Europe/London"
NEW_YORK = "America/New_York"
BERLIN = "Europe/Berlin"


def at(zone: str, *fields) -> datetime:
    return datetime(*fields, tzinfo=ZoneInfo(zone)).astimezone(UTC)


def wall_clock(moment: datetime, zone: str) -> datetime:
    return moment.astimezone(ZoneInfo(zone)).replace(tzinfo=None)


def live_template_ids() -> set[int]:
    return set(ChecklistTemplateItem.objects.filter(retired=False).values_list("pk", flat=True))


def in_london(learner, scheduled_at: datetime, **fields) -> Interview:
    return InterviewFactory(user=learner, scheduled_at=scheduled_at, timezone_name=LONDON, **fields)


def interview_fields(interview: Interview, **changes) -> dict:
    """What interview_update takes, as the interview stands, with `changes`."""
    return {
        "company": interview.company,
        "role": interview.role,
        "stage": interview.stage,
        "format": interview.format,
        "scheduled_at": interview.scheduled_at,
        "timezone_name": interview.timezone,
        "link": interview.link,
        "notes": interview.notes,
        **changes,
    }


def stored(interview_id: int) -> tuple:
    """Everything stored for one interview: its row, its checklist and its topics."""
    return (
        Interview.objects.filter(pk=interview_id).values().first(),
        list(InterviewChecklistItem.objects.filter(interview_id=interview_id).values()),
        list(
            Interview.improve_topics.through.objects.filter(interview_id=interview_id)
            .order_by("topic_id")
            .values_list("topic_id", flat=True)
        ),
    )


def topic(slug: str) -> Topic:
    return Topic.objects.get(slug=slug)


# --- the checklist copied onto a new interview ----------------------------------------------


def test_interview_create_copies_every_live_template_item(learner, curriculum):
    interview = in_london(learner, at(LONDON, 2025, 10, 27, 10, 0))
    copied = list(interview.checklist.values_list("template_id", flat=True))
    assert len(copied) == len(live_template_ids()) and set(copied) == live_template_ids()


def test_interview_create_leaves_out_retired_template_items(learner, curriculum):
    ChecklistTemplateItem.objects.filter(slug="good-sleep").update(retired=True)
    interview = in_london(learner, at(LONDON, 2025, 10, 27, 10, 0))
    copied = set(interview.checklist.values_list("template__slug", flat=True))
    live = set(ChecklistTemplateItem.objects.values_list("slug", flat=True)) - {"good-sleep"}
    assert copied == live


def test_interview_create_copies_the_text_phase_and_offset_of_each_template_item(
    learner, curriculum
):
    interview = in_london(learner, at(LONDON, 2025, 10, 27, 10, 0))
    copied = {(i.template_id, i.text, i.phase, i.offset_hours) for i in interview.checklist.all()}
    assert copied == {
        (t.pk, t.text, t.phase, t.due_offset_hours)
        for t in ChecklistTemplateItem.objects.filter(retired=False)
    }


def expected_due(item: InterviewChecklistItem, scheduled_at: datetime, zone: str, learner):
    evening_in = learner.timezone if item.evening else None
    return due_at(scheduled_at, item.offset_hours, zone, evening_in=evening_in)


def test_interview_create_gives_every_item_its_wall_clock_due_time(learner, curriculum):
    interview = in_london(learner, at(LONDON, 2025, 10, 27, 10, 0))
    due = {i.pk: i.due_at for i in interview.checklist.all()}
    expected = {
        i.pk: expected_due(i, interview.scheduled_at, LONDON, learner)
        for i in interview.checklist.all()
    }
    assert len(due) == len(live_template_ids()) and due == expected


def test_a_copied_day_before_item_is_due_at_10_local_the_day_before_across_the_change(
    learner, curriculum
):
    interview = in_london(learner, at(LONDON, 2025, 10, 26, 10, 0))
    item = interview.checklist.get(template__slug="prepare-questions")
    assert wall_clock(item.due_at, LONDON) == datetime(2025, 10, 25, 10, 0)


def test_the_thank_you_note_is_due_24_hours_after_a_summer_interview(learner, curriculum):
    interview = in_london(learner, at(LONDON, 2025, 7, 1, 10, 0))
    item = interview.checklist.get(template__slug="send-thank-you")
    assert item.due_at - interview.scheduled_at == timedelta(hours=24)


# Defect: "get a good night's sleep" fell due at 02:30 for a 14:30 interview (12 hours before).
def test_good_sleep_is_due_at_21_the_evening_before_a_1430_interview(learner, curriculum):
    user_timezone_set(user=learner, timezone_name=LONDON)
    interview = in_london(learner, at(LONDON, 2025, 7, 10, 14, 30))
    item = interview.checklist.get(template__slug="good-sleep")
    assert (item.offset_hours, item.evening) == (-24, True)
    assert wall_clock(item.due_at, LONDON) == datetime(2025, 7, 9, 21, 0)


def test_good_sleep_follows_the_learners_evening_for_an_interview_entered_in_another_zone(
    learner, curriculum
):
    user_timezone_set(user=learner, timezone_name=BERLIN)
    interview = InterviewFactory(
        user=learner, scheduled_at=at(NEW_YORK, 2025, 7, 10, 9, 0), timezone_name=NEW_YORK
    )
    item = interview.checklist.get(template__slug="good-sleep")
    assert wall_clock(item.due_at, BERLIN) == datetime(2025, 7, 9, 21, 0)


def test_moving_an_interview_to_another_day_moves_good_sleep_to_the_evening_before_it(
    learner, curriculum
):
    user_timezone_set(user=learner, timezone_name=LONDON)
    interview = in_london(learner, at(LONDON, 2025, 7, 10, 14, 30))
    services.interview_update(
        interview=interview,
        **interview_fields(interview, scheduled_at=at(LONDON, 2025, 7, 15, 8, 0)),
    )
    item = interview.checklist.get(template__slug="good-sleep")
    assert wall_clock(item.due_at, LONDON) == datetime(2025, 7, 14, 21, 0)


def test_good_sleep_moves_to_the_learners_new_evening_when_their_zone_changes(learner, curriculum):
    user_timezone_set(user=learner, timezone_name=LONDON)
    ahead = in_london(learner, at(LONDON, 2025, 7, 10, 14, 30))
    held = in_london(learner, timezone.now() - timedelta(days=1))
    held_due = held.checklist.get(template__slug="good-sleep").due_at
    user_timezone_set(user=learner, timezone_name=BERLIN)
    assert services.checklist_evenings_follow(user=learner) == 1
    item = ahead.checklist.get(template__slug="good-sleep")
    assert wall_clock(item.due_at, BERLIN) == datetime(2025, 7, 9, 21, 0)
    assert held.checklist.get(template__slug="good-sleep").due_at == held_due


def test_copies_of_good_sleep_made_at_12_hours_before_move_to_the_evening_before(
    learner, curriculum
):
    """The data migration that fixes copies made before evening items existed."""
    user_timezone_set(user=learner, timezone_name=LONDON)
    interview = in_london(learner, at(LONDON, 2025, 7, 10, 14, 30))
    old_copy = interview.checklist.filter(template__slug="good-sleep")
    old_copy.update(offset_hours=-12, evening=False, due_at=at(LONDON, 2025, 7, 10, 2, 30))
    others = interview.checklist.exclude(template__slug="good-sleep")
    untouched = list(others.values())
    migration = importlib.import_module("progress.migrations.0008_checklist_item_evening")
    migration.good_sleep_on_the_evening_before(django_apps, None)
    item = old_copy.get()
    assert (item.offset_hours, item.evening, wall_clock(item.due_at, LONDON)) == (
        -24,
        True,
        datetime(2025, 7, 9, 21, 0),
    )
    assert list(others.values()) == untouched


def test_interview_create_stores_the_time_in_utc_with_the_zone_it_was_given_in(learner, curriculum):
    interview = in_london(learner, at(LONDON, 2025, 7, 1, 10, 0))
    interview.refresh_from_db()
    assert (interview.scheduled_at, interview.timezone) == (
        datetime(2025, 7, 1, 9, 0, tzinfo=UTC),
        LONDON,
    )


def test_interview_create_refuses_an_unknown_zone_and_stores_nothing(learner, curriculum):
    with pytest.raises(ValidationError) as refused:
        InterviewFactory(user=learner, timezone_name="Mars/Olympus_Mons")
    assert refused.value.message_dict == {"timezone": ["Pick a time zone from the list."]}
    assert Interview.objects.count() == 0


# --- one submission, one interview (defect: double submits made twins) ----------------------


def test_the_same_submission_twice_gives_back_the_first_interview(learner, curriculum):
    submission = uuid.uuid4()
    first = InterviewFactory(user=learner, company="Acme", submission=submission)
    second = InterviewFactory(user=learner, company="Acme", submission=submission)
    assert second.pk == first.pk and Interview.objects.count() == 1


def test_the_same_submission_twice_gives_the_interview_one_checklist(learner, curriculum):
    submission = uuid.uuid4()
    InterviewFactory(user=learner, submission=submission)
    InterviewFactory(user=learner, submission=submission)
    assert InterviewChecklistItem.objects.count() == len(live_template_ids())


def test_two_different_submissions_make_two_interviews(learner, curriculum):
    InterviewFactory(user=learner, submission=uuid.uuid4())
    InterviewFactory(user=learner, submission=uuid.uuid4())
    assert Interview.objects.filter(user=learner).count() == 2


def test_another_learners_submission_key_does_not_find_my_interview(
    learner, other_learner, curriculum
):
    submission = uuid.uuid4()
    mine = InterviewFactory(user=learner, submission=submission)
    theirs = InterviewFactory(user=other_learner, submission=submission)
    assert theirs.pk != mine.pk and theirs.user == other_learner


# --- far-off dates (defect: year 1 or 9999 overflowed in the due-time arithmetic) -----------

FAR_OFF = [datetime(1, 1, 1, tzinfo=UTC), datetime(9999, 12, 31, 10, 0, tzinfo=UTC)]
TOO_FAR = {"date": ["Pick a date within 5 years of today."]}


@pytest.mark.parametrize("scheduled_at", FAR_OFF, ids=["year-1", "year-9999"])
def test_interview_create_refuses_a_date_near_year_1_or_9999_and_stores_nothing(
    learner, curriculum, scheduled_at
):
    with pytest.raises(ValidationError) as refused:
        InterviewFactory(user=learner, scheduled_at=scheduled_at)
    assert refused.value.message_dict == TOO_FAR
    assert (Interview.objects.count(), InterviewChecklistItem.objects.count()) == (0, 0)


@pytest.mark.parametrize("scheduled_at", FAR_OFF, ids=["year-1", "year-9999"])
def test_interview_update_refuses_a_date_near_year_1_or_9999_and_changes_nothing(
    learner, curriculum, scheduled_at
):
    interview = InterviewFactory(user=learner)
    before = stored(interview.pk)
    with pytest.raises(ValidationError) as refused:
        services.interview_update(
            interview=interview, **interview_fields(interview, scheduled_at=scheduled_at)
        )
    assert refused.value.message_dict == TOO_FAR
    assert stored(interview.pk) == before


# --- moving an interview moves its checklist ------------------------------------------------


def test_interview_update_moves_every_due_time_with_the_new_time(learner, curriculum):
    interview = in_london(learner, at(LONDON, 2025, 7, 1, 10, 0))
    services.checklist_item_add(
        interview=interview, phase="before", text="Print the CV", offset_hours=-3
    )
    moved_to = at(LONDON, 2025, 10, 27, 14, 0)
    services.interview_update(
        interview=interview, **interview_fields(interview, scheduled_at=moved_to)
    )
    items = list(InterviewChecklistItem.objects.filter(interview=interview))
    assert len(items) == len(live_template_ids()) + 1
    assert {i.pk: i.due_at for i in items} == {
        i.pk: expected_due(i, moved_to, LONDON, learner) for i in items
    }


def test_interview_update_moves_due_times_to_the_new_zone(learner, curriculum):
    interview = in_london(learner, at(LONDON, 2026, 3, 8, 10, 0))
    same_wall_clock_in_new_york = at(NEW_YORK, 2026, 3, 8, 10, 0)
    services.interview_update(
        interview=interview,
        **interview_fields(
            interview, scheduled_at=same_wall_clock_in_new_york, timezone_name=NEW_YORK
        ),
    )
    item = interview.checklist.get(template__slug="prepare-questions")
    assert wall_clock(item.due_at, NEW_YORK) == datetime(2026, 3, 7, 10, 0)


def test_interview_update_without_a_new_time_keeps_every_due_time(learner, curriculum):
    interview = in_london(learner, at(LONDON, 2025, 7, 1, 10, 0))
    before = dict(interview.checklist.values_list("pk", "due_at"))
    services.interview_update(
        interview=interview, **interview_fields(interview, company="Renamed Ltd")
    )
    assert len(before) == len(live_template_ids())
    assert dict(interview.checklist.values_list("pk", "due_at")) == before


def test_interview_update_saves_every_changed_field(learner, curriculum):
    interview = InterviewFactory(user=learner)
    services.interview_update(
        interview=interview,
        **interview_fields(
            interview,
            company="Renamed Ltd",
            role="Staff engineer",
            stage="onsite",
            format="in-person",
            link="https://meet.example.com/x",
            notes="Bring ID",
        ),
    )
    assert Interview.objects.filter(pk=interview.pk).values(
        "company", "role", "stage", "format", "link", "notes"
    ).get() == {
        "company": "Renamed Ltd",
        "role": "Staff engineer",
        "stage": "onsite",
        "format": "in-person",
        "link": "https://meet.example.com/x",
        "notes": "Bring ID",
    }


# --- own checklist items --------------------------------------------------------------------


def test_an_added_item_is_due_its_offset_on_the_interviews_clock(learner, curriculum):
    interview = in_london(learner, at(LONDON, 2025, 10, 26, 10, 0))
    item = services.checklist_item_add(
        interview=interview, phase="before", text="Print the CV", offset_hours=-24
    )
    item.refresh_from_db()
    assert (item.interview_id, item.phase, item.text, item.offset_hours, item.template_id) == (
        interview.pk,
        "before",
        "Print the CV",
        -24,
        None,
    )
    assert wall_clock(item.due_at, LONDON) == datetime(2025, 10, 25, 10, 0)


@pytest.mark.parametrize(
    ("phase", "offset", "message"),
    [
        ("before", 5, "A “before” item is due before the interview."),
        ("after", -3, "An “after” item is due after the interview."),
        ("during", 2, "A “during” item is due at the interview."),
    ],
)
def test_an_item_whose_offset_disagrees_with_its_phase_is_refused_and_not_stored(
    learner, curriculum, phase, offset, message
):
    interview = InterviewFactory(user=learner)
    with pytest.raises(ValidationError) as refused:
        services.checklist_item_add(
            interview=interview, phase=phase, text="Print the CV", offset_hours=offset
        )
    assert refused.value.message_dict == {"when": [message]}
    assert interview.checklist.filter(template__isnull=True).count() == 0


def test_the_same_item_submission_twice_adds_one_item(learner, curriculum):
    interview = InterviewFactory(user=learner)
    submission = uuid.uuid4()
    first = services.checklist_item_add(
        interview=interview,
        phase="after",
        text="Write notes",
        offset_hours=2,
        submission=submission,
    )
    second = services.checklist_item_add(
        interview=interview,
        phase="after",
        text="Write notes",
        offset_hours=2,
        submission=submission,
    )
    assert second.pk == first.pk
    assert list(
        interview.checklist.filter(template__isnull=True).values_list("text", flat=True)
    ) == ["Write notes"]


def test_an_own_item_due_the_evening_before_is_due_at_21_on_the_learners_clock(learner, curriculum):
    user_timezone_set(user=learner, timezone_name=LONDON)
    interview = in_london(learner, at(LONDON, 2025, 7, 10, 14, 30))
    item = services.checklist_item_add(
        interview=interview, phase="before", text="Lay out clothes", offset_hours=-24, evening=True
    )
    assert wall_clock(item.due_at, LONDON) == datetime(2025, 7, 9, 21, 0)


@pytest.fixture
def own_item(learner, curriculum):
    interview = in_london(learner, at(LONDON, 2025, 7, 10, 14, 30))
    return services.checklist_item_add(
        interview=interview, phase="before", text="Print the CV", offset_hours=-3
    )


def test_an_own_item_can_be_given_new_text_and_a_new_due_time(own_item):
    services.checklist_item_update(
        item=own_item, phase="after", text="Post the CV", offset_hours=48, evening=False
    )
    own_item.refresh_from_db()
    assert (own_item.phase, own_item.text, own_item.offset_hours, own_item.evening) == (
        "after",
        "Post the CV",
        48,
        False,
    )
    assert wall_clock(own_item.due_at, LONDON) == datetime(2025, 7, 12, 14, 30)


def test_changing_an_own_item_keeps_it_done(own_item):
    services.checklist_item_set_done(item=own_item, done=True)
    services.checklist_item_update(
        item=own_item, phase="before", text="Print two CVs", offset_hours=-3, evening=False
    )
    own_item.refresh_from_db()
    assert own_item.done_at == PINNED_NOW


def test_an_own_item_given_a_due_time_against_its_phase_is_refused_and_unchanged(own_item):
    before = InterviewChecklistItem.objects.filter(pk=own_item.pk).values().get()
    with pytest.raises(ValidationError) as refused:
        services.checklist_item_update(
            item=own_item, phase="before", text="Changed", offset_hours=3, evening=False
        )
    assert refused.value.message_dict == {"when": ["A “before” item is due before the interview."]}
    assert InterviewChecklistItem.objects.filter(pk=own_item.pk).values().get() == before


def test_an_own_item_can_be_deleted(own_item):
    services.checklist_item_delete(item=own_item)
    assert not InterviewChecklistItem.objects.filter(pk=own_item.pk).exists()


def test_an_item_copied_from_the_curriculum_is_neither_changed_nor_deleted(learner, curriculum):
    item = InterviewFactory(user=learner).checklist.get(template__slug="good-sleep")
    before = InterviewChecklistItem.objects.filter(pk=item.pk).values().get()
    with pytest.raises(ValidationError):
        services.checklist_item_update(
            item=item, phase="before", text="Changed", offset_hours=-2, evening=False
        )
    with pytest.raises(ValidationError):
        services.checklist_item_delete(item=item)
    assert InterviewChecklistItem.objects.filter(pk=item.pk).values().get() == before


# --- ticking --------------------------------------------------------------------------------


def test_ticking_an_item_records_when_it_was_done(learner, curriculum):
    item = InterviewFactory(user=learner).checklist.first()
    services.checklist_item_set_done(item=item, done=True)
    item.refresh_from_db()
    assert item.done_at == PINNED_NOW


def test_ticking_a_done_item_again_keeps_the_time_of_the_first_tick(
    learner, curriculum, time_machine
):
    item = InterviewFactory(user=learner).checklist.first()
    services.checklist_item_set_done(item=item, done=True)
    time_machine.move_to(PINNED_NOW + timedelta(hours=1), tick=False)
    services.checklist_item_set_done(item=item, done=True)
    item.refresh_from_db()
    assert item.done_at == PINNED_NOW


def test_unticking_an_item_clears_when_it_was_done(learner, curriculum):
    item = InterviewFactory(user=learner).checklist.first()
    services.checklist_item_set_done(item=item, done=True)
    services.checklist_item_set_done(item=item, done=False)
    item.refresh_from_db()
    assert item.done_at is None


# --- the reflection -------------------------------------------------------------------------


def reflect(interview: Interview, **changes) -> Interview:
    data = {
        "went_well": "Clear answers",
        "to_improve": "",
        "topic_ids": [],
        "outcome": "moved-on",
        "today": PINNED_NOW.date(),
        **changes,
    }
    return services.interview_reflect(interview=interview, **data)


def test_a_reflection_after_the_interview_is_stored(learner, curriculum):
    interview = InterviewFactory(user=learner, scheduled_at=timezone.now() - timedelta(hours=2))
    reflect(interview, to_improve="Pace", topic_ids=[topic("system-design").pk])
    assert Interview.objects.filter(pk=interview.pk).values(
        "went_well", "to_improve", "outcome", "reflected_at"
    ).get() == {
        "went_well": "Clear answers",
        "to_improve": "Pace",
        "outcome": "moved-on",
        "reflected_at": PINNED_NOW,
    }
    assert list(interview.improve_topics.values_list("slug", flat=True)) == ["system-design"]


def test_a_reflection_opens_at_the_moment_the_interview_starts(learner, curriculum):
    interview = InterviewFactory(user=learner, scheduled_at=timezone.now())
    reflect(interview)
    interview.refresh_from_db()
    assert interview.reflected_at == PINNED_NOW


def test_a_reflection_before_the_interview_has_started_is_refused_and_stores_nothing(
    learner, curriculum
):
    interview = InterviewFactory(user=learner, scheduled_at=timezone.now() + timedelta(minutes=1))
    before = stored(interview.pk)
    with pytest.raises(ValidationError) as refused:
        reflect(interview, topic_ids=[topic("system-design").pk])
    assert refused.value.messages == ["The reflection opens once the interview has started."]
    assert stored(interview.pk) == before


def test_saving_a_reflection_again_keeps_the_time_it_was_first_written(
    learner, curriculum, time_machine
):
    interview = InterviewFactory(user=learner, scheduled_at=timezone.now() - timedelta(hours=2))
    reflect(interview)
    time_machine.move_to(PINNED_NOW + timedelta(days=1), tick=False)
    reflect(interview, went_well="Clearer on second thought")
    interview.refresh_from_db()
    assert (interview.went_well, interview.reflected_at) == (
        "Clearer on second thought",
        PINNED_NOW,
    )


def done_slugs(interview: Interview) -> set[str]:
    return set(
        interview.checklist.filter(done_at__isnull=False).values_list("template__slug", flat=True)
    )


@pytest.fixture
def held(learner, curriculum):
    return InterviewFactory(user=learner, scheduled_at=timezone.now() - timedelta(hours=2))


# Defect: saving a reflection left "reflect on what went well" and "note areas for
# improvement" open on the checklist and on the today view.
def test_a_reflection_writing_both_parts_ticks_both_reflection_items_and_nothing_else(held):
    reflect(held, went_well="Clear answers", to_improve="Pace")
    assert done_slugs(held) == {"reflect-on-what-went-well", "note-improvements"}
    assert held.checklist.get(template__slug="note-improvements").done_at == PINNED_NOW


@pytest.mark.parametrize(
    ("written", "ticked"),
    [
        ({"went_well": "Clear answers", "to_improve": ""}, {"reflect-on-what-went-well"}),
        ({"went_well": "", "to_improve": "Pace"}, {"note-improvements"}),
        (
            {"went_well": "", "to_improve": "", "topic_ids": ["system-design"]},
            {"note-improvements"},
        ),
    ],
    ids=["went-well-only", "to-improve-only", "topics-only"],
)
def test_a_reflection_ticks_only_the_items_for_the_parts_it_writes(held, written, ticked):
    if "topic_ids" in written:
        written = {**written, "topic_ids": [topic(s).pk for s in written["topic_ids"]]}
    reflect(held, **written)
    assert done_slugs(held) == ticked


def test_saving_a_reflection_again_keeps_the_time_of_the_first_tick(held, time_machine):
    reflect(held, went_well="Clear answers")
    time_machine.move_to(PINNED_NOW + timedelta(days=1), tick=False)
    reflect(held, went_well="Clearer on second thought")
    item = held.checklist.get(template__slug="reflect-on-what-went-well")
    assert item.done_at == PINNED_NOW


def test_a_refused_reflection_ticks_nothing(learner, curriculum):
    interview = InterviewFactory(user=learner, scheduled_at=timezone.now() + timedelta(hours=1))
    with pytest.raises(ValidationError):
        reflect(interview, went_well="Too early")
    assert done_slugs(interview) == set()


# --- the plan's review days follow the reflection -------------------------------------------

# A topic the learner rates strong (5/5): only a reflection naming it can make it weak.
STRONG = "concurrency-async"


@pytest.fixture
def planned_learner(learner, curriculum):
    """The learner with a plan long enough to hold review-weak-areas days."""
    onboard(
        learner,
        learner.today,
        ratings={topic(STRONG).pk: 5},
        interview_date=learner.today + timedelta(days=35),
    )
    return learner


def coming_review_topics(user) -> list[str]:
    """The topics of the plan's coming review-weak-areas items, in plan order."""
    return list(
        PlanItem.objects.filter(
            plan__user=user,
            plan__is_active=True,
            activity="review-weak",
            status="pending",
            date__gte=user.today,
        )
        .order_by("date", "position")
        .values_list("topic__slug", flat=True)
    )


def test_a_reflection_points_the_first_coming_review_day_at_the_topic_it_names(
    planned_learner,
):
    interview = InterviewFactory(
        user=planned_learner, scheduled_at=timezone.now() - timedelta(hours=2)
    )
    assert STRONG not in coming_review_topics(planned_learner)
    reflect(interview, topic_ids=[topic(STRONG).pk])
    topics = coming_review_topics(planned_learner)
    assert len(topics) > 1 and topics[0] == STRONG and topics.count(STRONG) == 1


def test_deleting_a_reflected_interview_turns_review_days_away_from_the_topic_it_made_weak(
    planned_learner,
):
    interview = InterviewFactory(
        user=planned_learner, scheduled_at=timezone.now() - timedelta(hours=2)
    )
    reflect(interview, topic_ids=[topic(STRONG).pk])
    pointed = coming_review_topics(planned_learner)
    assert pointed[0] == STRONG
    services.interview_delete(interview=interview, today=planned_learner.today)
    after = coming_review_topics(planned_learner)
    assert len(after) == len(pointed) and STRONG not in after


def test_deleting_an_interview_removes_it_with_its_checklist(learner, curriculum):
    interview = InterviewFactory(user=learner)
    assert interview.checklist.count() == len(live_template_ids())
    services.interview_delete(interview=interview, today=learner.today)
    assert stored(interview.pk) == (None, [], [])
