"""The weak-area score: a pure function of the evidence, no database."""

from datetime import date, timedelta

from progress.weak_areas.scoring import (
    HALF_LIFE_DAYS,
    WEAK_THRESHOLD,
    TopicEvidence,
    WeakArea,
    score_topic,
    weak_areas,
)

TODAY = date(2025, 6, 16)
YESTERDAY = TODAY - timedelta(days=1)


def evidence(**fields) -> TopicEvidence:
    return TopicEvidence("system-design", "System design", **fields)


def score(**fields) -> float:
    return score_topic(evidence(**fields), TODAY).score


def reasons(**fields) -> tuple[str, ...]:
    return score_topic(evidence(**fields), TODAY).reasons


# --- no evidence ---------------------------------------------------------------------------


def test_a_topic_with_no_evidence_scores_exactly_one_half():
    assert score() == 0.5


def test_a_topic_with_no_evidence_has_no_reasons():
    assert reasons() == ()


# --- each signal moves the score the right way --------------------------------------------


def test_a_lower_self_rating_makes_a_topic_weaker():
    assert score(rating=2) > score(rating=4)


def test_a_rating_of_one_is_weaker_than_no_rating_and_five_is_stronger():
    assert score(rating=1) > score() > score(rating=5)


def test_an_unsolved_problem_makes_a_topic_weaker_than_no_practice():
    assert score(practice=[(YESTERDAY, False, False)]) > score()


def test_a_problem_solved_unaided_makes_a_topic_stronger_than_no_practice():
    assert score(practice=[(YESTERDAY, True, False)]) < score()


def test_a_problem_solved_with_a_hint_sits_between_unaided_and_unsolved():
    unaided = score(practice=[(YESTERDAY, True, False)])
    hinted = score(practice=[(YESTERDAY, True, True)])
    unsolved = score(practice=[(YESTERDAY, False, False)])
    assert unaided < hinted < unsolved


def test_a_low_mock_score_makes_a_topic_weaker_than_a_high_one():
    assert score(mock_scores=[(YESTERDAY, 1.5)]) > score(mock_scores=[(YESTERDAY, 3.5)])


def test_a_mock_average_of_one_makes_a_topic_weaker_than_no_evidence():
    assert score(mock_scores=[(YESTERDAY, 1.0)]) > score()


def test_a_mock_average_of_four_makes_a_topic_stronger_than_no_evidence():
    assert score(mock_scores=[(YESTERDAY, 4.0)]) < score()


def test_overdue_items_make_a_topic_weaker():
    assert score(rating=4, overdue=2) > score(rating=4)


def test_more_overdue_items_make_a_topic_weaker_still():
    assert score(rating=4, overdue=3) > score(rating=4, overdue=1)


def test_overdue_items_beyond_five_count_no_further():
    assert score(rating=4, overdue=12) == score(rating=4, overdue=5)


def test_a_reflection_naming_the_topic_makes_it_weaker():
    assert score(rating=4, reflections=[YESTERDAY]) > score(rating=4)


def test_a_reflection_naming_the_topic_flags_an_otherwise_unknown_topic_as_weak():
    assert score_topic(evidence(reflections=[TODAY]), TODAY).is_weak


def test_a_topic_with_no_evidence_is_not_flagged_weak():
    assert not score_topic(evidence(), TODAY).is_weak


def test_a_score_at_the_threshold_is_weak_and_just_below_it_is_not():
    at, below = WeakArea("a", "A", WEAK_THRESHOLD, ()), WeakArea("b", "B", 0.5499, ())
    assert (WEAK_THRESHOLD, at.is_weak, below.is_weak) == (0.55, True, False)


def test_the_percent_is_the_score_out_of_a_hundred_rounded():
    assert WeakArea("a", "A", 0.8333, ()).percent == 83


# --- recency -------------------------------------------------------------------------------


def test_a_problem_failed_today_weighs_more_than_the_same_failure_sixty_days_ago():
    today = score(rating=4, practice=[(TODAY, False, False)])
    long_ago = score(rating=4, practice=[(TODAY - timedelta(days=60), False, False)])
    assert today > long_ago


def test_a_problem_solved_today_outweighs_one_failed_sixty_days_ago():
    recent_success = (TODAY, True, False)
    old_failure = (TODAY - timedelta(days=60), False, False)
    assert score(practice=[recent_success, old_failure]) < 0.5


def test_a_low_mock_score_today_weighs_more_than_the_same_score_sixty_days_ago():
    today = score(rating=4, mock_scores=[(TODAY, 1.0)])
    long_ago = score(rating=4, mock_scores=[(TODAY - timedelta(days=60), 1.0)])
    assert today > long_ago


def test_evidence_weighs_half_as_much_after_one_half_life():
    """An unsolved problem today: (0.25 + 1) / 1.5; one half-life ago: (0.25 + 0.5) / 1."""
    today = score(practice=[(TODAY, False, False)])
    half_life_ago = score(practice=[(TODAY - timedelta(days=HALF_LIFE_DAYS), False, False)])
    assert (today, half_life_ago) == (0.8333, 0.75)


def test_a_reflection_today_weighs_more_than_one_sixty_days_ago():
    today = score(rating=4, reflections=[TODAY])
    long_ago = score(rating=4, reflections=[TODAY - timedelta(days=60)])
    assert today > long_ago


def test_evidence_dated_in_the_future_weighs_like_evidence_from_today():
    tomorrow = score(rating=4, practice=[(TODAY + timedelta(days=1), False, False)])
    today = score(rating=4, practice=[(TODAY, False, False)])
    assert tomorrow == today


# --- reasons -------------------------------------------------------------------------------


def test_the_rating_reason_states_the_confidence_out_of_five():
    assert reasons(rating=2) == ("confidence 2/5",)


def test_the_practice_reason_counts_solved_tried_and_hinted_problems():
    practice = (
        [(YESTERDAY, True, False)] * 1
        + [(YESTERDAY, True, True)] * 2
        + [(YESTERDAY, False, False)] * 4
    )
    assert reasons(practice=practice) == ("3 of 7 problems solved (2 with hints)",)


def test_the_practice_reason_leaves_out_hints_when_none_were_used():
    practice = [(YESTERDAY, True, False), (YESTERDAY, False, False)]
    assert reasons(practice=practice) == ("1 of 2 problems solved",)


def test_the_practice_reason_is_singular_for_one_problem():
    assert reasons(practice=[(YESTERDAY, False, False)]) == ("0 of 1 problem solved",)


def test_an_unsolved_problem_with_a_hint_is_not_counted_among_the_hinted_solutions():
    practice = [(YESTERDAY, True, True), (YESTERDAY, False, True)]
    assert reasons(practice=practice) == ("1 of 2 problems solved (1 with hints)",)


def test_the_mock_reason_states_the_average_score_out_of_four():
    assert reasons(mock_scores=[(YESTERDAY, 2.0), (TODAY, 3.0)]) == ("mock scores average 2.5/4",)


def test_the_overdue_reason_counts_every_overdue_item():
    assert reasons(overdue=2) == ("2 overdue",)


def test_the_overdue_reason_counts_items_beyond_the_five_that_weigh():
    assert reasons(overdue=9) == ("9 overdue",)


def test_the_reflection_reason_is_singular_for_one_reflection():
    assert reasons(reflections=[YESTERDAY]) == ("named in 1 reflection",)


def test_the_reflection_reason_is_plural_for_several_reflections():
    assert reasons(reflections=[YESTERDAY, TODAY]) == ("named in 2 reflections",)


def test_reasons_come_in_the_order_rating_practice_mocks_overdue_reflections():
    full = reasons(
        rating=2,
        practice=[(YESTERDAY, True, True), (YESTERDAY, False, False)],
        mock_scores=[(YESTERDAY, 2.5)],
        overdue=2,
        reflections=[YESTERDAY],
    )
    assert full == (
        "confidence 2/5",
        "1 of 2 problems solved (1 with hints)",
        "mock scores average 2.5/4",
        "2 overdue",
        "named in 1 reflection",
    )


def test_old_evidence_still_appears_in_the_reasons():
    old = TODAY - timedelta(days=60)
    assert reasons(practice=[(old, False, False)]) == ("0 of 1 problem solved",)


# --- the result ----------------------------------------------------------------------------


def test_the_weakest_possible_evidence_scores_just_under_one():
    """The neutral prior keeps even the worst evidence off 1: (0.25 + 24.5) / 25."""
    weakest = score(
        rating=1,
        practice=[(TODAY, False, False)] * 10,
        mock_scores=[(TODAY, 1.0)] * 5,
        overdue=20,
        reflections=[TODAY] * 3,
    )
    assert weakest == 0.99


def test_the_strongest_possible_evidence_scores_just_over_zero():
    """The neutral prior keeps even the best evidence off 0: 0.25 / 16.5."""
    strongest = score(
        rating=5, practice=[(TODAY, True, False)] * 10, mock_scores=[(TODAY, 4.0)] * 5
    )
    assert strongest == 0.0152


def test_the_result_carries_the_topic_slug_and_title():
    area = score_topic(evidence(rating=3), TODAY)
    assert (area.slug, area.title) == ("system-design", "System design")


def test_weak_areas_sorts_the_weakest_topic_first():
    topics = [
        TopicEvidence("strong", "Strong", rating=5),
        TopicEvidence("weak", "Weak", rating=1),
        TopicEvidence("middling", "Middling", rating=3),
    ]
    assert [a.slug for a in weak_areas(topics, TODAY)] == ["weak", "middling", "strong"]


def test_weak_areas_keeps_the_given_order_for_equal_scores():
    topics = [TopicEvidence(slug, slug.title()) for slug in ("b", "a", "c")]
    assert [a.slug for a in weak_areas(topics, TODAY)] == ["b", "a", "c"]


def test_weak_areas_scores_every_topic_given():
    topics = [TopicEvidence(f"t{n}", f"T{n}", rating=n % 5 + 1) for n in range(12)]
    assert len(weak_areas(topics, TODAY)) == 12


def test_weak_areas_of_nothing_is_an_empty_list():
    assert weak_areas([], TODAY) == []
