"""The practice log, STAR stories and mock interviews: list and add, edit, delete."""

import re
import uuid
from datetime import date, timedelta
from html import unescape
from html.parser import HTMLParser

import pytest
from django.utils import timezone

from curriculum.models import PracticePattern, RubricDimension, Topic
from progress.models import MockInterview, MockScore, PlanItem, PracticeProblem, Story
from tests.factories import (
    MockInterviewFactory,
    PracticeProblemFactory,
    StoryFactory,
    onboard,
)

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('x')</script>"
ESCAPED = "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;"
# An id no 64-bit column holds, and one that only just fits (18 digits) but names nothing.
HUGE_ID = "99999999999999999999"
TOO_LONG_ID = "12345678901234567890"
UNKNOWN_ID = "999999999999999999"
INVALID_CHOICE = "Select a valid choice. That choice is not one of the available choices."
TOO_EARLY = "Pick a date from 2000 on."
AREAS = ["practice", "stories", "mocks"]
MODELS = {"practice": PracticeProblem, "stories": Story, "mocks": MockInterview}


@pytest.fixture
def client_of(curriculum, learner, learner_client):
    """The learner, onboarded and signed in."""
    onboard(learner, learner.today)
    return learner_client


# --- reading pages -------------------------------------------------------------------------


def html(response) -> str:
    return response.content.decode()


def field_error(response, name: str) -> str:
    """The text of the error shown under one field ('' when there is none)."""
    match = re.search(rf'id="id_{name}_error">(.*?)</div>', html(response), re.S)
    return unescape(re.sub(r"<[^>]+>", "", match[1])).strip() if match else ""


def form_error(response) -> str:
    match = re.search(r'<div class="message error" role="alert">(.*?)</div>', html(response), re.S)
    return unescape(re.sub(r"<[^>]+>", "", match[1])).strip() if match else ""


def label(response, name: str) -> str:
    """The text of the label of one field."""
    match = re.search(rf'<label for="id_{name}"[^>]*>(.*?)</label>', html(response), re.S)
    return unescape(match[1]).strip() if match else ""


def options(response, name: str) -> list[str]:
    """The values a select offers."""
    select = re.search(rf'<select name="{name}".*?</select>', html(response), re.S)
    assert select, f"no select named {name}"
    return re.findall(r'<option value="([^"]*)"', select[0])


class _Forms(HTMLParser):
    """Each form on a page with what a browser would submit from it as it stands."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[tuple[dict, list[tuple[str, str]]]] = []
        self._fields: list | None = None
        self._select: tuple[str, bool, list] | None = None
        self._textarea: list | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._fields = []
            self.forms.append((attrs, self._fields))
        elif self._fields is None:
            return
        elif tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "reset", "image", "file"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self._fields.append((attrs["name"], attrs.get("value", "on")))
                return
            self._fields.append((attrs["name"], attrs.get("value", "")))
        elif tag == "select":
            self._select = (attrs["name"], "multiple" in attrs, [])
        elif tag == "option" and self._select:
            self._select[2].append((attrs.get("value", ""), "selected" in attrs))
        elif tag == "textarea":
            self._textarea = [attrs["name"], ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._fields = None
        elif tag == "select" and self._select and self._fields is not None:
            name, multiple, options = self._select
            chosen = [value for value, selected in options if selected]
            if not chosen and not multiple and options:
                chosen = [options[0][0]]
            self._fields += [(name, value) for value in chosen]
            self._select = None
        elif tag == "textarea" and self._textarea and self._fields is not None:
            name, text = self._textarea
            # Browsers drop the one newline that follows <textarea>.
            self._fields.append((name, text.removeprefix("\r\n").removeprefix("\n")))
            self._textarea = None


def form_values(response) -> dict[str, list[str]]:
    """What submitting the page's record form (the one form marked novalidate) unchanged
    would post: every field name with its values."""
    parser = _Forms()
    parser.feed(html(response))
    forms = [fields for attrs, fields in parser.forms if "novalidate" in attrs]
    assert len(forms) == 1, f"expected one record form, found {len(forms)}"
    values: dict[str, list[str]] = {}
    for name, value in forms[0]:
        values.setdefault(name, []).append(value)
    return values


def review_weak_topics(user) -> list[str]:
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


# --- building records and forms ------------------------------------------------------------


def today() -> date:
    return timezone.localdate()


def topic(slug: str = "data-structures-algorithms") -> Topic:
    return Topic.objects.get(slug=slug)


def pattern(slug: str) -> PracticePattern:
    return PracticePattern.objects.get(slug=slug)


def dimensions() -> list[RubricDimension]:
    return list(RubricDimension.objects.filter(retired=False).order_by("order"))


def retire(record) -> None:
    type(record).objects.filter(pk=record.pk).update(retired=True)


def make_problem(user, n: int = 0, **fields) -> PracticeProblem:
    return PracticeProblemFactory(
        user=user,
        **{
            "title": f"Problem {n:02}",
            "topic": topic(),
            "difficulty": "easy",
            "minutes": 20,
            "practised_on": today() - timedelta(days=n),
            **fields,
        },
    )


def make_story(user, n: int = 0, **fields) -> Story:
    return StoryFactory(user=user, **{"title": f"Story {n:02}", **fields})


def make_mock(user, n: int = 0, **fields) -> MockInterview:
    """A mock scored 3 on every live rubric dimension."""
    return MockInterviewFactory(
        user=user,
        **{"held_on": today() - timedelta(days=n), "interviewer": f"Peer {n:02}", **fields},
    )


def scores_of(mock) -> list[tuple[int, int]]:
    return list(mock.scores.order_by("dimension__order").values_list("dimension", "score"))


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
    first = dimensions()[0]
    return {
        "held_on": today().isoformat(),
        "run_by": "peer",
        "interviewer": "Sam Peer",
        "topics": [topic().pk],
        "notes": "",
        f"score_{first.pk}": "2",
        **overrides,
    }


FORMS = {"practice": practice_form, "stories": story_form, "mocks": mock_form}


# --- practice log ------------------------------------------------------------------------


def test_the_practice_page_shows_the_learners_problems_and_not_another_learners(
    client_of, learner, other_learner
):
    make_problem(learner, title="Merge intervals")
    make_problem(other_learner, title="Their secret problem")
    response = client_of.get("/practice/")
    assert response.status_code == 200
    assert "Merge intervals" in html(response)
    assert "Their secret problem" not in html(response)


def test_the_practice_date_starts_at_today_in_a_date_input(client_of):
    response = client_of.get("/practice/")
    assert form_values(response)["practised_on"] == [today().isoformat()]
    assert re.search(r'<input type="date" name="practised_on"', html(response))


def test_logging_a_problem_saves_it_for_the_signed_in_learner(client_of, learner):
    response = client_of.post("/practice/", practice_form())
    assert response.status_code == 302 and response.url == "/practice/"
    assert PracticeProblem.objects.get().user == learner


def test_logging_a_problem_records_its_result(client_of):
    client_of.post("/practice/", practice_form(hint_used="on"))
    problem = PracticeProblem.objects.get()
    assert (
        problem.title,
        problem.topic,
        problem.pattern,
        problem.family,
        problem.difficulty,
        problem.solved,
        problem.hint_used,
        problem.minutes,
        problem.practised_on,
    ) == (
        "Two Sum",
        topic(),
        pattern("two-pointers"),
        pattern("arrays-and-strings"),
        "easy",
        True,
        True,
        25,
        today(),
    )


@pytest.mark.parametrize("minutes", ["0", "601", "9999"])
def test_practice_minutes_out_of_range_are_refused_next_to_the_minutes(client_of, minutes):
    response = client_of.post("/practice/", practice_form(minutes=minutes))
    assert response.status_code == 422
    assert field_error(response, "minutes") == "Between 1 and 600 minutes."
    assert PracticeProblem.objects.count() == 0


@pytest.mark.parametrize("minutes", ["1", "600"])
def test_practice_minutes_at_the_ends_of_the_range_are_accepted(client_of, minutes):
    response = client_of.post("/practice/", practice_form(minutes=minutes))
    assert response.status_code == 302
    assert PracticeProblem.objects.get().minutes == int(minutes)


def test_refused_practice_minutes_keep_what_was_typed(client_of):
    values = form_values(client_of.post("/practice/", practice_form(minutes="9999")))
    assert (values["minutes"], values["title"]) == (["9999"], ["Two Sum"])


def test_a_practice_date_two_days_ahead_is_refused_next_to_the_date(client_of):
    ahead = (today() + timedelta(days=2)).isoformat()
    response = client_of.post("/practice/", practice_form(practised_on=ahead))
    assert response.status_code == 422
    assert field_error(response, "practised_on") == "That date is in the future."
    assert form_values(response)["practised_on"] == [ahead]
    assert PracticeProblem.objects.count() == 0


def test_a_practice_date_of_tomorrow_is_accepted(client_of):
    """A learner whose day has already turned is not refused."""
    tomorrow = today() + timedelta(days=1)
    client_of.post("/practice/", practice_form(practised_on=tomorrow.isoformat()))
    assert PracticeProblem.objects.get().practised_on == tomorrow


@pytest.mark.parametrize("day", ["1999-12-31", "0001-01-01"])
def test_a_practice_date_before_2000_is_refused_next_to_the_date(client_of, day):
    response = client_of.post("/practice/", practice_form(practised_on=day))
    assert response.status_code == 422
    assert field_error(response, "practised_on") == TOO_EARLY
    assert form_values(response)["practised_on"] == [day]
    assert PracticeProblem.objects.count() == 0


def test_a_practice_date_of_1_january_2000_is_accepted(client_of):
    response = client_of.post("/practice/", practice_form(practised_on="2000-01-01"))
    assert response.status_code == 302
    assert PracticeProblem.objects.get().practised_on == date(2000, 1, 1)


def test_editing_a_problem_to_a_date_before_2000_is_refused(client_of, learner):
    problem = make_problem(learner)
    response = client_of.post(
        f"/practice/{problem.pk}/edit/", practice_form(practised_on="1999-12-31")
    )
    problem.refresh_from_db()
    assert response.status_code == 422
    assert field_error(response, "practised_on") == TOO_EARLY
    assert (problem.title, problem.practised_on) == ("Problem 00", today())


@pytest.mark.parametrize("field", ["topic", "pattern", "family"])
def test_a_practice_choice_id_too_large_for_the_database_is_refused_next_to_it(client_of, field):
    response = client_of.post("/practice/", practice_form(**{field: HUGE_ID}, minutes="42"))
    assert response.status_code == 422
    assert field_error(response, field) == INVALID_CHOICE
    values = form_values(response)
    assert (values["title"], values["minutes"]) == (["Two Sum"], ["42"])
    assert PracticeProblem.objects.count() == 0


def test_a_topic_id_too_large_for_the_database_is_refused_on_the_edit_page(client_of, learner):
    problem = make_problem(learner)
    response = client_of.post(f"/practice/{problem.pk}/edit/", practice_form(topic=HUGE_ID))
    problem.refresh_from_db()
    assert response.status_code == 422
    assert field_error(response, "topic") == INVALID_CHOICE
    assert (problem.title, problem.topic) == ("Problem 00", topic())


def test_a_practice_problem_without_a_title_is_refused_next_to_the_title(client_of):
    response = client_of.post("/practice/", practice_form(title="", minutes="42"))
    assert response.status_code == 422
    assert field_error(response, "title") == "This field is required."
    assert form_values(response)["minutes"] == ["42"]
    assert PracticeProblem.objects.count() == 0


def test_the_practice_form_does_not_offer_a_retired_topic(client_of):
    retired = topic("system-design")
    retire(retired)
    response = client_of.post("/practice/", practice_form(topic=retired.pk))
    assert response.status_code == 422
    assert field_error(response, "topic") == INVALID_CHOICE
    live = Topic.objects.filter(kind="study", retired=False)
    assert options(response, "topic") == ["", *(str(t.pk) for t in live)]


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
    page = html(client_of.get("/practice/"))
    assert "Trees: <strong>1</strong> solved" in page
    assert "Graphs: <strong>0</strong> solved" in page


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
    assert response.status_code == 302 and response.url == "/practice/"
    assert (problem.title, problem.minutes) == ("Three Sum", 30)


def test_the_problem_edit_page_shows_its_date_in_a_date_input(client_of, learner):
    problem = make_problem(learner, 3)
    response = client_of.get(f"/practice/{problem.pk}/edit/")
    assert form_values(response)["practised_on"] == [problem.practised_on.isoformat()]


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
    assert PracticeProblem.objects.count() == 0


# --- retired curriculum on a problem ---------------------------------------------------------


RETIRABLE = {
    "topic": lambda: topic(),
    "pattern": lambda: pattern("two-pointers"),
    "family": lambda: pattern("trees"),
}


@pytest.mark.parametrize("field", list(RETIRABLE))
def test_the_problem_edit_page_keeps_a_retired_choice_selected(client_of, learner, field):
    chosen = RETIRABLE[field]()
    problem = make_problem(learner, **{field: chosen})
    retire(chosen)
    response = client_of.get(f"/practice/{problem.pk}/edit/")
    assert response.status_code == 200
    assert form_values(response)[field] == [str(chosen.pk)]


@pytest.mark.parametrize("field", list(RETIRABLE))
def test_saving_a_problem_unchanged_keeps_its_retired_choice(client_of, learner, field):
    chosen = RETIRABLE[field]()
    problem = make_problem(learner, **{field: chosen})
    retire(chosen)
    url = f"/practice/{problem.pk}/edit/"
    response = client_of.post(url, form_values(client_of.get(url)))
    problem.refresh_from_db()
    assert response.status_code == 302
    assert getattr(problem, f"{field}_id") == chosen.pk


# --- STAR stories ------------------------------------------------------------------------


def test_the_stories_page_shows_the_learners_stories_and_not_another_learners(
    client_of, learner, other_learner
):
    make_story(learner, title="The outage")
    make_story(other_learner, title="Their secret story")
    response = client_of.get("/stories/")
    assert response.status_code == 200
    assert '<h2 class="h3">The outage</h2>' in html(response)
    assert "Their secret story" not in html(response)


def test_the_stories_page_counts_toward_five_to_ten(client_of, learner):
    make_story(learner)
    assert "1 story; aim for 5 to 10" in html(client_of.get("/stories/"))


def test_the_stories_page_counts_several_stories_in_the_plural(client_of, learner):
    for n in range(3):
        make_story(learner, n)
    assert "3 stories; aim for 5 to 10" in html(client_of.get("/stories/"))


def test_writing_a_story_saves_it_for_the_signed_in_learner(client_of, learner):
    response = client_of.post("/stories/", story_form())
    story = Story.objects.get()
    assert response.status_code == 302 and response.url == "/stories/"
    assert (story.user, story.title, story.competency_list) == (
        learner,
        "The late release",
        ["ownership", "prioritising"],
    )


def test_a_story_without_a_result_is_refused_next_to_the_result(client_of):
    response = client_of.post("/stories/", story_form(result=""))
    assert response.status_code == 422
    assert field_error(response, "result") == "This field is required."
    assert form_values(response)["action"] == ["Cut scope with the product owner."]
    assert Story.objects.count() == 0


def test_oversized_story_text_is_refused_next_to_the_field(client_of):
    response = client_of.post("/stories/", story_form(action="a" * 4001))
    assert response.status_code == 422
    assert field_error(response, "action") == "Keep this under 4000 characters."
    assert Story.objects.count() == 0


def story_hint_shown(response, title: str) -> bool:
    card = re.search(rf'<h2 class="h3">{title}</h2>.*?</article>', html(response), re.S)
    assert card, f"no story card titled {title!r}"
    return "the result has no number in it" in card[0]


def test_a_story_without_a_measurable_number_gets_the_no_number_hint(client_of, learner):
    make_story(learner, title="Vague", result="The team was happier afterwards.")
    assert story_hint_shown(client_of.get("/stories/"), "Vague")


@pytest.mark.parametrize(
    "result", ["Build time fell by 40%.", "We halved the error rate."], ids=["digits", "words"]
)
def test_a_story_with_a_measurable_number_gets_no_hint(client_of, learner, result):
    make_story(learner, title="Measured", result=result)
    assert not story_hint_shown(client_of.get("/stories/"), "Measured")


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
    assert response.status_code == 302 and response.url == "/stories/"
    assert (story.title, story.result) == ("Retitled", "Shipped two days early.")


def test_editing_a_story_without_a_result_is_refused(client_of, learner):
    story = make_story(learner)
    response = client_of.post(f"/stories/{story.pk}/edit/", story_form(result=""))
    story.refresh_from_db()
    assert response.status_code == 422
    assert field_error(response, "result") == "This field is required."
    assert story.result == "Run time fell from 50 to 6 minutes."


def test_deleting_a_story_removes_it(client_of, learner):
    story = make_story(learner)
    response = client_of.post(f"/stories/{story.pk}/delete/")
    assert response.status_code == 302 and response.url == "/stories/"
    assert Story.objects.count() == 0


# --- mock interviews ---------------------------------------------------------------------


def test_the_mocks_page_shows_a_mock_with_its_scores(client_of, learner):
    make_mock(learner, interviewer="Pat Mentor", scores=3)
    page = html(client_of.get("/mocks/"))
    rows = re.findall(r'<tr><th scope="row">(.*?)</th><td>(\d)/4</td></tr>', page)
    assert "(Pat Mentor)" in page
    assert [(unescape(name), score) for name, score in rows] == [
        (d.name, "3") for d in dimensions()
    ]


def test_the_mocks_page_does_not_show_another_learners_mock(client_of, learner, other_learner):
    make_mock(learner, interviewer="My peer")
    make_mock(other_learner, interviewer="Their secret peer")
    page = html(client_of.get("/mocks/"))
    assert "(My peer)" in page and "Their secret peer" not in page


def test_the_mock_form_offers_a_score_for_every_live_rubric_dimension(client_of):
    response = client_of.get("/mocks/")
    offered = [name for name in form_values(response) if name.startswith("score_")]
    live = dimensions()
    assert len(live) == 8
    assert offered == [f"score_{d.pk}" for d in live]
    assert [label(response, f"score_{d.pk}") for d in live] == [d.name for d in live]


def test_the_mock_form_leaves_out_a_retired_dimension(client_of):
    retired = dimensions()[0]
    retire(retired)
    assert f"score_{retired.pk}" not in form_values(client_of.get("/mocks/"))


def test_recording_a_mock_saves_it_with_its_scores_and_topics(client_of, learner):
    first = dimensions()[0]
    response = client_of.post("/mocks/", mock_form())
    mock = MockInterview.objects.get()
    assert response.status_code == 302 and response.url == "/mocks/"
    assert (mock.user, mock.interviewer, scores_of(mock), list(mock.topics.all())) == (
        learner,
        "Sam Peer",
        [(first.pk, 2)],
        [topic()],
    )


def test_a_mock_with_no_score_at_all_is_refused(client_of):
    first = dimensions()[0]
    response = client_of.post("/mocks/", mock_form(**{f"score_{first.pk}": ""}))
    assert response.status_code == 422
    assert form_error(response) == "Score at least one rubric dimension."
    assert form_values(response)["interviewer"] == ["Sam Peer"]
    assert MockInterview.objects.count() == 0


def test_a_mock_dated_two_days_ahead_is_refused_next_to_the_date(client_of):
    ahead = (today() + timedelta(days=2)).isoformat()
    response = client_of.post("/mocks/", mock_form(held_on=ahead))
    assert response.status_code == 422
    assert field_error(response, "held_on") == "Record a mock once it has happened."
    assert form_values(response)["held_on"] == [ahead]
    assert MockInterview.objects.count() == 0


@pytest.mark.parametrize("day", ["1999-12-31", "0001-01-01"])
def test_a_mock_dated_before_2000_is_refused_next_to_the_date(client_of, day):
    response = client_of.post("/mocks/", mock_form(held_on=day))
    assert response.status_code == 422
    assert field_error(response, "held_on") == TOO_EARLY
    assert form_values(response)["held_on"] == [day]
    assert MockInterview.objects.count() == 0


def test_a_mock_dated_1_january_2000_is_accepted(client_of):
    response = client_of.post("/mocks/", mock_form(held_on="2000-01-01"))
    assert response.status_code == 302
    assert MockInterview.objects.get().held_on == date(2000, 1, 1)


def test_a_mock_topic_id_too_large_for_the_database_is_refused_next_to_the_topics(client_of):
    response = client_of.post("/mocks/", mock_form(topics=[topic().pk, HUGE_ID]))
    assert response.status_code == 422
    assert field_error(response, "topics") == (
        f"Select a valid choice. {HUGE_ID} is not one of the available choices."
    )
    values = form_values(response)
    assert (values["topics"], values["interviewer"]) == ([str(topic().pk)], ["Sam Peer"])
    assert MockInterview.objects.count() == 0


def test_oversized_mock_notes_are_refused_next_to_the_notes(client_of):
    response = client_of.post("/mocks/", mock_form(notes="n" * 4001))
    assert response.status_code == 422
    assert field_error(response, "notes") == "Keep this under 4000 characters."
    assert form_values(response)["notes"] == ["n" * 4001]
    assert MockInterview.objects.count() == 0


def test_mock_notes_of_exactly_4000_characters_are_accepted(client_of):
    response = client_of.post("/mocks/", mock_form(notes="n" * 4000))
    assert response.status_code == 302
    assert MockInterview.objects.get().notes == "n" * 4000


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
    mock = make_mock(learner, scores=0)  # 0: no scores (None gives the default 3)
    first, second = dimensions()[:2]
    MockScore.objects.create(mock=mock, dimension=second, score=3)
    values = form_values(client_of.get(f"/mocks/{mock.pk}/edit/"))
    assert (values[f"score_{first.pk}"], values[f"score_{second.pk}"]) == ([""], ["3"])


def test_editing_a_mock_replaces_its_scores(client_of, learner):
    mock = make_mock(learner, scores=3)
    first, second = dimensions()[:2]
    response = client_of.post(
        f"/mocks/{mock.pk}/edit/",
        mock_form(**{f"score_{first.pk}": "", f"score_{second.pk}": "4"}),
    )
    assert response.status_code == 302 and response.url == "/mocks/"
    assert scores_of(mock) == [(second.pk, 4)]


def test_deleting_a_mock_removes_it_and_its_scores(client_of, learner):
    mock = make_mock(learner)
    response = client_of.post(f"/mocks/{mock.pk}/delete/")
    assert response.status_code == 302 and response.url == "/mocks/"
    assert (MockInterview.objects.count(), MockScore.objects.count()) == (0, 0)


def test_a_low_mock_score_shows_as_the_reason_for_interview_communication(client_of):
    client_of.post("/mocks/", mock_form(**{f"score_{d.pk}": "1" for d in dimensions()}))
    weak = re.search(r'id="weak-areas".*?</section>', html(client_of.get("/progress/")), re.S)[0]
    entry = re.search(r'data-topic="interview-communication">.*?</li>', weak, re.S)[0]
    reasons = re.search(r'<span class="muted">(.*?)</span>', entry, re.S)[1]
    assert reasons == "mock scores average 1.0/4"


# --- retired curriculum on a mock ------------------------------------------------------------


@pytest.fixture
def mock_with_retired(learner):
    """A mock scored 3 on every dimension and covering two topics; then the first dimension
    and the first topic are retired."""
    mock = make_mock(learner, scores=3)
    mock.topics.set([topic("system-design"), topic("databases-sql")])
    retire(dimensions()[0])
    retire(topic("system-design"))
    return mock


def test_the_mock_edit_page_labels_a_retired_dimension_retired(client_of, mock_with_retired):
    retired = RubricDimension.objects.get(retired=True)
    response = client_of.get(f"/mocks/{mock_with_retired.pk}/edit/")
    assert response.status_code == 200
    assert label(response, f"score_{retired.pk}") == f"{retired.name} (retired)"


def test_the_mock_edit_page_shows_the_score_of_a_retired_dimension(client_of, mock_with_retired):
    retired = RubricDimension.objects.get(retired=True)
    values = form_values(client_of.get(f"/mocks/{mock_with_retired.pk}/edit/"))
    assert values[f"score_{retired.pk}"] == ["3"]


def test_the_mock_edit_page_shows_a_retired_topic_checked(client_of, mock_with_retired):
    values = form_values(client_of.get(f"/mocks/{mock_with_retired.pk}/edit/"))
    assert sorted(values["topics"]) == sorted(
        [str(topic("system-design").pk), str(topic("databases-sql").pk)]
    )


def test_saving_a_mock_unchanged_keeps_the_score_of_a_retired_dimension(
    client_of, mock_with_retired
):
    url = f"/mocks/{mock_with_retired.pk}/edit/"
    before = scores_of(mock_with_retired)
    response = client_of.post(url, form_values(client_of.get(url)))
    assert response.status_code == 302
    assert len(before) == 8 and scores_of(mock_with_retired) == before


def test_saving_a_mock_unchanged_keeps_a_retired_topic(client_of, mock_with_retired):
    url = f"/mocks/{mock_with_retired.pk}/edit/"
    response = client_of.post(url, form_values(client_of.get(url)))
    assert response.status_code == 302
    assert sorted(mock_with_retired.topics.values_list("slug", flat=True)) == [
        "databases-sql",
        "system-design",
    ]


def test_the_mock_form_for_a_new_mock_does_not_offer_a_retired_topic(client_of):
    retired = topic("system-design")
    retire(retired)
    response = client_of.post("/mocks/", mock_form(topics=[retired.pk]))
    assert response.status_code == 422
    assert field_error(response, "topics") == (
        f"Select a valid choice. {retired.pk} is not one of the available choices."
    )
    assert MockInterview.objects.count() == 0


# --- one record per submitted form ---------------------------------------------------------


@pytest.mark.parametrize("area", AREAS)
def test_the_add_form_carries_a_fresh_submission_key_each_time(client_of, area):
    first = form_values(client_of.get(f"/{area}/"))["submission"]
    second = form_values(client_of.get(f"/{area}/"))["submission"]
    assert len(first) == 1 and uuid.UUID(first[0]) and first != second


@pytest.mark.parametrize("area", AREAS)
def test_posting_the_same_form_twice_creates_one_record(client_of, area):
    data = FORMS[area](submission=str(uuid.uuid4()))
    first, second = client_of.post(f"/{area}/", data), client_of.post(f"/{area}/", data)
    assert (first.status_code, second.status_code) == (302, 302)
    assert MODELS[area].objects.count() == 1


@pytest.mark.parametrize("area", AREAS)
def test_two_forms_with_different_submission_keys_create_two_records(client_of, area):
    client_of.post(f"/{area}/", FORMS[area](submission=str(uuid.uuid4())))
    client_of.post(f"/{area}/", FORMS[area](submission=str(uuid.uuid4())))
    assert MODELS[area].objects.count() == 2


def test_a_refused_form_keeps_its_submission_key(client_of):
    key = str(uuid.uuid4())
    response = client_of.post("/practice/", practice_form(minutes="0", submission=key))
    assert form_values(response)["submission"] == [key]


def test_a_refused_then_corrected_form_posted_twice_creates_one_problem(client_of):
    key = str(uuid.uuid4())
    client_of.post("/practice/", practice_form(minutes="0", submission=key))
    client_of.post("/practice/", practice_form(submission=key))
    client_of.post("/practice/", practice_form(submission=key))
    assert PracticeProblem.objects.count() == 1


def test_a_repeated_mock_submission_keeps_the_scores_of_the_first(client_of):
    first = dimensions()[0]
    key = str(uuid.uuid4())
    client_of.post("/mocks/", mock_form(submission=key))
    client_of.post("/mocks/", mock_form(submission=key, **{f"score_{first.pk}": "4"}))
    assert scores_of(MockInterview.objects.get()) == [(first.pk, 2)]


# --- new evidence turns the plan's review days ---------------------------------------------


X = "behavioural-company"  # late in topic order: never among the review topics by default


@pytest.fixture
def planned(curriculum, learner, learner_client):
    """An onboarded learner who rated every topic 4, so one failure makes a topic weakest;
    the four-week plan at 90 minutes a day keeps its six review-weak-areas items (with less
    time, whole-lesson compression drops some)."""
    ratings = {t.pk: 4 for t in Topic.objects.filter(kind__in=["study", "skills"])}
    onboard(learner, learner.today, ratings=ratings, minutes_per_day=90)
    assert len(review_weak_topics(learner)) == 6
    return learner_client


def failed_problem(client, learner) -> PracticeProblem:
    """Log an unsolved problem in X through the page; it makes X the weakest topic."""
    client.post("/practice/", practice_form(topic=topic(X).pk, solved=""))
    assert review_weak_topics(learner)[0] == X
    return PracticeProblem.objects.get(user=learner)


def poor_mock(client, learner) -> MockInterview:
    """Record a mock covering X scored 1 everywhere; it makes X the weakest topic."""
    client.post(
        "/mocks/",
        mock_form(topics=[topic(X).pk], **{f"score_{d.pk}": "1" for d in dimensions()}),
    )
    assert review_weak_topics(learner)[0] == X
    return MockInterview.objects.get(user=learner)


def test_before_any_evidence_the_review_days_do_not_name_the_test_topic(planned, learner):
    assert X not in review_weak_topics(learner)


def test_deleting_the_problem_that_made_a_topic_weakest_turns_review_days_away_from_it(
    planned, learner
):
    problem = failed_problem(planned, learner)
    planned.post(f"/practice/{problem.pk}/delete/")
    topics = review_weak_topics(learner)
    assert len(topics) == 6 and X not in topics


def test_marking_that_problem_solved_turns_review_days_away_from_its_topic(planned, learner):
    problem = failed_problem(planned, learner)
    planned.post(f"/practice/{problem.pk}/edit/", practice_form(topic=topic(X).pk))
    topics = review_weak_topics(learner)
    assert len(topics) == 6 and X not in topics


def test_moving_that_problem_to_another_topic_turns_review_days_to_the_new_one(planned, learner):
    problem = failed_problem(planned, learner)
    other = "concurrency-async"
    planned.post(f"/practice/{problem.pk}/edit/", practice_form(topic=topic(other).pk, solved=""))
    topics = review_weak_topics(learner)
    assert topics[0] == other and X not in topics


def test_deleting_the_mock_that_made_a_topic_weakest_turns_review_days_away_from_it(
    planned, learner
):
    mock = poor_mock(planned, learner)
    planned.post(f"/mocks/{mock.pk}/delete/")
    topics = review_weak_topics(learner)
    assert len(topics) == 6 and X not in topics


def test_rescoring_that_mock_well_turns_review_days_away_from_its_topic(planned, learner):
    mock = poor_mock(planned, learner)
    planned.post(
        f"/mocks/{mock.pk}/edit/",
        mock_form(topics=[topic(X).pk], **{f"score_{d.pk}": "4" for d in dimensions()}),
    )
    topics = review_weak_topics(learner)
    assert len(topics) == 6 and X not in topics


# --- who may do what ---------------------------------------------------------------------


def snapshot(area: str, pk: int) -> dict:
    """Everything stored for one record, to show it unchanged."""
    row = dict(MODELS[area].objects.filter(pk=pk).values().get())
    if area == "mocks":
        mock = MockInterview.objects.get(pk=pk)
        row["scores"] = scores_of(mock)
        row["topics"] = sorted(mock.topics.values_list("pk", flat=True))
    return row


@pytest.fixture
def theirs(other_learner, curriculum):
    mock = make_mock(other_learner, interviewer="Theirs")
    mock.topics.set([topic()])
    return {
        "practice": make_problem(other_learner, title="Theirs").pk,
        "stories": make_story(other_learner, title="Theirs").pk,
        "mocks": mock.pk,
    }


@pytest.fixture
def mine(learner, curriculum):
    return {
        "practice": make_problem(learner).pk,
        "stories": make_story(learner).pk,
        "mocks": make_mock(learner).pk,
    }


def every_form(**overrides) -> dict:
    return {**practice_form(), **story_form(), **mock_form(), "title": "Mine now", **overrides}


@pytest.mark.parametrize("area", AREAS)
def test_another_learners_record_edit_page_answers_404(client_of, theirs, area):
    assert client_of.get(f"/{area}/{theirs[area]}/edit/").status_code == 404


@pytest.mark.parametrize("area", AREAS)
def test_posting_to_another_learners_record_edit_answers_404_and_changes_nothing(
    client_of, theirs, area
):
    before = snapshot(area, theirs[area])
    response = client_of.post(
        f"/{area}/{theirs[area]}/edit/", every_form(interviewer="Mine now", notes="Mine")
    )
    assert response.status_code == 404
    assert snapshot(area, theirs[area]) == before


@pytest.mark.parametrize("area", AREAS)
def test_deleting_another_learners_record_answers_404_and_keeps_it(client_of, theirs, area):
    before = snapshot(area, theirs[area])
    assert client_of.post(f"/{area}/{theirs[area]}/delete/").status_code == 404
    assert snapshot(area, theirs[area]) == before


@pytest.mark.parametrize("record_id", [TOO_LONG_ID, UNKNOWN_ID], ids=["20-digits", "unknown"])
@pytest.mark.parametrize("area", AREAS)
def test_an_id_that_names_no_record_answers_404_everywhere(client_of, mine, area, record_id):
    answers = (
        client_of.get(f"/{area}/{record_id}/edit/").status_code,
        client_of.post(f"/{area}/{record_id}/edit/", every_form()).status_code,
        client_of.post(f"/{area}/{record_id}/delete/").status_code,
    )
    assert answers == (404, 404, 404)
    assert MODELS[area].objects.count() == 1


@pytest.mark.parametrize("area", AREAS)
def test_the_owner_opens_the_record_edit_page(client_of, mine, area):
    response = client_of.get(f"/{area}/{mine[area]}/edit/")
    assert response.status_code == 200
    assert f'action="/{area}/{mine[area]}/delete/"' in html(response)


@pytest.mark.parametrize("area", AREAS)
def test_get_on_a_record_delete_answers_405_and_deletes_nothing(client_of, mine, area):
    assert client_of.get(f"/{area}/{mine[area]}/delete/").status_code == 405
    assert MODELS[area].objects.filter(pk=mine[area]).exists()


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
@pytest.mark.parametrize("area", AREAS)
def test_methods_a_record_page_does_not_serve_answer_405(client_of, mine, area, method):
    answers = (
        getattr(client_of, method)(f"/{area}/").status_code,
        getattr(client_of, method)(f"/{area}/{mine[area]}/edit/").status_code,
        getattr(client_of, method)(f"/{area}/{mine[area]}/delete/").status_code,
    )
    assert answers == (405, 405, 405)
    assert MODELS[area].objects.filter(pk=mine[area]).exists()


@pytest.mark.parametrize("area", AREAS)
def test_a_learner_without_a_plan_is_sent_to_onboarding_from_a_list(
    curriculum, planless_user, client, area
):
    client.force_login(planless_user)
    response = client.get(f"/{area}/")
    assert response.status_code == 302 and response.url == "/onboarding/"


@pytest.mark.parametrize("area", AREAS)
def test_a_learner_without_a_plan_opens_their_own_record_edit_page(
    curriculum, planless_user, client, area
):
    record = {"practice": make_problem, "stories": make_story, "mocks": make_mock}[area](
        planless_user
    )
    client.force_login(planless_user)
    assert client.get(f"/{area}/{record.pk}/edit/").status_code == 200


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
