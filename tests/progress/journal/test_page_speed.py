"""What keeps the journal's pages cheap at any size, and what must stay true because of it:
the curriculum is read once per process yet a staff edit shows on the next visit, the blank
add form is drawn once yet every visit gets a submission key of its own, a list's page and
its count are one query yet any page number lands on a page, and records keep showing the
retired topics, patterns and dimensions they refer to."""

import re
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from curriculum.models import RubricDimension, Topic
from progress.access import own_access
from progress.journal import records, selectors
from tests.factories import MockInterviewFactory, onboard
from tests.progress.journal.test_views import (
    form_values,
    html,
    make_mock,
    make_problem,
    make_story,
    options,
    pattern,
    retire,
    topic,
)

pytestmark = pytest.mark.django_db

AREAS = ["practice", "stories", "mocks"]
MAKE = {"practice": make_problem, "stories": make_story, "mocks": make_mock}
CURRICULUM_TABLES = ("curriculum_topic", "curriculum_practicepattern", "curriculum_rubricdimension")


@pytest.fixture
def client_of(curriculum, learner, learner_client):
    """The learner, onboarded and signed in."""
    onboard(learner, learner.today)
    return learner_client


def queries_of(client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return [q["sql"] for q in captured.captured_queries]


def add_form(response) -> str:
    """The add form's markup with its submission key and CSRF token blanked out."""
    form = re.search(r'<form method="post" novalidate>.*?</form>', html(response), re.S)[0]
    return re.sub(r'(name="(submission|csrfmiddlewaretoken)" value=")[^"]*"', r"\1", form)


# --- the edit pages cost the same whatever the learner has logged ---------------------------


@pytest.mark.parametrize("area", AREAS)
def test_an_edit_page_runs_the_same_number_of_queries_for_2_and_for_40_records(
    client_of, learner, area
):
    record = MAKE[area](learner, 0)
    url = f"/{area}/{record.pk}/edit/"
    MAKE[area](learner, 1)
    client_of.get(url)  # warm the session and the curriculum outside the count
    small = len(queries_of(client_of, url))
    for n in range(2, 40):
        MAKE[area](learner, n)
    assert len(queries_of(client_of, url)) == small


# --- the curriculum: read once per process, every edit shown at once -----------------------


@pytest.mark.parametrize("area", ["practice", "mocks"])
def test_a_list_reads_the_curriculum_once_not_on_every_visit(client_of, learner, area):
    MAKE[area](learner, 0)
    client_of.get(f"/{area}/")
    again = queries_of(client_of, f"/{area}/")
    assert not [sql for sql in again if any(table in sql for table in CURRICULUM_TABLES)]


def test_a_topic_renamed_by_staff_shows_renamed_on_the_next_visit(client_of, learner):
    renamed = topic()
    make_problem(learner, 0, topic=renamed)
    mock = make_mock(learner, 0)
    mock.topics.set([renamed])
    client_of.get("/practice/")  # the old title, now in memory
    client_of.get("/mocks/")
    renamed.title = "Algorithms, renamed"
    renamed.save()  # as the admin saves it
    practice, mocks = client_of.get("/practice/"), client_of.get("/mocks/")
    assert "(Algorithms, renamed)" in html(practice)  # the log's row
    assert ">Algorithms, renamed</option>" in html(practice)  # the add form
    assert '<span class="badge">Algorithms, renamed</span>' in html(mocks)  # the mock's card
    assert " Algorithms, renamed</label>" in html(mocks)  # the add form


def test_a_pattern_retired_by_staff_leaves_the_summary_and_the_form_on_the_next_visit(
    client_of,
):
    gone = pattern("two-pointers")
    assert str(gone.pk) in options(client_of.get("/practice/"), "pattern")
    retire(gone)  # a queryset update, as a reload of the content files may do
    page = client_of.get("/practice/")
    assert str(gone.pk) not in options(page, "pattern")
    assert f"{gone.name}: <strong>" not in html(page)


def test_a_rubric_dimension_added_by_staff_is_offered_on_the_next_visit(client_of):
    client_of.get("/mocks/")
    added = RubricDimension.objects.create(
        topic=topic("interview-communication"),
        slug="listening",
        name="Listening",
        level="easy",
        guidance="-",
        pitfall="-",
        why="-",
        example="-",
        order=99,
    )
    assert f"score_{added.pk}" in form_values(client_of.get("/mocks/"))


# --- records keep showing what they refer to, retired or not ---------------------------------


def test_a_problem_keeps_showing_its_retired_topic_and_pattern_in_the_log(client_of, learner):
    old_topic, old_pattern = topic("system-design"), pattern("two-pointers")
    make_problem(learner, 0, topic=old_topic, pattern=old_pattern)
    retire(old_topic)
    retire(old_pattern)
    page = html(client_of.get("/practice/"))
    assert f"({old_topic.title})" in page and f">{old_pattern.name}" in page


def test_a_mock_keeps_showing_its_retired_topic_and_dimension_on_its_card(client_of, learner):
    old_topic, old_dimension = topic("system-design"), RubricDimension.objects.first()
    mock = make_mock(learner, 0, scores=2)
    mock.topics.set([old_topic])
    retire(old_topic)
    retire(old_dimension)
    page = html(client_of.get("/mocks/"))
    assert f'<span class="badge">{old_topic.title}</span>' in page
    assert f'<th scope="row">{old_dimension.name}</th><td>2/4</td>' in page


def test_a_card_names_a_topic_added_after_the_curriculum_was_read(curriculum, learner):
    """A copy read at the start of a request, and a topic added and used moments later."""
    copy = selectors.journal_curriculum()
    added = Topic.objects.create(slug="new", title="Brand new", kind="study", order=99, summary="")
    mock = MockInterviewFactory(user=learner, scores=0)
    mock.topics.set([added])
    [card] = selectors.mock_cards(selectors.mocks_listed(own_access(learner)), copy)
    assert card.topics == ["Brand new"]


# --- the add form: drawn once, a key of its own per visit ------------------------------------


@pytest.mark.parametrize("area", AREAS)
def test_the_add_form_from_memory_is_the_form_as_drawn_afresh(client_of, area):
    remembered = client_of.get(f"/{area}/")
    records._BLANK_FORMS.clear()
    drawn = client_of.get(f"/{area}/")
    assert add_form(remembered) == add_form(drawn)
    assert form_values(remembered)["submission"] != form_values(drawn)["submission"]
    assert all(uuid.UUID(form_values(r)["submission"][0]) for r in (remembered, drawn))


def test_a_new_date_draws_the_add_form_with_that_date(client_of, learner):
    before = form_values(client_of.get("/practice/"))["practised_on"]
    learner.timezone = "Pacific/Kiritimati"  # UTC+14: already tomorrow there
    learner.save(update_fields=["timezone"])
    after = form_values(client_of.get("/practice/"))["practised_on"]
    assert before != after == [learner.today.isoformat()]


# --- a page and its count in one query; any page number lands on a page ---------------------


@pytest.mark.parametrize("area", AREAS)
@pytest.mark.parametrize(
    ("asked", "shown"),
    [("2", 2), ("0", 2), ("-1", 2), ("99", 2), ("9" * 30, 2), ("two", 1), ("", 1)],
)
def test_any_page_number_shows_a_page_of_the_list(client_of, learner, area, asked, shown):
    for n in range(25):
        MAKE[area](learner, n)
    page = html(client_of.get(f"/{area}/?page={asked}"))
    assert f"Page {shown} of 2" in page


@pytest.mark.parametrize("area", AREAS)
def test_a_list_reads_its_page_and_its_count_in_one_query(client_of, learner, area):
    for n in range(25):
        MAKE[area](learner, n)
    client_of.get(f"/{area}/")
    assert not [sql for sql in queries_of(client_of, f"/{area}/") if "COUNT(*)" in sql]


def test_the_stories_count_counts_every_story_not_the_page(client_of, learner):
    for n in range(23):
        make_story(learner, n)
    assert "23 stories;" in html(client_of.get("/stories/?page=2"))
