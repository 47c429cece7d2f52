"""The practice log, STAR stories and mock interviews: list and add, edit, delete."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from curriculum.models import PracticePattern, RubricDimension, Topic
from progress.models import MockInterview, MockScore, PracticeProblem, Story
from tests.progress.factories import onboard

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('x')</script>"
ESCAPED = "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;"


@pytest.fixture
def client_of(curriculum, learner, client):
    """The learner, onboarded and signed in."""
    onboard(learner, timezone.localdate())
    client.force_login(learner)
    return client


def html(response) -> str:
    return response.content.decode()


def field_error(response, name: str) -> str:
    """The text of the error shown under one field ('' when there is none)."""
    match = re.search(rf'id="id_{name}_error">(.*?)</div>', html(response), re.S)
    return re.sub(r"<[^>]+>", "", match[1]).strip() if match else ""


def form_error(response) -> str:
    match = re.search(r'<div class="message error" role="alert">(.*?)</div>', html(response), re.S)
    return re.sub(r"<[^>]+>", "", match[1]).strip() if match else ""


def today():
    return timezone.localdate()


def topic(slug: str = "data-structures-algorithms") -> Topic:
    return Topic.objects.get(slug=slug)


def pattern(slug: str) -> PracticePattern:
    return PracticePattern.objects.get(slug=slug)


def make_problem(user, n: int = 0, **fields) -> PracticeProblem:
    return PracticeProblem.objects.create(
        user=user,
        **{
            "title": f"Problem {n:02}",
            "topic": topic(),
            "difficulty": "easy",
            "solved": True,
            "minutes": 20,
            "practised_on": today() - timedelta(days=n),
            **fields,
        },
    )


def make_story(user, n: int = 0, **fields) -> Story:
    return Story.objects.create(
        user=user,
        **{
            "title": f"Story {n:02}",
            "situation": "A release was late.",
            "task": "Get it out.",
            "action": "Cut scope.",
            "result": "Shipped 2 days early.",
            **fields,
        },
    )


def make_mock(user, n: int = 0, **fields) -> MockInterview:
    mock = MockInterview.objects.create(
        user=user,
        **{
            "held_on": today() - timedelta(days=n),
            "run_by": "peer",
            "interviewer": f"Peer {n:02}",
            **fields,
        },
    )
    MockScore.objects.create(mock=mock, dimension=RubricDimension.objects.first(), score=3)
    return mock


def practice_form(**overrides) -> dict:
    return {
        "title": "Two Sum",
        "link": "",
        "topic": topic().pk,
        "pattern": pattern("two-pointers").pk,
        "family": pattern("arrays-and-strings").pk,
        "difficulty": "easy",
        "solved": "on",
        "minutes": "25",
        "practised_on": today().isoformat(),
        "notes": "",
        **overrides,
    }


def story_form(**overrides) -> dict:
    return {
        "title": "The late release",
        "situation": "A release was slipping.",
        "task": "Ship on time.",
        "action": "Cut scope with the product owner.",
        "result": "Shipped two days early.",
        "competencies": "ownership, prioritising",
        **overrides,
    }


def mock_form(**overrides) -> dict:
    first = RubricDimension.objects.first()
    return {
        "held_on": today().isoformat(),
        "run_by": "peer",
        "interviewer": "Sam Peer",
        "topics": [topic().pk],
        "notes": "",
        f"score_{first.pk}": "2",
        **overrides,
    }


# --- practice log ------------------------------------------------------------------------


def test_the_practice_page_shows_a_logged_problem(client_of, learner):
    make_problem(learner, title="Merge intervals")
    response = client_of.get("/practice/")
    assert response.status_code == 200 and "Merge intervals" in html(response)


def test_the_practice_page_does_not_show_another_learners_problem(client_of, other_learner):
    make_problem(other_learner, title="Their secret problem")
    assert "Their secret problem" not in html(client_of.get("/practice/"))


def test_the_practice_date_starts_at_today_in_a_date_input(client_of):
    assert f'value="{today().isoformat()}"' in html(client_of.get("/practice/"))


def test_logging_a_problem_saves_it_for_the_signed_in_learner(client_of, learner):
    response = client_of.post("/practice/", practice_form())
    assert response.status_code == 302 and response.url == "/practice/"
    assert PracticeProblem.objects.get().user == learner


def test_logging_a_problem_records_its_result(client_of):
    client_of.post("/practice/", practice_form(hint_used="on"))
    problem = PracticeProblem.objects.get()
    assert (problem.title, problem.solved, problem.hint_used, problem.minutes) == (
        "Two Sum",
        True,
        True,
        25,
    )


@pytest.mark.parametrize("minutes", ["0", "9999"])
def test_practice_minutes_out_of_range_are_refused_next_to_the_minutes(client_of, minutes):
    response = client_of.post("/practice/", practice_form(minutes=minutes))
    assert response.status_code == 422
    assert field_error(response, "minutes") == "Between 1 and 600 minutes."


def test_refused_practice_minutes_keep_what_was_typed(client_of):
    response = client_of.post("/practice/", practice_form(minutes="9999"))
    assert 'value="9999"' in html(response) and 'value="Two Sum"' in html(response)


def test_a_practice_date_in_the_future_is_refused_next_to_the_date(client_of):
    future = (today() + timedelta(days=5)).isoformat()
    response = client_of.post("/practice/", practice_form(practised_on=future))
    assert response.status_code == 422
    assert field_error(response, "practised_on") == "That date is in the future."
    assert f'value="{future}"' in html(response)


def test_a_practice_problem_without_a_title_is_refused_next_to_the_title(client_of):
    response = client_of.post("/practice/", practice_form(title="", minutes="42"))
    assert response.status_code == 422
    assert field_error(response, "title") == "This field is required."
    assert 'value="42"' in html(response)


def test_a_refused_practice_problem_is_not_saved(client_of):
    client_of.post("/practice/", practice_form(minutes="0"))
    assert not PracticeProblem.objects.exists()


def test_the_practice_page_counts_solved_problems_toward_20_to_30(client_of, learner):
    for n in range(3):
        make_problem(learner, n)
    make_problem(learner, 9, solved=False)
    page = html(client_of.get("/practice/"))
    assert "Toward 20-30 solved problems" in page
    assert "<strong>3</strong> solved of 4 logged." in page


def test_the_practice_page_counts_solved_problems_by_pattern(client_of, learner):
    for n in range(2):
        make_problem(learner, n, pattern=pattern("two-pointers"))
    make_problem(learner, 5, pattern=pattern("two-pointers"), solved=False)
    make_problem(learner, 6, pattern=pattern("binary-search"))
    page = html(client_of.get("/practice/"))
    assert "Two pointers: <strong>2</strong> solved" in page
    assert "Binary search: <strong>1</strong> solved" in page
    assert "Sliding window: <strong>0</strong> solved" in page


def test_the_practice_page_counts_solved_problems_by_family(client_of, learner):
    make_problem(learner, family=pattern("trees"))
    assert "Trees: <strong>1</strong> solved" in html(client_of.get("/practice/"))


def test_the_practice_meter_shows_the_share_of_twenty_solved(client_of, learner):
    for n in range(5):
        make_problem(learner, n)
    assert 'aria-label="25% of the way to 20 problems"' in html(client_of.get("/practice/"))


def test_the_practice_log_paginates_at_twenty(client_of, learner):
    for n in range(25):
        make_problem(learner, n)
    first, second = client_of.get("/practice/"), client_of.get("/practice/?page=2")
    assert html(first).count("/edit/") == 20 and html(second).count("/edit/") == 5
    assert "Page 2 of 2" in html(second)


def test_editing_a_problem_saves_the_changes(client_of, learner):
    problem = make_problem(learner)
    response = client_of.post(
        f"/practice/{problem.pk}/edit/", practice_form(title="Three Sum", minutes="30")
    )
    problem.refresh_from_db()
    assert response.status_code == 302 and (problem.title, problem.minutes) == ("Three Sum", 30)


def test_the_problem_edit_page_shows_its_date_in_a_date_input(client_of, learner):
    problem = make_problem(learner, 3)
    page = html(client_of.get(f"/practice/{problem.pk}/edit/"))
    assert f'value="{problem.practised_on.isoformat()}"' in page


def test_editing_a_problem_with_bad_input_is_refused(client_of, learner):
    problem = make_problem(learner)
    response = client_of.post(f"/practice/{problem.pk}/edit/", practice_form(minutes="0"))
    problem.refresh_from_db()
    assert response.status_code == 422 and problem.minutes == 20
    assert field_error(response, "minutes") == "Between 1 and 600 minutes."


def test_deleting_a_problem_removes_it(client_of, learner):
    problem = make_problem(learner)
    response = client_of.post(f"/practice/{problem.pk}/delete/")
    assert response.status_code == 302 and response.url == "/practice/"
    assert not PracticeProblem.objects.exists()


# --- STAR stories ------------------------------------------------------------------------


def test_the_stories_page_shows_a_story(client_of, learner):
    make_story(learner, title="The outage")
    response = client_of.get("/stories/")
    assert response.status_code == 200 and "The outage" in html(response)


def test_the_stories_page_does_not_show_another_learners_story(client_of, other_learner):
    make_story(other_learner, title="Their secret story")
    assert "Their secret story" not in html(client_of.get("/stories/"))


def test_the_stories_page_counts_toward_five_to_ten(client_of, learner):
    make_story(learner)
    assert "1 story; aim for 5 to 10" in html(client_of.get("/stories/"))


def test_writing_a_story_saves_it_for_the_signed_in_learner(client_of, learner):
    response = client_of.post("/stories/", story_form())
    story = Story.objects.get()
    assert response.status_code == 302 and response.url == "/stories/"
    assert (story.user, story.competency_list) == (learner, ["ownership", "prioritising"])


def test_a_story_without_a_result_is_refused_next_to_the_result(client_of):
    response = client_of.post("/stories/", story_form(result=""))
    assert response.status_code == 422
    assert field_error(response, "result") == "This field is required."
    assert "Cut scope with the product owner.</textarea>" in html(response)


def test_a_refused_story_is_not_saved(client_of):
    client_of.post("/stories/", story_form(result=""))
    assert not Story.objects.exists()


def test_oversized_story_text_is_refused_next_to_the_field(client_of):
    response = client_of.post("/stories/", story_form(action="a" * 4001))
    assert response.status_code == 422
    assert field_error(response, "action") == "Keep this under 4000 characters."


def test_a_story_without_a_measurable_number_gets_the_no_number_hint(client_of, learner):
    make_story(learner, result="The team was happier afterwards.")
    assert "the result has no number in it" in html(client_of.get("/stories/"))


def test_a_story_with_a_measurable_number_gets_no_hint(client_of, learner):
    make_story(learner, result="Build time fell by 40%.")
    assert "the result has no number in it" not in html(client_of.get("/stories/"))


def test_a_story_with_a_number_in_words_gets_no_hint(client_of, learner):
    make_story(learner, result="We halved the error rate.")
    assert "the result has no number in it" not in html(client_of.get("/stories/"))


def test_html_typed_in_a_story_is_escaped(client_of):
    client_of.post("/stories/", story_form(situation=SCRIPT))
    page = html(client_of.get("/stories/"))
    assert SCRIPT not in page and ESCAPED in page


def test_the_stories_page_paginates_at_twenty(client_of, learner):
    for n in range(25):
        make_story(learner, n)
    first, second = client_of.get("/stories/"), client_of.get("/stories/?page=2")
    assert html(first).count("/edit/") == 20 and html(second).count("/edit/") == 5
    assert "Page 2 of 2" in html(second)


def test_editing_a_story_saves_the_changes(client_of, learner):
    story = make_story(learner)
    response = client_of.post(f"/stories/{story.pk}/edit/", story_form(title="Retitled"))
    story.refresh_from_db()
    assert response.status_code == 302 and story.title == "Retitled"


def test_editing_a_story_without_a_result_is_refused(client_of, learner):
    story = make_story(learner)
    response = client_of.post(f"/stories/{story.pk}/edit/", story_form(result=""))
    story.refresh_from_db()
    assert response.status_code == 422 and story.result == "Shipped 2 days early."


def test_deleting_a_story_removes_it(client_of, learner):
    story = make_story(learner)
    response = client_of.post(f"/stories/{story.pk}/delete/")
    assert response.status_code == 302 and not Story.objects.exists()


# --- mock interviews ---------------------------------------------------------------------


def test_the_mocks_page_shows_a_mock_with_its_scores(client_of, learner):
    make_mock(learner, interviewer="Pat Mentor")
    page = html(client_of.get("/mocks/"))
    assert "Pat Mentor" in page and "3/4" in page


def test_the_mocks_page_does_not_show_another_learners_mock(client_of, other_learner):
    make_mock(other_learner, interviewer="Their secret peer")
    assert "Their secret peer" not in html(client_of.get("/mocks/"))


def test_the_mock_form_offers_a_score_for_every_rubric_dimension(client_of):
    page = html(client_of.get("/mocks/"))
    missing = [d.name for d in RubricDimension.objects.filter(retired=False) if d.name not in page]
    assert RubricDimension.objects.count() >= 8 and missing == []


def test_recording_a_mock_saves_it_with_its_scores(client_of, learner):
    first = RubricDimension.objects.first()
    response = client_of.post("/mocks/", mock_form())
    mock = MockInterview.objects.get()
    assert response.status_code == 302 and response.url == "/mocks/"
    assert (mock.user, list(mock.scores.values_list("dimension", "score"))) == (
        learner,
        [(first.pk, 2)],
    )


def test_a_mock_with_no_score_at_all_is_refused(client_of):
    first = RubricDimension.objects.first()
    response = client_of.post("/mocks/", mock_form(**{f"score_{first.pk}": ""}))
    assert response.status_code == 422
    assert form_error(response) == "Score at least one rubric dimension."
    assert 'value="Sam Peer"' in html(response)


def test_a_mock_dated_in_the_future_is_refused_next_to_the_date(client_of):
    future = (today() + timedelta(days=7)).isoformat()
    response = client_of.post("/mocks/", mock_form(held_on=future))
    assert response.status_code == 422
    assert field_error(response, "held_on") == "Record a mock once it has happened."
    assert f'value="{future}"' in html(response)


def test_oversized_mock_notes_are_refused_next_to_the_notes(client_of):
    response = client_of.post("/mocks/", mock_form(notes="n" * 4001))
    assert response.status_code == 422
    assert field_error(response, "notes") == "Keep this under 4000 characters."
    assert "n" * 4001 + "</textarea>" in html(response)


def test_mock_notes_of_exactly_4000_characters_are_accepted(client_of):
    response = client_of.post("/mocks/", mock_form(notes="n" * 4000))
    assert response.status_code == 302


def test_a_refused_mock_is_not_saved(client_of):
    client_of.post("/mocks/", mock_form(notes="n" * 4001))
    assert not MockInterview.objects.exists()


def test_html_typed_in_mock_notes_is_escaped(client_of):
    client_of.post("/mocks/", mock_form(notes=SCRIPT))
    page = html(client_of.get("/mocks/"))
    assert SCRIPT not in page and ESCAPED in page


def test_the_mocks_page_paginates_at_twenty(client_of, learner):
    for n in range(25):
        make_mock(learner, n)
    first, second = client_of.get("/mocks/"), client_of.get("/mocks/?page=2")
    assert html(first).count("/edit/") == 20 and html(second).count("/edit/") == 5
    assert "Page 2 of 2" in html(second)


def test_the_mock_edit_page_shows_the_saved_scores(client_of, learner):
    mock = make_mock(learner)
    first = RubricDimension.objects.first()
    page = html(client_of.get(f"/mocks/{mock.pk}/edit/"))
    chosen = re.search(rf'name="score_{first.pk}".*?</select>', page, re.S)[0]
    assert '<option value="3" selected>' in chosen


def test_editing_a_mock_replaces_its_scores(client_of, learner):
    mock = make_mock(learner)
    first, second = RubricDimension.objects.all()[:2]
    client_of.post(
        f"/mocks/{mock.pk}/edit/",
        mock_form(**{f"score_{first.pk}": "", f"score_{second.pk}": "4"}),
    )
    assert list(mock.scores.values_list("dimension", "score")) == [(second.pk, 4)]


def test_deleting_a_mock_removes_it_and_its_scores(client_of, learner):
    mock = make_mock(learner)
    response = client_of.post(f"/mocks/{mock.pk}/delete/")
    assert response.status_code == 302 and response.url == "/mocks/"
    assert (MockInterview.objects.count(), MockScore.objects.count()) == (0, 0)


def test_a_low_mock_score_shows_as_a_reason_for_interview_communication(client_of):
    dims = RubricDimension.objects.filter(retired=False)
    client_of.post("/mocks/", mock_form(**{f"score_{d.pk}": "1" for d in dims}))
    weak = re.search(r'id="weak-areas".*?</section>', html(client_of.get("/progress/")), re.S)[0]
    entry = re.search(r'data-topic="interview-communication">.*?</li>', weak, re.S)[0]
    assert "mock scores average 1.0/4" in entry


# --- who may do what ---------------------------------------------------------------------


@pytest.fixture
def theirs(other_learner, curriculum):
    return {
        "practice": make_problem(other_learner, title="Theirs").pk,
        "stories": make_story(other_learner, title="Theirs").pk,
        "mocks": make_mock(other_learner, interviewer="Theirs").pk,
    }


@pytest.fixture
def mine(learner, curriculum):
    return {
        "practice": make_problem(learner).pk,
        "stories": make_story(learner).pk,
        "mocks": make_mock(learner).pk,
    }


AREAS = ["practice", "stories", "mocks"]


@pytest.mark.parametrize("area", AREAS)
def test_another_learners_record_edit_page_answers_404(client_of, theirs, area):
    assert client_of.get(f"/{area}/{theirs[area]}/edit/").status_code == 404


@pytest.mark.parametrize("area", AREAS)
def test_posting_to_another_learners_record_edit_answers_404(client_of, theirs, area):
    data = {**practice_form(), **story_form(), **mock_form(), "title": "Mine now"}
    assert client_of.post(f"/{area}/{theirs[area]}/edit/", data).status_code == 404


@pytest.mark.parametrize("area", AREAS)
def test_deleting_another_learners_record_answers_404(client_of, theirs, area):
    assert client_of.post(f"/{area}/{theirs[area]}/delete/").status_code == 404


def test_another_learners_records_survive_my_edits_and_deletes(client_of, theirs):
    data = {**practice_form(), **story_form(), **mock_form(), "title": "Mine now"}
    for area in AREAS:
        client_of.post(f"/{area}/{theirs[area]}/edit/", data)
        client_of.post(f"/{area}/{theirs[area]}/delete/")
    assert (
        PracticeProblem.objects.get(pk=theirs["practice"]).title,
        Story.objects.get(pk=theirs["stories"]).title,
        MockInterview.objects.get(pk=theirs["mocks"]).interviewer,
    ) == ("Theirs", "Theirs", "Theirs")


@pytest.mark.parametrize("area", AREAS)
def test_the_owner_opens_the_record_edit_page(client_of, mine, area):
    assert client_of.get(f"/{area}/{mine[area]}/edit/").status_code == 200


@pytest.mark.parametrize("area", AREAS)
def test_get_on_a_record_delete_answers_405(client_of, mine, area):
    assert client_of.get(f"/{area}/{mine[area]}/delete/").status_code == 405


@pytest.mark.parametrize("area", AREAS)
def test_an_anonymous_visitor_is_sent_to_log_in_from_a_list(client, area):
    response = client.get(f"/{area}/")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


@pytest.mark.parametrize("area", AREAS)
def test_an_anonymous_visitor_is_sent_to_log_in_from_an_edit_page(client, theirs, area):
    response = client.get(f"/{area}/{theirs[area]}/edit/")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


@pytest.mark.parametrize("area", AREAS)
def test_an_anonymous_delete_is_sent_to_log_in_and_deletes_nothing(client, theirs, area):
    response = client.post(f"/{area}/{theirs[area]}/delete/")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    assert (
        PracticeProblem.objects.count(),
        Story.objects.count(),
        MockInterview.objects.count(),
    ) == (1, 1, 1)


@pytest.mark.parametrize("area", AREAS)
def test_an_anonymous_post_to_a_list_creates_nothing(client, curriculum, area):
    response = client.post(f"/{area}/", {**practice_form(), **story_form(), **mock_form()})
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    assert (
        PracticeProblem.objects.count(),
        Story.objects.count(),
        MockInterview.objects.count(),
    ) == (0, 0, 0)
