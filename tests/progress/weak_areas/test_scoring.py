"""The weak-area score: a pure function of the evidence, no database."""

from datetime import date, timedelta

from progress.weak_areas.scoring import (
    HALF_LIFE_DAYS,
    STRONG,
    WEAK,
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
    """An unsolved problem today: 1 / (1 + e^-1); one half-life ago: 1 / (1 + e^-0.5)."""
    today = score(practice=[(TODAY, False, False)])
    half_life_ago = score(practice=[(TODAY - timedelta(days=HALF_LIFE_DAYS), False, False)])
    assert (today, half_life_ago) == (0.7311, 0.6225)


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
    assert reasons(mock_scores=[(YESTERDAY, 2.2)]) == ("mock scores average 2.2/4",)


def test_the_mock_reason_counts_the_mocks_when_there_are_several():
    mocks = [(YESTERDAY, 2.0), (TODAY, 3.0)]
    assert reasons(mock_scores=mocks) == ("mock scores average 2.5/4 over 2 mocks",)


def test_the_mock_reason_says_how_many_mocks_a_mentor_scored():
    assert reasons(mock_scores=[(YESTERDAY, 1.0)], mentor_mocks=1) == (
        "mock scores average 1.0/4 (1 scored by a mentor)",
    )


def test_the_mock_reason_counts_the_mocks_and_the_mentors_share_of_them():
    mocks = [(YESTERDAY, 1.0), (TODAY, 2.0), (TODAY, 3.0)]
    assert reasons(mock_scores=mocks, mentor_mocks=2) == (
        "mock scores average 2.0/4 over 3 mocks (2 scored by a mentor)",
    )


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


# --- poor evidence never looks strong, and the reasons say which way each piece counts ------


def area(**fields) -> WeakArea:
    return score_topic(evidence(**fields), TODAY)


def test_a_poor_mock_after_a_low_self_rating_makes_the_topic_weaker_not_stronger():
    """As reported: a 2.2/4 mock after a 1/5 rating moved the score towards strong."""
    before, after = area(rating=1), area(rating=1, mock_scores=[(TODAY, 2.2)])
    assert after.score > before.score
    assert after.weak_reasons == ("confidence 1/5", "mock scores average 2.2/4")


def test_solving_one_of_two_problems_on_a_day_leaves_a_low_rated_topic_where_it_was():
    """As reported: solving 1 of 2 problems moved the score towards strong."""
    both = [(TODAY, True, False), (TODAY, False, False)]
    before, after = area(rating=1), area(rating=1, practice=both)
    assert after.score == before.score
    assert (after.weak_reasons, after.neutral_reasons) == (
        ("confidence 1/5",),
        ("1 of 2 problems solved",),
    )


def test_a_good_mock_after_a_high_self_rating_makes_the_topic_stronger_not_weaker():
    before, after = area(rating=5), area(rating=5, mock_scores=[(TODAY, 3.0)])
    assert after.score < before.score
    assert after.strong_reasons == ("confidence 5/5", "mock scores average 3.0/4")


def test_a_problem_solved_with_a_hint_counts_as_weak():
    hinted = area(practice=[(TODAY, True, True)])
    assert hinted.score > 0.5 and hinted.weak_reasons == ("1 of 1 problem solved (1 with hints)",)


def test_a_mock_averaging_two_and_a_half_out_of_four_has_no_effect():
    middle = area(rating=2, mock_scores=[(TODAY, 2.5)])
    assert middle.score == score(rating=2)
    assert middle.neutral_reasons == ("mock scores average 2.5/4",)


def test_a_self_rating_of_three_has_no_effect():
    assert (score(rating=3), area(rating=3).neutral_reasons) == (0.5, ("confidence 3/5",))


def test_each_reason_is_labelled_with_the_way_its_evidence_moved_the_score():
    full = area(
        rating=4,
        practice=[(TODAY, True, True), (TODAY, False, False)],
        mock_scores=[(TODAY, 3.5)],
        overdue=1,
        reflections=[YESTERDAY],
    )
    assert full.effects == (STRONG, WEAK, STRONG, WEAK, WEAK)
    assert full.weak_reasons == (
        "1 of 2 problems solved (1 with hints)",
        "1 overdue",
        "named in 1 reflection",
    )
    assert full.strong_reasons == ("confidence 4/5", "mock scores average 3.5/4")
    assert full.neutral_reasons == ()


def test_recent_practice_decides_which_way_mixed_practice_counts():
    recent_success = (TODAY, True, False)
    old_failure = (TODAY - timedelta(days=60), False, False)
    assert area(practice=[recent_success, old_failure]).effects == (STRONG,)
    assert area(practice=[(TODAY, False, False), (TODAY - timedelta(60), True, False)]).effects == (
        WEAK,
    )


def test_a_topic_with_no_evidence_has_no_labelled_reasons():
    nothing = area()
    assert (nothing.effects, nothing.weak_reasons, nothing.strong_reasons) == ((), (), ())


# --- the result ----------------------------------------------------------------------------


def test_one_piece_of_evidence_alone_cannot_swing_a_topic_to_an_extreme():
    """The heaviest single pieces: a reflection today (weak), a rating of 5 (strong)."""
    assert (score(reflections=[TODAY]), score(rating=5)) == (0.8808, 0.2689)


def test_a_long_record_of_the_weakest_evidence_reaches_the_top_of_the_scale():
    weakest = score(
        rating=1,
        practice=[(TODAY, False, False)] * 10,
        mock_scores=[(TODAY, 1.0)] * 5,
        overdue=20,
        reflections=[TODAY] * 3,
    )
    assert weakest == 1.0


def test_a_long_record_of_the_strongest_evidence_reaches_the_bottom_of_the_scale():
    strongest = score(
        rating=5, practice=[(TODAY, True, False)] * 10, mock_scores=[(TODAY, 4.0)] * 5
    )
    assert strongest == 0.0


def test_a_thousand_problems_solved_score_zero_without_overflowing():
    assert score(practice=[(TODAY, True, False)] * 1000) == 0.0


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
