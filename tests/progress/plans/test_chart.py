"""The progress page's weekly chart: bars scaled to the busiest week, drawn at a fixed natural
size whatever the number of weeks, with the current week marked."""

from progress.plans.chart import BAR, PLOT, WEEK, weekly_chart


def weeks(*counts: tuple[int, int]) -> list[dict]:
    return [
        {"week": n, "planned": planned, "done": done}
        for n, (planned, done) in enumerate(counts, start=1)
    ]


def test_bars_are_scaled_to_the_busiest_week():
    chart = weekly_chart(weeks((10, 10), (5, 2), (0, 0)), current_week=2)

    assert [w.planned_h for w in chart.weeks] == [PLOT, PLOT // 2, 0]
    assert [w.done_h for w in chart.weeks] == [PLOT, round(PLOT * 2 / 10), 0]
    # Every bar stands on the baseline.
    assert {w.planned_y + w.planned_h for w in chart.weeks} == {chart.baseline}
    assert {w.done_y + w.done_h for w in chart.weeks} == {chart.baseline}


def test_a_short_plan_draws_a_small_chart_no_taller_than_a_long_one():
    short = weekly_chart(weeks((14, 11), (13, 10), (14, 0)), current_week=3)
    long = weekly_chart(weeks(*[(14, 7)] * 12), current_week=3)

    assert short.height == long.height < 200
    assert short.width == 3 * WEEK + 2 * short.weeks[0].x
    assert long.width > short.width


def test_only_the_current_week_is_marked():
    chart = weekly_chart(weeks((3, 3), (3, 1), (3, 0)), current_week=2)

    assert [w.is_current for w in chart.weeks] == [False, True, False]
    assert chart.current.week == 2


def test_no_week_is_marked_before_or_after_the_plans_weeks():
    chart = weekly_chart(weeks((3, 3), (3, 1)), current_week=5)

    assert chart.current is None


def test_a_weeks_two_bars_sit_side_by_side_inside_its_column():
    chart = weekly_chart(weeks((3, 1), (3, 2)), current_week=1)

    for week in chart.weeks:
        assert week.x <= week.planned_x < week.planned_x + BAR < week.done_x
        assert week.done_x + BAR <= week.x + WEEK


def test_a_plan_without_items_draws_no_bars():
    chart = weekly_chart([], current_week=1)

    assert chart.weeks == [] and chart.current is None
