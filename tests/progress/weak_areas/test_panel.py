"""The weak-area panel on the progress page and the today view: each score with the reasons
behind it, grouped by the way they moved it, so every change can be read off the page."""

import re
from html import unescape

import pytest

from curriculum.models import RubricDimension, Topic
from progress.models import MockScore
from progress.plans.services import learner_changed
from tests.factories import MockInterviewFactory, PracticeProblemFactory, onboard

pytestmark = pytest.mark.django_db

TOPIC = "system-design"


@pytest.fixture
def rated_low(curriculum, learner, learner_client):
    """Signed in, with system design rated 1/5 and every other study topic 3/5."""
    study = Topic.objects.filter(kind="study")
    onboard(learner, learner.today, ratings={t.pk: 1 if t.slug == TOPIC else 3 for t in study})
    return learner_client


def entry(client, url: str = "/progress/", slug: str = TOPIC) -> tuple[int, list[str]]:
    """The score out of 100 and the text lines shown for one topic of the panel."""
    page = client.get(url).content.decode()
    panel = re.search(r'id="weak-areas".*?</section>', page, re.S)[0]
    item = re.search(rf'<li data-topic="{slug}">(.*?)</li>', panel, re.S)[1]
    score = int(re.search(r'class="weak-score">(\d+)/100<', item)[1])
    lines = [unescape(re.sub(r"<[^>]+>", "", line)).strip() for line in item.split("<div>")]
    return score, [" ".join(line.split()) for line in lines[1:]]


def poor_mock(learner, scores: list[int]) -> None:
    """A mock on system design with these dimension scores (its average is what counts)."""
    mock = MockInterviewFactory(user=learner, scores=0)
    mock.topics.set([Topic.objects.get(slug=TOPIC)])
    dimensions = RubricDimension.objects.filter(retired=False).order_by("order")
    MockScore.objects.bulk_create(
        MockScore(mock=mock, dimension=d, score=s) for d, s in zip(dimensions, scores, strict=False)
    )
    recorded(learner)


def recorded(learner) -> None:
    """Evidence written here goes around the app's pages, which would have made the learner's
    cached figures stale (progress.figures): do what they do."""
    learner_changed(learner_id=learner.pk)


def test_a_low_self_rating_is_shown_as_counting_as_weak(rated_low):
    assert entry(rated_low) == (73, ["Counts as weak: confidence 1/5"])


def test_a_poor_mock_after_a_low_rating_raises_the_score_and_says_why(rated_low, learner):
    before, _ = entry(rated_low)
    poor_mock(learner, [2, 2, 2, 2, 3])
    after, lines = entry(rated_low)
    assert after > before
    assert lines == ["Counts as weak: confidence 1/5; mock scores average 2.2/4"]


def test_solving_one_of_two_problems_leaves_the_score_and_shows_it_evened_out(rated_low, learner):
    before, _ = entry(rated_low)
    topic = Topic.objects.get(slug=TOPIC)
    PracticeProblemFactory(user=learner, topic=topic, solved=True, hint_used=False)
    PracticeProblemFactory(user=learner, topic=topic, solved=False)
    recorded(learner)
    after, lines = entry(rated_low)
    assert after == before
    assert lines == ["Counts as weak: confidence 1/5", "No effect: 1 of 2 problems solved"]


def test_strong_evidence_is_shown_apart_from_weak_evidence(rated_low, learner):
    topic = Topic.objects.get(slug=TOPIC)
    PracticeProblemFactory(user=learner, topic=topic, solved=True, hint_used=False)
    PracticeProblemFactory(user=learner, topic=topic, solved=True, hint_used=False)
    assert entry(rated_low)[1] == [
        "Counts as weak: confidence 1/5",
        "Counts as strong: 2 of 2 problems solved",
    ]


def test_the_today_view_shows_the_reasons_grouped_the_same_way(rated_low, learner):
    poor_mock(learner, [1, 1])
    score, lines = entry(rated_low, url="/")
    assert score == 88
    assert lines == ["Counts as weak: confidence 1/5; mock scores average 1.0/4"]


def test_a_topic_with_no_evidence_says_so(rated_low):
    score, _ = entry(rated_low, slug="interview-communication")
    page = rated_low.get("/progress/").content.decode()
    item = re.search(r'<li data-topic="interview-communication">(.*?)</li>', page, re.S)[1]
    assert score == 50 and "no evidence yet" in item and "Counts as" not in item


def test_the_panel_explains_the_yardsticks_below_the_list(rated_low):
    page = " ".join(rated_low.get("/progress/").content.decode().split())
    assert "a mock averaging under 2.5/4" in page
    assert "So poor results never make a topic look stronger." in page


def test_the_today_view_links_to_the_yardsticks_instead_of_repeating_them(rated_low):
    page = " ".join(rated_low.get("/").content.decode().split())
    assert '<a href="/progress/#weak-areas">How each piece of evidence counts</a>' in page
    assert "a mock averaging under 2.5/4" not in page
