"""Figures a page derives from much of a learner's data (the summary, weak areas, the
progress counts) are computed once per change, not on every visit, and a change never shows
a stale one: whatever the learner posts, or their mentor records, is on the next page."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from curriculum.models import RubricDimension, Topic
from progress.mentoring import services as mentoring
from progress.plans.models import Schedule
from tests.conftest import PINNED_NOW
from tests.factories import InterviewFactory, UserFactory, onboard
from tests.progress.mentoring.helpers import linked

from .plans.markup import parse

TODAY = PINNED_NOW.date()
# Tables only the figures read: the weak-area evidence and the streak's tick stamps.
EVIDENCE = ("progress_topicrating", "progress_practiceproblem", "progress_mockscore")


@pytest.fixture
def plan(learner, curriculum):
    """Started two days ago: there is overdue work, which is weak-area evidence too."""
    return onboard(learner, TODAY - timedelta(days=2), interview_date=TODAY + timedelta(days=21))


def tables_read(client, url) -> str:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return " ".join(q["sql"] for q in captured.captured_queries)


def test_a_second_visit_reads_no_evidence_and_a_new_day_reads_it_again(
    learner_client, plan, time_machine
):
    first = tables_read(learner_client, "/")
    again = tables_read(learner_client, "/")

    assert [table for table in EVIDENCE if table not in first] == []
    assert not any(table in again for table in EVIDENCE)
    time_machine.move_to(PINNED_NOW + timedelta(days=1), tick=False)
    tomorrow = tables_read(learner_client, "/")
    assert [table for table in EVIDENCE if table not in tomorrow] == []


def test_a_tick_shows_on_the_next_visit_of_each_page(learner_client, plan):
    item = plan.items.filter(date__lt=TODAY).first()
    total = plan.items.count()
    before = parse(learner_client.get("/progress/")).find("p", class_="lead").text
    learner_client.get("/")

    response = learner_client.post(reverse("plans:item_done", args=[item.pk]))

    assert response.status_code == 302
    assert (
        f"1 of {total} planned items done"
        in parse(learner_client.get("/progress/")).find("p", class_="lead").text
    )
    assert before.startswith(f"0 of {total}")
    page = parse(learner_client.get("/"))
    assert f"(1 of {total})" in page.by_id("summary").text
    assert page.find("span", **{"data-stat": "streak"}).text == "1"


def test_a_rating_changed_in_settings_moves_the_weak_areas_on_the_next_visit(
    learner, learner_client, plan
):
    def weak_reasons():
        panel = parse(learner_client.get("/progress/")).by_id("weak-areas")
        return panel.text

    before = weak_reasons()
    version = Schedule.objects.get(user=learner).version
    data = {"section": "ratings"}
    for topic in Topic.objects.filter(kind="study", retired=False):
        data[f"rating_{topic.pk}"] = "1"

    assert learner_client.post("/settings/", data).status_code == 302

    assert Schedule.objects.get(user=learner).version > version
    assert weak_reasons() != before


def test_a_mock_the_mentor_scores_is_in_the_mentees_weak_areas_at_once(client, learner, plan):
    mentor = UserFactory(email="maria@example.com", display_name="Maria")
    linked(learner, mentor)
    client.force_login(learner)
    assert "scored by a mentor" not in client.get("/progress/").content.decode()

    dimension = RubricDimension.objects.filter(retired=False).first()
    mentoring.mentor_mock_record(
        mentor=mentor, mentee_id=learner.pk, held_on=TODAY, notes="", topic_ids=[],
        scores={dimension.pk: 1},
    )  # fmt: skip

    assert "(1 scored by a mentor)" in client.get("/progress/").content.decode()


def test_the_checklist_on_today_keeps_up_with_the_clock_within_a_minute(
    learner, learner_client, plan, time_machine
):
    """Checklist items and cards due move with the clock too: they are kept for the rest of
    the minute, and anything the learner does shows at once."""
    learner_client.get("/")
    InterviewFactory(user=learner, company="Globex", scheduled_at=PINNED_NOW + timedelta(days=3))

    assert "Globex" not in learner_client.get("/").content.decode()  # the same minute
    time_machine.move_to(PINNED_NOW + timedelta(seconds=61), tick=False)
    assert "Globex" in learner_client.get("/").content.decode()

    item = learner.interviews.get().checklist.filter(done_at__isnull=True).order_by("due_at")[0]
    assert item.text in learner_client.get("/").content.decode()
    response = learner_client.post(
        f"/interviews/{item.interview_id}/checklist/{item.pk}/", {"done": "1"}
    )
    assert response.status_code == 302
    assert item.text not in learner_client.get("/").content.decode()


def test_the_interview_lists_move_an_interview_to_past_within_a_minute(
    learner, learner_client, plan, time_machine
):
    InterviewFactory(user=learner, company="Globex", scheduled_at=PINNED_NOW + timedelta(minutes=1))

    def section(heading: str) -> str:
        return (
            parse(learner_client.get("/interviews/"))
            .find("section", **{"aria-labelledby": heading})
            .text
        )

    assert "Globex" in section("upcoming-heading")
    time_machine.move_to(PINNED_NOW + timedelta(minutes=2), tick=False)
    assert "Globex" in section("past-heading")
    assert "Globex" not in section("upcoming-heading")


# --- Pages drawn once per change: what changes them from outside the learner's own posts ---


def digest_box_checked(client) -> bool:
    page = parse(client.get("/settings/"))
    return "checked" in page.find("input", name="kinds", value="digest").attrs


def test_an_unsubscribe_link_shows_on_the_next_settings_page(learner, learner_client, plan):
    """The one-click link is posted by a mail client, with no session: the settings page
    drawn before it must not keep showing the kind as on."""
    from django.test import Client

    from progress.reminders.content import unsubscribe_token

    assert digest_box_checked(learner_client)  # drawn and kept
    token = unsubscribe_token(learner.pk, "digest")
    assert Client().post(f"/reminders/unsubscribe/{token}/").status_code in (200, 302)

    assert not digest_box_checked(learner_client)


def test_a_mentor_ending_the_link_shows_on_the_mentees_settings_at_once(
    learner, learner_client, plan
):
    mentor = UserFactory(email="maria@example.com", display_name="Maria")
    link = linked(learner, mentor)
    mentors = lambda: parse(learner_client.get("/settings/")).find(id="mentors").text  # noqa: E731
    assert "Active" in mentors()

    mentoring.mentorship_end(user=mentor, link_id=link.pk)

    assert "Active" not in mentors() and "Ended" in mentors()


def test_the_mentors_visit_shows_as_last_looked_on_the_mentees_settings(
    learner, learner_client, plan
):
    mentor = UserFactory(email="maria@example.com", display_name="Maria")
    linked(learner, mentor)
    assert "Last looked: not yet" in parse(learner_client.get("/settings/")).text

    mentoring.mentor_visit_record(mentor=mentor, mentee_id=learner.pk)

    assert "Last looked: not yet" not in parse(learner_client.get("/settings/")).text


@pytest.mark.parametrize("page", ["/practice/", "/interviews/", "/interviews/{id}/", "/review/"])
def test_two_visits_to_a_drawn_page_get_different_submission_keys(
    learner, learner_client, plan, page
):
    """Two tabs showing the same drawn page: each form has a key of its own, or the second
    tab's post would be taken for a repeat of the first and dropped."""
    interview = InterviewFactory(user=learner, scheduled_at=PINNED_NOW + timedelta(days=3))
    url = page.format(id=interview.pk)

    def keys() -> list[str]:
        found = parse(learner_client.get(url)).find_all("input", name="submission")
        return [tag.attrs["value"] for tag in found]

    first, second = keys(), keys()
    assert len(first) == len(second) >= 1
    assert not set(first) & set(second)


def test_an_interview_page_keeps_up_with_the_clock_within_a_minute(
    learner, learner_client, plan, time_machine
):
    """The reflection opens once the interview has started, a minute at most after."""
    interview = InterviewFactory(user=learner, scheduled_at=PINNED_NOW + timedelta(seconds=30))
    url = f"/interviews/{interview.pk}/"

    def reflection_open() -> bool:
        return bool(parse(learner_client.get(url)).by_id("reflection").find_all("form"))

    assert not reflection_open()
    time_machine.move_to(PINNED_NOW + timedelta(seconds=61), tick=False)
    assert reflection_open()


def test_the_mentors_dashboard_shows_a_mentees_tick_and_a_link_ended_at_once(
    learner, learner_client, plan
):
    """The dashboard is drawn once per change of what it shows: a mentee's own post (their
    version) and a link the mentee ends are both changes."""
    from django.test import Client

    mentor = UserFactory(email="maria@example.com", display_name="Maria")
    link = linked(learner, mentor)
    client = Client()
    client.force_login(mentor)

    def done_figure() -> str:
        page = parse(client.get(reverse("mentoring:dashboard")))
        return " ".join(li.text for li in page.find_all("li", class_="mentee"))

    before = done_figure()
    assert "done (0 of" in before
    item = plan.items.filter(date__lt=TODAY).first()
    assert learner_client.post(reverse("plans:item_done", args=[item.pk])).status_code == 302

    assert "done (1 of" in done_figure()
    assert learner_client.post(reverse("mentoring:link_end", args=[link.pk])).status_code == 302
    assert done_figure() == ""
