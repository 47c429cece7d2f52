"""The weak-area score's promises, for any evidence: poor evidence never makes a topic look
stronger, good evidence never makes it look weaker, and every change shows in the reasons."""

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from progress.weak_areas.scoring import (
    MOCK_MIDPOINT,
    NEUTRAL,
    STRONG,
    WEAK,
    TopicEvidence,
    score_topic,
)

TODAY = date(2025, 6, 16)

days = st.dates(min_value=TODAY - timedelta(days=200), max_value=TODAY + timedelta(days=2))
problems = st.tuples(days, st.booleans(), st.booleans())
mock_averages = st.floats(min_value=1, max_value=4, allow_nan=False)


@st.composite
def evidence(draw) -> TopicEvidence:
    mocks = draw(st.lists(st.tuples(days, mock_averages), max_size=6))
    return TopicEvidence(
        "system-design",
        "System design",
        rating=draw(st.none() | st.integers(min_value=1, max_value=5)),
        practice=draw(st.lists(problems, max_size=8)),
        mock_scores=mocks,
        mentor_mocks=draw(st.integers(min_value=0, max_value=len(mocks))),
        overdue=draw(st.integers(min_value=0, max_value=8)),
        reflections=draw(st.lists(days, max_size=3)),
    )


def with_problem(e: TopicEvidence, day: date, solved: bool, hint: bool) -> TopicEvidence:
    return replace(e, practice=[*e.practice, (day, solved, hint)])


def with_mock(e: TopicEvidence, day: date, average: float, by_mentor: bool) -> TopicEvidence:
    return replace(
        e, mock_scores=[*e.mock_scores, (day, average)], mentor_mocks=e.mentor_mocks + by_mentor
    )


@st.composite
def poor_piece(draw):
    """A change that only says 'weak': a failure, a hint, a poor mock, an overdue item, a
    reflection naming the topic."""
    day = draw(days)
    kind = draw(st.sampled_from(["unsolved", "hint", "mock", "overdue", "reflection"]))
    flag = draw(st.booleans())  # a hint on an unsolved problem, a mentor on a mock
    if kind == "unsolved":
        return lambda e: with_problem(e, day, False, flag)
    if kind == "hint":
        return lambda e: with_problem(e, day, True, True)
    if kind == "mock":
        average = draw(st.floats(min_value=1, max_value=MOCK_MIDPOINT))
        return lambda e: with_mock(e, day, average, flag)
    if kind == "overdue":
        return lambda e: replace(e, overdue=e.overdue + 1)
    return lambda e: replace(e, reflections=[*e.reflections, day])


@st.composite
def good_piece(draw):
    """A change that only says 'strong': a problem solved unaided, a good mock."""
    day, by_mentor = draw(days), draw(st.booleans())
    if draw(st.booleans()):
        return lambda e: with_problem(e, day, True, False)
    average = draw(st.floats(min_value=MOCK_MIDPOINT, max_value=4))
    return lambda e: with_mock(e, day, average, by_mentor)


def scored(e: TopicEvidence):
    return score_topic(e, TODAY)


@given(evidence(), poor_piece())
def test_poor_evidence_never_makes_a_topic_look_stronger(before, add):
    assert scored(add(before)).score >= scored(before).score


@given(evidence(), good_piece())
def test_good_evidence_never_makes_a_topic_look_weaker(before, add):
    assert scored(add(before)).score <= scored(before).score


@given(evidence(), st.integers(min_value=1, max_value=5), st.integers(min_value=1, max_value=5))
def test_a_lower_self_rating_never_makes_a_topic_look_stronger(base, low, high):
    low, high = sorted((low, high))
    assert scored(replace(base, rating=low)).score >= scored(replace(base, rating=high)).score


@given(evidence(), poor_piece() | good_piece())
def test_whenever_new_evidence_moves_the_score_the_reasons_change(before, add):
    was, now = scored(before), scored(add(before))
    if now.score != was.score:
        assert now.reasons != was.reasons


@given(evidence())
def test_each_reason_says_which_way_its_evidence_moved_the_score(e):
    """Taking away the evidence behind a reason labelled weak never raises the score, behind
    one labelled strong never lowers it, behind one with no effect leaves it as it is."""
    area = scored(e)
    without = {
        "confidence": replace(e, rating=None),
        "problem": replace(e, practice=[]),
        "mock scores": replace(e, mock_scores=[], mentor_mocks=0),
        "overdue": replace(e, overdue=0),
        "reflection": replace(e, reflections=[]),
    }
    assert len(area.effects) == len(area.reasons)
    for reason, effect in zip(area.reasons, area.effects, strict=True):
        [rest] = [scored(v).score for key, v in without.items() if key in reason]
        if effect == WEAK:
            assert rest <= area.score
        elif effect == STRONG:
            assert rest >= area.score
        else:
            assert effect == NEUTRAL and rest == area.score


@given(evidence())
def test_the_score_stays_between_zero_and_one(e):
    assert 0 <= scored(e).score <= 1
