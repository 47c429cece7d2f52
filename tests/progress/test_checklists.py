"""Checklist due times: wall-clock arithmetic in the interview's zone, stored in UTC."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from curriculum.models import ChecklistTemplateItem
from progress import interview_services, services
from progress.checklists import due_at, local_to_utc
from progress.models import Interview, InterviewChecklistItem
from tests.conftest import make_user

LONDON = "Europe/London"
NEW_YORK = "America/New_York"


def at(zone: str, *fields) -> datetime:
    """A wall-clock time in `zone`, as the database hands it back: in UTC."""
    return datetime(*fields, tzinfo=ZoneInfo(zone)).astimezone(UTC)


def local(moment: datetime, zone: str) -> datetime:
    return moment.astimezone(ZoneInfo(zone))


# --- the pure arithmetic -------------------------------------------------------------------


def test_a_day_before_item_keeps_its_wall_clock_time_across_the_october_change_in_london():
    # Clocks go back at 02:00 on Sunday 26 October 2025; the interview is that morning.
    interview = at(LONDON, 2025, 10, 26, 10, 0)
    due = due_at(interview, -24, LONDON)
    assert local(due, LONDON).replace(tzinfo=None) == datetime(2025, 10, 25, 10, 0)


def test_a_day_before_item_across_the_october_change_is_not_an_absolute_24_hours():
    interview = at(LONDON, 2025, 10, 26, 10, 0)
    assert interview - due_at(interview, -24, LONDON) == timedelta(hours=25)


@pytest.mark.parametrize(
    ("offset", "expected"),
    [
        (-24, datetime(2025, 10, 26, 10, 0)),
        (-48, datetime(2025, 10, 25, 10, 0)),
        (-72, datetime(2025, 10, 24, 10, 0)),
    ],
)
def test_items_before_an_interview_the_day_after_the_october_change_fall_at_10_local(
    offset, expected
):
    interview = at(LONDON, 2025, 10, 27, 10, 0)
    assert local(due_at(interview, offset, LONDON), LONDON).replace(tzinfo=None) == expected


def test_a_day_before_item_keeps_its_wall_clock_time_across_the_march_change_in_new_york():
    # Clocks go forward at 02:00 on Sunday 8 March 2026; the interview is that morning.
    interview = at(NEW_YORK, 2026, 3, 8, 10, 0)
    due = due_at(interview, -24, NEW_YORK)
    assert local(due, NEW_YORK).replace(tzinfo=None) == datetime(2026, 3, 7, 10, 0)


def test_a_day_before_item_across_the_march_change_is_not_an_absolute_24_hours():
    interview = at(NEW_YORK, 2026, 3, 8, 10, 0)
    assert interview - due_at(interview, -24, NEW_YORK) == timedelta(hours=23)


def test_a_day_after_item_keeps_its_wall_clock_time_across_the_march_change_in_new_york():
    interview = at(NEW_YORK, 2026, 3, 7, 15, 30)
    due = due_at(interview, 24, NEW_YORK)
    assert local(due, NEW_YORK).replace(tzinfo=None) == datetime(2026, 3, 8, 15, 30)


def test_due_at_is_returned_in_utc():
    due = due_at(at(NEW_YORK, 2026, 3, 8, 10, 0), -24, NEW_YORK)
    assert due.tzinfo is UTC


def test_due_at_gives_the_same_instant_whatever_zone_the_interview_time_arrives_in():
    interview = at(LONDON, 2025, 10, 26, 10, 0)
    in_tokyo = interview.astimezone(ZoneInfo("Asia/Tokyo"))
    assert due_at(in_tokyo, -24, LONDON) == due_at(interview, -24, LONDON)


def test_a_due_time_in_the_skipped_spring_hour_resolves_like_zoneinfo_fold_zero():
    # 02:30 on 8 March 2026 does not exist in New York; fold=0 reads it with the EST offset.
    interview = at(NEW_YORK, 2026, 3, 9, 2, 30)
    assert due_at(interview, -24, NEW_YORK) == datetime(2026, 3, 8, 7, 30, tzinfo=UTC)


def test_local_to_utc_reads_a_typed_time_in_the_given_zone():
    assert local_to_utc(datetime(2025, 7, 1, 10, 0), LONDON) == datetime(
        2025, 7, 1, 9, 0, tzinfo=UTC
    )


# --- copied and moved with the interview ---------------------------------------------------


@pytest.fixture
def london_learner(curriculum):
    user = make_user("checklists@example.com")
    services.onboarding_complete(
        user=user,
        schedule={
            "interview_date": None,
            "start_date": date(2025, 10, 1),
            "timezone": LONDON,
            "target_role": "Backend Python engineer",
            "study_days": "0123456",
            "minutes_per_day": 60,
        },
        ratings={},
        today=date(2025, 10, 1),
    )
    return user


def interview_data(scheduled_at: datetime, zone: str = LONDON, **overrides) -> dict:
    return {
        "company": "Acme",
        "role": "Backend engineer",
        "stage": Interview.Stage.TECHNICAL,
        "format": Interview.Format.VIDEO,
        "scheduled_at": scheduled_at,
        "timezone": zone,
        "link": "",
        "notes": "",
        **overrides,
    }


def create(user, scheduled_at: datetime, zone: str = LONDON) -> Interview:
    return interview_services.interview_create(user=user, data=interview_data(scheduled_at, zone))


def test_interview_create_copies_every_template_item(london_learner):
    interview = create(london_learner, at(LONDON, 2025, 10, 27, 10, 0))
    copied = set(interview.checklist.values_list("template_id", flat=True))
    assert copied == set(
        ChecklistTemplateItem.objects.filter(retired=False).values_list("pk", flat=True)
    )


def test_interview_create_leaves_out_retired_template_items(london_learner):
    retired = ChecklistTemplateItem.objects.get(slug="good-sleep")
    retired.retired = True
    retired.save()
    interview = create(london_learner, at(LONDON, 2025, 10, 27, 10, 0))
    assert not interview.checklist.filter(template=retired).exists()


def test_interview_create_copies_the_text_phase_and_offset_of_each_template_item(london_learner):
    interview = create(london_learner, at(LONDON, 2025, 10, 27, 10, 0))
    copied = {(i.template_id, i.text, i.phase, i.offset_hours) for i in interview.checklist.all()}
    assert copied == {
        (t.pk, t.text, t.phase, t.due_offset_hours)
        for t in ChecklistTemplateItem.objects.filter(retired=False)
    }


def test_interview_create_gives_every_item_its_wall_clock_due_time(london_learner):
    interview = create(london_learner, at(LONDON, 2025, 10, 27, 10, 0))
    wrong = [
        item.text
        for item in interview.checklist.all()
        if item.due_at != due_at(interview.scheduled_at, item.offset_hours, LONDON)
    ]
    assert interview.checklist.count() > 10 and wrong == []


def test_a_copied_day_before_item_is_due_at_10_local_the_day_before_across_the_change(
    london_learner,
):
    interview = create(london_learner, at(LONDON, 2025, 10, 26, 10, 0))
    item = interview.checklist.get(template__slug="prepare-questions")
    assert local(item.due_at, LONDON).replace(tzinfo=None) == datetime(2025, 10, 25, 10, 0)


def test_the_thank_you_note_is_due_within_24_hours_after_the_interview(london_learner):
    interview = create(london_learner, at(LONDON, 2025, 7, 1, 10, 0))
    item = interview.checklist.get(template__slug="send-thank-you")
    assert timedelta(0) < item.due_at - interview.scheduled_at <= timedelta(hours=24)


def test_interview_update_moves_every_due_time_with_the_new_time(london_learner):
    interview = create(london_learner, at(LONDON, 2025, 7, 1, 10, 0))
    interview_services.checklist_item_add(
        interview=interview, phase="before", text="Print the CV", offset_hours=-3
    )
    moved_to = at(LONDON, 2025, 10, 27, 14, 0)
    interview_services.interview_update(
        interview=interview, data=interview_data(moved_to, company="Acme")
    )
    items = InterviewChecklistItem.objects.filter(interview=interview)
    wrong = [i.text for i in items if i.due_at != due_at(moved_to, i.offset_hours, LONDON)]
    assert items.count() > 10 and wrong == []


def test_interview_update_moves_due_times_to_the_new_zone(london_learner):
    interview = create(london_learner, at(LONDON, 2026, 3, 8, 10, 0))
    same_wall_clock_in_new_york = at(NEW_YORK, 2026, 3, 8, 10, 0)
    interview_services.interview_update(
        interview=interview, data=interview_data(same_wall_clock_in_new_york, NEW_YORK)
    )
    item = interview.checklist.get(template__slug="prepare-questions")
    assert local(item.due_at, NEW_YORK).replace(tzinfo=None) == datetime(2026, 3, 7, 10, 0)


def test_interview_update_without_a_new_time_keeps_every_due_time(london_learner):
    interview = create(london_learner, at(LONDON, 2025, 7, 1, 10, 0))
    before = dict(interview.checklist.values_list("pk", "due_at"))
    interview_services.interview_update(
        interview=interview, data=interview_data(interview.scheduled_at, company="Renamed Ltd")
    )
    assert dict(interview.checklist.values_list("pk", "due_at")) == before


# --- through the page, where the clock matters ---------------------------------------------


def test_an_interview_typed_in_london_gets_a_day_before_item_at_10_local_across_the_change(
    client, london_learner
):
    client.force_login(london_learner)
    with time_machine.travel(datetime(2025, 10, 1, 9, 0, tzinfo=UTC), tick=False):
        response = client.post(
            "/interviews/",
            {
                "company": "Acme",
                "role": "Backend engineer",
                "stage": "technical",
                "format": "video",
                "date": "2025-10-26",
                "time": "10:00",
            },
        )
    assert response.status_code == 302
    item = InterviewChecklistItem.objects.get(
        interview__user=london_learner, template__slug="prepare-questions"
    )
    assert item.due_at == datetime(2025, 10, 25, 9, 0, tzinfo=UTC)


def test_an_interview_typed_in_london_is_stored_in_utc(client, london_learner):
    client.force_login(london_learner)
    with time_machine.travel(datetime(2025, 10, 1, 9, 0, tzinfo=UTC), tick=False):
        client.post(
            "/interviews/",
            {
                "company": "Acme",
                "role": "Backend engineer",
                "stage": "technical",
                "format": "video",
                "date": "2025-10-20",
                "time": "10:00",
            },
        )
    interview = Interview.objects.get(user=london_learner)
    assert (interview.scheduled_at, interview.timezone) == (
        datetime(2025, 10, 20, 9, 0, tzinfo=UTC),
        LONDON,
    )


def test_editing_the_interview_time_on_its_page_moves_the_thank_you_note(client, london_learner):
    client.force_login(london_learner)
    interview = create(london_learner, at(LONDON, 2025, 10, 20, 10, 0))
    with time_machine.travel(datetime(2025, 10, 1, 9, 0, tzinfo=UTC), tick=False):
        client.post(
            f"/interviews/{interview.pk}/edit/",
            {
                "company": "Acme",
                "role": "Backend engineer",
                "stage": "technical",
                "format": "video",
                "date": "2025-10-27",
                "time": "16:00",
            },
        )
    item = interview.checklist.get(template__slug="send-thank-you")
    assert item.due_at == datetime(2025, 10, 28, 16, 0, tzinfo=UTC)
